"""The split in one run: the frameworks' cell updates all H units at once; the papers' memory cell j is one column of it."""
__all__ = ["B", "D", "H"]  # what pages may quote with value(...)
import numpy as np

from unrolled.cells import lstm_cell

# --8<-- [start:show]
B, D, H = 2, 3, 4                           # batch, features, units
rng = np.random.default_rng(0)
x_t, h_prev, c_prev = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
W_xh, W_hh, b = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)), rng.normal(size=4 * H)

h, c = lstm_cell(x_t, h_prev, c_prev, W_xh, W_hh, b)  # Keras's LSTMCell: (B, H) each

j = 2                                        # the papers' memory cell j: one scalar per sequence
cols = [k * H + j for k in range(4)]         # its input, forget, candidate and output gate
sig = lambda a: 1 / (1 + np.exp(-a))
z = x_t @ W_xh[:, cols] + h_prev @ W_hh[:, cols] + b[cols]  # (B, 4): four numbers per sequence
c_j = sig(z[:, 1]) * c_prev[:, j] + sig(z[:, 0]) * np.tanh(z[:, 2])  # (B,)
h_j = sig(z[:, 3]) * np.tanh(c_j)            # (B,)
print("frameworks' cell: c", c.shape, "  papers' memory cell j: c_j", c_j.shape)
print("memory cell j is column j of the framework's cell:",
      np.allclose(c[:, j], c_j) and np.allclose(h[:, j], h_j))
# --8<-- [end:show]

memory_cells_per_layer = H
assert np.allclose(c[:, j], c_j)
