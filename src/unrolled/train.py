"""Training by backpropagation through time (BPTT), with Adam and a mean squared error.

A ``Regressor`` is recurrent layer(s) then a dense head: the asker's model in
Q3 is ``Regressor(cell="lstm", features=1, units=100, activation="relu")``,
Keras's ``LSTM(100, activation='relu')`` then ``Dense(1)``.

BPTT runs the layer forward keeping every step's gates, then walks back from
the last step to the first. At step t the loss reaches h_t two ways: through
the output (if the head reads h_t) and through h_{t+1}, which was made from
h_t. Their sum is ``dL/dh_t``; ``bptt`` returns it for every step, which is
what a plot of vanishing or exploding gradients needs.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .layers import GRU, LSTM, Recurrent, SimpleRNN, _glorot_uniform

__all__ = ["forward_cache", "bptt", "Adam", "Regressor", "mse"]


# --- activations and their derivatives ---------------------------------------------


def _act(name, a):
    if name == "tanh":
        return np.tanh(a)
    if name == "sigmoid":
        return 0.5 * np.tanh(0.5 * a) + 0.5
    if name == "relu":
        return np.maximum(a, 0)
    if name == "hard_sigmoid":
        return np.clip(a + 3, 0, 6) / 6
    return a.copy()  # linear


def _dact(name, a, y):
    """d act(a) / da, given a and y = act(a)."""
    if name == "tanh":
        return 1 - y * y
    if name == "sigmoid":
        return y * (1 - y)
    if name == "relu":
        return (a > 0).astype(a.dtype)
    if name == "hard_sigmoid":
        return ((a > -3) & (a < 3)).astype(a.dtype) / 6
    return np.ones_like(a)


def _biases(layer):
    b = layer.weights["b"]
    return (b[0], b[1]) if b.ndim == 2 else (b, None)


# --- forward with everything backward needs -------------------------------------


def forward_cache(layer: Recurrent, x, initial_state=None) -> dict:
    """Run ``layer`` over x (B, T, D) keeping what BPTT needs.

    Returns a dict with "h" (B, T, H), the outputs, and the per-step arrays
    the backward pass reads ("a": pre-activations, gates, "c" for an LSTM).
    """
    if not isinstance(layer, (SimpleRNN, LSTM, GRU)):
        raise ValueError(f"layer: expected a SimpleRNN, LSTM or GRU, got {type(layer).__name__}")
    if getattr(layer, "proj_size", 0):
        raise ValueError("layer: training a projected LSTM (proj_size > 0) is not supported")
    x = layer._check_x(x)  # (B, T, D)
    B, T, D = x.shape
    H = layer.units
    states = layer._check_state(initial_state, B)
    W = layer.weights
    b_x, b_h = _biases(layer)
    xw = x.reshape(B * T, D) @ W["W_xh"] + b_x  # (B*T, D) @ (D, G*H) -> (B*T, G*H)
    xw = xw.reshape(B, T, -1)  # (B, T, G*H)
    act, rec = layer.activation, layer.recurrent_activation
    cache = {"x": x, "h0": states[0], "xw": xw}
    hs = np.empty((B, T, H), layer.dtype)  # (B, T, H)
    h = states[0]  # (B, H)
    if layer.kind == "rnn":
        a_all = np.empty((B, T, H), layer.dtype)  # (B, T, H)
        for t in range(T):
            a = xw[:, t] + h @ W["W_hh"]  # (B, H)
            if b_h is not None:
                a += b_h
            h = _act(act, a)  # (B, H)
            a_all[:, t], hs[:, t] = a, h
        cache.update(a=a_all)
    elif layer.kind == "lstm":
        c = states[1]  # (B, H)
        a_all = np.empty((B, T, 4 * H), layer.dtype)  # (B, T, 4H)
        g_all = np.empty((B, T, 4 * H), layer.dtype)  # (B, T, 4H) gates i, f, g, o
        cs = np.empty((B, T, H), layer.dtype)  # (B, T, H)
        for t in range(T):
            a = xw[:, t] + h @ W["W_hh"]  # (B, H) @ (H, 4H) -> (B, 4H)
            if b_h is not None:
                a += b_h
            i, f = _act(rec, a[:, :H]), _act(rec, a[:, H:2 * H])  # (B, H)
            g, o = _act(act, a[:, 2 * H:3 * H]), _act(rec, a[:, 3 * H:])  # (B, H)
            c = f * c + i * g  # (B, H)
            h = o * _act(act, c)  # (B, H)
            a_all[:, t], cs[:, t], hs[:, t] = a, c, h
            g_all[:, t] = np.concatenate([i, f, g, o], axis=1)  # (B, 4H)
        cache.update(a=a_all, gates=g_all, c=cs, c0=states[1])
    else:
        a_all = np.empty((B, T, 3 * H), layer.dtype)  # (B, T, 3H) pre-activations z, r, n
        g_all = np.empty((B, T, 3 * H), layer.dtype)  # (B, T, 3H) gates z, r, n
        hw_all = np.empty((B, T, 3 * H), layer.dtype)  # (B, T, 3H) recurrent parts
        for t in range(T):
            if layer.reset_after:
                hw = h @ W["W_hh"]  # (B, H) @ (H, 3H) -> (B, 3H)
                if b_h is not None:
                    hw += b_h
                a_zr = xw[:, t, :2 * H] + hw[:, :2 * H]  # (B, 2H)
                zr = _act(rec, a_zr)  # (B, 2H)
                a_n = xw[:, t, 2 * H:] + zr[:, H:] * hw[:, 2 * H:]  # (B, H)
            else:
                hw = np.empty((B, 3 * H), layer.dtype)  # (B, 3H)
                hw[:, :2 * H] = h @ W["W_hh"][:, :2 * H]  # (B, H) @ (H, 2H) -> (B, 2H)
                a_zr = xw[:, t, :2 * H] + hw[:, :2 * H]  # (B, 2H)
                zr = _act(rec, a_zr)  # (B, 2H)
                hw[:, 2 * H:] = (zr[:, H:] * h) @ W["W_hh"][:, 2 * H:]  # (B, H)
                a_n = xw[:, t, 2 * H:] + hw[:, 2 * H:]  # (B, H)
            n = _act(act, a_n)  # (B, H)
            h = zr[:, :H] * h + (1 - zr[:, :H]) * n  # (B, H)
            a_all[:, t] = np.concatenate([a_zr, a_n], axis=1)  # (B, 3H)
            g_all[:, t] = np.concatenate([zr, n], axis=1)  # (B, 3H)
            hw_all[:, t], hs[:, t] = hw, h
        cache.update(a=a_all, gates=g_all, hw=hw_all)
    cache["h"] = hs
    return cache


def bptt(layer: Recurrent, cache: dict, dh_out) -> tuple:
    """Backpropagation through time for one layer.

    ``dh_out`` (B, T, H) is dL/dh_t from above (the head, or the next
    layer) at every step: zero where the loss does not read h_t directly.
    Returns ``(grads, dx, dh)``: ``grads`` has one array per weight, shaped
    like ``layer.weights``; ``dx`` (B, T, D) is dL/dx; ``dh`` (B, T, H) is
    the total dL/dh_t, through the output and through every later step.
    """
    W = layer.weights
    x, xw, hs = cache["x"], cache["xw"], cache["h"]  # (B, T, D), (B, T, G*H), (B, T, H)
    B, T, D = x.shape
    H = layer.units
    dh_out = _checks.array("dh_out", dh_out, (B, T, H))
    act, rec = layer.activation, layer.recurrent_activation
    dW_hh = np.zeros_like(W["W_hh"])  # (H, G*H)
    dxw = np.zeros_like(xw)  # (B, T, G*H) gradient of each step's input projection
    dh_all = np.empty((B, T, H), layer.dtype)  # (B, T, H)
    db_h = np.zeros(W["W_hh"].shape[1], layer.dtype)  # (G*H,) recurrent bias, when separate
    dh_next = np.zeros((B, H), layer.dtype)  # (B, H) dL/dh_t arriving from step t+1
    dc_next = np.zeros((B, H), layer.dtype)  # (B, H) LSTM: dL/dc_t from step t+1
    for t in reversed(range(T)):
        dh = dh_out[:, t] + dh_next  # (B, H)
        dh_all[:, t] = dh
        h_prev = hs[:, t - 1] if t else cache["h0"]  # (B, H)
        a = cache["a"][:, t]
        if layer.kind == "rnn":
            da = dh * _dact(act, a, hs[:, t])  # (B, H)
            dW_hh += h_prev.T @ da  # (H, B) @ (B, H) -> (H, H)
            dh_next = da @ W["W_hh"].T  # (B, H)
            dxw[:, t] = da
            db_h += da.sum(0)
        elif layer.kind == "lstm":
            gates = cache["gates"][:, t]  # (B, 4H)
            i, f, g, o = (gates[:, k * H:(k + 1) * H] for k in range(4))  # (B, H) each
            c = cache["c"][:, t]  # (B, H)
            c_prev = cache["c"][:, t - 1] if t else cache["c0"]  # (B, H)
            tc = _act(act, c)  # (B, H)
            dc = dc_next + dh * o * _dact(act, c, tc)  # (B, H)
            da = np.concatenate([
                dc * g * _dact(rec, a[:, :H], i),
                dc * c_prev * _dact(rec, a[:, H:2 * H], f),
                dc * i * _dact(act, a[:, 2 * H:3 * H], g),
                dh * tc * _dact(rec, a[:, 3 * H:], o)], axis=1)  # (B, 4H)
            dc_next = dc * f  # (B, H)
            dW_hh += h_prev.T @ da  # (H, B) @ (B, 4H) -> (H, 4H)
            dh_next = da @ W["W_hh"].T  # (B, 4H) @ (4H, H) -> (B, H)
            dxw[:, t] = da
            db_h += da.sum(0)
        else:
            gates, hw = cache["gates"][:, t], cache["hw"][:, t]  # (B, 3H) each
            z, r, n = (gates[:, k * H:(k + 1) * H] for k in range(3))  # (B, H) each
            dz = dh * (h_prev - n)  # (B, H)
            da_n = dh * (1 - z) * _dact(act, a[:, 2 * H:], n)  # (B, H)
            dh_next = dh * z  # (B, H)
            if layer.reset_after:
                dr = da_n * hw[:, 2 * H:]  # (B, H)
                da_zr = np.concatenate([dz * _dact(rec, a[:, :H], z),
                                        dr * _dact(rec, a[:, H:2 * H], r)], axis=1)  # (B, 2H)
                dhw = np.concatenate([da_zr, da_n * r], axis=1)  # (B, 3H)
                dW_hh += h_prev.T @ dhw  # (H, B) @ (B, 3H) -> (H, 3H)
                dh_next += dhw @ W["W_hh"].T  # (B, 3H) @ (3H, H) -> (B, H)
                db_h += dhw.sum(0)
            else:
                W_zr, W_n = W["W_hh"][:, :2 * H], W["W_hh"][:, 2 * H:]  # (H, 2H), (H, H)
                drh = da_n @ W_n.T  # (B, H) d(r * h_prev)
                dW_hh[:, 2 * H:] += (r * h_prev).T @ da_n  # (H, B) @ (B, H) -> (H, H)
                dr = drh * h_prev  # (B, H)
                dh_next += drh * r
                da_zr = np.concatenate([dz * _dact(rec, a[:, :H], z),
                                        dr * _dact(rec, a[:, H:2 * H], r)], axis=1)  # (B, 2H)
                dW_hh[:, :2 * H] += h_prev.T @ da_zr  # (H, B) @ (B, 2H) -> (H, 2H)
                dh_next += da_zr @ W_zr.T  # (B, 2H) @ (2H, H) -> (B, H)
            dxw[:, t] = np.concatenate([da_zr, da_n], axis=1)  # (B, 3H)
    dxw_flat = dxw.reshape(B * T, -1)  # (B*T, G*H)
    grads = {
        "W_xh": x.reshape(B * T, D).T @ dxw_flat,  # (D, B*T) @ (B*T, G*H) -> (D, G*H)
        "W_hh": dW_hh,  # (H, G*H)
    }
    db_x = dxw_flat.sum(0)  # (G*H,)
    if W["b"].ndim == 2:
        grads["b"] = np.stack([db_x, db_h if layer.kind == "gru" else db_x])  # (2, G*H)
    else:
        grads["b"] = db_x  # (G*H,)
    dx = (dxw_flat @ W["W_xh"].T).reshape(B, T, D)  # (B*T, G*H) @ (G*H, D) -> (B, T, D)
    return grads, dx, dh_all


# --- loss and optimiser ------------------------------------------------------------


def mse(pred, target):
    """Mean squared error over every element, and its gradient w.r.t. pred."""
    diff = pred - target
    return float(np.mean(diff * diff)), 2 * diff / diff.size


class Adam:
    """Adam (Kingma and Ba, 2015) with Keras's defaults (epsilon 1e-7)."""

    def __init__(self, lr=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        self.lr, self.beta_1, self.beta_2, self.epsilon = lr, beta_1, beta_2, epsilon
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params: dict, grads: dict) -> None:
        """Update every array in ``params`` in place from ``grads`` (same keys)."""
        self.t += 1
        lr_t = self.lr * np.sqrt(1 - self.beta_2 ** self.t) / (1 - self.beta_1 ** self.t)
        for name, p in params.items():
            g = grads[name]
            m = self.m.setdefault(name, np.zeros_like(p))
            v = self.v.setdefault(name, np.zeros_like(p))
            m += (1 - self.beta_1) * (g - m)
            v += (1 - self.beta_2) * (g * g - v)
            p -= (lr_t * m / (np.sqrt(v) + self.epsilon)).astype(p.dtype)


# --- a model ---------------------------------------------------------------------------


class Regressor:
    """Recurrent layer(s), then a dense layer on the last step's h: y = h_T @ W_hy + b_y.

    ``Regressor(cell="lstm", features=1, units=100, activation="relu")`` is
    Keras's ``Sequential([LSTM(100, activation="relu"), Dense(1)])``, with
    Keras's initialisation. ``layers`` > 1 stacks layers (all but the last
    returning sequences). With ``return_sequences=True`` the head reads
    every step and y is (B, T, outputs).
    """

    def __init__(self, cell="lstm", features=1, units=100, *, outputs=1, layers=1,
                 activation="tanh", reset_after=True, return_sequences=False,
                 convention="keras", seed=0, dtype=np.float32):
        _checks.one_of("cell", cell, ("rnn", "lstm", "gru"))
        self.features = _checks.positive_int("features", features)
        self.units = _checks.positive_int("units", units)
        self.outputs = _checks.positive_int("outputs", outputs)
        n_layers = _checks.positive_int("layers", layers)
        self.return_sequences = _checks.boolean("return_sequences", return_sequences)
        cls = {"rnn": SimpleRNN, "lstm": LSTM, "gru": GRU}[cell]
        kw = {"reset_after": reset_after} if cell == "gru" else {}
        self.layers = [cls(features if k == 0 else units, units, activation=activation,
                           convention=convention, seed=seed if k == 0 else [seed, k],
                           dtype=dtype, **kw) for k in range(n_layers)]
        rng = np.random.default_rng([seed, n_layers])
        self.dense = {"W_hy": _glorot_uniform(rng, (units, outputs), dtype),  # (H, O)
                      "b_y": np.zeros(outputs, dtype)}  # (O,)
        self.dtype = np.dtype(dtype)

    @property
    def params(self) -> dict:
        """Every trainable array, by name ("layer0.W_xh", ..., "dense.W_hy", "dense.b_y")."""
        p = {f"layer{k}.{n}": w for k, layer in enumerate(self.layers)
             for n, w in layer.weights.items()}
        p.update({f"dense.{n}": w for n, w in self.dense.items()})
        return p

    @property
    def num_params(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def predict(self, x) -> np.ndarray:
        """y for x (B, T, D): (B, outputs), or (B, T, outputs) with return_sequences."""
        h = x
        for layer in self.layers:
            h = layer(h)  # (B, T, H)
        if not self.return_sequences:
            h = h[:, -1]  # (B, H)
        return h @ self.dense["W_hy"] + self.dense["b_y"]  # (..., H) @ (H, O) -> (..., O)

    def _target(self, y, B, T):
        shape = (B, T, self.outputs) if self.return_sequences else (B, self.outputs)
        y = np.asarray(y, dtype=self.dtype)
        if y.ndim == len(shape) - 1 and self.outputs == 1:
            y = y[..., None]
        return _checks.array("y", y, shape, note="to match x and outputs")

    def loss_and_gradients(self, x, y) -> tuple:
        """MSE loss on (x, y) and its gradients.

        Returns ``(loss, grads, dh)``: ``grads`` maps every name in
        ``params`` to dL/d(that array); ``dh`` lists, per layer, dL/dh_t at
        every step (B, T, H), through the output and every later step.
        """
        caches, h = [], x
        for layer in self.layers:
            caches.append(forward_cache(layer, h))
            h = caches[-1]["h"]  # (B, T, H)
        B, T, H = h.shape
        y = self._target(y, B, T)
        feats = h if self.return_sequences else h[:, -1]  # (B, T, H) or (B, H)
        pred = feats @ self.dense["W_hy"] + self.dense["b_y"]  # (..., O)
        loss, dpred = mse(pred, y)
        grads = {"dense.W_hy": feats.reshape(-1, H).T @ dpred.reshape(-1, self.outputs),
                 "dense.b_y": dpred.reshape(-1, self.outputs).sum(0)}
        dfeats = dpred @ self.dense["W_hy"].T  # (..., O) @ (O, H) -> (..., H)
        if self.return_sequences:
            dh_out = dfeats  # (B, T, H)
        else:
            dh_out = np.zeros((B, T, H), self.dtype)  # (B, T, H)
            dh_out[:, -1] = dfeats
        dhs = [None] * len(self.layers)
        for k in reversed(range(len(self.layers))):
            g, dh_out, dhs[k] = bptt(self.layers[k], caches[k], dh_out)
            grads.update({f"layer{k}.{n}": v for n, v in g.items()})
        return loss, grads, dhs

    def fit(self, x, y, *, epochs=100, lr=1e-3, batch_size=32, x_val=None, y_val=None,
            shuffle=True, seed=0, optimizer=None) -> dict:
        """Train with Adam on mini-batches; return {"loss": [...], "val_loss": [...]}.

        "loss" is each epoch's mean training loss over its batches, as Keras
        reports it; "val_loss" (if x_val is given) the loss after the epoch.
        """
        x = self.layers[0]._check_x(x)  # (N, T, D)
        y = self._target(y, x.shape[0], x.shape[1])  # (N, O) or (N, T, O)
        epochs = _checks.positive_int("epochs", epochs)
        batch_size = _checks.positive_int("batch_size", batch_size)
        opt = optimizer or Adam(lr=lr)
        rng = np.random.default_rng(seed)
        history = {"loss": [], "val_loss": []}
        n = len(x)
        for _ in range(epochs):
            order = rng.permutation(n) if shuffle else np.arange(n)
            losses, sizes = [], []
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                loss, grads, _ = self.loss_and_gradients(x[idx], y[idx])
                opt.step(self.params, grads)
                losses.append(loss)
                sizes.append(len(idx))
            history["loss"].append(float(np.average(losses, weights=sizes)))
            if x_val is not None:
                history["val_loss"].append(self.evaluate(x_val, y_val))
        return history

    def evaluate(self, x, y) -> float:
        """MSE of the predictions on (x, y)."""
        x = np.asarray(x, dtype=self.dtype)
        B, T = x.shape[:2]
        return mse(self.predict(x), self._target(y, B, T))[0]
