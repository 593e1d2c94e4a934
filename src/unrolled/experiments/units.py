"""How many units? Q3's model with 1 to 128 units, and one unit against a linear model.

Part 1: the asker's task (windows of two values of 1..10 predicting the next)
trained with every width in ``units`` and several seeds; the loss on the
training windows and on the continuation 11..20 (validation by
extrapolation), after the same number of epochs.

Part 2: a target no linear model can fit, y = x_1 * x_2 for x uniform in
[low, high]: the best linear model in closed form (least squares) against one
LSTM unit followed by Dense(1).
"""

from __future__ import annotations

import numpy as np

from ..train import Regressor
from . import q3

NAME = "units"
PARAMS = {"units": [1, 2, 4, 8, 16, 32, 64, 100, 128], "seeds": [0, 1, 2], "activation": "relu",
          "epochs": 300, "lr": 0.001,
          "product": {"samples": 256, "low": -2.0, "high": 2.0, "epochs": 300, "lr": 0.01, "seeds": [0, 1, 2],
                      "activations": ["tanh", "relu"]}}


# --8<-- [start:sweep]
def sweep(units, seeds, activation, epochs, lr):
    """Training and validation MSE for every width and seed: arrays (len(units), len(seeds))."""
    x, y = q3.train_set()  # (8, 2, 1), (8,)
    x_val, y_val = q3.continuation_set()  # (10, 2, 1), (10,)
    train = np.empty((len(units), len(seeds)))
    val = np.empty((len(units), len(seeds)))
    pred_val = np.empty((len(units), len(seeds), len(y_val)))
    for a, H in enumerate(units):
        for b, seed in enumerate(seeds):
            model = Regressor(cell="lstm", features=1, units=H, activation=activation, seed=seed)
            model.fit(x, y, epochs=epochs, lr=lr)
            train[a, b] = model.evaluate(x, y)
            val[a, b] = model.evaluate(x_val, y_val)
            pred_val[a, b] = model.predict(x_val)[:, 0]  # (10,)
    return train, val, pred_val
# --8<-- [end:sweep]


# --8<-- [start:product]
def product(samples, low, high, epochs, lr, seeds, activations):
    """MSE of the best linear model and of one LSTM unit on y = x_1 * x_2."""
    rng = np.random.default_rng(0)
    x = rng.uniform(low, high, size=(samples, 2, 1)).astype(np.float32)  # (N, T=2, D=1)
    y = x[:, 0, 0] * x[:, 1, 0]  # (N,)
    A = np.column_stack([x[:, :, 0], np.ones(samples)])  # (N, 3): x_1, x_2, 1
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)  # (3,)
    linear = float(np.mean((A @ coef - y) ** 2))
    one_unit = {}
    for act in activations:
        losses = []
        for seed in seeds:
            model = Regressor(cell="lstm", features=1, units=1, activation=act, seed=seed)
            model.fit(x, y, epochs=epochs, lr=lr)
            losses.append(model.evaluate(x, y))
        one_unit[act] = losses
    return x[:, :, 0], y, linear, float(np.var(y)), one_unit
# --8<-- [end:product]


def compute(units, seeds, activation, epochs, lr, product):
    train, val, pred_val = sweep(units, seeds, activation, epochs, lr)
    px, py, linear, variance, one_unit = globals()["product"](**product)
    best = {act: int(np.argmin(v)) for act, v in one_unit.items()}
    x_val, y_val = q3.continuation_set()
    return {"train": train, "val": val, "pred_val": pred_val, "y_val": y_val,
            "x_val_last": x_val[:, -1, 0],
            "product_x": px, "product_y": py, "linear_mse": linear, "target_variance": variance,
            "one_unit_mse": one_unit,
            "one_unit_best_tanh": float(min(one_unit["tanh"])),
            "one_unit_best_relu": float(min(one_unit["relu"])),
            "one_unit_median_tanh": float(np.median(one_unit["tanh"])),
            "best_seed": best}


def plot_sweep(r, units):
    """Training and validation MSE against units (log axes), every seed and the median."""
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    units = np.asarray(units)
    _, y = q3.train_set()
    spans = {"train": f"training windows, targets {y.min():g} to {y.max():g}",
             "val": f"continuation, targets {r['y_val'].min():g} to {r['y_val'].max():g}"}
    for key, label, color in (("train", spans["train"], "#0072b2"), ("val", spans["val"], "#d55e00")):
        a = r[key]  # (len(units), seeds)
        for b in range(a.shape[1]):
            ax.scatter(units, a[:, b], s=14, color=color, alpha=0.45, linewidths=0)
        ax.plot(units, np.median(a, axis=1), color=color, marker="o", label=f"{label}, median")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(units, [str(u) for u in units], fontsize=8.5)
    ax.minorticks_off()
    ax.set(xlabel="LSTM units (log scale)", ylabel="mean squared error (log scale)")
    ax.legend(loc="best")
    return plain_log_ticks(fig)


def plot_product(r):
    """y = x_1 x_2 against the best linear fit and one LSTM unit's final MSE."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.2))
    names = ["best linear model\n(least squares)", "1 LSTM unit, tanh\n(best of seeds)",
             "1 LSTM unit, relu\n(best of seeds)", "predict the mean\n(variance of y)"]
    values = [r["linear_mse"], r["one_unit_best_tanh"], r["one_unit_best_relu"], r["target_variance"]]
    colors = ["#999999", "#0072b2", "#d55e00", "#cccccc"]
    ax.barh(names[::-1], values[::-1], color=colors[::-1])
    for k, v in enumerate(values[::-1]):
        ax.text(v, k, f" {v:.3f}", va="center", fontsize=9)
    ax.set(xlabel="mean squared error on y = x₁·x₂ (no unit)")
    ax.set_xlim(0, max(values) * 1.2)
    ax.grid(axis="y", visible=False)
    return fig
