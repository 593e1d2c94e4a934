"""Q4: what stateless and stateful keep between two calls, and what reset_state() clears."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.stateful import Stateful

__all__ = ["stateless_gap", "stateful_gap", "after_reset_gap", "weights_changed", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16
x = np.random.default_rng(1).standard_normal((B, T, D)).astype(np.float32)  # (B, T, D)
layer = LSTM(D, H, seed=0)
before = {n: w.copy() for n, w in layer.weights.items()}

first, again = layer(x, return_sequences=False), layer(x, return_sequences=False)  # (B, H) each
print("stateless, the same batch twice: largest difference", np.abs(first - again).max())

carried = Stateful(layer)             # stateful=True
one, two = carried(x, return_sequences=False), carried(x, return_sequences=False)  # (B, H) each
print("stateful, the same batch twice:  largest difference", np.abs(one - two).max())
carried.reset_state()                 # what an epoch-end callback calls
three = carried(x, return_sequences=False)  # (B, H)
print("stateful, after reset_state():   largest difference", np.abs(one - three).max())
print("weights changed by any of this:", any((layer.weights[n] != before[n]).any() for n in before))
# --8<-- [end:show]

stateless_gap = float(np.abs(first - again).max())
stateful_gap = float(np.abs(one - two).max())
after_reset_gap = float(np.abs(one - three).max())
weights_changed = any((layer.weights[n] != before[n]).any() for n in before)
assert stateless_gap == 0 and after_reset_gap == 0 and stateful_gap > 0
