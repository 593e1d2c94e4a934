"""Gradients through time: how much of the loss's gradient reaches the first step?

A model (one recurrent layer, then Dense(1) on the last step's h) reads a
random sequence of T steps and is scored by the squared error on a random
target. ``Regressor.loss_and_gradients`` returns dL/dh_t at every step; we
compare its norm at the first step with its norm at the last,
||dL/dh_1|| / ||dL/dh_T||, for a simple RNN and an LSTM (tanh, Keras's
initialisation, untrained), few units and many, several seeds.

A second sweep isolates width: the simple RNN, the LSTM and the GRU at
several widths, with one input feature (Q3's setting) and with eight, at a few
lengths, more seeds. Its summary gives, per cell and setting, which way a
wider layer moves the ratio and how many seeds agree.
"""

from __future__ import annotations

import numpy as np

from ..train import Regressor

NAME = "gradients"
PARAMS = {"cells": ["rnn", "lstm"], "units": [4, 256], "steps": [2, 5, 10, 20, 50, 100, 200],
          "features": 8, "batch": 16, "seeds": [0, 1, 2], "profile_steps": 100,
          "width": {"cells": ["rnn", "lstm", "gru"], "units": [4, 16, 64, 256], "features": [1, 8],
                    "steps": [10, 50, 100], "seeds": [0, 1, 2, 3, 4]}}


# --8<-- [start:compute]
def dh_norms(cell, units, steps, features, batch, seed):
    """||dL/dh_t|| for t = 1..T (norm over the batch and the units): (T,)."""
    rng = np.random.default_rng([seed, steps, units])
    x = rng.standard_normal((batch, steps, features)).astype(np.float32)  # (B, T, D)
    y = rng.standard_normal((batch, 1)).astype(np.float32)  # (B, 1)
    model = Regressor(cell=cell, features=features, units=units, seed=seed, dtype=np.float64)
    _, _, dh = model.loss_and_gradients(x, y)  # dh[0]: (B, T, H)
    return np.sqrt((dh[0] ** 2).sum(axis=(0, 2)))  # (T,)


def width_sweep(cells, units, features, steps, seeds, batch):
    """ratio (cells, features, units, steps, seeds) = ||dL/dh_1|| / ||dL/dh_T||."""
    ratio = np.empty((len(cells), len(features), len(units), len(steps), len(seeds)))
    for a, cell in enumerate(cells):
        for f, D in enumerate(features):
            for b, H in enumerate(units):
                for k, T in enumerate(steps):
                    for s, seed in enumerate(seeds):
                        norms = dh_norms(cell, H, T, D, batch, seed)  # (T,)
                        ratio[a, f, b, k, s] = norms[0] / norms[-1]
    return ratio


def compute(cells, units, steps, features, batch, seeds, profile_steps, width):
    ratio = np.empty((len(cells), len(units), len(steps), len(seeds)))
    profile = np.empty((len(cells), len(units), len(seeds), profile_steps))
    for a, cell in enumerate(cells):
        for b, H in enumerate(units):
            for s, seed in enumerate(seeds):
                for k, T in enumerate(steps):
                    norms = dh_norms(cell, H, T, features, batch, seed)  # (T,)
                    ratio[a, b, k, s] = norms[0] / norms[-1]
                profile[a, b, s] = dh_norms(cell, H, profile_steps, features, batch, seed)
    out = {"ratio": ratio, "profile": profile}
    T_last = steps[-1]
    for a, cell in enumerate(cells):
        for b, H in enumerate(units):
            out[f"median_{cell}_{H}_T{T_last}"] = float(np.median(ratio[a, b, -1]))
    w = width_sweep(batch=batch, **width)  # (cells, features, units, steps, seeds)
    out["width_ratio"] = w
    # per cell and number of features: the widest against the narrowest layer, seed by seed
    wide_keeps_more = w[:, :, -1] > w[:, :, 0]  # (cells, features, steps, seeds)
    out["wide_keeps_more_seeds"] = wide_keeps_more.sum(axis=-1)  # (cells, features, steps)
    med = np.median(w, axis=-1)  # (cells, features, units, steps)
    # how far the median moves across widths (at each length) and across lengths (at each width)
    out["width_factor"] = med.max(axis=2) / med.min(axis=2)  # (cells, features, steps)
    out["length_factor"] = med[..., 0] / med[..., -1]  # (cells, features, units): shortest / longest
    return out
# --8<-- [end:compute]


COLORS = {("rnn", 0): "#e69f00", ("rnn", 1): "#d55e00", ("lstm", 0): "#56b4e9", ("lstm", 1): "#0072b2"}
NAMES = {"rnn": "simple RNN", "lstm": "LSTM"}


def plot_ratio(r, cells, units, steps):
    """||dL/dh_1|| / ||dL/dh_T|| against T, log-log: median line, each seed a dot."""
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    steps = np.asarray(steps)
    for a, cell in enumerate(cells):
        for b, H in enumerate(units):
            runs = r["ratio"][a, b]  # (len(steps), seeds)
            color = COLORS[(cell, b)]
            ls = "-" if b else "--"
            ax.plot(steps, np.median(runs, axis=1), color=color, linestyle=ls, marker="o",
                    markersize=4, label=f"{NAMES[cell]}, {H} units")
            for s in range(runs.shape[1]):
                ax.scatter(steps, runs[:, s], color=color, s=8, alpha=0.4, linewidths=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(steps, [str(t) for t in steps])
    ax.minorticks_off()
    ax.set(xlabel="sequence length T, steps (log scale)",
           ylabel="‖dL/dh₁‖ / ‖dL/dh_T‖ (log scale)")
    ax.legend(loc="lower left", fontsize=8.5)
    return plain_log_ticks(fig)


def plot_profile(r, cells, units, profile_steps):
    """||dL/dh_t|| at every step t of one sequence of profile_steps steps (seed medians)."""
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    t = np.arange(1, profile_steps + 1)
    for a, cell in enumerate(cells):
        for b, H in enumerate(units):
            norms = r["profile"][a, b]  # (seeds, T)
            norms = norms / norms[:, -1:]  # relative to the last step
            ax.plot(t, np.median(norms, axis=0), color=COLORS[(cell, b)],
                    linestyle="-" if b else "--", label=f"{NAMES[cell]}, {H} units")
    ax.set_yscale("log")
    ax.set(xlabel=f"time step t of a {profile_steps}-step sequence",
           ylabel="‖dL/dh_t‖ / ‖dL/dh_T‖ (log)")
    ax.legend(loc="lower right", fontsize=8.5)
    return plain_log_ticks(fig)


def plot_width(r, width, steps_shown):
    """The width sweep at one length: ||dL/dh_1|| / ||dL/dh_T|| against units, one panel per cell."""
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    k = width["steps"].index(steps_shown)
    w = r["width_ratio"]  # (cells, features, units, steps, seeds)
    fig, axes = plt.subplots(1, len(width["cells"]), figsize=(7.2, 3.2), sharey=True)
    units = np.asarray(width["units"])
    for a, (ax, cell) in enumerate(zip(axes, width["cells"])):
        for f, (D, color, marker) in enumerate(zip(width["features"], ("#d55e00", "#0072b2"), ("o", "s"))):
            runs = w[a, f, :, k]  # (units, seeds)
            ax.plot(units, np.median(runs, axis=1), color=color, marker=marker, markersize=4,
                    label=f"{D} feature{'s' if D > 1 else ''}")
            for s in range(runs.shape[1]):
                ax.scatter(units, runs[:, s], color=color, s=8, alpha=0.4, linewidths=0)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(units, [str(u) for u in units])
        ax.minorticks_off()
        ax.set_title({"rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}[cell], fontsize=10.5)
        ax.set_xlabel("units H (log scale)")
    axes[0].set_ylabel(f"‖dL/dh₁‖ / ‖dL/dh_T‖, T = {steps_shown}")
    axes[0].legend(fontsize=8.5, loc="lower left")
    return plain_log_ticks(fig)
