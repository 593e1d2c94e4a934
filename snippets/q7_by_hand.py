"""Two LSTMs by hand, one with go_backwards=True, summed per step: right only once the backward output is flipped."""
import numpy as np

from unrolled import LSTM, Bidirectional
from unrolled import bidirectional as bd

__all__ = ["raw_error", "flipped_error", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 2, 99, 13, 32
x = np.random.default_rng(0).normal(size=(B, T, D)).astype(np.float32)  # (B, T, D)
left = LSTM(D, H, seed=1)                        # reads steps 0 .. T-1
right = LSTM(D, H, seed=2)                       # the go_backwards=True one
wrapper = Bidirectional(left, right)             # the same two layers, wrapped

y_wrapper = bd.run(wrapper, x, "sum")            # (B, T, H)
y_left = left(x)                                 # (B, T, H)
y_right = bd.go_backwards(right, x)              # (B, T, H), in reversed time order
raw = y_left + y_right                           # the Keras 1 Merge(mode='sum')
fixed = y_left + y_right[:, ::-1]                # flip the backward output first
print("raw sum vs wrapper:    ", np.abs(raw - y_wrapper).max())
print("flipped sum vs wrapper:", np.abs(fixed - y_wrapper).max())
# --8<-- [end:show]

raw_error = round(float(np.abs(raw - y_wrapper).max()), 2)
flipped_error = float(np.abs(fixed - y_wrapper).max())
assert raw_error > 0.01 and flipped_error == 0.0
