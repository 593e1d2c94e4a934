"""The GRU's two forms are two functions: the same weights give different states."""
import numpy as np

from unrolled.cells import gru_cell

# --8<-- [start:show]
B, T, D, H = 2, 6, 3, 4                        # batch, time steps, features, units
rng = np.random.default_rng(0)
x = rng.normal(size=(B, T, D))                 # (B, T, D)
W_xh = rng.normal(size=(D, 3 * H))             # (D, 3H): blocks z, r, n
W_hh = rng.normal(size=(H, 3 * H))             # (H, 3H)
b = rng.normal(size=3 * H)                     # (3H,): one bias, valid in both forms

states = {}
for reset_after in (True, False):
    h = np.zeros((B, H))                       # (B, H)
    for t in range(T):
        h = gru_cell(x[:, t], h, W_xh, W_hh, b, reset_after=reset_after)  # (B, H)
    states[reset_after] = h
gap = np.abs(states[True] - states[False]).max()
print("reset_after=True, last state: ", np.round(states[True][0], 3))
print("reset_after=False, last state:", np.round(states[False][0], 3))
print(f"largest difference after {T} steps: {gap:.3f}")
# --8<-- [end:show]

__all__ = ["B", "T", "D", "H", "largest_gap"]
largest_gap = float(gap)
assert largest_gap > 1e-2
