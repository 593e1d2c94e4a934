"""State carried from one call to the next: a stateful layer, and where its gradient stops.

Keras's ``stateful=True`` and PyTorch's habit of passing ``h_n`` back as
``h_0`` (detached) do the same thing: row i of batch k+1 starts from the
final state of row i of batch k. The state is activations, not weights:
``Stateful`` keeps it between calls and ``reset_state()`` sets it back to
zeros, as Keras's ``layer.reset_state()`` does.

The values cross the batch boundary; the gradient does not. Each batch is
trained from a state that is a constant to it, so backpropagation through
time stops at the batch's first step (truncated BPTT).
``gradient_across_boundary`` computes both sides with the package's BPTT.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .layers import GRU, LSTM, SimpleRNN
from .train import bptt, forward_cache

__all__ = ["Stateful", "stream_batches", "gradient_across_boundary"]


def _check_layer(layer):
    if not isinstance(layer, (SimpleRNN, LSTM, GRU)):
        raise ValueError(f"layer: expected a SimpleRNN, LSTM or GRU, got {type(layer).__name__}")
    return layer


class Stateful:
    """A layer that starts each call from the final state of the previous call.

    ``Stateful(LSTM(1, 16))`` is Keras's ``LSTM(16, stateful=True)``: the
    batch size is fixed by the first call (Keras fixes it when the model is
    built), and every later batch must have the same number of rows.
    """

    def __init__(self, layer):
        self.layer = _check_layer(layer)
        self.batch_size = None
        self.states = None  # list of (B, H) arrays, or None before the first call

    def __call__(self, x, return_sequences=True):
        """Run over x (B, T, D) from the carried state; keep the final state."""
        x = self.layer._check_x(x)  # (B, T, D)
        _checks.boolean("return_sequences", return_sequences)
        B = x.shape[0]
        if self.batch_size is None:
            self.batch_size = B
        elif B != self.batch_size:
            raise ValueError(f"x: a stateful layer keeps one state per row, so every batch "
                             f"needs B={self.batch_size} rows, got {B}")
        y, *final = self.layer(x, initial_state=self.states, return_state=True)  # (B, T, H)
        self.states = final
        return y if return_sequences else y[:, -1]

    def reset_state(self):
        """Set every row's state back to zeros (Keras 3 ``layer.reset_state()``)."""
        if self.batch_size is not None:
            self.states = [np.zeros_like(s) for s in self.states]  # (B, H) each

    reset_states = reset_state  # the Keras 2 name


def stream_batches(streams, steps):
    """Cut B long streams (B, N, D) into consecutive windows, the layout stateful needs.

    Returns (K, B, T, D) with K = N // T: batch k, row i is window k of
    stream i, so row i of batch k+1 continues row i of batch k.
    """
    streams = _checks.array("streams", streams, ("B", "N", "D"))
    T = _checks.positive_int("steps", steps)
    B, N, D = streams.shape
    if N % T:
        raise ValueError(f"steps: the stream length N={N} must be a multiple of steps, got {T}")
    return streams.reshape(B, N // T, T, D).transpose(1, 0, 2, 3)  # (K, B, T, D)


def gradient_across_boundary(layer, x1, x2, dy2) -> dict:
    """What batch 2's loss sends back to batch 1, with and without the cut.

    Batch 2 (B, T, D) starts from batch 1's final state. The loss of batch 2
    is read through ``dy2`` (B, T, H), dL/dh_t at each of its steps.
    Returns a dict of arrays:

    * ``"full"`` (B, T, D): dL/dx1 when the graph runs through both batches,
      as one long sequence (what backward() would give without detach);
    * ``"truncated"`` (B, T, D): dL/dx1 when batch 2 starts from the carried
      state as a constant (stateful Keras; PyTorch after detach): zeros;
    * ``"dx2_full"``, ``"dx2_truncated"`` (B, T, D): dL/dx2, the same both ways;
    * ``"outputs_moved"`` (B,): per row, the largest change of batch 2's
      outputs when batch 1's inputs are replaced by zeros.
    """
    layer = _check_layer(layer)
    x1 = layer._check_x(x1)  # (B, T1, D)
    x2 = _checks.array("x2", x2, (x1.shape[0], "T", layer.features),
                       note="with the batch size of x1").astype(layer.dtype)  # (B, T2, D)
    B, T1, _ = x1.shape
    T2 = x2.shape[1]
    dy2 = _checks.array("dy2", dy2, (B, T2, layer.units)).astype(layer.dtype)  # (B, T2, H)

    # through both batches: one graph over 2T steps, the loss only on the second half
    both = forward_cache(layer, np.concatenate([x1, x2], axis=1))  # h: (B, T1+T2, H)
    dh = np.concatenate([np.zeros((B, T1, layer.units), layer.dtype), dy2], axis=1)  # (B, T1+T2, H)
    _, dx_both, _ = bptt(layer, both, dh)  # (B, T1+T2, D)

    # cut at the boundary: batch 2's graph begins at its carried initial state
    _, *carried = layer(x1, return_state=True)  # (B, H) each
    second = forward_cache(layer, x2, initial_state=carried)  # h: (B, T2, H)
    _, dx2, _ = bptt(layer, second, dy2)  # (B, T2, D)

    zero_first = layer(np.zeros_like(x1), return_state=True)[1:]  # (B, H) each
    y2_moved = layer(x2, initial_state=zero_first)  # (B, T2, H)
    return {
        "full": dx_both[:, :T1],  # (B, T1, D)
        "truncated": np.zeros_like(x1),  # (B, T1, D): x1 is not in batch 2's graph
        "dx2_full": dx_both[:, T1:],  # (B, T2, D)
        "dx2_truncated": dx2,  # (B, T2, D)
        "outputs_moved": np.abs(y2_moved - second["h"]).max(axis=(1, 2)),  # (B,)
    }
