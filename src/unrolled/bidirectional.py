"""Bidirectional bookkeeping: how two directions are merged, and where each one's final state sits.

A bidirectional layer runs two layers over the same sequence x (B, T, D):
the forward one reads steps 0, 1, ..., T-1, the backward one reads
T-1, ..., 1, 0. Each has its own weights, so the parameter count doubles.
Both per-step outputs are put back in the input's time order, so at step t
the forward half has seen steps 0..t and the backward half steps t..T-1.

Keras joins the halves with ``merge_mode`` (``merge``):

* ``"concat"`` (default): [forward ; backward] on the last axis, (B, T, 2H);
* ``"sum"``, ``"mul"``, ``"ave"``: elementwise, (B, T, H);
* ``None``: no merge, the two outputs as a pair, (B, T, H) each.

PyTorch always concatenates. Its ``h_n`` is (num_layers * 2, B, H), never
batch-first, ordered layer by layer and, inside a layer, forward then
backward (``split_h_n`` gives it as (L, 2, B, H)). On the top layer:

* the forward final state ``h_n[-2]`` equals ``output[:, -1, :H]``;
* the backward final state ``h_n[-1]`` equals ``output[:, 0, H:]``: the
  backward direction finishes at step 0, not at step T-1
  (``final_states``).

So ``output[:, -1]`` pairs the forward final state with a backward state
that has read only the last step.
"""

from __future__ import annotations

import numpy as np

from . import _checks

__all__ = ["MERGE_MODES", "merge", "merged_size", "run", "final_states", "split_h_n",
           "h_n_from_states", "go_backwards"]

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


def _merge_mode(merge_mode):
    if merge_mode not in MERGE_MODES:
        listed = ", ".join(repr(m) for m in MERGE_MODES)
        raise ValueError(f"merge_mode: must be one of {listed}, got {merge_mode!r}")
    return merge_mode


def merged_size(merge_mode, units: int):
    """Last-axis size of the merged output: 2H for concat, H otherwise (each half for None)."""
    _merge_mode(merge_mode)
    H = _checks.positive_int("units", units)
    return 2 * H if merge_mode == "concat" else H


def merge(y_forward, y_backward, merge_mode="concat"):
    """Join the two directions' outputs as Keras's ``Bidirectional(merge_mode=...)`` does.

    ``y_forward`` and ``y_backward`` have the same shape, (B, T, H) or (B, H),
    both in the input's time order. Returns one array, or the pair for None.
    """
    _merge_mode(merge_mode)
    y_forward = np.asarray(y_forward)
    y_backward = _checks.array("y_backward", y_backward, y_forward.shape,
                               note="matching y_forward")
    if merge_mode == "concat":
        return np.concatenate([y_forward, y_backward], axis=-1)  # (..., 2H)
    if merge_mode == "sum":
        return y_forward + y_backward  # (..., H)
    if merge_mode == "mul":
        return y_forward * y_backward  # (..., H)
    if merge_mode == "ave":
        return (y_forward + y_backward) / 2  # (..., H)
    return y_forward, y_backward  # (..., H) each


def run(layer, x, merge_mode="concat", *, return_sequences=True, return_state=False):
    """Run a ``Bidirectional`` over x (B, T, D) and merge as Keras's wrapper does.

    Returns what Keras's ``Bidirectional(..., merge_mode=merge_mode)`` returns:
    the merged output (for None, the forward and backward outputs in turn),
    then, with ``return_state``, the forward states and the backward states.
    Without ``return_sequences`` each direction gives its final h: the
    forward one at step T-1, the backward one at step 0.
    """
    _merge_mode(merge_mode)
    if not all(hasattr(layer, a) for a in ("forward_layer", "backward_layer")):
        raise ValueError(f"layer: expected a Bidirectional, got {type(layer).__name__}")
    x = _checks.array("x", x, ("B", "T", layer.features),
                      note=f"with D={layer.features} features")  # (B, T, D)
    y_f, *s_f = layer.forward_layer(x, return_sequences=True, return_state=True)  # (B, T, P)
    y_b, *s_b = layer.backward_layer(x[:, ::-1], return_sequences=True,
                                     return_state=True)  # (B, T, P), read from the end
    y_b = y_b[:, ::-1]  # (B, T, P), back in the input's time order
    if not return_sequences:
        y_f, y_b = y_f[:, -1], y_b[:, 0]  # (B, P) each: where each direction ends
    y = merge(y_f, y_b, merge_mode)  # (B, [T,] 2P) or (B, [T,] P), or the pair
    y = list(y) if merge_mode is None else [y]
    if return_state:
        return (*y, *s_f, *s_b)
    return y[0] if len(y) == 1 else tuple(y)


def final_states(output, units: int):
    """(forward final, backward final) from a concatenated output (B, T, 2H).

    The forward direction ends at the last step and the backward one at the
    first: ``output[:, -1, :H]`` and ``output[:, 0, H:]``, (B, H) each.
    """
    H = _checks.positive_int("units", units)
    output = _checks.array("output", output, ("B", "T", 2 * H), note=f"with 2H={2 * H}")
    return output[:, -1, :H], output[:, 0, H:]  # (B, H), (B, H)


def split_h_n(h_n, num_layers: int, bidirectional: bool = True):
    """PyTorch's h_n (L*dirs, B, H) as (L, dirs, B, H): layer first, then direction.

    ``split_h_n(h_n, L)[k, 0]`` is layer k's forward final state and
    ``[k, 1]`` its backward one; the top layer is ``[-1]``.
    """
    L = _checks.positive_int("num_layers", num_layers)
    dirs = 2 if _checks.boolean("bidirectional", bidirectional) else 1
    h_n = _checks.array("h_n", h_n, (L * dirs, "B", "H"),
                        note=f"with num_layers={L} times {dirs} direction(s) first")
    return h_n.reshape(L, dirs, *h_n.shape[1:])  # (L, dirs, B, H)


def h_n_from_states(states, num_layers: int, bidirectional: bool = True):
    """Stack final states, given first layer first and forward before backward, as PyTorch's h_n.

    ``states`` is a list of L*dirs arrays (B, H). Returns (L*dirs, B, H).
    """
    L = _checks.positive_int("num_layers", num_layers)
    dirs = 2 if _checks.boolean("bidirectional", bidirectional) else 1
    states = list(states)
    if len(states) != L * dirs:
        raise ValueError(f"states: expected {L * dirs} arrays (num_layers={L} times {dirs} "
                         f"direction(s)), got {len(states)}")
    first = _checks.array("states[0]", states[0], ("B", "H"))
    return np.stack([_checks.array(f"states[{i}]", s, first.shape) for i, s in
                     enumerate(states)])  # (L*dirs, B, H)


def go_backwards(layer, x, initial_state=None):
    """Keras's ``go_backwards=True``: the layer reads x from the last step to the first.

    Returns its per-step output in the order it read, (B, T, H): step 0 of
    the result belongs to the input's last step. Flip it on the time axis,
    ``y[:, ::-1]``, before merging it with a forward output, as
    ``Bidirectional`` does.
    """
    x = _checks.array("x", x, ("B", "T", "D"))
    return layer(x[:, ::-1], initial_state, return_sequences=True)  # (B, T, H), reversed time
