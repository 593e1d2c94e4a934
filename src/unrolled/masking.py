"""Padding and masking, the Keras way.

Sequences of different lengths share a batch by padding: zeros before the
sequence (``padding="pre"``) or after it (``"post"``), as
``keras.utils.pad_sequences`` does. Without a mask the pads are ordinary
inputs. A mask is a (B, T) array of booleans, True at real steps; Keras
makes one from token ids (``Embedding(..., mask_zero=True)``: id 0 is
padding) or from feature vectors (``Masking(mask_value)``: a step is masked
only when all its features equal the value).

At a masked step a recurrent layer skips the cell: the state passes through
unchanged, and the output there is the previous step's output (zeros before
the first real step), or zeros with ``zero_output_for_mask=True``.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .layers import GRU, LSTM, SimpleRNN

__all__ = ["pad_sequences", "mask_from_ids", "mask_from_values", "masked_forward"]

PADDINGS = ("pre", "post")


def pad_sequences(sequences, maxlen=None, *, padding="pre", value=0, dtype="int32"):
    """Pad a list of sequences (each (T_i,) or (T_i, D)) to one array (B, T, ...).

    Like ``keras.utils.pad_sequences`` with its default ``truncating="pre"``:
    a sequence longer than ``maxlen`` keeps its last ``maxlen`` steps.
    """
    padding = _checks.one_of("padding", padding, PADDINGS)
    seqs = [np.asarray(s) for s in sequences]
    if not seqs:
        raise ValueError("sequences: expected at least one sequence, got none")
    if any(s.ndim == 0 or s.shape[1:] != seqs[0].shape[1:] for s in seqs):
        raise ValueError("sequences: every sequence needs the same shape after its first axis")
    T = max(len(s) for s in seqs) if maxlen is None else _checks.positive_int("maxlen", maxlen)
    out = np.full((len(seqs), T, *seqs[0].shape[1:]), value, dtype=dtype)  # (B, T, ...)
    for i, s in enumerate(seqs):
        s = s[-T:]  # (T_i, ...) truncated at the front
        if len(s) == 0:
            continue
        if padding == "post":
            out[i, :len(s)] = s
        else:
            out[i, T - len(s):] = s
    return out


def mask_from_ids(ids):
    """Embedding(..., mask_zero=True): True where the token id is not 0. (B, T) -> (B, T)."""
    ids = _checks.array("ids", ids, ("B", "T"))
    return ids != 0  # (B, T)


def mask_from_values(x, mask_value=0.0):
    """Masking(mask_value): a step is masked only when all of its features equal mask_value.

    Returns ``(x_masked, mask)``: Keras's Masking layer also zeroes the
    masked steps of its output. (B, T, D) -> (B, T, D), (B, T).
    """
    x = _checks.array("x", x, ("B", "T", "D"))
    mask = np.any(x != mask_value, axis=-1)  # (B, T)
    return x * mask[..., None].astype(x.dtype), mask  # (B, T, D), (B, T)


def masked_forward(layer, x, mask, initial_state=None, *, return_sequences=True,
                   return_state=False, zero_output_for_mask=False):
    """Run ``layer`` over x (B, T, D), skipping the steps where ``mask`` (B, T) is False.

    Returns what ``layer.forward`` returns. At a masked step the state is
    carried through unchanged; the output is the previous output (zeros
    before any real step), or zeros when ``zero_output_for_mask`` is true.
    The final state, and the output without ``return_sequences``, are the
    state at each row's last real step, wherever the pads are.
    """
    if not isinstance(layer, (SimpleRNN, LSTM, GRU)):
        raise ValueError(f"layer: expected a SimpleRNN, LSTM or GRU, got {type(layer).__name__}")
    x = layer._check_x(x)  # (B, T, D)
    B, T, _ = x.shape
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise ValueError(f"mask: expected booleans (True at real steps), got dtype {mask.dtype}")
    _checks.array("mask", mask.view(np.uint8), (B, T), note="matching x's batch and steps")
    _checks.boolean("zero_output_for_mask", zero_output_for_mask)
    _checks.boolean("return_sequences", return_sequences)
    _checks.boolean("return_state", return_state)
    states = layer._check_state(initial_state, B)  # (B, H) each
    out = np.zeros((B, T, layer.output_size), layer.dtype)  # (B, T, H)
    prev = np.zeros((B, layer.output_size), layer.dtype)  # (B, H) output before any real step
    for t in range(T):
        keep = mask[:, t:t + 1]  # (B, 1)
        _, *new = layer(x[:, t:t + 1], initial_state=states, return_state=True)  # (B, H) each
        states = [np.where(keep, n, s) for n, s in zip(new, states)]  # (B, H) each
        if zero_output_for_mask:
            out[:, t] = np.where(keep, new[0], 0)
        else:
            prev = np.where(keep, new[0], prev)  # (B, H)
            out[:, t] = prev
    y = out if return_sequences else states[0]
    return (y, *states) if return_state else y
