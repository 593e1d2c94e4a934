"""State traces: the asker's model from Q3, trained, then watched step by step.

The model is Keras's ``LSTM(100, activation='relu')`` then ``Dense(1)``
(``unrolled.train.Regressor``), trained with Adam on the 8 windows of the
series 1..10. After training, the layer is run over every window with
``trace``, which records h, c, the three gates and the candidate (B, T, H) at each step.
"""

from __future__ import annotations

import numpy as np

from ..train import Regressor
from . import q3

NAME = "traces"
PARAMS = {"units": 100, "activation": "relu", "epochs": 300, "lr": 0.001, "seed": 0}
GATES = (("i", "input gate i"), ("f", "forget gate f"), ("g", "candidate g"),
         ("o", "output gate o"), ("c", "cell state c"), ("h", "hidden state h"))


# --8<-- [start:compute]
def compute(units, activation, epochs, lr, seed):
    x, y = q3.train_set()  # (N, T, 1), (N,)
    model = Regressor(cell="lstm", features=1, units=units, activation=activation, seed=seed)
    history = model.fit(x, y, epochs=epochs, lr=lr)
    trace = model.layers[0].trace(x)  # dict of (N, T, H): h, c, i, f, g, o
    x_next, y_next = q3.continuation_set()  # (M, T, 1), (M,)
    trace_next = model.layers[0].trace(x_next)  # dict of (M, T, H)
    return {
        "x": x[:, :, 0], "y": y, "loss": np.array(history["loss"]),  # (N, T), (N,), (epochs,)
        "pred": model.predict(x)[:, 0], "pred_next": model.predict(x_next)[:, 0],  # (N,), (M,)
        "x_next": x_next[:, :, 0], "y_next": y_next,
        **{k: v for k, v in trace.items()},  # (N, T, H) each
        "max_h_train": float(np.abs(trace["h"]).max()), "max_c_train": float(np.abs(trace["c"]).max()),
        "max_h_next": float(np.abs(trace_next["h"]).max()),
        "max_c_next": float(np.abs(trace_next["c"]).max()),
        "final_loss": float(history["loss"][-1]),
        "dead_units": int(np.sum(np.all(trace["h"] == 0, axis=(0, 1)))),
    }
# --8<-- [end:compute]


def plot_heatmaps(r):
    """Six heatmaps (gates, c, h): units down, (window, step) across; units in one order."""
    import matplotlib.pyplot as plt

    N, T, H = r["h"].shape
    order = np.argsort(r["h"][-1, -1])[::-1]  # units by their last h, largest first
    fig, axes = plt.subplots(1, 6, figsize=(11, 4.6), sharey=True, layout="none")
    fig.subplots_adjust(left=0.06, right=0.99, top=0.93, bottom=0.1, wspace=0.12)
    for ax, (key, title) in zip(axes, GATES):
        a = r[key][:, :, order].reshape(N * T, H).T  # (H, N*T): column = (window, step)
        if key in ("i", "f", "o"):
            im = ax.imshow(a, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="none")
        else:
            lim = float(np.abs(a).max()) or 1.0
            im = ax.imshow(a, aspect="auto", cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="none")
        ax.set_title(title, fontsize=10)
        ax.set_xticks(np.arange(T - 1, N * T, T), [f"{int(r['x'][n, -1])}" for n in range(N)], fontsize=7)
        ax.grid(False)
        # narrower than its panel, so the end labels of neighbouring colour bars never touch
        bar = fig.colorbar(im, ax=ax, orientation="horizontal", pad=0.08, fraction=0.05, shrink=0.8)
        bar.ax.tick_params(labelsize=7.5)
    axes[0].set_ylabel(f"unit (sorted by h at the last step), 0 to {H - 1}")
    fig.supxlabel(f"window, by its last value; {T} time steps per window", fontsize=9.5, y=0.01)
    return fig


def plot_lines(r, window=-1):
    """h_t and c_t of every unit at t = 0 (zero state), 1, 2, for one window."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    N, T, H = r["h"].shape
    t = np.arange(T + 1)
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.4), sharex=True)
    for ax, key, name in ((axes[0], "h", "hidden state h"), (axes[1], "c", "cell state c")):
        a = np.concatenate([np.zeros((1, H)), r[key][window]], axis=0)  # (T+1, H)
        xy = np.stack([np.broadcast_to(t[:, None], a.shape), a], axis=-1)  # (T+1, H, 2)
        # one collection, not a line object per unit: the same lines, drawn in a fraction of the time
        ax.add_collection(LineCollection(xy.transpose(1, 0, 2), colors="#0072b2", alpha=0.25, linewidths=1))
        ax.autoscale_view()
        ax.set(xlabel="time step t (0 = initial state)", ylabel=f"{key}_t of each unit (no unit)",
               title=f"{name}, {H} units")
        ax.set_xticks(t)
    return fig
