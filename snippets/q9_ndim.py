"""The 'expected ndim=3, found ndim=2' error, and the three ways to make a table 3-D."""
import numpy as np

from unrolled import inputs

__all__ = ["N", "D", "table_shape", "one_step_shape", "one_feature_shape", "windows_shape",
           "input_shape", "keras_error", "input_dim_shape"]

# --8<-- [start:show]
N, D = 6, 3
table = np.arange(N * D, dtype=np.float32).reshape(N, D)  # (N, D): N rows of D numbers
try:
    inputs.check_sequences(table)
except ValueError as err:
    print(err)

print("\none step of D features:  ", inputs.one_step(table).shape)           # (N, 1, D)
print("D steps of one feature:  ", inputs.one_feature_per_step(table).shape)  # (N, D, 1)
x, y = inputs.windows(table, steps=4)             # windows of 4 rows, each predicting the next
print("windows of 4 rows:       ", x.shape, "targets", y.shape)              # (N-4, 4, D)
print("Keras input_shape for x: ", inputs.keras_input_shape(x))             # no batch axis
# --8<-- [end:show]

table_shape = table.shape
one_step_shape = inputs.one_step(table).shape
one_feature_shape = inputs.one_feature_per_step(table).shape
windows_shape = x.shape
input_shape = inputs.keras_input_shape(x)

# What Keras 3 says for the same mistake (the tests check this text against a real Keras run),
# and the shape input_dim=D declares: one axis, no time axis.
keras_error = "expected ndim=3, found ndim=2"
input_dim_shape = (None, D)
