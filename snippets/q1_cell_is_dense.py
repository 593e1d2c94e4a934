"""An LSTM cell (the frameworks' sense) is four dense layers of H units on [x_t, h_{t-1}], then elementwise rules."""
__all__ = ["dense_layers", "B", "D", "H"]  # what pages may quote with value(...)
import numpy as np

from unrolled.cells import lstm_cell

# --8<-- [start:show]
B, D, H = 2, 3, 4                          # batch, features, units
rng = np.random.default_rng(0)
x_t = rng.normal(size=(B, D))              # (B, D)
h_prev = rng.normal(size=(B, H))           # (B, H)
c_prev = rng.normal(size=(B, H))           # (B, H)
W_xh = rng.normal(size=(D, 4 * H))         # (D, 4H)
W_hh = rng.normal(size=(H, 4 * H))         # (H, 4H)
b = rng.normal(size=4 * H)                 # (4H,)

def dense(v, W, b, act):                   # one dense layer: act(v @ W + b)
    return act(v @ W + b)

sigmoid = lambda a: 1 / (1 + np.exp(-a))
v = np.concatenate([x_t, h_prev], axis=1)  # (B, D + H): what every gate reads
W = np.concatenate([W_xh, W_hh], axis=0)   # (D + H, 4H)
blocks = [slice(k * H, (k + 1) * H) for k in range(4)]
i, f, g, o = (dense(v, W[:, s], b[s], act)  # four dense layers, each (B, H)
              for s, act in zip(blocks, (sigmoid, sigmoid, np.tanh, sigmoid)))
c = f * c_prev + i * g                     # (B, H): elementwise, no weights
h = o * np.tanh(c)                         # (B, H)

h_ref, c_ref = lstm_cell(x_t, h_prev, c_prev, W_xh, W_hh, b)  # the package's cell
print("four dense layers of", H, "units each; output h", h.shape)
print("max |difference| from unrolled.cells.lstm_cell:", f"{max(np.abs(h - h_ref).max(), np.abs(c - c_ref).max()):.1e}")
# --8<-- [end:show]

dense_layers = len(blocks)
assert np.allclose(h, h_ref) and np.allclose(c, c_ref)
