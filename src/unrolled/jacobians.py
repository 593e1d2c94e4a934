"""How a state at step 0 moves the state at step t: Jacobians through time.

An LSTM's cell state is updated by addition, c_t = f_t * c_{t-1} + i_t * g_t.
Holding h_{t-1} and x_t fixed, the only way c_{t-1} reaches c_t is the first
term, so one step's Jacobian along this path is diagonal, diag(f_t), and over
t steps it is the product of the forget gates, entry by entry
(``forget_products``). No weight matrix and no activation's slope enter it.
The full dc_t/dc_0 adds the paths that leave the cell through h and come back
through the gates (``lstm_dc_dc0``, by finite differences).

A simple RNN has no such path: dh_t/dh_{t-1} = diag(act'(a_t)) @ W_hh.T, and
dh_t/dh_0 is the product of those full matrices (``rnn_dh_dh0``).
"""

from __future__ import annotations

import numpy as np

from .layers import LSTM, SimpleRNN

__all__ = ["forget_products", "lstm_dc_dc0", "rnn_dh_dh0", "cell_path"]


def _check(layer, cls, x):
    if not isinstance(layer, cls) or getattr(layer, "proj_size", 0):
        raise ValueError(f"layer: expected an unrolled.{cls.__name__}, got {type(layer).__name__}")
    return layer._check_x(x)  # (B, T, D)


def forget_products(layer, x) -> np.ndarray:
    """(B, T, H): prod_{s<=t} f_s for every step t, the diagonal of dc_t/dc_0 along the cell path."""
    x = _check(layer, LSTM, x)
    f = layer.trace(x)["f"]  # (B, T, H)
    return np.cumprod(f, axis=1)  # (B, T, H)


def cell_path(f, g_in, c0):
    """The cell path alone: c_t = f_t * c_{t-1} + g_in_t, with f and g_in (B, T, H) held fixed.

    Returns c (B, T, H). Its Jacobian dc_T/dc_0 is diag(prod_t f_t) exactly.
    """
    f, g_in, c = np.asarray(f), np.asarray(g_in), np.asarray(c0)
    if f.shape != g_in.shape or f.ndim != 3 or c.shape != (f.shape[0], f.shape[2]):
        raise ValueError(f"f, g_in, c0: expected (B, T, H), (B, T, H), (B, H), got "
                         f"{f.shape}, {g_in.shape}, {c.shape}")
    out = np.empty_like(f)  # (B, T, H)
    for t in range(f.shape[1]):
        c = f[:, t] * c + g_in[:, t]  # (B, H)
        out[:, t] = c
    return out


def lstm_dc_dc0(layer, x, eps: float = 1e-6) -> np.ndarray:
    """(B, H, H): the full dc_T/dc_0 of the layer on x, h_0 = 0 held fixed, by central differences.

    Entry [b, k, m] is d c_T[b, k] / d c_0[b, m]. Use a float64 layer.
    """
    x = _check(layer, LSTM, x)
    B, _, _ = x.shape
    H = layer.units
    h0 = np.zeros((B, H), layer.dtype)  # (B, H)
    J = np.empty((B, H, H))  # (B, H, H)
    for m in range(H):
        dc = np.zeros((B, H), layer.dtype)  # (B, H)
        dc[:, m] = eps
        _, _, c_plus = layer(x, initial_state=[h0, dc], return_state=True)  # (B, H)
        _, _, c_minus = layer(x, initial_state=[h0, -dc], return_state=True)  # (B, H)
        J[:, :, m] = (c_plus - c_minus) / (2 * eps)
    return J


def rnn_dh_dh0(layer, x) -> np.ndarray:
    """(B, T, H, H): dh_t/dh_0 at every step t of a simple RNN (tanh or relu), multiplied exactly.

    One step: dh_t/dh_{t-1} = diag(act'(a_t)) @ W_hh.T, with a_t the pre-activation.
    """
    x = _check(layer, SimpleRNN, x)
    B, T, _ = x.shape
    H = layer.units
    h = layer(x)  # (B, T, H)
    if layer.activation == "tanh":
        slope = 1 - h * h  # (B, T, H)
    elif layer.activation == "relu":
        slope = (h > 0).astype(h.dtype)  # (B, T, H)
    else:
        raise ValueError(f"layer: activation must be tanh or relu, got {layer.activation!r}")
    W_hh = layer.weights["W_hh"]  # (H, H), h_t = act(... + h_{t-1} @ W_hh)
    J = np.broadcast_to(np.eye(H), (B, H, H)).copy()  # (B, H, H)
    out = np.empty((B, T, H, H))  # (B, T, H, H)
    for t in range(T):
        J = slope[:, t, :, None] * (W_hh.T @ J)  # (B, H, H): diag(slope) @ W_hh.T @ J
        out[:, t] = J
    return out
