"""The asker's model from Q3: 2 time steps, 1 feature, 100 LSTM units."""
__all__ = ["D", "H", "n_params", "T"]  # what pages may quote with value(...)
import matplotlib.pyplot as plt
import numpy as np

import unrolled

# --8<-- [start:show]
B, T, D, H = 1, 2, 1, 100                 # batch, time steps, features, units
x = np.array([[[8.0], [9.0]]])            # (B, T, D): one window of two lagged values

layer = unrolled.LSTM(features=D, units=H, activation="relu", seed=0)  # Keras's LSTM(100, activation='relu')
trace = layer.trace(x)                    # h and c at every step, each (B, T, H)
h = trace["h"]                            # (B, T, H)

for name, w in layer.weights.items():
    print(f"{name:5s}{w.shape}")          # one cell's weights, used at both steps
print("x    ", x.shape)
print("h    ", h.shape)
print("params", layer.num_params)

fig, ax = plt.subplots()
for t, marker in zip(range(T), ("o", "s")):
    ax.plot(np.arange(H), h[0, t], marker, markersize=3, label=f"after step t={t}")
j = int(np.argmax(h[0, -1]))              # one unit: the papers' memory cell j
ax.annotate(f"unit {j}: one memory cell\n(the papers' sense)", xy=(j, h[0, -1, j]),
            xytext=(0.55, 0.9), textcoords="axes fraction", ha="right", va="center",
            arrowprops={"arrowstyle": "->"})
ax.set_ylim(top=1.3 * h.max())
ax.set(xlabel="unit j (index into the state vector)", ylabel="h_t[j] (no unit)",
       title=f"The layer's state: {H} numbers, updated at each of {T} steps")
ax.legend(loc="upper left")
# --8<-- [end:show]

n_params = layer.num_params
units_alive = int((h[0, -1] > 0).sum())
ALT = (f"Dot plot of the {H} entries of the LSTM's hidden state after each of the {T} time steps "
       f"for one input window; {units_alive} of the {H} units are positive after the last step, "
       f"and an arrow marks unit {j}, the largest, as one memory cell in the papers' sense.")
