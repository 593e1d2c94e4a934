"""The simple RNN cell in three lines, checked against the package and its parameter count."""
__all__ = ["keras_params", "pytorch_params"]  # what pages may quote with value(...)
import numpy as np

from unrolled.cells import rnn_cell
from unrolled.shapes import describe

# --8<-- [start:show]
B, D, H = 2, 3, 4                          # batch, features, units
rng = np.random.default_rng(0)
x_t, h_prev = rng.normal(size=(B, D)), rng.normal(size=(B, H))  # (B, D), (B, H)
W_xh, W_hh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=H)

h_t = np.tanh(x_t @ W_xh + h_prev @ W_hh + b)  # (B, D) @ (D, H) + (B, H) @ (H, H) -> (B, H)

print("h_t", h_t.shape, "matches unrolled.cells.rnn_cell:",
      np.allclose(h_t, rnn_cell(x_t, h_prev, W_xh, W_hh, b)))
for fw in ("keras", "pytorch"):
    print(fw, "params:", describe(fw, "rnn", units=H, features=D, steps=1, batch=B).params)
# --8<-- [end:show]

keras_params = describe("keras", "rnn", units=H, features=D, steps=1, batch=B).params
pytorch_params = describe("pytorch", "rnn", units=H, features=D, steps=1, batch=B).params
