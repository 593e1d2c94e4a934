"""return_sequences and return_state: what a Keras layer hands back, and that the last output is the state."""
__all__ = []  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.shapes import describe

# --8<-- [start:show]
B, T, D, H = 2, 5, 3, 4                    # batch, time steps, features, units
for seqs in (False, True):
    for state in (False, True):
        d = describe("keras", "lstm", units=H, features=D, steps=T, batch=B,
                     return_sequences=seqs, return_state=state)
        print(f"return_sequences={seqs!s:5s} return_state={state!s:5s}:",
              ", ".join(f"{o.name} {o.shape}" for o in d.outputs))

layer = unrolled.LSTM(features=D, units=H, seed=0)
x = np.random.default_rng(0).normal(size=(B, T, D))  # (B, T, D)
y, h_T, c_T = layer(x, return_sequences=True, return_state=True)  # (B, T, H), (B, H), (B, H)
print("last step of the sequence is h_T:", np.array_equal(y[:, -1], h_T))
# --8<-- [end:show]

last_is_state = bool(np.array_equal(y[:, -1], h_T))
assert last_is_state
