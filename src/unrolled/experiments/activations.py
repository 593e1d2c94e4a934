"""ReLU against tanh: how large do h and c get over long inputs?

An LSTM with Q3's width (100 units), Keras's initialisation, untrained, reads
a constant input for ``steps`` steps, once with ``activation="tanh"`` and once
with ``"relu"``. The inputs are 1 (a scaled series) and 10 (the size of Q3's
own unscaled values). For every step t we keep the largest |h| and |c| over
units so far. The trained Q3 model's own states come from ``traces``.
"""

from __future__ import annotations

import numpy as np

from ..layers import LSTM

NAME = "activations"
PARAMS = {"units": 100, "steps": 1000, "inputs": [1.0, 10.0], "seeds": [0, 1, 2, 3, 4],
          "activations": ["tanh", "relu"]}


# --8<-- [start:compute]
def compute(units, steps, inputs, seeds, activations):
    """Running max over steps and units of |h_t| and |c_t|: arrays (acts, inputs, seeds, T)."""
    shape = (len(activations), len(inputs), len(seeds), steps)
    max_h, max_c = np.empty(shape), np.empty(shape)
    for a, act in enumerate(activations):
        for k, value in enumerate(inputs):
            x = np.full((1, steps, 1), value, dtype=np.float32)  # (B=1, T, D=1)
            for s, seed in enumerate(seeds):
                trace = LSTM(1, units, activation=act, seed=seed).trace(x)  # (1, T, H) each
                with np.errstate(over="ignore", invalid="ignore"):
                    max_h[a, k, s] = np.maximum.accumulate(np.abs(trace["h"][0]).max(axis=1))  # (T,)
                    max_c[a, k, s] = np.maximum.accumulate(np.abs(trace["c"][0]).max(axis=1))  # (T,)
    return {"max_h": max_h, "max_c": max_c,
            "tanh_max_h": float(np.nanmax(max_h[0])), "relu_max_h_1": float(np.nanmax(max_h[1, 0])),
            "relu_max_h_10": float(np.nanmax(max_h[1, 1])),
            "tanh_max_c_10": float(np.nanmax(max_c[0, 1])),
            "relu_first_above_1": int(np.argmax(np.nanmin(max_h[1, 1], axis=0) > 1)) + 1}
# --8<-- [end:compute]


def plot_claimed_bound():
    """Q3's claim: relu keeps activations between 0 and this."""
    return 1.0


def plot(r, inputs):
    """Running max |h| and |c| against steps, log-log, one panel per input size."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    from ._ticks import plain_log_ticks

    fig, axes = plt.subplots(1, len(inputs), figsize=(7.2, 3.6), sharey=True)
    T = r["max_h"].shape[-1]
    t = np.arange(1, T + 1)
    styles = {("tanh", "h"): ("#0072b2", "-"), ("tanh", "c"): ("#0072b2", ":"),
              ("relu", "h"): ("#d55e00", "-"), ("relu", "c"): ("#d55e00", ":")}
    for k, (ax, value) in enumerate(zip(axes, inputs)):
        for a, act in enumerate(("tanh", "relu")):
            for key in ("h", "c"):
                color, ls = styles[(act, key)]
                runs = r[f"max_{key}"][a, k]  # (seeds, T)
                xy = np.stack([np.broadcast_to(t, runs.shape), runs], axis=-1)  # (seeds, T, 2)
                # one collection for the seeds, not a line object each: the same lines, drawn faster
                ax.add_collection(LineCollection(xy, colors=color, linestyles=ls, linewidths=1.3, alpha=0.8,
                                                 label=f"{act}: max |{key}|"))
        ax.axhline(plot_claimed_bound(), color="#555555", linewidth=0.8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.autoscale_view()
        ax.set(title=f"constant input x_t = {value:g}", xlabel="time step t (log scale)")
    axes[0].set_ylabel("largest |state| up to step t (log)")
    axes[-1].legend(loc="upper left", fontsize=8)
    return plain_log_ticks(fig)
