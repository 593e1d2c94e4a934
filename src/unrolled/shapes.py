"""Shape and parameter arithmetic for any recurrent configuration.

``describe(framework, cell, units=H, features=D, steps=T, batch=B, ...)``
lists every weight with the name and shape that framework gives it, every
returned tensor with its shape, and the parameter count. Nothing is run; the
tests check each number against the weights this package creates and against
what PyTorch and Keras report.

Per layer, with G gate blocks (simple RNN 1, GRU 3, LSTM 4):

* Keras: kernel (D, G*H) + recurrent_kernel (H, G*H) + bias (G*H,), or a
  (2, 3H) bias for a GRU with reset_after=True:
  G*(D*H + H*H + H), plus 3H for that second GRU bias.
* PyTorch: weight_ih (G*H, D) + weight_hh (G*H, P) + two biases (G*H,),
  plus weight_hr (P, H) with proj_size: G*(D*H + P*H + 2H) + P*H.

A stacked layer's D is the previous layer's output size (times 2 when
bidirectional); a bidirectional layer has two sets of weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _checks

__all__ = ["Tensor", "Description", "describe", "FRAMEWORKS", "CELLS"]

FRAMEWORKS = ("keras", "pytorch")
CELLS = ("rnn", "lstm", "gru")
GATES = {"rnn": 1, "lstm": 4, "gru": 3}
KERAS_NAMES = {"rnn": "simple_rnn", "lstm": "lstm", "gru": "gru"}


@dataclass(frozen=True)
class Tensor:
    """A named shape: one weight or one returned tensor."""

    name: str
    shape: tuple

    @property
    def size(self) -> int:
        n = 1
        for s in self.shape:
            n *= s
        return n


@dataclass(frozen=True)
class Description:
    """Every weight and returned tensor of one configuration, and the parameter count."""

    framework: str
    cell: str
    weights: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    params: int = 0
    params_per_layer: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """``{"params": int, "weights": [{"name", "shape"}], "outputs": [{"name", "shape"}]}``."""
        return {
            "params": self.params,
            "weights": [{"name": w.name, "shape": list(w.shape)} for w in self.weights],
            "outputs": [{"name": o.name, "shape": list(o.shape)} for o in self.outputs],
        }

    def table(self) -> str:
        """A plain-text table of every weight and output, and the total."""
        rows = [("weight", w.name, _shape(w.shape), f"{w.size:,}") for w in self.weights]
        rows += [("output", o.name, _shape(o.shape), "") for o in self.outputs]
        head = ("kind", "name", "shape", "params")
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
        line = "  ".join("{:<%d}" % w for w in widths[:3]) + "  {:>%d}" % widths[3]
        out = [line.format(*head), line.format(*("-" * w for w in widths))]
        out += [line.format(*r).rstrip() for r in rows]
        out.append(f"total parameters: {self.params:,}")
        return "\n".join(out)


    __str__ = table


def _shape(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def describe(framework, cell, *, units, features, steps, batch, layers=1, bidirectional=False,
             return_sequences=False, return_state=False, proj_size=0,
             reset_after=True) -> Description:
    """Names, shapes and parameter count of a recurrent layer (or stack) in a framework.

    Keras: ``layers`` stacked layers, all but the last returning sequences;
    ``return_sequences`` and ``return_state`` apply to the last, which is all
    a Keras model of them returns. Outputs are "output", then "h" (and "c"),
    or "h_forward", "c_forward", "h_backward", "c_backward" when bidirectional.

    PyTorch: one ``nn.RNN``/``nn.LSTM``/``nn.GRU`` with ``batch_first=True``,
    ``num_layers=layers``. It always returns "output" (B, T, dirs*P) and
    "h_n" (dirs*layers, B, P), plus "c_n" (dirs*layers, B, H) for an LSTM;
    h_n and c_n are never batch-first. ``return_sequences`` and
    ``return_state`` do not apply and are ignored.
    """
    _checks.one_of("framework", framework, FRAMEWORKS)
    _checks.one_of("cell", cell, CELLS)
    H = _checks.positive_int("units", units)
    D = _checks.positive_int("features", features)
    T = _checks.positive_int("steps", steps)
    B = _checks.positive_int("batch", batch)
    L = _checks.positive_int("layers", layers)
    bidirectional = _checks.boolean("bidirectional", bidirectional)
    return_sequences = _checks.boolean("return_sequences", return_sequences)
    return_state = _checks.boolean("return_state", return_state)
    P = _checks.non_negative_int("proj_size", proj_size)
    reset_after = _checks.boolean("reset_after", reset_after)
    if P:
        if framework == "keras":
            raise ValueError(f"proj_size: Keras has no projected LSTM; proj_size needs "
                             f"framework 'pytorch', got proj_size={P} with 'keras'")
        if cell != "lstm":
            raise ValueError(f"proj_size: only an LSTM has a projection, got proj_size={P} "
                             f"with cell {cell!r}")
        if P >= H:
            raise ValueError(f"proj_size: must be smaller than units={H}, got {P}")
    if not reset_after:
        if cell != "gru":
            raise ValueError(f"reset_after: only a GRU has a reset gate, got reset_after=False "
                             f"with cell {cell!r}")
        if framework == "pytorch":
            raise ValueError("reset_after: PyTorch's GRU always resets after the recurrent "
                             "matmul, got reset_after=False with 'pytorch'")
    G = GATES[cell]
    dirs = 2 if bidirectional else 1
    if framework == "keras":
        weights, per_layer = _keras_weights(cell, G, H, D, L, bidirectional, reset_after)
        Ho = dirs * H
        outputs = [Tensor("output", (B, T, Ho) if return_sequences else (B, Ho))]
        if return_state:
            names = ["h", "c"] if cell == "lstm" else ["h"]
            if bidirectional:
                names = [f"{n}_{side}" for side in ("forward", "backward") for n in names]
            outputs += [Tensor(n, (B, H)) for n in names]
    else:
        Hout = P or H
        weights, per_layer = [], []
        for k in range(L):
            d_in = D if k == 0 else dirs * Hout
            before = sum(w.size for w in weights)
            for d in range(dirs):
                sfx = f"_l{k}" + ("_reverse" if d else "")
                weights += [Tensor(f"weight_ih{sfx}", (G * H, d_in)),
                            Tensor(f"weight_hh{sfx}", (G * H, Hout)),
                            Tensor(f"bias_ih{sfx}", (G * H,)),
                            Tensor(f"bias_hh{sfx}", (G * H,))]
                if P:
                    weights.append(Tensor(f"weight_hr{sfx}", (P, H)))
            per_layer.append(sum(w.size for w in weights) - before)
        outputs = [Tensor("output", (B, T, dirs * Hout)), Tensor("h_n", (dirs * L, B, Hout))]
        if cell == "lstm":
            outputs.append(Tensor("c_n", (dirs * L, B, H)))
    return Description(framework=framework, cell=cell, weights=weights, outputs=outputs,
                       params=sum(per_layer), params_per_layer=per_layer)


def _keras_weights(cell, G, H, D, L, bidirectional, reset_after):
    base = KERAS_NAMES[cell]
    bias = (2, G * H) if cell == "gru" and reset_after else (G * H,)
    weights, per_layer = [], []
    for k in range(L):
        name = base if k == 0 else f"{base}_{k}"
        d_in = D if k == 0 else (2 if bidirectional else 1) * H
        if bidirectional:
            outer = "bidirectional" if k == 0 else f"bidirectional_{k}"
            prefixes = [f"{outer}/forward_{name}", f"{outer}/backward_{name}"]
        else:
            prefixes = [name]
        before = sum(w.size for w in weights)
        for prefix in prefixes:
            weights += [Tensor(f"{prefix}/{base}_cell/kernel", (d_in, G * H)),
                        Tensor(f"{prefix}/{base}_cell/recurrent_kernel", (H, G * H)),
                        Tensor(f"{prefix}/{base}_cell/bias", bias)]
        per_layer.append(sum(w.size for w in weights) - before)
    return weights, per_layer
