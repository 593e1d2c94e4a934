"""h and c are the LSTM's state, recomputed at every step; the weights are separate arrays that do not change."""
__all__ = ["B", "D", "H", "T"]  # what pages may quote with value(...)
import numpy as np

import unrolled

# --8<-- [start:show]
B, T, D, H = 2, 5, 3, 4                   # batch, time steps, features, units
layer = unrolled.LSTM(features=D, units=H, seed=0)
for name, w in layer.weights.items():
    print(f"weight {name}: {w.shape}")    # fixed while the layer runs

x = np.random.default_rng(0).normal(size=(B, T, D))  # (B, T, D)
trace = layer.trace(x)                    # every step's h, c and gates
h, c = trace["h"], trace["c"]             # (B, T, H) each
print("h", h.shape, " c", c.shape)
print("c of the first sequence, step by step:")
print(np.round(c[0], 2))                  # (T, H): a new value at every step
# --8<-- [end:show]

state_width = h.shape[-1]
changes_every_step = bool(np.all(np.abs(np.diff(c[0], axis=0)).max(axis=1) > 0))
assert state_width == H and changes_every_step
