"""The unrolled picture, from a real run at Q2's sizes.

Q2's model: characters -> Embedding(66, 256) -> GRU(1024, return_sequences=True)
-> Dense(66), on a batch of 64 sequences of 100 characters: the tutorial's
vocabulary of 66 ids (65 characters and one for unknown ones). We run it for
real (on windows of our own corpus, which uses fewer of those ids; weights
freshly initialised), record the shape of every array, and check that the
layer's output equals one cell function called step by step with the same
weights.
"""

from __future__ import annotations

import numpy as np

from ..cells import gru_cell
from ..layers import GRU
from . import text

NAME = "picture"
INPUTS = (text.CORPUS,)
PARAMS = {"batch": 64, "steps": 100, "embedding": 256, "units": 1024, "vocabulary": 66, "seed": 0,
          "checked_steps": 3}


# --8<-- [start:compute]
def compute(batch, steps, embedding, units, vocabulary, seed, checked_steps):
    B, T, E, H, V = batch, steps, embedding, units, vocabulary
    corpus = text.corpus()
    vocab = text.vocabulary(corpus)  # the corpus's characters: ids 0 to len(vocab) - 1 of the V
    if len(vocab) > V:
        raise ValueError(f"vocabulary: the corpus has {len(vocab)} characters, more than {V}")
    ids_all = text.encode(corpus, vocab)  # (len(corpus),)
    starts = np.linspace(0, len(ids_all) - T - 1, B).astype(int)  # (B,) where each sequence starts
    ids = np.stack([ids_all[s:s + T] for s in starts])  # (B, T)
    rng = np.random.default_rng(seed)
    table = rng.uniform(-0.05, 0.05, size=(V, E)).astype(np.float32)  # (V, E) Keras's Embedding init
    x = table[ids]  # (B, T, E): one 256-wide vector per character
    gru = GRU(E, H, seed=seed)  # W_xh (E, 3H), W_hh (H, 3H), b (2, 3H)
    out, h_T = gru(x, return_state=True)  # (B, T, H), (B, H)
    W_hy = rng.uniform(-0.05, 0.05, size=(H, V)).astype(np.float32)  # (H, V)
    logits = out @ W_hy  # (B, T, H) @ (H, V) -> (B, T, V)

    # the layer is the cell looped: call gru_cell step by step with the same weights
    h = np.zeros((B, H), np.float32)  # (B, H)
    W = gru.weights
    loop_error = 0.0
    for t in range(checked_steps):
        h = gru_cell(x[:, t], h, W["W_xh"], W["W_hh"], W["b"])  # (B, E), (B, H) -> (B, H)
        loop_error = max(loop_error, float(np.abs(h - out[:, t]).max()))
    shapes = {"ids": ids.shape, "x": x.shape, "x_t": x[:, 0].shape, "W_xh": W["W_xh"].shape,
              "W_hh": W["W_hh"].shape, "b": W["b"].shape, "h_t": h.shape, "out": out.shape,
              "h_T": h_T.shape, "W_hy": W_hy.shape, "logits": logits.shape, "table": table.shape}
    return {"shapes": {k: list(v) for k, v in shapes.items()},
            "chars": "".join(vocab[k] for k in ids[0]), "vocab_size": V, "corpus_chars": len(vocab),
            "states": out[0].astype(np.float16),  # (T, H): sequence 0, every step
            "gru_params": int(gru.num_params), "loop_error": loop_error,
            "final_equals_last": bool(np.array_equal(h_T, out[:, -1]))}
# --8<-- [end:compute]


def _shape(s):
    return "(" + ", ".join(str(v) for v in s) + ")"


def plot_steps(T):
    """The steps the picture draws (1-based): the first three and the last."""
    return [1, 2, 3, T]


def plot(r):
    """One GRU cell drawn once per step, same weights, with the real shapes and states."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    S = r["shapes"]
    B, T, E = S["x"]
    H = S["h_t"][1]
    side = int(round(np.sqrt(H)))
    shown = [t - 1 for t in plot_steps(T)]  # 0-based
    fig = plt.figure(figsize=(10, 4.6), layout="none")
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4.6)
    ax.axis("off")
    xs = [1.35, 3.45, 5.55, 8.55]
    lim = float(np.abs(r["states"].astype(np.float32)).max())
    for k, (t, cx) in enumerate(zip(shown, xs)):
        box = FancyBboxPatch((cx - 0.75, 2.35), 1.5, 1.0, boxstyle="round,pad=0.03",
                             facecolor="#e8f0fb", edgecolor="#0072b2", linewidth=1.4)
        ax.add_patch(box)
        ax.text(cx, 3.1, "GRU cell", ha="center", fontsize=10, weight="bold", color="#123")
        ax.text(cx, 2.82, f"W_xh {_shape(S['W_xh'])}", ha="center", fontsize=7.2, family="monospace")
        ax.text(cx, 2.55, f"W_hh {_shape(S['W_hh'])}", ha="center", fontsize=7.2, family="monospace")
        ch = r["chars"][t]
        ax.text(cx, 0.25, f"t = {t + 1}: '{ch}'", ha="center", fontsize=9)
        ax.add_patch(FancyArrowPatch((cx, 0.95), (cx, 2.33), arrowstyle="-|>", mutation_scale=12,
                                     color="#333"))
        ax.text(cx + 0.06, 1.45, f"x_t {_shape(S['x_t'])}", fontsize=7.5, family="monospace",
                rotation=90, va="center")
        ax.text(cx, 0.55, f"embedding {E} wide", ha="center", fontsize=7.5, color="#555")
        # the state after this step, sequence 0: H numbers drawn as a square
        inset = fig.add_axes([(cx + 0.2) / 10, 3.55 / 4.6, 0.85 / 10, 0.85 / 4.6])
        inset.imshow(r["states"][t].astype(np.float32).reshape(side, -1), cmap="RdBu_r",
                     vmin=-lim, vmax=lim, interpolation="none")
        inset.set_xticks([])
        inset.set_yticks([])
        ax.text(cx + 0.15, 3.95, f"h_{t + 1}\n{H} numbers", ha="right", fontsize=7.5)
        nxt = xs[k + 1] if k + 1 < len(xs) else 9.95
        if k == 2:
            ax.text((cx + nxt) / 2, 2.85, "…", ha="center", fontsize=18)
            continue
        ax.add_patch(FancyArrowPatch((cx + 0.78, 2.85), (nxt - 0.78 if k + 1 < len(xs) else 9.95, 2.85),
                                     arrowstyle="-|>", mutation_scale=12, color="#d55e00", linewidth=1.6))
        ax.text((cx + nxt) / 2 + (0.0 if k + 1 < len(xs) else -0.15), 2.05,
                f"h_t {_shape(S['h_t'])}", ha="center", fontsize=7.5, family="monospace", color="#a03c00")
    ax.add_patch(FancyArrowPatch((0.05, 2.85), (0.57, 2.85), arrowstyle="-|>", mutation_scale=12,
                                 color="#d55e00", linewidth=1.6))
    ax.text(0.3, 2.05, "h_0 = 0", ha="center", fontsize=7.5, color="#a03c00")
    ax.text(5, 4.45, f"One cell, {T} steps, the same weights at every step: "
            f"x {_shape(S['x'])} → output {_shape(S['out'])}", ha="center", fontsize=10.5)
    return fig
