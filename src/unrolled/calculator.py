"""The shape calculator's arithmetic: ``unrolled.shapes.describe`` plus what changes a returned shape.

``describe(framework, cell, ..., merge_mode=, stateful=, masked=)`` gives
every weight and parameter count of ``unrolled.shapes.describe`` (neither
depends on these three options) and, on top:

* ``merge_mode`` (Keras, bidirectional only): "concat" puts the directions
  side by side, (B, T, 2H) or (B, 2H); "sum", "mul" and "ave" keep H;
  None returns the two halves unmerged, "output_forward" and
  "output_backward". PyTorch always concatenates.
* ``stateful``: the state a layer carries from one batch to the next
  ("carried"). In Keras every layer keeps its h (and c) per direction, each
  (B, H), so B is fixed; in PyTorch the caller passes ``h_n`` (and
  ``c_n``) back as the next call's ``h_0`` (and ``c_0``).
* ``masked``: the mask the layer reads and passes on ("mask"). Keras reads
  a (B, T) boolean mask and passes it on only with ``return_sequences``;
  PyTorch packs the batch with one length per sequence, (B,).

``docs/assets/javascripts/calculator.js`` computes the same, and the tests
compare the two on thousands of configurations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _checks
from .shapes import CELLS, FRAMEWORKS, Description, Tensor, _shape
from .shapes import describe as _describe

__all__ = ["Returns", "describe", "MERGE_MODES", "FRAMEWORKS", "CELLS"]

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


@dataclass(frozen=True)
class Returns(Description):
    """A ``Description`` with the carried states and the mask a configuration adds."""

    carried: list = field(default_factory=list)
    mask: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """As ``Description.to_dict``, plus "carried" and "mask" lists when there are any."""
        d = super().to_dict()
        for key in ("carried", "mask"):
            tensors = getattr(self, key)
            if tensors:
                d[key] = [{"name": t.name, "shape": list(t.shape)} for t in tensors]
        return d

    def table(self) -> str:
        """The weights-and-outputs table, then carried states and the mask, if any."""
        text = super().table()
        extra = [("carried", t) for t in self.carried] + [("mask", t) for t in self.mask]
        if not extra:
            return text
        width = max(len(t.name) for _, t in extra)
        lines = [f"{kind:<7}  {t.name:<{width}}  {_shape(t.shape)}" for kind, t in extra]
        return text + "\n" + "\n".join(lines)

    __str__ = table


def describe(framework, cell, *, units, features, steps, batch, layers=1, bidirectional=False,
             return_sequences=False, return_state=False, proj_size=0, reset_after=True,
             merge_mode="concat", stateful=False, masked=False) -> Returns:
    """Names and shapes of every weight and returned tensor, with merge mode, carried state and mask.

    The arguments before ``merge_mode`` are those of ``unrolled.shapes.describe``
    and are checked first, in the same order; then ``merge_mode``, ``stateful``
    and ``masked``. A bad value raises ``ValueError`` naming the argument.
    """
    base = _describe(framework, cell, units=units, features=features, steps=steps, batch=batch,
                     layers=layers, bidirectional=bidirectional,
                     return_sequences=return_sequences, return_state=return_state,
                     proj_size=proj_size, reset_after=reset_after)
    if merge_mode not in MERGE_MODES:
        listed = ", ".join(repr(m) for m in MERGE_MODES)
        raise ValueError(f"merge_mode: must be one of {listed}, got {merge_mode!r}")
    stateful = _checks.boolean("stateful", stateful)
    masked = _checks.boolean("masked", masked)
    if merge_mode != "concat":
        if framework == "pytorch":
            raise ValueError(f"merge_mode: PyTorch always concatenates the two directions, "
                             f"got merge_mode={merge_mode!r} with 'pytorch'")
        if not bidirectional:
            raise ValueError(f"merge_mode: only a bidirectional layer merges two directions, "
                             f"got merge_mode={merge_mode!r} with bidirectional=False")
    H, B, T, L = units, batch, steps, layers
    P = proj_size or H
    dirs = 2 if bidirectional else 1
    outputs = list(base.outputs)
    carried, mask = [], []
    names = ["h", "c"] if cell == "lstm" else ["h"]
    if framework == "keras":
        if merge_mode != "concat":
            time = (B, T) if return_sequences else (B,)
            if merge_mode is None:
                outputs[:1] = [Tensor("output_forward", (*time, H)),
                               Tensor("output_backward", (*time, H))]
            else:
                outputs[0] = Tensor("output", (*time, H))
        if stateful:
            for k in range(L):
                layer = "" if L == 1 else f"_l{k}"
                sides = ("_forward", "_backward") if bidirectional else ("",)
                carried += [Tensor(f"{n}{layer}{side}", (B, H)) for side in sides for n in names]
        if masked:
            mask.append(Tensor("input_mask", (B, T)))
            if return_sequences:
                mask.append(Tensor("output_mask", (B, T)))
    else:
        if stateful:
            carried.append(Tensor("h_0", (dirs * L, B, P)))
            if cell == "lstm":
                carried.append(Tensor("c_0", (dirs * L, B, H)))
        if masked:
            mask.append(Tensor("lengths", (B,)))
    return Returns(framework=base.framework, cell=base.cell, weights=base.weights,
                   outputs=outputs, params=base.params, params_per_layer=base.params_per_layer,
                   carried=carried, mask=mask)
