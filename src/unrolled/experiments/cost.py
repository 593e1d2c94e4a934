"""The cost of units: parameters (exact arithmetic) and forward time (measured here).

Parameters come from ``unrolled.shapes.describe`` for both frameworks' conventions
and the three cells, at Q3's one input feature. Time is measured with the
package's benchmark, ``unrolled.bench.time_forward`` (an LSTM forward pass over
x (64, 100, 256), float32): each width once per round, ``rounds`` rounds, and
the fastest round kept. Times
depend on the machine and on what else it runs: the stored result records the
machine it was measured on.
"""

from __future__ import annotations

import inspect

import numpy as np

from ..bench import time_forward
from ..shapes import describe

NAME = "cost"
MACHINE_DEPENDENT = True
PARAMS = {"features": 1, "units": [1, 2, 4, 8, 16, 32, 64, 100, 128, 256, 512, 1024],
          "cells": ["rnn", "gru", "lstm"], "frameworks": ["keras", "pytorch"],
          "timed_units": [32, 64, 96, 100, 128, 160, 256, 512, 1000, 1024], "rounds": 5}


# --8<-- [start:compute]
def compute(features, units, cells, frameworks, timed_units, rounds):
    params = np.array([[[describe(fw, cell, units=H, features=features, steps=2, batch=1).params
                         for H in units] for cell in cells] for fw in frameworks])  # (F, C, U)
    # every width once per round, rounds interleaved, so a busy moment hits all widths alike;
    # the fastest round is the one least disturbed by whatever else the machine ran
    runs = np.array([[time_forward(H, repeats=1) for H in timed_units]
                     for _ in range(rounds)])  # (rounds, len(timed_units))
    seconds = runs.min(axis=0)  # (len(timed_units),)
    shape = {k: v.default for k, v in inspect.signature(time_forward).parameters.items()
             if k in ("batch", "steps", "features")}  # the benchmark's input x (B, T, D)
    t = dict(zip(timed_units, seconds.tolist()))
    return {"params": params, "seconds": seconds, "runs": runs, "bench_shape": shape,
            "t96": t[96], "t100": t[100], "t128": t[128], "t1000": t[1000], "t1024": t[1024],
            "ratio_100_128": t[100] / t[128], "ratio_1000_1024": t[1000] / t[1024],
            "lstm_keras_100": int(params[0, cells.index("lstm"), units.index(100)]),
            "lstm_pytorch_100": int(params[1, cells.index("lstm"), units.index(100)])}
# --8<-- [end:compute]


def plot_align():
    """Q3's claim: widths that are multiples of this are faster."""
    return 32


def plot_params(r, units, cells, frameworks):
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    colors = {"rnn": "#009e73", "gru": "#0072b2", "lstm": "#d55e00"}
    names = {"rnn": "simple RNN", "gru": "GRU", "lstm": "LSTM"}
    for f, fw in enumerate(frameworks):
        for c, cell in enumerate(cells):
            ax.plot(units, r["params"][f, c], color=colors[cell], linestyle="-" if f == 0 else "--",
                    marker="o" if f == 0 else None, markersize=3.5,
                    label=f"{names[cell]}, {'Keras' if fw == 'keras' else 'PyTorch'}")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set(xlabel="units H (log scale)", ylabel="trainable parameters (log scale)")
    ax.legend(fontsize=8.5, ncols=2)
    return plain_log_ticks(fig)


def plot_time(r, timed_units):
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.6))
    H = np.asarray(timed_units)
    s = r["seconds"]
    ax = axes[0]
    ax.plot(H, s * 1000, marker="o", color="#0072b2")
    for h, v in zip(H, s):
        if h in (96, 100, 128, 1000, 1024):
            # 96 and 100 sit close together: label 96 above-left so the two never overlap
            ax.annotate(str(h), (h, v * 1000), textcoords="offset points",
                        xytext=(-16, 5) if h == 96 else (4, -10), fontsize=8)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set(xlabel="units H (log scale)", ylabel="forward time, ms (log scale)",
           title=f"LSTM, x ({r['bench_shape']['batch']}, {r['bench_shape']['steps']}, "
                 f"{r['bench_shape']['features']})")
    ax = axes[1]
    shape = r["bench_shape"]
    B, T, D = shape["batch"], shape["steps"], shape["features"]
    flops = 2 * B * T * (D + H + 1) * 4 * H  # the matrix products: x_t @ W_xh and h @ W_hh, every step
    colors = ["#d55e00" if h % plot_align() == 0 else "#0072b2" for h in H]
    ax.bar([str(h) for h in H], flops / s / 1e9, color=colors)
    ax.set(xlabel=f"units H (orange: a multiple of {plot_align()})", ylabel="GFLOP/s of the matrix products",
           title="work done per second")
    ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    return plain_log_ticks(fig)
