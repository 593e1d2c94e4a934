"""Unrolling draws one box per time step, but there is one set of weights: the count of 'cells' is not a property of the layer."""
__all__ = ["D", "H"]  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.shapes import describe

# --8<-- [start:show]
D, H = 3, 4                               # features, units
for T in (5, 50, 500):                    # sequence lengths
    d = describe("keras", "lstm", units=H, features=D, steps=T, batch=1)
    print(f"T={T:3d}: params {d.params}")
for D_in in (3, 30, 300):                 # input widths (an embedding's output size, say)
    d = describe("keras", "lstm", units=H, features=D_in, steps=5, batch=1)
    print(f"D={D_in:3d}: kernel {d.weights[0].shape}, state (B, H) = (1, {H}), params {d.params}")

layer = unrolled.LSTM(features=D, units=H, seed=0)
before = {k: w.copy() for k, w in layer.weights.items()}
for T in (5, 500):
    y = layer(np.ones((1, T, D)))         # (1, T, H): the same weights read every step
unchanged = all(np.array_equal(before[k], layer.weights[k]) for k in before)
print("weights unchanged by running any number of steps:", unchanged)
# --8<-- [end:show]

params_by_steps = [describe("keras", "lstm", units=H, features=D, steps=T, batch=1).params for T in (5, 50, 500)]
assert len(set(params_by_steps)) == 1 and unchanged
