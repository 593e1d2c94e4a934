"""One sequence batch in Keras's and PyTorch's layouts, and what each framework is told about it."""
import numpy as np

from unrolled import inputs
from unrolled.shapes import describe

__all__ = ["x_shape", "input_shape", "time_major_shape", "h_n_shape"]

# --8<-- [start:show]
N, T, D, H = 32, 5, 3, 4
x = np.zeros((N, T, D), np.float32)             # (N, T, D): the data, batch first
print("data x:                     ", x.shape)
print("Keras input_shape (one example):", inputs.keras_input_shape(x))
print("Keras Input(batch_shape=...):   ", x.shape, "fixes the batch size too")
print("PyTorch default layout:      ", inputs.time_major(x).shape, "(T, B, D)")
print("PyTorch with batch_first=True:", x.shape)
torch_lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=N)
print("PyTorch h_n, either way:     ", torch_lstm.outputs[1].shape, "(layers * directions, B, H)")
# --8<-- [end:show]

x_shape, input_shape = x.shape, inputs.keras_input_shape(x)
time_major_shape, h_n_shape = inputs.time_major(x).shape, torch_lstm.outputs[1].shape
