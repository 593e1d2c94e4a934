"""The same GRU, the same 1024-wide state, for a sentence of any length; the layer is a loop of one cell."""
__all__ = ["E", "H", "long_T", "short_T"]  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.cells import gru_cell

# --8<-- [start:show]
E, H = 256, 1024                          # embedding width, units
gru = unrolled.GRU(features=E, units=H, convention="pytorch", seed=0)
W = gru.weights                           # W_xh (E, 3H), W_hh (H, 3H), b (2, 3H)
rng = np.random.default_rng(1)

for T in (7, 100):                        # a short sentence and a tutorial-length one
    x = rng.normal(size=(1, T, E)).astype(np.float32)  # (1, T, E)
    seq = gru(x)                          # (1, T, H)
    h = np.zeros((1, H), np.float32)      # (1, H): the state before the first character
    for t in range(T):                    # the loop the layer runs: one cell per character
        h = gru_cell(x[:, t], h, W["W_xh"], W["W_hh"], W["b"])  # (1, H)
    gap = np.abs(seq[:, -1] - h).max()
    print(f"T={T:3d}: output {seq.shape}, state {h.shape}, "
          f"layer vs hand loop max |diff| = {gap:.1e}")
# --8<-- [end:show]

short_T, long_T = 7, 100
assert gap < 1e-5
