"""Q2's picture: a sentence's characters become 256-wide embeddings, then 1024-wide states.

The model is the tutorial's: Embedding(V, 256) -> GRU(1024) -> Dense(V), here
on our own small corpus (V distinct characters). It reads one sentence twice:
freshly initialised, and after a brief training (a few dozen Adam updates on
next-character prediction, softmax cross-entropy, BPTT through the GRU with
``unrolled.train``). We keep the embedding of every character and the state
after every character, for both.
"""

from __future__ import annotations

import numpy as np

from ..layers import GRU
from ..train import Adam, bptt, forward_cache
from . import text

NAME = "characters"
INPUTS = (text.CORPUS,)
PARAMS = {"embedding": 256, "units": 1024, "updates": 40, "batch": 8, "steps": 32, "lr": 0.002,
          "seed": 0, "sentence": 2}


def _softmax_xent(logits, targets):
    """Mean cross-entropy over (B, T) and its gradient w.r.t. logits (B, T, V)."""
    z = logits - logits.max(axis=-1, keepdims=True)  # (B, T, V)
    p = np.exp(z)
    p /= p.sum(axis=-1, keepdims=True)  # (B, T, V)
    B, T = targets.shape
    picked = p[np.arange(B)[:, None], np.arange(T)[None, :], targets]  # (B, T)
    loss = float(-np.log(picked + 1e-12).mean())
    p[np.arange(B)[:, None], np.arange(T)[None, :], targets] -= 1
    return loss, p / (B * T)  # (B, T, V)


# --8<-- [start:model]
class CharModel:
    """Embedding (V, E) -> GRU (E -> H) -> Dense (H -> V): the tutorial's model, in NumPy."""

    def __init__(self, vocab_size, embedding, units, seed):
        rng = np.random.default_rng(seed)
        self.table = rng.uniform(-0.05, 0.05, size=(vocab_size, embedding)).astype(np.float32)  # (V, E)
        self.gru = GRU(embedding, units, seed=seed)  # W_xh (E, 3H), W_hh (H, 3H), b (2, 3H)
        limit = np.sqrt(6 / (units + vocab_size))
        self.W_hy = rng.uniform(-limit, limit, size=(units, vocab_size)).astype(np.float32)  # (H, V)
        self.b_y = np.zeros(vocab_size, np.float32)  # (V,)

    def states(self, ids):
        """Embeddings (B, T, E) and the GRU's state after every character (B, T, H)."""
        x = self.table[ids]  # (B, T) -> (B, T, E)
        return x, self.gru(x)  # (B, T, E), (B, T, H)

    def train_step(self, ids, targets, opt):
        x = self.table[ids]  # (B, T, E)
        cache = forward_cache(self.gru, x)  # cache["h"]: (B, T, H)
        logits = cache["h"] @ self.W_hy + self.b_y  # (B, T, H) @ (H, V) -> (B, T, V)
        loss, dlogits = _softmax_xent(logits, targets)  # (B, T, V)
        H, V = self.W_hy.shape
        grads = {"W_hy": cache["h"].reshape(-1, H).T @ dlogits.reshape(-1, V),  # (H, V)
                 "b_y": dlogits.reshape(-1, V).sum(0)}  # (V,)
        dh = dlogits @ self.W_hy.T  # (B, T, V) @ (V, H) -> (B, T, H)
        g, dx, _ = bptt(self.gru, cache, dh)  # dx: (B, T, E)
        grads.update({f"gru.{k}": v for k, v in g.items()})
        dtable = np.zeros_like(self.table)  # (V, E)
        np.add.at(dtable, ids.ravel(), dx.reshape(-1, dx.shape[-1]))
        grads["table"] = dtable
        params = {"W_hy": self.W_hy, "b_y": self.b_y, "table": self.table,
                  **{f"gru.{k}": v for k, v in self.gru.weights.items()}}
        opt.step(params, grads)
        return loss
# --8<-- [end:model]


def compute(embedding, units, updates, batch, steps, lr, seed, sentence):
    corpus = text.corpus()
    vocab = text.vocabulary(corpus)
    ids_all = text.encode(corpus, vocab)  # (N,)
    chosen = text.sentence(corpus, sentence)
    ids = text.encode(chosen, vocab)[None]  # (1, T)
    model = CharModel(len(vocab), embedding, units, seed)
    x0, h_before = model.states(ids)  # (1, T, E), (1, T, H)
    rng = np.random.default_rng(seed)
    opt, losses = Adam(lr=lr), []
    for _ in range(updates):
        starts = rng.integers(0, len(ids_all) - steps - 1, size=batch)  # (B,)
        window = np.stack([ids_all[s:s + steps + 1] for s in starts])  # (B, T+1)
        losses.append(model.train_step(window[:, :-1], window[:, 1:], opt))
    x1, h_after = model.states(ids)  # (1, T, E), (1, T, H)
    logits = h_after[0] @ model.W_hy + model.b_y  # (T, V)
    guess = "".join(vocab[k] for k in logits.argmax(axis=1))
    right = sum(g == c for g, c in zip(guess[:-1], chosen[1:]))
    return {"sentence": chosen, "vocab_size": len(vocab),
            "embedding_before": x0[0].astype(np.float16), "embedding_after": x1[0].astype(np.float16),
            "h_before": h_before[0].astype(np.float16), "h_after": h_after[0].astype(np.float16),
            "loss": np.array(losses), "first_loss": losses[0], "last_loss": losses[-1],
            "uniform_loss": float(np.log(len(vocab))), "next_char_guess": guess,
            "next_char_right": int(right), "next_char_total": len(chosen) - 1}


def plot_states(r):
    """Characters down; embedding (T, 256) and states (T, 1024) before and after training."""
    import matplotlib.pyplot as plt

    chars = list(r["sentence"])
    T = len(chars)
    # a fixed layout: constrained layout would lay out every character's tick label several times
    # not sharey: a shared axis would make (and lay out) every character's tick on all three panels
    fig, axes = plt.subplots(1, 3, figsize=(10, 0.1 * T + 1.8), width_ratios=[1, 2.4, 2.4], layout="none")
    fig.subplots_adjust(left=0.07, right=0.99, top=0.95, bottom=0.06, wspace=0.06)
    panels = (("embedding_after", "embedding, 256 numbers", 0),
              ("h_before", "GRU state, 1024 numbers: untrained", 1),
              ("h_after", f"after {len(r['loss'])} training updates", 2))
    for ax, (key, title, _) in zip(axes, panels):
        a = r[key].astype(np.float32)  # (T, width)
        lim = float(np.abs(a).max()) or 1.0
        # eleven colour levels: the pattern reads the same and the image compresses (the page stays light)
        im = ax.imshow(a, aspect="auto", cmap=plt.get_cmap("RdBu_r", 11), vmin=-lim, vmax=lim,
                       interpolation="none")
        ax.set_title(title, fontsize=9.5)
        ax.set_xlabel("entry (0 to %d)" % (a.shape[1] - 1), fontsize=8.5)
        ax.grid(False)
        ax.set_yticks([])  # the rows are the characters of the first panel's labels
        fig.colorbar(im, ax=ax, orientation="horizontal", fraction=0.03, pad=0.065, aspect=30)
    axes[0].set_yticks(np.arange(T), [repr(c)[1:-1] if c != " " else "␣" for c in chars],
                       fontsize=6, family="monospace")
    axes[0].set_ylabel("character, first to last (time step)")
    return fig


def plot_loss(r):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.0))
    ax.plot(np.arange(1, len(r["loss"]) + 1), r["loss"], color="#0072b2", label="training batch")
    ax.axhline(r["uniform_loss"], color="#999", linestyle="--", label="guessing uniformly, ln V")
    ax.set(xlabel="training update (Adam step)", ylabel="cross-entropy, nats per character")
    ax.legend()
    return fig
