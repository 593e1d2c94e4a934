"""Parameters against units: the recurrent matrix makes the count grow about as H squared."""
__all__ = ["double_ratio"]  # what pages may quote with value(...)
import matplotlib.pyplot as plt
import numpy as np

from unrolled.shapes import describe

# --8<-- [start:show]
D = 256                                     # features (Q2's embedding width)
units = [2 ** k for k in range(2, 12)]      # 4 ... 2048
fig, ax = plt.subplots()
for cell, marker in (("rnn", "o"), ("gru", "s"), ("lstm", "^")):
    counts = [describe("keras", cell, units=H, features=D, steps=1, batch=1).params for H in units]
    ax.loglog(units, counts, marker=marker, label=cell)
ax.set(xlabel="units H (state width)", ylabel="parameters (count, log scale)",
       title=f"One Keras layer on {D} features")
ax.legend()

H = 1024
small = describe("keras", "lstm", units=H // 2, features=D, steps=1, batch=1).params
big = describe("keras", "lstm", units=H, features=D, steps=1, batch=1).params
print(f"LSTM on {D} features: {H // 2} units -> {small:,} params, {H} units -> {big:,} params "
      f"(x{big / small:.2f})")
# --8<-- [end:show]

double_ratio = big / small
ALT = (f"Log-log chart of parameter count against units for simple RNN, GRU and LSTM layers on "
       f"{D} features; the lines steepen towards slope two as the recurrent matrix dominates.")
