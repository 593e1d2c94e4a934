"""Q3's claim about ReLU, in the asker's own model: LSTM(100, activation='relu') + Dense(1), trained on windows of 2."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get

r = get("traces")                       # the asker's model, trained (stored by `make figures`)
h = r["h"]                              # (N, T, H): h_t on the training windows
N, T, H = h.shape
above_one = int(np.any(h > 1, axis=(0, 1)).sum())  # units whose h leaves [0, 1]
print(f"training windows [1, 2] .. [8, 9]: h in [{h.min():.1f}, {h.max():.2f}], "
      f"{above_one} of {H} units go above 1")
print(f"continuation [9, 10] .. [18, 19]: largest h {r['max_h_next']:.2f}, largest c {r['max_c_next']:.2f}")
print(f"steps per window T = {T}: the gradient passes through {T - 1} recurrent step")
# --8<-- [end:show]

__all__ = ["T", "H", "N", "h_min", "h_max_train", "h_max_next", "above_one", "epochs"]
h_min = float(h.min())
h_max_train = float(h.max())
h_max_next = float(r["max_h_next"])
epochs = r.params["epochs"]
assert h_min >= 0                       # h = o * relu(c) with o in (0, 1): never negative
assert h_max_next > h_max_train > 1     # unbounded above, more so past the training range
