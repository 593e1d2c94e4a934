"""Sequence wiring: many-to-one, many-to-many and one-to-many, batch-first.

* many-to-one: a recurrent layer's last output (B, H), then ``Dense``;
* many-to-many, same length: every step's output (B, T, H), then ``Dense``
  on the last axis. ``time_distributed(dense, h)`` applies the same layer
  step by step, which is what Keras's ``TimeDistributed(Dense)`` does; both
  give the same numbers, with the same weights;
* one-to-many and encoder-decoder: ``repeat_vector`` copies one vector to
  every output step (Keras's ``RepeatVector``) for a decoder to read.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .layers import LSTM, _glorot_uniform

__all__ = ["Dense", "time_distributed", "repeat_vector", "EncoderDecoder"]


class Dense:
    """Keras's Dense, PyTorch's nn.Linear: y = x @ W + b on the last axis of x (..., D)."""

    def __init__(self, features, units, *, seed=0, dtype=np.float32):
        self.features = _checks.positive_int("features", features)
        self.units = _checks.positive_int("units", units)
        rng = np.random.default_rng(seed)
        self.weights = {"W": _glorot_uniform(rng, (features, units), dtype),  # (D, K)
                        "b": np.zeros(units, dtype)}  # (K,)

    @property
    def num_params(self) -> int:
        return self.features * self.units + self.units

    def set_weights(self, W, b):
        W = _checks.array("W", W, (self.features, self.units))
        b = _checks.array("b", b, (self.units,))
        self.weights = {"W": W.astype(self.weights["W"].dtype), "b": b.astype(self.weights["b"].dtype)}

    def __call__(self, x):
        x = np.asarray(x)
        if x.ndim < 1 or x.shape[-1] != self.features:
            raise ValueError(f"x: expected shape (..., {self.features}), got {x.shape}")
        return x @ self.weights["W"] + self.weights["b"]  # (..., D) @ (D, K) -> (..., K)


def time_distributed(layer, x):
    """Apply ``layer`` to each step x[:, t] (B, ...) separately: (B, T, ...) -> (B, T, ...)."""
    if not callable(layer):
        raise ValueError(f"layer: expected a callable layer, got {type(layer).__name__}")
    x = np.asarray(x)
    if x.ndim < 3:
        raise ValueError(f"x: TimeDistributed needs a time axis, shape (B, T, ...), got {x.shape}")
    return np.stack([layer(x[:, t]) for t in range(x.shape[1])], axis=1)  # (B, T, ...)


def repeat_vector(v, n):
    """Keras's RepeatVector(n): (B, H) -> (B, n, H), the same vector at every step."""
    v = _checks.array("v", v, ("B", "H"))
    n = _checks.positive_int("n", n)
    return np.repeat(v[:, None, :], n, axis=1)  # (B, n, H)


class EncoderDecoder:
    """LSTM(H) -> RepeatVector(T_out) -> LSTM(H, return_sequences=True) -> TimeDistributed(Dense(K)).

    Reads (B, T_in, D) and returns (B, T_out, K); T_in and T_out need not
    match. Keras's initialisation and parameter counts (one LSTM bias).
    """

    def __init__(self, features, units, outputs, steps_out, *, seed=0, dtype=np.float32):
        self.steps_out = _checks.positive_int("steps_out", steps_out)
        self.encoder = LSTM(features, units, seed=[seed, 0], dtype=dtype)
        self.decoder = LSTM(units, units, seed=[seed, 1], dtype=dtype)
        self.dense = Dense(units, outputs, seed=[seed, 2], dtype=dtype)

    @property
    def num_params(self) -> int:
        return self.encoder.num_params + self.decoder.num_params + self.dense.num_params

    def __call__(self, x):
        h = self.encoder(x, return_sequences=False)  # (B, H) the whole input, summarised
        r = repeat_vector(h, self.steps_out)  # (B, T_out, H)
        s = self.decoder(r)  # (B, T_out, H)
        return time_distributed(self.dense, s)  # (B, T_out, K)
