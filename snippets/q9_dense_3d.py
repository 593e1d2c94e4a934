"""A Dense layer on a 3-D input acts on the last axis, at every step; an LSTM consumes the time axis."""
import numpy as np

from unrolled.shapes import describe

__all__ = ["dense_shape", "lstm_shape", "units_dense", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D = 2, 5, 3
units_dense, H = 6, 4
x = np.random.default_rng(0).normal(size=(B, T, D))         # (B, T, D)
kernel, bias = np.ones((D, units_dense)), np.zeros(units_dense)  # Dense(6): (D, 6), (6,)
y = x @ kernel + bias                                       # (B, T, D) @ (D, 6) -> (B, T, 6)
print("Dense(6) on", x.shape, "->", y.shape)
lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B)
print("LSTM(4)  on", x.shape, "->", lstm.outputs[0].shape)
# --8<-- [end:show]

dense_shape, lstm_shape = y.shape, lstm.outputs[0].shape
assert dense_shape == (B, T, units_dense) and lstm_shape == (B, H)
