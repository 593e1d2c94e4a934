"""Q6's illustration in Keras's convention: lengths 4 and 2 padded to T=4, D=3, LSTM(5), with a mask."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.masking import mask_from_values, masked_forward, pad_sequences
from unrolled.shapes import describe

__all__ = ["B", "T", "D", "H", "lengths", "lstm_params", "mask_shape"]

# --8<-- [start:show]
D, H = 3, 5                           # 3 features per step, 5 units
rng = np.random.default_rng(0)
seqs = [rng.standard_normal((4, D)), rng.standard_normal((2, D))]  # lengths 4 and 2
x = pad_sequences(seqs, padding="post", dtype="float32")  # (B, T, D), zeros after
B, T, _ = x.shape
lengths = [len(s) for s in seqs]

lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, return_sequences=True)
print(lstm.table())

x_masked, mask = mask_from_values(x, 0.0)  # Masking(mask_value=0.0): (B, T, D), (B, T)
print("\nmask (True = real step):\n", mask)
layer = LSTM(D, H, seed=0)
y, h, c = masked_forward(layer, x_masked, mask, return_state=True)  # (B, T, H), (B, H), (B, H)
print("masked LSTM: output", y.shape, "h", h.shape, "c", c.shape)
print("outputs at the short row's pad steps repeat its last real output:",
      np.array_equal(y[1, 2], y[1, 1]) and np.array_equal(y[1, 3], y[1, 1]))
# --8<-- [end:show]

lstm_params = lstm.params
mask_shape = mask.shape
lengths = tuple(lengths)
