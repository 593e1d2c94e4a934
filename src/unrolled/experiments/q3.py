"""Q3's data: the series 1, 2, ..., 10 cut into windows of two lagged values.

``windows(series, steps)`` gives x (N, T, 1) and y (N,): each window of
``steps`` consecutive values, and the value that follows it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["windows", "train_set", "continuation_set", "STEPS"]

STEPS = 2  # the asker's two lagged values


def windows(series, steps=STEPS):
    """x (N, T, 1): every run of ``steps`` values; y (N,): the value after each."""
    series = np.asarray(series, dtype=np.float32)
    N = len(series) - steps
    x = np.stack([series[k:k + steps] for k in range(N)])[:, :, None]  # (N, T, 1)
    return x, series[steps:]  # (N, T, 1), (N,)


def train_set():
    """The asker's series 1..10: 8 windows, [1, 2] -> 3 up to [8, 9] -> 10."""
    return windows(np.arange(1, 11))


def continuation_set():
    """The same rule carried on, 11..20 (plus the two values before): [9, 10] -> 11 up to [18, 19] -> 20."""
    return windows(np.arange(9, 21))
