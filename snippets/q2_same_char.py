"""The same character at two positions gives two different 1024-wide states."""
__all__ = ["relative_gap"]  # what pages may quote with value(...)
import numpy as np

import unrolled

# --8<-- [start:show]
text = "to be or not to be"
vocab = sorted(set(text))
ids = np.array([[vocab.index(ch) for ch in text]])   # (1, T)
E, H = 256, 1024
table = np.random.default_rng(0).normal(0, 1, (len(vocab), E)).astype(np.float32)  # (V, E)
x = table[ids]                                       # (1, T, E)

gru = unrolled.GRU(features=E, units=H, convention="pytorch", seed=0)
seq = gru(x)                                         # (1, T, H)

first, second = text.index("b"), text.rindex("b")    # the two b's
same_input = np.array_equal(x[0, first], x[0, second])
gap = np.linalg.norm(seq[0, first] - seq[0, second]) / np.linalg.norm(seq[0, first])
print(f"'b' at steps {first} and {second}: same embedding? {same_input}")
print(f"relative difference of the two GRU outputs: {gap:.2f}")
# --8<-- [end:show]

relative_gap = float(gap)
assert same_input and relative_gap > 0.1
