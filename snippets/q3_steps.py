"""Longer sequences do not need more units: the weights, and so the layer, do not depend on T."""
__all__ = ["params_at_every_length", "D", "H"]  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.shapes import describe

# --8<-- [start:show]
D, H = 1, 100                                 # the asker's feature and units
for T in (2, 20, 200, 2000):                  # window lengths
    d = describe("keras", "lstm", units=H, features=D, steps=T, batch=1)
    print(f"T={T:4d}: params {d.params:,}, output {d.outputs[0].shape}")

layer = unrolled.LSTM(features=D, units=H, seed=0)
y = layer(np.ones((1, 2000, D)), return_sequences=False)  # (1, H): one layer, any length
print("the same layer on 2000 steps:", y.shape)
# --8<-- [end:show]

counts = {describe("keras", "lstm", units=H, features=D, steps=T, batch=1).params for T in (2, 20, 200, 2000)}
assert len(counts) == 1
params_at_every_length = counts.pop()
