"""Batch-first and time-major: swap the axes with a transpose; a reshape runs and mixes sequences."""
import numpy as np

from unrolled import inputs

__all__ = ["mixed", "B"]

# --8<-- [start:show]
B, T, D = 4, 5, 3
x = np.random.default_rng(0).normal(size=(B, T, D))   # (B, T, D), batch-first
print("transpose:", inputs.time_major(x).shape)        # (T, B, D), PyTorch's default
print("reshape:  ", x.reshape(T, B, D).shape)          # same shape, other contents
print(inputs.reshape_is_not_transpose(x))
# --8<-- [end:show]

mixed = inputs.reshape_is_not_transpose(x)["sequences_mixed"]
assert mixed == B
