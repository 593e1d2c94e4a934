"""An LSTM layer of 4 units reading a sine wave: every gate, c and h at every step."""
__all__ = []  # what pages may quote with value(...)
import matplotlib.pyplot as plt
import numpy as np

import unrolled

# --8<-- [start:show]
B, T, D, H = 1, 40, 1, 4                   # batch, time steps, features, units
x = np.sin(np.linspace(0, 4 * np.pi, T)).reshape(B, T, D)  # (B, T, D)
layer = unrolled.LSTM(features=D, units=H, seed=0)
trace = layer.trace(x)                     # "h", "c", "i", "f", "g", "o": each (B, T, H)
names = ["i", "f", "g", "o", "c", "h"]
print({k: trace[k].shape for k in names})

fig, axes = plt.subplots(len(names), 1, sharex=True, figsize=(6.4, 7.2))
for ax, k in zip(axes, names):
    image = ax.imshow(trace[k][0].T, aspect="auto", cmap="coolwarm", vmin=-1, vmax=1)
    ax.set_ylabel(f"{k}\nunit")
    ax.set_yticks(range(H))
    ax.grid(False)
axes[-1].set_xlabel("time step t (steps)")
fig.colorbar(image, ax=axes, label="activation (no unit)")
# --8<-- [end:show]

ALT = (f"Six heatmaps over {T} time steps for an LSTM of {H} units reading a sine wave: "
       f"the input, forget and output gates between zero and one, the candidate g, the cell state c "
       f"and the hidden state h, one row per unit.")
