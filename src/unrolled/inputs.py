"""Input shapes and layouts: what a recurrent layer reads, and how to get data into that shape.

A recurrent layer reads a 3-D array. Batch-first, as Keras and this package
lay it out, that is x (B, T, D): B sequences, T time steps, D features per
step. Keras is told the shape of one example, ``input_shape=(T, D)``, never
the batch axis; the data array always has it. PyTorch reads (T, B, D) unless
``batch_first=True``, and its ``h_n`` is (layers * directions, B, H) either way.

* ``check_sequences`` refuses what Keras refuses with "expected ndim=3,
  found ndim=2", and says which fix fits.
* ``one_step``, ``one_feature_per_step`` and ``windows`` are the three ways
  to make a 2-D table 3-D; only ``windows`` makes real sequences of a series.
* ``time_major`` and ``batch_first`` swap the first two axes with a
  transpose. A reshape to the same shape runs without error and mixes
  sequences (``reshape_is_not_transpose`` shows it).
"""

from __future__ import annotations

import numpy as np

from . import _checks

__all__ = ["keras_input_shape", "check_sequences", "one_step", "one_feature_per_step", "windows",
           "time_major", "batch_first", "reshape_is_not_transpose"]


def keras_input_shape(x) -> tuple:
    """What to pass as Keras's ``input_shape`` (or ``keras.Input(shape=...)``) for data x.

    The data's first axis is the batch, which Keras leaves out: x (N, T, D)
    gives (T, D).
    """
    x = _checks.array("x", x, ("N", "T", "D"), note="(samples, time steps, features)")
    return tuple(int(s) for s in x.shape[1:])


def check_sequences(x, features=None) -> np.ndarray:
    """Return x if it is (B, T, D) (with D == ``features`` if given), else raise saying how to fix it."""
    arr = np.asarray(x)
    if arr.ndim == 2:
        N, D = arr.shape
        raise ValueError(f"x: expected ndim=3 (batch, time steps, features), found ndim=2 with "
                         f"shape {arr.shape}. If each row is one step of {D} features, use "
                         f"x[:, None, :] -> ({N}, 1, {D}); if the {D} columns are successive "
                         f"times of one feature, x[:, :, None] -> ({N}, {D}, 1); for a long "
                         f"series, cut windows (N, T, D)")
    if arr.ndim != 3:
        raise ValueError(f"x: expected ndim=3 (batch, time steps, features), found "
                         f"ndim={arr.ndim} with shape {arr.shape}")
    if features is not None:
        _checks.array("x", arr, ("B", "T", _checks.positive_int("features", features)),
                      note=f"with D={features} features")
    return arr


def one_step(table) -> np.ndarray:
    """(N, D) -> (N, 1, D): every row a sequence of one step; the recurrence never runs."""
    table = _checks.array("table", table, ("N", "D"))
    return table[:, None, :]  # (N, 1, D)


def one_feature_per_step(table) -> np.ndarray:
    """(N, D) -> (N, D, 1): the D columns read as D time steps of one feature."""
    table = _checks.array("table", table, ("N", "D"))
    return table[:, :, None]  # (N, D, 1)


def windows(series, steps: int):
    """Every window of ``steps`` rows of a series and the row after it.

    ``series`` is (S,) or (S, D). Returns x (S - T, T, D) and y (S - T, D):
    window n is rows n..n+T-1, its target row n+T.
    """
    T = _checks.positive_int("steps", steps)
    series = np.asarray(series)
    if series.ndim == 1:
        series = series[:, None]  # (S, 1)
    series = _checks.array("series", series, ("S", "D"))
    S = series.shape[0]
    if S <= T:
        raise ValueError(f"steps: must be smaller than the series length {S}, got {T}")
    idx = np.arange(S - T)[:, None] + np.arange(T)[None, :]  # (S - T, T)
    return series[idx], series[T:]  # (S - T, T, D), (S - T, D)


def time_major(x) -> np.ndarray:
    """(B, T, D) -> (T, B, D), PyTorch's default layout, by swapping axes (a transpose)."""
    x = _checks.array("x", x, ("B", "T", "D"))
    return x.transpose(1, 0, 2)  # (T, B, D)


def batch_first(x) -> np.ndarray:
    """(T, B, D) -> (B, T, D), by swapping axes (a transpose)."""
    x = _checks.array("x", x, ("T", "B", "D"))
    return x.transpose(1, 0, 2)  # (B, T, D)


def reshape_is_not_transpose(x) -> dict:
    """Compare a transpose and a reshape from (B, T, D) to (T, B, D).

    Returns ``{"same_shape": bool, "same_values": bool,
    "sequences_mixed": int}``: the reshape has the right shape, but its
    column b no longer holds sequence b (the count of columns whose steps
    come from more than one sequence).
    """
    x = _checks.array("x", x, ("B", "T", "D"))
    B, T, D = x.shape
    right = x.transpose(1, 0, 2)  # (T, B, D)
    wrong = x.reshape(T, B, D)  # (T, B, D), same memory order, other meaning
    owner = np.broadcast_to(np.arange(B)[:, None, None], (B, T, D)).reshape(T, B, D)  # (T, B, D)
    mixed = sum(int(len(np.unique(owner[:, b])) > 1) for b in range(B))
    return {"same_shape": right.shape == wrong.shape,
            "same_values": bool(np.array_equal(right, wrong)), "sequences_mixed": mixed}
