"""Recurrent layers: a cell looped over time, batch-first.

A layer takes x (B, T, D) and returns h for every step (B, T, H), or only
the last one (B, H). Inside, it projects every step's input with one matrix
multiply, ``x.reshape(B*T, D) @ W_xh``, then calls its cell's ``_step``
function once per step (``unrolled.cells``). Nothing else happens in the loop.

Letters: B batch size, T time steps, D input features, H units, P projected
size (PyTorch's ``proj_size``; P = H when there is no projection).

Weights live in ``layer.weights``, a dict of NumPy arrays in Keras's layout
(see ``unrolled.cells`` for the table): ``W_xh`` (D, G*H), ``W_hh`` (H, G*H),
``b`` and, for a projected LSTM, ``W_hr`` (H, P). The bias follows the
layer's ``convention``:

* ``"keras"`` (default): ``b`` is (G*H,), Keras's single bias; a GRU with
  ``reset_after=True`` has ``b`` (2, 3H) like Keras (row 0 input, row 1
  recurrent). Initialised like Keras: Glorot-uniform ``W_xh``, orthogonal
  ``W_hh``, zero bias, LSTM forget-gate bias 1 (``unit_forget_bias``).
* ``"pytorch"``: ``b`` is (2, G*H), PyTorch's ``bias_ih`` and ``bias_hh``;
  every weight uniform in ±1/sqrt(H) like PyTorch. Needed for ``proj_size``.

Either way ``layer.num_params`` is the count that framework reports.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .cells import activation_fn, gru_step, lstm_step, rnn_step, split_bias

__all__ = ["SimpleRNN", "LSTM", "GRU", "Bidirectional", "Stacked", "build"]

CONVENTIONS = ("keras", "pytorch")


def _glorot_uniform(rng, shape, dtype):
    fan_in, fan_out = shape
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape).astype(dtype)  # (fan_in, fan_out)


def _orthogonal(rng, shape, dtype):
    rows, cols = shape
    a = rng.standard_normal((max(rows, cols), min(rows, cols)))  # (big, small)
    q, r = np.linalg.qr(a)  # q: (big, small)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T  # (rows, cols)
    return q.astype(dtype)  # (rows, cols)


class Recurrent:
    """What every single-direction layer shares; use SimpleRNN, LSTM or GRU."""

    kind = ""          # "rnn", "lstm" or "gru"
    gates = 1          # G: gate blocks side by side in W_xh, W_hh and b
    state_names = ("h",)
    gate_names: tuple = ()

    def __init__(self, features, units, *, activation="tanh", recurrent_activation="sigmoid",
                 convention="keras", seed=0, dtype=np.float32):
        self.features = _checks.positive_int("features", features)
        self.units = _checks.positive_int("units", units)
        activation_fn(activation, "activation")
        activation_fn(recurrent_activation, "recurrent_activation")
        self.activation = activation
        self.recurrent_activation = recurrent_activation
        self.convention = _checks.one_of("convention", convention, CONVENTIONS)
        self.seed = seed
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype: must be float32 or float64, got {self.dtype}")
        self.weights = self._init_weights(np.random.default_rng(seed))

    # --- sizes and weights ----------------------------------------------------------

    @property
    def output_size(self) -> int:
        """Size of h, the layer's output at each step (P if projected, else H)."""
        return self.units

    @property
    def num_states(self) -> int:
        return len(self.state_names)

    def _two_biases(self) -> bool:
        return self.convention == "pytorch"

    def weight_shapes(self) -> dict:
        """Name -> shape of every weight this layer holds."""
        D, H, G, P = self.features, self.units, self.gates, self.output_size
        bias = (2, G * H) if self._two_biases() else (G * H,)
        return {"W_xh": (D, G * H), "W_hh": (P, G * H), "b": bias}

    @property
    def num_params(self) -> int:
        """Total number of trainable numbers, as Keras or PyTorch count them."""
        return int(sum(np.prod(s) for s in self.weight_shapes().values()))

    def _init_weights(self, rng) -> dict:
        shapes = self.weight_shapes()
        if self.convention == "pytorch":
            k = 1.0 / np.sqrt(self.units)
            return {n: rng.uniform(-k, k, size=s).astype(self.dtype) for n, s in shapes.items()}
        weights = {
            "W_xh": _glorot_uniform(rng, shapes["W_xh"], self.dtype),  # (D, G*H)
            "W_hh": _orthogonal(rng, shapes["W_hh"], self.dtype),  # (H, G*H)
            "b": np.zeros(shapes["b"], self.dtype),  # (G*H,) or (2, G*H)
        }
        return weights

    def set_weights(self, weights: dict) -> None:
        """Replace the weights, checking every name and shape."""
        shapes = self.weight_shapes()
        if set(weights) != set(shapes):
            raise ValueError(f"weights: expected names {sorted(shapes)}, got {sorted(weights)}")
        new = {}
        for name, shape in shapes.items():
            arr = np.asarray(weights[name])
            if arr.shape != shape:
                raise ValueError(f"weights[{name!r}]: expected shape {shape}, got {arr.shape}")
            new[name] = arr.astype(self.dtype, copy=True)
        self.weights = new

    def config(self) -> dict:
        """The constructor arguments that rebuild this layer (weights aside)."""
        return {"features": self.features, "units": self.units, "activation": self.activation,
                "recurrent_activation": self.recurrent_activation,
                "convention": self.convention, "seed": self.seed, "dtype": self.dtype}

    def clone(self, **changes):
        """A new layer with the same configuration, freshly initialised."""
        return type(self)(**{**self.config(), **changes})

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items() if k != "dtype")
        return f"{type(self).__name__}({args})"

    # --- running ----------------------------------------------------------------------

    def _check_x(self, x) -> np.ndarray:
        D = self.features
        x = _checks.array("x", x, ("B", "T", D), note=f"with D={D} features")
        return x.astype(self.dtype, copy=False)  # (B, T, D)

    def _state_shapes(self, B):
        return [(B, self.output_size)] + [(B, self.units)] * (self.num_states - 1)

    def _check_state(self, initial_state, B) -> list:
        shapes = self._state_shapes(B)
        if initial_state is None:
            return [np.zeros(s, self.dtype) for s in shapes]  # (B, P)(, (B, H))
        if isinstance(initial_state, np.ndarray) and self.num_states == 1:
            initial_state = [initial_state]
        initial_state = list(initial_state)
        if len(initial_state) != len(shapes):
            names = ", ".join(self.state_names)
            raise ValueError(f"initial_state: expected {len(shapes)} array(s) ({names}), "
                             f"got {len(initial_state)}")
        states = []
        for name, s, shape in zip(self.state_names, initial_state, shapes):
            arr = _checks.array(f"initial_state[{name}]", s, shape,
                                note=f"with B={B} matching x")
            states.append(arr.astype(self.dtype, copy=True))  # (B, H)
        return states

    def _project_inputs(self, x, fold_recurrent_bias=True):
        """All steps' input projections in one matrix multiply: (T, B, G*H).

        Returns ``(xw, b_h)``. With two biases, the recurrent one is folded
        into ``xw`` too (and ``b_h`` is None) unless ``fold_recurrent_bias``
        is false, as a GRU needs it apart.

        The result is a view of a (G*H, T*B) array, so each step's (B, G*H)
        slice is column-major, like the buffers of the time loop (below).
        """
        B, T, D = x.shape
        b_x, b_h = split_bias(self.weights["b"])
        if fold_recurrent_bias and b_h is not None:
            b_x, b_h = b_x + b_h, None  # (G*H,)
        # the bias rides in the same multiply: a column of ones in x, a row of b in W
        x1 = np.empty((T, B, D + 1), self.dtype)  # (T, B, D+1)
        x1[:, :, :D] = x.transpose(1, 0, 2)
        x1[:, :, D] = 1
        W1 = np.empty((b_x.shape[0], D + 1), self.dtype)  # (G*H, D+1)
        W1[:, :D] = self.weights["W_xh"].T
        W1[:, D] = b_x
        xw = W1 @ x1.reshape(T * B, D + 1).T  # (G*H, D+1) @ (D+1, T*B) -> (G*H, T*B)
        return xw.reshape(-1, T, B).transpose(1, 2, 0), b_h  # (T, B, G*H)

    def _buffer(self, rows, cols):
        """An empty (rows, cols) array stored column-major.

        In the time loop every (B, ·) array is column-major: then the step's
        matmul h @ W_hh is BLAS's faster (G*H, H) @ (H, B) case and each gate
        block z[:, k*H:(k+1)*H] is one contiguous piece of memory.
        """
        return np.empty((cols, rows), self.dtype).T  # (rows, cols)

    def forward(self, x, initial_state=None, return_sequences=True, return_state=False):
        """Run the layer over x (B, T, D).

        Returns h at every step (B, T, P), or only the last one (B, P) when
        ``return_sequences`` is false. With ``return_state`` it returns
        ``(output, h_T)`` or, for an LSTM, ``(output, h_T, c_T)``: the final
        states, batch-first (B, P) and (B, H).
        """
        x = self._check_x(x)  # (B, T, D)
        states = self._check_state(initial_state, x.shape[0])
        out, final = self._run(x, states, None)  # (B, T, P)
        y = out if return_sequences else out[:, -1]
        return (y, *final) if return_state else y

    __call__ = forward

    def trace(self, x, initial_state=None) -> dict:
        """Every state and gate at every step, for plots.

        Returns a dict of (B, T, ·) arrays: "h" and, for an LSTM, "c", plus
        the gate activations ("i", "f", "g", "o" for an LSTM; "z", "r", "n"
        for a GRU), each (B, T, H).
        """
        x = self._check_x(x)  # (B, T, D)
        B, T, _ = x.shape
        states = self._check_state(initial_state, B)
        record = {k: np.empty((B, T, self.units), self.dtype)  # (B, T, H) each
                  for k in self.state_names[1:] + self.gate_names}
        out, _ = self._run(x, states, record)
        return {"h": out, **record}

    def _run(self, x, states, record):
        raise NotImplementedError


class SimpleRNN(Recurrent):
    """Keras's SimpleRNN, PyTorch's nn.RNN: h_t = f(x_t W_xh + h_{t-1} W_hh + b)."""

    kind, gates = "rnn", 1

    def __init__(self, features, units, *, activation="tanh", convention="keras", seed=0,
                 dtype=np.float32):
        super().__init__(features, units, activation=activation, convention=convention,
                         seed=seed, dtype=dtype)

    def config(self):
        cfg = super().config()
        del cfg["recurrent_activation"]
        return cfg

    def _run(self, x, states, record):
        B, T, _ = x.shape
        H = self.units
        xw, _ = self._project_inputs(x)  # (T, B, H)
        W_hh = np.asfortranarray(self.weights["W_hh"])  # (H, H)
        act = activation_fn(self.activation)
        out = np.empty((B, T, H), self.dtype)  # (B, T, H)
        h, h_next = np.asfortranarray(states[0]), self._buffer(B, H)  # (B, H) each
        for t in range(T):
            h, h_next = rnn_step(xw[t], h, W_hh, activation=act, out=h_next), h  # (B, H)
            out[:, t] = h
        return out, [np.array(h)]


class LSTM(Recurrent):
    """Keras's LSTM, PyTorch's nn.LSTM (with ``proj_size``): state (h, c).

    ``unit_forget_bias`` (Keras's default) starts the forget-gate bias at 1.
    ``proj_size`` P > 0 (PyTorch only, ``convention="pytorch"``) adds
    ``W_hr`` (H, P): h_t = (o * tanh(c_t)) @ W_hr, so h is (B, P).
    """

    kind, gates = "lstm", 4
    state_names = ("h", "c")
    gate_names = ("i", "f", "g", "o")

    def __init__(self, features, units, *, activation="tanh", recurrent_activation="sigmoid",
                 unit_forget_bias=True, proj_size=0, convention="keras", seed=0,
                 dtype=np.float32):
        self.unit_forget_bias = _checks.boolean("unit_forget_bias", unit_forget_bias)
        self.proj_size = _checks.non_negative_int("proj_size", proj_size)
        if self.proj_size:
            if convention != "pytorch":
                raise ValueError(f"proj_size: needs convention='pytorch' (Keras has no "
                                 f"projection), got convention={convention!r}")
            if self.proj_size >= units:
                raise ValueError(f"proj_size: must be smaller than units={units}, "
                                 f"got {self.proj_size}")
        super().__init__(features, units, activation=activation,
                         recurrent_activation=recurrent_activation, convention=convention,
                         seed=seed, dtype=dtype)

    @property
    def output_size(self):
        return self.proj_size or self.units

    def weight_shapes(self):
        shapes = super().weight_shapes()
        if self.proj_size:
            shapes["W_hr"] = (self.units, self.proj_size)
        return shapes

    def _init_weights(self, rng):
        weights = super()._init_weights(rng)
        if self.convention == "keras" and self.unit_forget_bias:
            H = self.units
            weights["b"][H:2 * H] = 1.0
        return weights

    def config(self):
        return {**super().config(), "unit_forget_bias": self.unit_forget_bias,
                "proj_size": self.proj_size}

    def _run(self, x, states, record):
        B, T, _ = x.shape
        H, P = self.units, self.output_size
        xw, _ = self._project_inputs(x)  # (T, B, 4H)
        W_hh = np.asfortranarray(self.weights["W_hh"])  # (P, 4H)
        W_hr = self.weights.get("W_hr")  # (H, P) or None
        act = activation_fn(self.activation)
        rec = activation_fn(self.recurrent_activation, "recurrent_activation")
        out = np.empty((B, T, P), self.dtype)  # (B, T, P)
        h, c = np.asfortranarray(states[0]), np.asfortranarray(states[1])  # (B, P), (B, H)
        h_next = self._buffer(B, P)  # (B, P)
        z = self._buffer(B, 4 * H)  # (B, 4H)
        tmp = self._buffer(B, H)  # (B, H)
        for t in range(T):
            h, h_next = lstm_step(xw[t], h, c, W_hh, activation=act, recurrent_activation=rec,
                                  W_hr=W_hr, z=z, c_out=c, h_out=h_next, tmp=tmp)[0], h
            out[:, t] = h
            if record is not None:
                record["c"][:, t] = c
                for n, k in enumerate("ifgo"):
                    record[k][:, t] = z[:, n * H:(n + 1) * H]
        return out, [np.array(h), np.array(c)]


class GRU(Recurrent):
    """Keras's GRU (both forms) and PyTorch's nn.GRU (``reset_after=True``)."""

    kind, gates = "gru", 3
    gate_names = ("z", "r", "n")

    def __init__(self, features, units, *, activation="tanh", recurrent_activation="sigmoid",
                 reset_after=True, convention="keras", seed=0, dtype=np.float32):
        self.reset_after = _checks.boolean("reset_after", reset_after)
        if not self.reset_after and convention == "pytorch":
            raise ValueError("reset_after: PyTorch's GRU always resets after the recurrent "
                             "matmul; reset_after=False needs convention='keras'")
        super().__init__(features, units, activation=activation,
                         recurrent_activation=recurrent_activation, convention=convention,
                         seed=seed, dtype=dtype)

    def _two_biases(self):
        return self.convention == "pytorch" or self.reset_after

    def config(self):
        return {**super().config(), "reset_after": self.reset_after}

    def _run(self, x, states, record):
        B, T, _ = x.shape
        H = self.units
        xw, b_h = self._project_inputs(x, fold_recurrent_bias=False)  # (T, B, 3H)
        W_hh = np.asfortranarray(self.weights["W_hh"])  # (H, 3H)
        act = activation_fn(self.activation)
        rec = activation_fn(self.recurrent_activation, "recurrent_activation")
        out = np.empty((B, T, H), self.dtype)  # (B, T, H)
        h = np.asfortranarray(states[0])  # (B, H)
        for t in range(T):
            h, gates = gru_step(xw[t], h, W_hh, b_h, reset_after=self.reset_after,
                                activation=act, recurrent_activation=rec)
            out[:, t] = h
            if record is not None:
                for n, k in enumerate("zrn"):
                    record[k][:, t] = gates[:, n * H:(n + 1) * H]
        return out, [np.array(h)]


# --- compositions -------------------------------------------------------------------


class Bidirectional:
    """Two layers over the same sequence, one reading it backwards; outputs concatenated.

    The output at step t is [forward h_t, backward h_t] (B, T, 2P); the
    backward layer's h_t has seen steps t..T-1. Without return_sequences the
    output is [forward h_{T-1}, backward h_0] (B, 2P), as in Keras. States
    are returned forward first: h_fw(, c_fw), h_bw(, c_bw).
    """

    def __init__(self, forward, backward=None):
        if not isinstance(forward, Recurrent):
            raise ValueError(f"forward: expected a SimpleRNN, LSTM or GRU layer, "
                             f"got {type(forward).__name__}")
        if backward is None:
            seed = forward.seed
            backward = forward.clone(seed=[seed, 1] if isinstance(seed, int) else [*seed, 1])
        if type(backward) is not type(forward) or backward.weight_shapes() != forward.weight_shapes():
            raise ValueError(f"backward: expected a layer like forward ({forward!r}), "
                             f"got {backward!r}")
        self.forward_layer, self.backward_layer = forward, backward
        self.kind, self.features = forward.kind, forward.features
        self.units, self.convention = forward.units, forward.convention

    @property
    def output_size(self):
        return 2 * self.forward_layer.output_size

    @property
    def num_states(self):
        return 2 * self.forward_layer.num_states

    @property
    def num_params(self):
        return self.forward_layer.num_params + self.backward_layer.num_params

    @property
    def weights(self):
        return {"forward": self.forward_layer.weights, "backward": self.backward_layer.weights}

    def __repr__(self):
        return f"Bidirectional({self.forward_layer!r}, {self.backward_layer!r})"

    def forward(self, x, initial_state=None, return_sequences=True, return_state=False):
        """Run both directions over x (B, T, D); see the class docstring."""
        x = self.forward_layer._check_x(x)  # (B, T, D)
        n = self.forward_layer.num_states
        if initial_state is None:
            init_f = init_b = None
        else:
            initial_state = list(initial_state)
            if len(initial_state) != 2 * n:
                raise ValueError(f"initial_state: expected {2 * n} arrays (forward then "
                                 f"backward), got {len(initial_state)}")
            init_f, init_b = initial_state[:n], initial_state[n:]
        y_f, *s_f = self.forward_layer(x, init_f, return_sequences=True, return_state=True)
        y_b, *s_b = self.backward_layer(x[:, ::-1], init_b, return_sequences=True,
                                        return_state=True)  # (B, T, P), time reversed
        y_b = y_b[:, ::-1]  # (B, T, P)
        if return_sequences:
            y = np.concatenate([y_f, y_b], axis=-1)  # (B, T, 2P)
        else:
            y = np.concatenate([y_f[:, -1], y_b[:, 0]], axis=-1)  # (B, 2P)
        return (y, *s_f, *s_b) if return_state else y

    __call__ = forward

    def trace(self, x) -> dict:
        """{"forward": trace, "backward": trace}, both in the input's time order (zero start)."""
        x = self.forward_layer._check_x(x)  # (B, T, D)
        back = self.backward_layer.trace(x[:, ::-1])
        return {"forward": self.forward_layer.trace(x),
                "backward": {k: v[:, ::-1] for k, v in back.items()}}


class Stacked:
    """Layers in sequence: each layer's output sequence is the next one's input.

    All but the last layer return sequences. States (with return_state) are
    every layer's states, first layer first: what PyTorch's h_n holds; a Keras
    model of stacked layers returns only the last layer's.
    """

    def __init__(self, layers):
        layers = list(layers)
        if not layers:
            raise ValueError("layers: expected at least one layer, got an empty list")
        for k in range(1, len(layers)):
            want, got = layers[k - 1].output_size, layers[k].features
            if want != got:
                raise ValueError(f"layers[{k}]: expected features={want} (the output size of "
                                 f"layers[{k - 1}]), got features={got}")
        self.layers = layers
        self.kind, self.features = layers[0].kind, layers[0].features
        self.units, self.convention = layers[0].units, layers[0].convention

    @property
    def output_size(self):
        return self.layers[-1].output_size

    @property
    def num_states(self):
        return sum(layer.num_states for layer in self.layers)

    @property
    def num_params(self):
        return sum(layer.num_params for layer in self.layers)

    @property
    def weights(self):
        return [layer.weights for layer in self.layers]

    def __repr__(self):
        return f"Stacked({self.layers!r})"

    def forward(self, x, initial_state=None, return_sequences=True, return_state=False):
        """Run every layer in turn over x (B, T, D); see the class docstring."""
        if initial_state is not None:
            initial_state = list(initial_state)
            if len(initial_state) != self.num_states:
                raise ValueError(f"initial_state: expected {self.num_states} arrays (every "
                                 f"layer's, first layer first), got {len(initial_state)}")
        states, start = [], 0
        for k, layer in enumerate(self.layers):
            n = layer.num_states
            init = None if initial_state is None else initial_state[start:start + n]
            start += n
            last = k == len(self.layers) - 1
            x, *s = layer(x, init, return_sequences=return_sequences or not last,
                          return_state=True)  # (B, T, P_k)
            states += s
        return (x, *states) if return_state else x

    __call__ = forward

    def trace(self, x) -> list:
        """One trace per layer, first layer first (zero initial states)."""
        traces = []
        for layer in self.layers:
            traces.append(layer.trace(x))
            x = layer(x)  # (B, T, P_k)
        return traces


_CLASSES = {"rnn": SimpleRNN, "lstm": LSTM, "gru": GRU}


def build(cell, *, features, units, layers=1, bidirectional=False, convention="keras",
          proj_size=0, reset_after=True, activation="tanh", seed=0, dtype=np.float32):
    """The layer, Bidirectional or Stacked that a configuration describes.

    ``build("lstm", features=1, units=100)`` is ``LSTM(1, 100)``; with
    ``layers=2, bidirectional=True`` it is a Stacked of two Bidirectionals,
    the second taking the first's 2H outputs, as in PyTorch and in Keras.
    Layer k, direction d is seeded with ``[seed, k, d]`` (just ``seed`` for
    the first forward layer).
    """
    _checks.one_of("cell", cell, tuple(_CLASSES))
    layers = _checks.positive_int("layers", layers)
    _checks.boolean("bidirectional", bidirectional)
    kwargs = {"units": units, "activation": activation, "convention": convention,
              "dtype": dtype}
    if cell == "lstm":
        kwargs["proj_size"] = proj_size
    elif proj_size:
        raise ValueError(f"proj_size: only an LSTM has a projection, got proj_size={proj_size} "
                         f"with cell={cell!r}")
    if cell == "gru":
        kwargs["reset_after"] = reset_after
    elif not reset_after:
        raise ValueError(f"reset_after: only a GRU has a reset gate, got reset_after=False "
                         f"with cell={cell!r}")
    made, d_in = [], features
    for k in range(layers):
        seeds = [seed if k == 0 else [seed, k, 0], [seed, k, 1]]
        fw = _CLASSES[cell](d_in, seed=seeds[0], **kwargs)
        layer = Bidirectional(fw, fw.clone(seed=seeds[1])) if bidirectional else fw
        made.append(layer)
        d_in = layer.output_size
    return made[0] if layers == 1 else Stacked(made)
