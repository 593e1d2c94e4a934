"""Weight converters between this package, PyTorch and Keras.

Both frameworks hold the same numbers in different places:

* Keras keeps ``kernel`` (D, G*H), ``recurrent_kernel`` (H, G*H) and ``bias``
  (G*H,), or (2, 3H) for a GRU with ``reset_after=True``. That is this
  package's layout: ``W_xh``, ``W_hh``, ``b``.
* PyTorch keeps the transposes, ``weight_ih_l{k}`` (G*H, D) and
  ``weight_hh_l{k}`` (G*H, H), two biases ``bias_ih_l{k}`` and
  ``bias_hh_l{k}`` (G*H,), for a projected LSTM ``weight_hr_l{k}`` (P, H),
  and ``_reverse`` for the backward direction.
* Gate order: LSTM is i, f, g, o in both. GRU is z, r, n in Keras and
  r, z, n in PyTorch; the converters swap the first two blocks.

Where there is no exact equivalent:

* Keras -> PyTorch, simple RNN and LSTM: Keras's one bias becomes
  ``bias_ih`` and ``bias_hh`` is zero. The sum, the only thing the maths
  sees, is exact; the split is our choice.
* PyTorch -> Keras, simple RNN and LSTM: ``bias_ih + bias_hh`` becomes the
  one bias: exact (up to one float rounding of the sum).
* GRU: PyTorch's two biases are Keras's (2, 3H) bias with ``reset_after=True``:
  exact. Keras's ``reset_after=False`` GRU, a projected LSTM in Keras, or any
  activation PyTorch does not offer raises ``ValueError`` saying so.
"""

from __future__ import annotations

import re

import numpy as np

from . import _checks
from .layers import GRU, LSTM, Bidirectional, Recurrent, SimpleRNN, Stacked

__all__ = ["to_pytorch", "from_pytorch", "to_keras", "from_keras", "CONVENTIONS", "ROLES", "GATE_ORDER",
           "keras_to_pytorch_arrays", "pytorch_to_keras_arrays", "from_cudnn"]

# --- each framework's conventions, as the converters assume them -------------------
# tests/test_gate_conventions.py checks every entry against Keras and PyTorch, and
# docs/concepts/gate-conventions.md prints its table from them. Shapes are written
# with D (features) and H (units): "4H" is four times H.

ROLES = {"i": "input gate", "f": "forget gate", "o": "output gate", "z": "update gate",
         "r": "reset gate", "g": "candidate", "c": "candidate", "h": "candidate", "n": "candidate"}

CONVENTIONS = {
    # (framework, layer): block order along the gate axis, where each activation acts,
    # and every weight with its shape
    ("keras", "LSTM"): {
        "order": "ifco",
        "recurrent_activation": "ifo",          # the gates (default sigmoid)
        "activation": "c, and c_t in h_t = o * activation(c_t)",  # default tanh
        "weights": (("kernel", ("D", "4H")), ("recurrent_kernel", ("H", "4H")), ("bias", ("4H",))),
    },
    ("pytorch", "LSTM"): {
        "order": "ifgo",
        "recurrent_activation": "ifo",          # fixed sigmoid, no argument
        "activation": "g, and c_t in h_t = o * tanh(c_t)",         # fixed tanh, no argument
        "weights": (("weight_ih_l0", ("4H", "D")), ("weight_hh_l0", ("4H", "H")),
                    ("bias_ih_l0", ("4H",)), ("bias_hh_l0", ("4H",))),
    },
    ("keras", "GRU"): {
        "order": "zrh",
        "recurrent_activation": "zr",
        "activation": "h (the candidate)",
        "weights": (("kernel", ("D", "3H")), ("recurrent_kernel", ("H", "3H")), ("bias", ("2", "3H"))),
        "weights_reset_before": (("kernel", ("D", "3H")), ("recurrent_kernel", ("H", "3H")),
                                 ("bias", ("3H",))),
    },
    ("pytorch", "GRU"): {
        "order": "rzn",
        "recurrent_activation": "rz",
        "activation": "n (the candidate)",
        "weights": (("weight_ih_l0", ("3H", "D")), ("weight_hh_l0", ("3H", "H")),
                    ("bias_ih_l0", ("3H",)), ("bias_hh_l0", ("3H",))),
    },
}


def _array(value) -> np.ndarray:
    """A NumPy copy of an array or a torch tensor (without importing torch)."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.array(value, copy=True)


def _swap_zr(a: np.ndarray, axis: int) -> np.ndarray:
    """Swap the first two gate blocks (GRU z, r <-> r, z) along ``axis``.

    The one reordering the conventions need: LSTM blocks are in the same order
    in both frameworks, GRU blocks differ in their first two.
    """
    first, second, rest = np.split(a, 3, axis=axis)
    return np.concatenate([second, first, rest], axis=axis)


assert [ROLES[k] for k in CONVENTIONS["keras", "LSTM"]["order"]] == \
    [ROLES[k] for k in CONVENTIONS["pytorch", "LSTM"]["order"]]
assert CONVENTIONS["keras", "GRU"]["order"][:2][::-1] == CONVENTIONS["pytorch", "GRU"]["order"][:2]


def _layers_of(model) -> list:
    """[(layer index, [direction layers])] for a layer, Bidirectional or Stacked."""
    parts = model.layers if isinstance(model, Stacked) else [model]
    out = []
    for part in parts:
        if isinstance(part, Bidirectional):
            out.append([part.forward_layer, part.backward_layer])
        elif isinstance(part, Recurrent):
            out.append([part])
        else:
            raise ValueError(f"model: expected a SimpleRNN, LSTM, GRU, Bidirectional or "
                             f"Stacked, got {type(part).__name__}")
    return out


# --- PyTorch ------------------------------------------------------------------------


def _check_pytorch_able(layer: Recurrent) -> None:
    if layer.kind == "rnn":
        if layer.activation not in ("tanh", "relu"):
            raise ValueError(f"activation: PyTorch's nn.RNN has only 'tanh' and 'relu', "
                             f"got {layer.activation!r}")
        return
    if layer.activation != "tanh" or layer.recurrent_activation != "sigmoid":
        raise ValueError(f"activation: PyTorch's nn.{layer.kind.upper()} is fixed to tanh and "
                         f"sigmoid, got activation={layer.activation!r}, "
                         f"recurrent_activation={layer.recurrent_activation!r}")
    if layer.kind == "gru" and not layer.reset_after:
        raise ValueError("reset_after: PyTorch's nn.GRU has no reset_after=False form "
                         "(reset gate before the recurrent matmul); no exact conversion")


def to_pytorch(model) -> dict:
    """PyTorch ``state_dict`` of the equivalent ``nn.RNN``/``nn.LSTM``/``nn.GRU``.

    ``model`` is a layer, a Bidirectional or a Stacked; keys and order are
    those of ``named_parameters()``. Load with
    ``module.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()})``.
    """
    parts = _layers_of(model)
    first = parts[0][0]
    sd = {}
    for k, directions in enumerate(parts):
        if len(directions) != len(parts[0]) or type(directions[0]) is not type(first):
            raise ValueError(f"model: PyTorch stacks only identical layers; layer {k} "
                             f"differs from layer 0 in kind or direction")
        for d, layer in enumerate(directions):
            _check_pytorch_able(layer)
            same = (layer.units, layer.output_size, layer.activation)
            if same != (first.units, first.output_size, first.activation):
                raise ValueError(f"model: PyTorch stacks only identical layers; layer {k} has "
                                 f"units/output/activation {same}, layer 0 has "
                                 f"{(first.units, first.output_size, first.activation)}")
            suffix = f"_l{k}" + ("_reverse" if d else "")
            W = layer.weights
            W_xh, W_hh, b = W["W_xh"], W["W_hh"], W["b"]
            if b.ndim == 2:
                b_ih, b_hh = b[0], b[1]  # (G*H,) each
            else:
                b_ih, b_hh = b, np.zeros_like(b)  # (G*H,) each
            if layer.kind == "gru":
                W_xh, W_hh = _swap_zr(W_xh, 1), _swap_zr(W_hh, 1)
                b_ih, b_hh = _swap_zr(b_ih, 0), _swap_zr(b_hh, 0)
            sd[f"weight_ih{suffix}"] = np.ascontiguousarray(W_xh.T)  # (G*H, D)
            sd[f"weight_hh{suffix}"] = np.ascontiguousarray(W_hh.T)  # (G*H, P)
            sd[f"bias_ih{suffix}"] = np.array(b_ih)  # (G*H,)
            sd[f"bias_hh{suffix}"] = np.array(b_hh)  # (G*H,)
            if "W_hr" in W:
                sd[f"weight_hr{suffix}"] = np.ascontiguousarray(W["W_hr"].T)  # (P, H)
    return sd


_KEY = re.compile(r"^(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\d+)(_reverse)?$")


def from_pytorch(state_dict, *, nonlinearity=None, convention="pytorch", dtype=np.float32):
    """The layer (or Bidirectional, or Stacked) holding a PyTorch module's weights.

    ``state_dict`` is ``module.state_dict()`` (tensors or arrays) or the
    module itself. The cell is read from the shapes; a simple RNN's
    ``nonlinearity`` ("tanh" or "relu") is read from the module if given one,
    else defaults to "tanh". ``convention="pytorch"`` keeps both biases
    (lossless); ``"keras"`` sums them into one (see the module docstring).
    """
    _checks.one_of("convention", convention, ("pytorch", "keras"))
    if hasattr(state_dict, "state_dict"):
        module = state_dict
        if nonlinearity is None:
            nonlinearity = getattr(module, "nonlinearity", None)
        state_dict = module.state_dict()  # weights do not depend on batch_first
    nonlinearity = nonlinearity or "tanh"
    _checks.one_of("nonlinearity", nonlinearity, ("tanh", "relu"))
    found: dict = {}
    for key, value in state_dict.items():
        m = _KEY.match(key)
        if not m:
            raise ValueError(f"state_dict: unexpected key {key!r}; expected PyTorch RNN names "
                             f"like 'weight_ih_l0', 'bias_hh_l1_reverse'")
        found[(int(m[2]), 1 if m[3] else 0, m[1])] = _array(value)
    if not found:
        raise ValueError("state_dict: expected PyTorch RNN weights, got an empty dict")
    num_layers = 1 + max(k for k, _, _ in found)
    num_dirs = 1 + max(d for _, d, _ in found)
    made = []
    for k in range(num_layers):
        directions = []
        for d in range(num_dirs):
            where = f"_l{k}" + ("_reverse" if d else "")
            get = {name: found.get((k, d, name)) for name in
                   ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")}
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                if get[name] is None:
                    raise ValueError(f"state_dict: missing {name}{where} (bias=False modules "
                                     f"are not supported)")
            w_ih = _checks.array(f"weight_ih{where}", get["weight_ih"], ("GH", "D"))
            GH, D = w_ih.shape
            w_hr = get["weight_hr"]
            if w_hr is not None:
                w_hr = _checks.array(f"weight_hr{where}", w_hr, ("P", "H"))
                P, H = w_hr.shape
            else:
                H = P = _checks.array(f"weight_hh{where}", get["weight_hh"], (GH, "H")).shape[1]
            G = GH // H
            if GH % H or G not in (1, 3, 4):
                raise ValueError(f"weight_ih{where}: expected shape (G*H, D) with G in 1, 3, 4 "
                                 f"and H={H}, got {w_ih.shape}")
            w_hh = _checks.array(f"weight_hh{where}", get["weight_hh"], (GH, P))
            b_ih = _checks.array(f"bias_ih{where}", get["bias_ih"], (GH,))
            b_hh = _checks.array(f"bias_hh{where}", get["bias_hh"], (GH,))
            kind = {1: "rnn", 3: "gru", 4: "lstm"}[G]
            if kind == "gru":
                w_ih, w_hh = _swap_zr(w_ih, 0), _swap_zr(w_hh, 0)
                b_ih, b_hh = _swap_zr(b_ih, 0), _swap_zr(b_hh, 0)
            weights = {"W_xh": w_ih.T, "W_hh": w_hh.T}  # (D, G*H), (P, G*H)
            if convention == "pytorch" or kind == "gru":
                weights["b"] = np.stack([b_ih, b_hh])  # (2, G*H)
            else:
                weights["b"] = b_ih + b_hh  # (G*H,)
            if w_hr is not None:
                if convention == "keras":
                    raise ValueError(f"weight_hr{where}: Keras's LSTM has no projection "
                                     f"(proj_size); use convention='pytorch'")
                weights["W_hr"] = w_hr.T  # (H, P)
            if kind == "rnn":
                layer = SimpleRNN(D, H, activation=nonlinearity, convention=convention,
                                  dtype=dtype)
            elif kind == "lstm":
                layer = LSTM(D, H, proj_size=0 if w_hr is None else P,
                             convention=convention, dtype=dtype)
            else:
                layer = GRU(D, H, convention=convention, dtype=dtype)
            layer.set_weights(weights)
            directions.append(layer)
        made.append(Bidirectional(*directions) if num_dirs == 2 else directions[0])
    return made[0] if num_layers == 1 else Stacked(made)


# --- Keras -------------------------------------------------------------------------


def to_keras(model) -> list:
    """Weights in the order of Keras's ``get_weights()`` for the same layer(s).

    A layer gives ``[kernel, recurrent_kernel, bias]``; a Bidirectional the
    forward layer's then the backward's; a Stacked every layer's in turn
    (the order of ``keras.Sequential(...).get_weights()``).
    """
    weights = []
    for k, directions in enumerate(_layers_of(model)):
        for layer in directions:
            W = layer.weights
            if "W_hr" in W:
                raise ValueError(f"proj_size: Keras's LSTM has no projection, so layer {k} "
                                 f"(proj_size={layer.proj_size}) has no Keras equivalent")
            b = W["b"]
            if b.ndim == 2 and not (layer.kind == "gru" and layer.reset_after):
                b = b[0] + b[1]  # (G*H,)
            weights += [np.array(W["W_xh"]), np.array(W["W_hh"]), np.array(b)]
    return weights


_KERAS_CLASSES = {"SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}


def _keras_config(layer):
    """(cell, kwargs) from a Keras recurrent layer's config."""
    name = type(layer).__name__
    if name not in _KERAS_CLASSES:
        raise ValueError(f"weights: expected a Keras SimpleRNN, LSTM, GRU or Bidirectional "
                         f"layer, got {name}")
    cfg = layer.get_config()
    kw = {"activation": cfg.get("activation", "tanh")}
    if "recurrent_activation" in cfg:
        kw["recurrent_activation"] = cfg["recurrent_activation"]
    if "reset_after" in cfg:
        kw["reset_after"] = cfg["reset_after"]
    if not cfg.get("use_bias", True):
        raise ValueError("weights: Keras layers with use_bias=False are not supported")
    return _KERAS_CLASSES[name], kw


def from_keras(weights, *, activation="tanh", recurrent_activation="sigmoid",
               bidirectional=False, dtype=np.float32):
    """The layer (or Bidirectional, or Stacked) holding Keras's weights.

    ``weights`` is a Keras recurrent layer, a Bidirectional, a model made of
    them, or the list from ``get_weights()``. From a list the cell is read
    from the shapes (GRU's ``reset_after`` from its bias), ``activation`` and
    ``recurrent_activation`` are taken as given, and ``bidirectional=True``
    pairs consecutive layers as forward and backward.
    """
    specs = []  # (cell, kwargs, [kernel, recurrent, bias], direction)
    if hasattr(weights, "get_weights"):
        layers = getattr(weights, "layers", None)
        if layers is None or type(weights).__name__ == "Bidirectional":
            layers = [weights]
        for layer in layers:
            kind_name = type(layer).__name__
            if kind_name == "InputLayer":
                continue
            if kind_name == "Bidirectional":
                for d, sub in enumerate((layer.forward_layer, layer.backward_layer)):
                    cell, kw = _keras_config(sub)
                    specs.append((cell, kw, [_array(w) for w in sub.get_weights()], d))
            else:
                cell, kw = _keras_config(layer)
                specs.append((cell, kw, [_array(w) for w in layer.get_weights()], None))
    else:
        arrays = [_array(w) for w in weights]
        if not arrays or len(arrays) % 3:
            raise ValueError(f"weights: expected [kernel, recurrent_kernel, bias] per layer "
                             f"(a multiple of 3 arrays), got {len(arrays)}")
        if bidirectional and len(arrays) % 6:
            raise ValueError(f"weights: bidirectional needs forward and backward layers "
                             f"(a multiple of 6 arrays), got {len(arrays)}")
        for n in range(0, len(arrays), 3):
            kernel, recurrent, bias = arrays[n:n + 3]
            kernel = _checks.array(f"weights[{n}]", kernel, ("D", "GH"))
            recurrent = _checks.array(f"weights[{n + 1}]", recurrent, ("H", kernel.shape[1]))
            H = recurrent.shape[0]
            G = kernel.shape[1] // H
            if kernel.shape[1] % H or G not in (1, 3, 4):
                raise ValueError(f"weights[{n}]: expected shape (D, G*H) with G in 1, 3, 4 and "
                                 f"H={H}, got {kernel.shape}")
            cell = {1: "rnn", 3: "gru", 4: "lstm"}[G]
            kw = {"activation": activation}
            if cell != "rnn":
                kw["recurrent_activation"] = recurrent_activation
            if cell == "gru":
                kw["reset_after"] = bias.ndim == 2
            direction = (n // 3) % 2 if bidirectional else None
            specs.append((cell, kw, [kernel, recurrent, bias], direction))
    classes = {"rnn": SimpleRNN, "lstm": LSTM, "gru": GRU}
    made, pending = [], None
    for cell, kw, (kernel, recurrent, bias), direction in specs:
        D, GH = np.shape(kernel)
        H = np.shape(recurrent)[0]
        layer = classes[cell](D, H, dtype=dtype, **kw)
        layer.set_weights({"W_xh": kernel, "W_hh": recurrent, "b": bias})
        if direction is None:
            made.append(layer)
        elif direction == 0:
            pending = layer
        else:
            made.append(Bidirectional(pending, layer))
    return made[0] if len(made) == 1 else Stacked(made)


# --- recipes: one layer's raw arrays, framework to framework --------------------------
#
# The converters above work on this package's layers. The functions below are the
# recipe itself, on the raw arrays a reader has in hand, with every step named:
#
#   gate blocks       Keras stacks them as columns, PyTorch as rows (transpose);
#                     LSTM i, f, c, o (Keras) = i, f, g, o (PyTorch): same order;
#                     GRU z, r, h (Keras) -> r, z, n (PyTorch): swap the first two blocks.
#   biases            PyTorch and cuDNN keep an input and a recurrent bias per gate.
#                     LSTM and simple RNN only ever use their sum: add them for Keras.
#                     GRU: the candidate's recurrent bias sits inside r * (W_hn h + b_hn),
#                     so it cannot be folded into the input bias; Keras keeps both only
#                     with reset_after=True, bias (2, 3H), row 0 input, row 1 recurrent.
#   reset_after=False Keras's other GRU, r applied to h before the recurrent matmul:
#                     no nn.GRU computes it, so no weights make them equal.

# The block orders by framework and cell, read from CONVENTIONS (one source for both).
GATE_ORDER = {
    fw: {"rnn": ("h",), "lstm": tuple(CONVENTIONS[(fw, "LSTM")]["order"]), "gru": tuple(CONVENTIONS[(fw, "GRU")]["order"])}
    for fw in ("keras", "pytorch")
}


def _raw(name, value, expected):
    return _checks.array(name, _array(value), expected).astype(np.float32, copy=False)


def keras_to_pytorch_arrays(cell, kernel, recurrent_kernel, bias) -> dict:
    """One Keras layer's ``[kernel, recurrent_kernel, bias]`` as PyTorch's four arrays.

    ``cell`` is "rnn", "lstm" or "gru". Returns ``{"weight_ih_l0": (G*H, D),
    "weight_hh_l0": (G*H, H), "bias_ih_l0": (G*H,), "bias_hh_l0": (G*H,)}``.
    A GRU needs Keras's two-row bias (``reset_after=True``); its one-row bias
    (``reset_after=False``) raises ``ValueError``: that GRU has no nn.GRU twin.
    """
    _checks.one_of("cell", cell, ("rnn", "lstm", "gru"))
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    kernel = _raw("kernel", kernel, ("D", "GH"))  # (D, G*H)
    GH = kernel.shape[1]
    if GH % G:
        raise ValueError(f"kernel: expected shape (D, {G}*H) for a {cell}, got {kernel.shape}")
    H = GH // G
    recurrent_kernel = _raw("recurrent_kernel", recurrent_kernel, (H, GH))  # (H, G*H)
    bias = _array(bias)
    if cell == "gru" and bias.ndim == 1:
        raise ValueError("bias: a (3H,) GRU bias is Keras's reset_after=False GRU, which applies "
                         "the reset gate before the recurrent matmul; PyTorch's nn.GRU has no "
                         "such form, so no conversion is exact")
    if bias.ndim == 2:
        bias = _raw("bias", bias, (2, GH))
        b_ih, b_hh = bias[0], bias[1]  # (G*H,) each
    else:
        b_ih = _raw("bias", bias, (GH,))  # (G*H,)
        b_hh = np.zeros_like(b_ih)  # (G*H,): the sum is what counts
    if cell == "gru":
        kernel, recurrent_kernel = _swap_zr(kernel, 1), _swap_zr(recurrent_kernel, 1)
        b_ih, b_hh = _swap_zr(b_ih, 0), _swap_zr(b_hh, 0)
    return {"weight_ih_l0": np.ascontiguousarray(kernel.T),  # (G*H, D)
            "weight_hh_l0": np.ascontiguousarray(recurrent_kernel.T),  # (G*H, H)
            "bias_ih_l0": np.array(b_ih),  # (G*H,)
            "bias_hh_l0": np.array(b_hh)}  # (G*H,)


def pytorch_to_keras_arrays(cell, weight_ih, weight_hh, bias_ih, bias_hh) -> list:
    """One PyTorch layer's four arrays as Keras's ``[kernel, recurrent_kernel, bias]``.

    LSTM and simple RNN: bias = bias_ih + bias_hh, (G*H,). GRU: blocks
    r, z, n become z, r, h and bias is (2, 3H) for ``GRU(reset_after=True)``.
    """
    _checks.one_of("cell", cell, ("rnn", "lstm", "gru"))
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    w_ih = _raw("weight_ih", weight_ih, ("GH", "D"))  # (G*H, D)
    GH = w_ih.shape[0]
    if GH % G:
        raise ValueError(f"weight_ih: expected shape ({G}*H, D) for a {cell}, got {w_ih.shape}")
    w_hh = _raw("weight_hh", weight_hh, (GH, GH // G))  # (G*H, H)
    b_ih = _raw("bias_ih", bias_ih, (GH,))  # (G*H,)
    b_hh = _raw("bias_hh", bias_hh, (GH,))  # (G*H,)
    if cell == "gru":
        w_ih, w_hh = _swap_zr(w_ih, 0), _swap_zr(w_hh, 0)
        b_ih, b_hh = _swap_zr(b_ih, 0), _swap_zr(b_hh, 0)
        bias = np.stack([b_ih, b_hh])  # (2, 3H)
    else:
        bias = b_ih + b_hh  # (G*H,)
    return [np.ascontiguousarray(w_ih.T), np.ascontiguousarray(w_hh.T), bias]  # (D, G*H), (H, G*H)


def from_cudnn(cell, kernel, recurrent_kernel, bias) -> list:
    """Keras 2's ``CuDNNLSTM``/``CuDNNGRU`` weights as Keras's ``LSTM``/``GRU`` weights.

    The cuDNN layers keep Keras's column layout and gate order but one flat
    bias of both kinds, (2*G*H,): the input biases, then the recurrent ones.
    LSTM: the two halves are added, giving (4H,). GRU: the halves become the
    two rows of ``GRU(reset_after=True)``'s bias, (2, 3H). For PyTorch, pass
    the result to ``keras_to_pytorch_arrays`` (an LSTM's bias_hh is then zero;
    or split the cuDNN bias into bias_ih and bias_hh yourself, in PyTorch's
    gate order).
    """
    _checks.one_of("cell", cell, ("lstm", "gru"))
    G = {"lstm": 4, "gru": 3}[cell]
    kernel = _raw("kernel", kernel, ("D", "GH"))  # (D, G*H)
    GH = kernel.shape[1]
    if GH % G:
        raise ValueError(f"kernel: expected shape (D, {G}*H) for a {cell}, got {kernel.shape}")
    recurrent_kernel = _raw("recurrent_kernel", recurrent_kernel, (GH // G, GH))  # (H, G*H)
    bias = _raw("bias", bias, (2 * GH,))  # (2*G*H,)
    halves = bias.reshape(2, GH)  # (2, G*H): input, recurrent
    new_bias = halves[0] + halves[1] if cell == "lstm" else halves.copy()  # (4H,) or (2, 3H)
    return [kernel.copy(), recurrent_kernel.copy(), new_bias]
