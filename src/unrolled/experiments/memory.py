"""A memory task: does a longer memory need more units?

Each sequence is T random values, uniform in [-1, 1]. At every step t the
model must output the value it read k steps earlier, x_{t-k} (zero for the
first k steps, as if zeros came before the start). To do that at every step
the state has to hold the last k values at once, so the claim "a longer
memory needs more capacity" predicts that the width needed grows with k.

Every sequence has the same length T, so only the lag k (how far back the
output must reach) changes, never the number of steps read.

An LSTM (tanh, Keras's initialisation) with a Dense(1) head on every step
(``Regressor(..., return_sequences=True)``) is trained with Adam for the same
number of epochs at every width and lag, several seeds. The score is the mean
squared error on fresh sequences, over the steps t >= k, divided by the
variance of the target (0: perfect recall; 1: no better than predicting 0).
"""

from __future__ import annotations

import numpy as np

from ..train import Regressor

NAME = "memory"
PARAMS = {"lags": [1, 4, 8, 16], "units": [2, 8, 32], "seeds": [0, 1, 2], "steps": 24,
          "samples": 256, "val_samples": 256, "epochs": 30, "lr": 0.01, "batch_size": 32,
          "good": 0.1}


# --8<-- [start:compute]
def sequences(n, steps, lag, rng):
    """x (n, T, 1) uniform in [-1, 1]; y (n, T, 1) with y_t = x_{t-lag}, zero for t < lag."""
    x = rng.uniform(-1, 1, size=(n, steps, 1)).astype(np.float32)  # (n, T, 1)
    y = np.zeros_like(x)  # (n, T, 1)
    y[:, lag:] = x[:, :steps - lag]
    return x, y


def recall_error(lag, units, seed, steps, samples, val_samples, epochs, lr, batch_size):
    """Normalised MSE on fresh sequences over the steps t >= lag, after training."""
    x, y = sequences(samples, steps, lag, np.random.default_rng([seed, lag]))  # (N, T, 1) each
    x_val, y_val = sequences(val_samples, steps, lag, np.random.default_rng([seed, lag, 1]))
    model = Regressor("lstm", features=1, units=units, return_sequences=True, seed=seed)
    model.fit(x, y, epochs=epochs, lr=lr, batch_size=batch_size, seed=seed)
    pred = model.predict(x_val)  # (N, T, 1)
    err = pred[:, lag:] - y_val[:, lag:]  # (N, T - lag, 1)
    return float(np.mean(err ** 2) / np.var(y_val[:, lag:]))


def compute(lags, units, seeds, steps, samples, val_samples, epochs, lr, batch_size, good):
    error = np.empty((len(lags), len(units), len(seeds)))  # normalised MSE
    for a, lag in enumerate(lags):
        for b, H in enumerate(units):
            for s, seed in enumerate(seeds):
                error[a, b, s] = recall_error(lag, H, seed, steps, samples, val_samples,
                                              epochs, lr, batch_size)
    median = np.median(error, axis=-1)  # (lags, units)
    # the smallest width whose median error is below `good`, per lag (0: none of them)
    needed = [next((H for b, H in enumerate(units) if median[a, b] < good), 0)
              for a in range(len(lags))]
    return {"error": error, "median": median, "low": error.min(axis=-1), "high": error.max(axis=-1),
            "needed": needed}
# --8<-- [end:compute]


COLORS = ("#e69f00", "#0072b2", "#d55e00", "#009e73")


def plot_error(r, lags, units, good):
    """Normalised recall error against the lag k: one line per width (median), each seed a dot."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    lags = np.asarray(lags)
    for b, H in enumerate(units):
        color = COLORS[b % len(COLORS)]
        ax.plot(lags, r["median"][:, b], color=color, marker="o", markersize=4, label=f"{H} units")
        for s in range(r["error"].shape[-1]):
            ax.scatter(lags, r["error"][:, b, s], color=color, s=10, alpha=0.45, linewidths=0)
    ax.axhline(good, color="#777777", linewidth=0.8, linestyle=":")
    ax.set_xticks(lags, [str(k) for k in lags])
    ax.set_ylim(-0.03, 1.05)
    ax.set(xlabel="lag k: output the value read k steps earlier (steps)",
           ylabel="recall error (MSE / variance)")
    ax.legend(loc="upper left", fontsize=8.5)
    return fig
