"""A cell is one time step; a layer is that cell called once per step, with the same weights."""
__all__ = []  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.cells import rnn_cell

# --8<-- [start:show]
B, T, D, H = 2, 6, 3, 4                    # batch, time steps, features, units
layer = unrolled.SimpleRNN(features=D, units=H, seed=0)
W = layer.weights                          # W_xh (D, H), W_hh (H, H), b (H,)
x = np.random.default_rng(0).normal(size=(B, T, D)).astype(np.float32)  # (B, T, D)

h = np.zeros((B, H), np.float32)           # (B, H): the state before step 0
steps = []
for t in range(T):                         # the layer, written out
    h = rnn_cell(x[:, t], h, W["W_xh"], W["W_hh"], W["b"])  # (B, D), (B, H) -> (B, H)
    steps.append(h)
by_hand = np.stack(steps, axis=1)          # (B, T, H)

print("one cell step:", x[:, 0].shape, "->", h.shape)
print("the layer:    ", x.shape, "->", layer(x).shape)
print("layer == loop of the cell:", np.allclose(layer(x), by_hand, atol=1e-6))
# --8<-- [end:show]

same = bool(np.allclose(layer(x), by_hand, atol=1e-6))
assert same
