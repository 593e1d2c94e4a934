"""Variable lengths the PyTorch way: each sequence stops at its own last step.

``pack_padded_sequence`` lets an RNN run each sequence of a post-padded
batch for exactly its own length. Its ``h_n`` is then each sequence's state
at its last real step, and ``pad_packed_sequence`` gives back (B, T, H)
with zeros after each length. Without packing the layer reads the pads too:
``output[:, -1]`` is the state after the pads for every sequence shorter
than T, and the last real state has to be gathered with ``last_valid``.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .masking import masked_forward

__all__ = ["check_lengths", "last_valid", "run_packed"]


def check_lengths(lengths, batch, steps) -> np.ndarray:
    """``lengths`` as an int array (B,), each in 1..T, or a ValueError naming it."""
    lengths = _checks.array("lengths", lengths, (batch,), note="one length per row")
    if not np.issubdtype(lengths.dtype, np.integer) or lengths.min() < 1 or lengths.max() > steps:
        raise ValueError(f"lengths: expected integers from 1 to T={steps}, "
                         f"got {lengths.tolist()}")
    return lengths.astype(np.int64)  # (B,)


def last_valid(outputs, lengths) -> np.ndarray:
    """Each row's output at its last real step: outputs[b, lengths[b] - 1]. (B, T, H) -> (B, H)."""
    outputs = _checks.array("outputs", outputs, ("B", "T", "H"))
    B, T, _ = outputs.shape
    lengths = check_lengths(lengths, B, T)
    return outputs[np.arange(B), lengths - 1]  # (B, H)


def run_packed(layer, x, lengths, initial_state=None):
    """What a PyTorch RNN returns for ``pack_padded_sequence(x, lengths, batch_first=True)``.

    x (B, T, D) is post-padded. Returns ``(output, h_n)``, or
    ``(output, h_n, c_n)`` for an LSTM: ``output`` (B, T, H) is what
    ``pad_packed_sequence`` gives back (zeros after each length), the states
    are batch-first (B, H), each row's state at its own last real step.
    """
    x = layer._check_x(x)  # (B, T, D)
    B, T, _ = x.shape
    lengths = check_lengths(lengths, B, T)
    mask = np.arange(T)[None, :] < lengths[:, None]  # (B, T) True before each length
    return masked_forward(layer, x, mask, initial_state, return_state=True,
                          zero_output_for_mask=True)
