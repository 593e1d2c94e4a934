"""Q4's illustration in Keras's convention: LSTM(16, stateful=True) on 4 streams of 10-step windows, then Dense(1)."""
from pathlib import Path

import numpy as np

from unrolled.layers import LSTM
from unrolled.shapes import describe
from unrolled.stateful import Stateful

__all__ = ["keras_version", "B", "T", "D", "H", "lstm_params", "dense_params", "total_params", "state_shape",
           "output_shape"]

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16             # 4 streams, windows of 10 steps, 1 feature, 16 units

lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, return_state=True)
print(lstm.table())
dense_params = H * 1 + 1              # Dense(1) reads the last h (B, H)
print(f"\ndense/kernel ({H}, 1)  dense/bias (1,)  params {dense_params}")

layer = Stateful(LSTM(D, H, seed=0))  # the package's stateful=True
batches = np.random.default_rng(0).standard_normal((3, B, T, D)).astype(np.float32)  # (3, B, T, D)
for k, x in enumerate(batches):
    y = layer(x, return_sequences=False)  # (B, H)
    h, c = layer.states               # (B, H) each: one state per row
    print(f"after batch {k}: output {y.shape}, h {h.shape}, c {c.shape}")
layer.reset_state()                   # Keras 3: layer.reset_state(); Keras 2: model.reset_states()
print("after reset_state(): largest |h| =", np.abs(layer.states[0]).max())
# --8<-- [end:show]

lstm_params = lstm.params
total_params = lstm.params + dense_params
state_shape = tuple(h.shape)
output_shape = tuple(y.shape)
assert lstm_params == 4 * H * (D + H + 1)

# the version the cross-check tests run, pinned in the repository's lock file
_lock = Path(__file__).resolve().parent.parent / "requirements" / "test.lock"
keras_version = next(line.split("==")[1].strip() for line in _lock.read_text().splitlines()
                    if line.startswith("keras=="))
