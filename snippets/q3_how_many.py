"""On the asker's series, how many units are enough? Train 1, 2 and 8 units, three seeds each."""
import numpy as np

from unrolled.train import Regressor

# --8<-- [start:show]
series = np.arange(1, 11, dtype=np.float32)       # 1, 2, ..., 10
T = 2
x = np.stack([series[i:i + T] for i in range(len(series) - T)])[:, :, None]  # (8, 2, 1)
y = series[T:, None]                              # (8, 1)
x_val = np.array([[[9], [10]], [[15], [16]], [[28], [29]]], np.float32)  # (3, 2, 1): beyond the data
y_val = np.array([[11], [17], [30]], np.float32)  # (3, 1)

failed = {}
for H in (1, 2, 8):
    losses = []
    for seed in (0, 1, 2):
        model = Regressor("lstm", features=1, units=H, activation="relu", seed=seed)
        history = model.fit(x, y, epochs=200, lr=0.015, batch_size=8, x_val=x_val, y_val=y_val)
        losses.append((history["loss"][-1], history["val_loss"][-1]))
    failed[H] = sum(train > 1 for train, _ in losses)
    print(f"H={H:2d}: train MSE " + " ".join(f"{a:7.3f}" for a, _ in losses)
          + " | validation MSE " + " ".join(f"{b:7.2f}" for _, b in losses))
# --8<-- [end:show]

stuck_one, stuck_two, stuck_eight = failed[1], failed[2], failed[8]
seeds = 3
assert stuck_two >= 1 and stuck_eight == 0
