"""Q8: do Keras's two GRU forms train differently? reset_after=True (PyTorch's and cuDNN's form) against False.

The same task, data, widths, seeds and optimiser for both forms: a noisy sum of
two sines cut into windows of ``steps`` values, each predicting the next
value, a GRU of ``units`` units then Dense(1), trained with Adam on the mean
squared error. Only the place of the reset gate differs. Recorded: the
training loss after every epoch, per form and seed.
"""

from __future__ import annotations

import numpy as np

from ..inputs import windows
from ..train import Regressor

NAME = "gru_forms"
PARAMS = {"length": 160, "steps": 10, "noise": 0.1, "units": 8, "epochs": 40, "lr": 0.01,
          "batch_size": 32, "seeds": [0, 1, 2, 3, 4]}


def series(length, noise):
    """A seeded noisy sum of two sines, float32 (length,)."""
    t = np.arange(length)
    rng = np.random.default_rng(0)
    return (np.sin(0.3 * t) + 0.5 * np.sin(0.07 * t)
            + noise * rng.normal(size=length)).astype(np.float32)  # (length,)


def compute(length, steps, noise, units, epochs, lr, batch_size, seeds):
    x, y = windows(series(length, noise), steps)  # (N, T, 1), (N, 1)
    curves = np.empty((2, len(seeds), epochs))  # (form, seed, epoch)
    for a, reset_after in enumerate((True, False)):
        for b, seed in enumerate(seeds):
            model = Regressor(cell="gru", features=1, units=units, reset_after=reset_after,
                              seed=seed)
            history = model.fit(x, y[:, 0], epochs=epochs, lr=lr, batch_size=batch_size,
                                x_val=x, y_val=y[:, 0], seed=seed)
            curves[a, b] = history["val_loss"]  # loss on the training windows after each epoch
    final = curves[:, :, -1]  # (form, seed)
    return {"curves": curves, "windows": int(x.shape[0]),
            "final_after_mean": float(final[0].mean()), "final_after_std": float(final[0].std()),
            "final_before_mean": float(final[1].mean()),
            "final_before_std": float(final[1].std()),
            "after_wins": int(np.sum(final[0] < final[1]))}


def plot(r):
    """Training loss against epochs, one line per seed, both GRU forms."""
    import matplotlib.pyplot as plt

    from ._ticks import plain_log_ticks

    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    curves = r["curves"]  # (form, seed, epoch)
    epochs = np.arange(1, curves.shape[-1] + 1)
    for a, (label, color, ls) in enumerate((("reset_after=True (PyTorch, cuDNN)", "#0072b2", "-"),
                                            ("reset_after=False (older Keras)", "#d55e00", "--"))):
        for s in range(curves.shape[1]):
            ax.plot(epochs, curves[a, s], color=color, linestyle=ls, linewidth=1.3, alpha=0.8,
                    label=label if s == 0 else None)
    ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="training MSE (log scale)")
    ax.legend(loc="upper right", fontsize=8)
    return plain_log_ticks(fig)
