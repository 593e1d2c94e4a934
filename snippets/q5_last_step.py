"""Q5: return_sequences=False returns the last step of return_sequences=True."""
import numpy as np

from unrolled.layers import LSTM

__all__ = ["gap", "seq_shape", "last_shape", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 2, 3, 100, 64
x = np.random.default_rng(0).standard_normal((B, T, D)).astype(np.float32)  # (B, T, D)
layer = LSTM(D, H, seed=0)
every = layer(x, return_sequences=True)   # (B, T, H): h after every turn
last = layer(x, return_sequences=False)   # (B, H): h after the last turn
print(every.shape, last.shape)
print("last step of the sequence against the single output:", np.abs(every[:, -1] - last).max())
# --8<-- [end:show]

gap = float(np.abs(every[:, -1] - last).max())
seq_shape, last_shape = every.shape, last.shape
assert gap == 0
