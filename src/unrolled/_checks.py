"""Argument checks shared by every public function.

Each check raises ``ValueError`` whose message starts with the argument's name,
then says what was expected and what was received, for example::

    x: expected shape (B, T, 3) with D=3 features, got (4, 5, 2)
    units: must be a positive integer, got 0

The command line prints that message as its one-line error.
"""

from __future__ import annotations

import numbers

import numpy as np


def positive_int(name: str, value) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name}: must be a positive integer, got {value!r}")
    return int(value)


def non_negative_int(name: str, value) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name}: must be a non-negative integer, got {value!r}")
    return int(value)


def one_of(name: str, value, choices) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing them."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}: must be one of {listed}, got {value!r}")
    return value


def boolean(name: str, value) -> bool:
    """Return ``value`` if it is a bool (NumPy bools included), else raise."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name}: must be True or False, got {value!r}")
    return bool(value)


def _shape_text(expected) -> str:
    return "(" + ", ".join(str(e) for e in expected) + (",)" if len(expected) == 1 else ")")


def array(name: str, value, expected: tuple, *, note: str = "", dtype=None) -> np.ndarray:
    """Return ``value`` as an array whose shape fits ``expected``.

    ``expected`` mixes ints (must match) and letters (any size, but the same
    letter must be the same size everywhere in the tuple), e.g. ``("B", 3)``.
    """
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: expected an array of shape {_shape_text(expected)}, "
                         f"got {type(value).__name__} ({err})") from None
    note = f" {note}" if note else ""
    bad = arr.ndim != len(expected)
    seen: dict = {}
    if not bad:
        for want, got in zip(expected, arr.shape):
            if isinstance(want, str):
                if seen.setdefault(want, got) != got or got < 1:
                    bad = True
            elif want != got:
                bad = True
    if bad:
        raise ValueError(f"{name}: expected shape {_shape_text(expected)}{note}, "
                         f"got {tuple(arr.shape)}")
    if not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name}: expected real numbers, got dtype {arr.dtype}")
    return arr


def same_batch(name: str, arr: np.ndarray, batch: int, expected: tuple) -> None:
    """Raise if a state's batch size differs from the input's."""
    if arr.shape[0] != batch:
        raise ValueError(f"{name}: expected shape {_shape_text(expected)} with B={batch} "
                         f"to match x, got {tuple(arr.shape)}")
