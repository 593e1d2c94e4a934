"""Recurrent cells: each is a function of one time step.

A cell takes the input at one step, ``x_t`` (B, D), and the state left by the
previous step, and returns the new state. A layer (``unrolled.layers``) is
nothing more than a cell called once per step, left to right.

Weights are in Keras's layout, the layout of ``x_t @ W``:

=========  ============  ===================================================
name       shape         what it does
=========  ============  ===================================================
``W_xh``   (D, G*H)      input to hidden: the input's share of every gate
``W_hh``   (H, G*H)      hidden to hidden: the previous state's share
``b``      (G*H,)        one bias per gate unit (Keras's single bias), or
           (2, G*H)      row 0 added with the input, row 1 with the state
                         (PyTorch's ``bias_ih``/``bias_hh``; Keras's GRU with
                         ``reset_after=True``)
``W_hr``   (H, P)        LSTM only, PyTorch's ``proj_size``: hidden to
                         projected hidden, ``h_t = (o * tanh(c_t)) @ W_hr``
=========  ============  ===================================================

G is the number of gate blocks, side by side along the last axis, in Keras's
order: simple RNN 1; LSTM 4 (i, f, g, o: input, forget, candidate, output,
the same order as PyTorch); GRU 3 (z, r, n: update, reset, candidate; PyTorch
orders them r, z, n, and ``unrolled.convert`` reorders).

Every cell here is two functions. ``<kind>_cell`` is the textbook step and
takes ``x_t``. ``<kind>_step`` is the same step after the input projection
``xw_t = x_t @ W_xh + b_x`` has been done; layers project all steps at once
and then loop the ``_step`` function (see ``unrolled.layers``).
"""

from __future__ import annotations

import numpy as np

from . import _checks

__all__ = [
    "ACTIVATIONS", "activation_fn",
    "rnn_cell", "lstm_cell", "gru_cell",
    "rnn_step", "lstm_step", "gru_step",
    "split_bias",
]

# --- activations: f(a, out=None) -> array; out=a works in place ----------------


def _tanh(a, out=None):
    return np.tanh(a, out=out)


def _sigmoid(a, out=None):
    # 1 / (1 + exp(-a)) written as 0.5 * tanh(a / 2) + 0.5: never overflows
    out = np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def _relu(a, out=None):
    return np.maximum(a, 0, out=out)


def _hard_sigmoid(a, out=None):
    # Keras 3: relu6(a + 3) / 6
    out = np.add(a, 3, out=out)
    np.clip(out, 0, 6, out=out)
    out /= 6
    return out


def _linear(a, out=None):
    if out is None:
        return np.array(a, copy=True)
    if out is not a:
        out[...] = a
    return out


ACTIVATIONS = {
    "tanh": _tanh,
    "sigmoid": _sigmoid,
    "relu": _relu,
    "hard_sigmoid": _hard_sigmoid,
    "linear": _linear,
}


def activation_fn(name: str, argument: str = "activation"):
    """The activation called ``name``, as ``f(a, out=None)``."""
    _checks.one_of(argument, name, tuple(ACTIVATIONS))
    return ACTIVATIONS[name]


def split_bias(b: np.ndarray):
    """Return ``(b_x, b_h)``: the bias added with the input and with the state.

    A single bias (G*H,) goes with the input and ``b_h`` is None.
    """
    if b.ndim == 2:
        return b[0], b[1]
    return b, None


def _check_cell(x_t, h_prev, W_xh, W_hh, b, gates, state_size=None):
    W_xh = _checks.array("W_xh", W_xh, ("D", "GH"))
    D, GH = W_xh.shape
    if GH % gates:
        raise ValueError(f"W_xh: expected shape (D, {gates}*H), got {W_xh.shape}")
    H = GH // gates
    P = H if state_size is None else state_size
    W_hh = _checks.array("W_hh", W_hh, (P, GH), note=f"with H={H} units")
    b = np.asarray(b)
    if b.shape not in ((GH,), (2, GH)):
        raise ValueError(f"b: expected shape ({GH},) or (2, {GH}), got {b.shape}")
    x_t = _checks.array("x_t", x_t, ("B", D), note=f"with D={D} features")
    B = x_t.shape[0]
    h_prev = _checks.array("h_prev", h_prev, (B, P), note=f"with B={B} and H={P}")
    return x_t, h_prev, W_xh, W_hh, b, H


# --- simple RNN -----------------------------------------------------------------


def rnn_step(xw_t, h_prev, W_hh, b_h=None, *, activation="tanh", out=None):
    """One simple-RNN step given ``xw_t = x_t @ W_xh + b``: h_t = f(xw_t + h_{t-1} @ W_hh)."""
    act = activation_fn(activation) if isinstance(activation, str) else activation
    a = np.matmul(h_prev, W_hh, out=out)  # (B, H) @ (H, H) -> (B, H)
    a += xw_t
    if b_h is not None:
        a += b_h
    return act(a, out=a)  # (B, H)


def rnn_cell(x_t, h_prev, W_xh, W_hh, b, *, activation="tanh"):
    """A simple RNN cell: h_t = f(x_t @ W_xh + h_{t-1} @ W_hh + b).

    The state is h alone; it is also the output.
    """
    x_t, h_prev, W_xh, W_hh, b, H = _check_cell(x_t, h_prev, W_xh, W_hh, b, 1)
    b_x, b_h = split_bias(b)
    xw_t = x_t @ W_xh + b_x  # (B, D) @ (D, H) -> (B, H)
    return rnn_step(xw_t, h_prev, W_hh, b_h, activation=activation)  # (B, H)


# --- LSTM -------------------------------------------------------------------------


def lstm_step(xw_t, h_prev, c_prev, W_hh, b_h=None, *, activation="tanh",
              recurrent_activation="sigmoid", W_hr=None, z=None, c_out=None, h_out=None,
              tmp=None):
    """One LSTM step given ``xw_t = x_t @ W_xh + b`` (B, 4H).

    After the call ``z`` holds the gate activations i, f, g, o side by side.
    ``z``, ``c_out``, ``h_out`` and ``tmp`` (B, H) are optional buffers that
    layers reuse so the time loop allocates nothing; ``c_out`` may be ``c_prev``.
    Returns ``(h_t, c_t, z)``.
    """
    act = activation_fn(activation) if isinstance(activation, str) else activation
    rec = (activation_fn(recurrent_activation, "recurrent_activation")
           if isinstance(recurrent_activation, str) else recurrent_activation)
    H = c_prev.shape[1]
    z = np.matmul(h_prev, W_hh, out=z)  # (B, P) @ (P, 4H) -> (B, 4H)
    z += xw_t
    if b_h is not None:
        z += b_h
    i, f, g, o = z[:, :H], z[:, H:2 * H], z[:, 2 * H:3 * H], z[:, 3 * H:]  # (B, H) each
    rec(i, out=i)
    rec(f, out=f)
    act(g, out=g)
    rec(o, out=o)
    c = np.multiply(f, c_prev, out=c_out)  # (B, H)
    c += np.multiply(i, g, out=tmp)
    if W_hr is None:
        h = act(c, out=h_out)  # (B, H)
        h *= o
    else:
        m = act(c) * o  # (B, H)
        h = np.matmul(m, W_hr, out=h_out)  # (B, H) @ (H, P) -> (B, P)
    return h, c, z


def lstm_cell(x_t, h_prev, c_prev, W_xh, W_hh, b, *, activation="tanh",
              recurrent_activation="sigmoid", W_hr=None, return_gates=False):
    """An LSTM cell: the state is (h, c), a short-term output and a long-term memory.

        i = σ(x_t W_i + h_{t-1} U_i + b_i)     input gate: how much to write
        f = σ(x_t W_f + h_{t-1} U_f + b_f)     forget gate: how much to keep
        g = act(x_t W_g + h_{t-1} U_g + b_g)   candidate values to write
        o = σ(x_t W_o + h_{t-1} U_o + b_o)     output gate: how much to show
        c_t = f * c_{t-1} + i * g
        h_t = o * act(c_t)                     (then @ W_hr if projected)

    Returns ``(h_t, c_t)``, or ``(h_t, c_t, gates)`` with ``gates`` a dict of
    "i", "f", "g", "o", each (B, H), when ``return_gates`` is true.
    """
    P = None if W_hr is None else np.shape(W_hr)[1]
    x_t, h_prev, W_xh, W_hh, b, H = _check_cell(x_t, h_prev, W_xh, W_hh, b, 4, P)
    c_prev = _checks.array("c_prev", c_prev, (x_t.shape[0], H), note=f"with H={H}")
    if W_hr is not None:
        W_hr = _checks.array("W_hr", W_hr, (H, P))
    b_x, b_h = split_bias(b)
    xw_t = x_t @ W_xh + b_x  # (B, D) @ (D, 4H) -> (B, 4H)
    h, c, z = lstm_step(xw_t, h_prev, c_prev, W_hh, b_h, activation=activation,
                        recurrent_activation=recurrent_activation, W_hr=W_hr)
    if not return_gates:
        return h, c
    gates = {k: z[:, n * H:(n + 1) * H] for n, k in enumerate("ifgo")}  # (B, H) each
    return h, c, gates


# --- GRU --------------------------------------------------------------------------


def gru_step(xw_t, h_prev, W_hh, b_h=None, *, reset_after=True, activation="tanh",
             recurrent_activation="sigmoid", out=None):
    """One GRU step given ``xw_t = x_t @ W_xh + b_x`` (B, 3H).

    Returns ``(h_t, gates)`` with ``gates`` (B, 3H) holding z, r, n side by side.
    """
    act = activation_fn(activation) if isinstance(activation, str) else activation
    rec = (activation_fn(recurrent_activation, "recurrent_activation")
           if isinstance(recurrent_activation, str) else recurrent_activation)
    H = h_prev.shape[1]
    if reset_after:
        hw = h_prev @ W_hh  # (B, H) @ (H, 3H) -> (B, 3H)
        if b_h is not None:
            hw += b_h
        gates = np.add(xw_t, hw)  # (B, 3H)
        zr = gates[:, :2 * H]  # (B, 2H)
        rec(zr, out=zr)
        n = gates[:, 2 * H:]  # (B, H)
        np.multiply(gates[:, H:2 * H], hw[:, 2 * H:], out=n)
        n += xw_t[:, 2 * H:]
    else:
        gates = h_prev @ W_hh[:, :2 * H]  # (B, H) @ (H, 2H) -> (B, 2H)
        gates += xw_t[:, :2 * H]
        rec(gates, out=gates)
        r = gates[:, H:]  # (B, H)
        n = (r * h_prev) @ W_hh[:, 2 * H:]  # (B, H) @ (H, H) -> (B, H)
        n += xw_t[:, 2 * H:]
        gates = np.concatenate([gates, n], axis=1)  # (B, 3H)
        n = gates[:, 2 * H:]  # (B, H)
    act(n, out=n)
    z = gates[:, :H]  # (B, H)
    h = np.subtract(h_prev, n, out=out)  # (B, H)
    h *= z
    h += n  # z * h_{t-1} + (1 - z) * n
    return h, gates


def gru_cell(x_t, h_prev, W_xh, W_hh, b, *, reset_after=True, activation="tanh",
             recurrent_activation="sigmoid", return_gates=False):
    """A GRU cell: one state h, updated by interpolation.

        z = σ(x_t W_z + h_{t-1} U_z + b_z)             update gate: how much to keep
        r = σ(x_t W_r + h_{t-1} U_r + b_r)             reset gate
        n = act(x_t W_n + r * (h_{t-1} U_n + b_hn))    reset_after=True (Keras default, PyTorch)
        n = act(x_t W_n + (r * h_{t-1}) U_n + b_n)     reset_after=False (Cho et al. 2014)
        h_t = z * h_{t-1} + (1 - z) * n

    Returns ``h_t``, or ``(h_t, gates)`` with ``gates`` a dict of "z", "r", "n",
    each (B, H), when ``return_gates`` is true.
    """
    x_t, h_prev, W_xh, W_hh, b, H = _check_cell(x_t, h_prev, W_xh, W_hh, b, 3)
    if not reset_after and b.ndim == 2:
        raise ValueError(f"b: expected shape ({3 * H},) with reset_after=False, got {b.shape}")
    b_x, b_h = split_bias(b)
    xw_t = x_t @ W_xh + b_x  # (B, D) @ (D, 3H) -> (B, 3H)
    h, gates = gru_step(xw_t, h_prev, W_hh, b_h, reset_after=reset_after,
                        activation=activation, recurrent_activation=recurrent_activation)
    if not return_gates:
        return h
    return h, {k: gates[:, n * H:(n + 1) * H] for n, k in enumerate("zrn")}
