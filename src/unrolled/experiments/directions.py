"""Q7: one-way against bidirectional LSTMs, trained on two small tasks.

**Next token.** Token sequences from a Markov chain over ``vocab`` tokens:
after token i comes 2i or 2i + 1 (mod ``vocab``), each with probability
one half. The model reads tokens 0..T-1 and predicts, at every step t,
token t+1. No model can do better than the chain's own uncertainty: a
cross-entropy of ln 2 a step and an accuracy of one half. A bidirectional
model's backward half at step t has read tokens t..T-1, and token t+1 is
among them: it can copy the answer (at every step but the last). It is then
scored as it would be used, when token t+1 does not exist yet:

* "prefix": the model reads tokens 0..t only and its last output is read;
* "zeroed": the model reads all T steps with the steps after t set to zero.

**Tagging.** Tokens drawn uniformly and independently; a token is "high"
if it is in the upper half of the vocabulary. The label of word t is the
number of high words among its two neighbours (0, 1 or 2; a missing
neighbour at either end counts as not high). The whole sentence is read
before any label is needed, as in tagging. A one-way model knows the word
before but not the word after, so it can expect no more than one half
right at a step that has a next word.

Both tasks use the same models: LSTM(``units``) on one-hot tokens then a
per-step dense softmax layer, or two LSTM(``units``) layers, one on the
sequence reversed in time, their per-step outputs flipped back and
concatenated before the dense layer. Trained with Adam on the mean
cross-entropy by ``unrolled.train``'s BPTT, several seeds, minibatches from a
fixed training set; scored on fresh sequences.
"""

from __future__ import annotations

import numpy as np

from ..layers import LSTM, _glorot_uniform
from ..train import Adam, bptt, forward_cache

NAME = "directions"
PARAMS = {"vocab": 8, "steps": 10, "units": 12, "train": 512, "test": 512, "batch": 64,
          "updates": 300, "lr": 0.02, "seeds": [0, 1, 2, 3]}
MODELS = ("one-way", "bidirectional")


# --8<-- [start:data]
def markov_tokens(n, steps, vocab, rng):
    """(n, steps + 1) tokens: after i comes 2i or 2i + 1 (mod vocab), with equal chance."""
    tokens = np.empty((n, steps + 1), np.int64)  # (N, T+1)
    tokens[:, 0] = rng.integers(vocab, size=n)
    for t in range(steps):
        tokens[:, t + 1] = (2 * tokens[:, t] + rng.integers(2, size=n)) % vocab
    return tokens


def transitions(vocab):
    """The chain's transition matrix (V, V): row i is the distribution of the next token."""
    P = np.zeros((vocab, vocab))  # (V, V)
    for i in range(vocab):
        P[i, (2 * i) % vocab] += 0.5
        P[i, (2 * i + 1) % vocab] += 0.5
    return P


def tag_data(n, steps, vocab, rng):
    """Tokens (n, T) and labels (n, T): how many of the two neighbours are high (0, 1 or 2)."""
    tokens = rng.integers(vocab, size=(n, steps))  # (N, T)
    high = np.pad(tokens >= vocab // 2, ((0, 0), (1, 1))).astype(np.int64)  # (N, T+2) ends not high
    return tokens, high[:, :-2] + high[:, 2:]  # (N, T), (N, T)


def one_hot(tokens, vocab):
    return np.eye(vocab, dtype=np.float32)[tokens]  # (N, T) -> (N, T, V)
# --8<-- [end:data]


# --8<-- [start:model]
def make_model(features, units, classes, bidirectional, seed):
    """A forward LSTM, a backward one if ``bidirectional``, and a per-step dense layer."""
    layers = [LSTM(features, units, seed=seed)]
    if bidirectional:
        layers.append(LSTM(features, units, seed=[seed, 1]))
    rng = np.random.default_rng([seed, 2])
    F = units * len(layers)
    return {"layers": layers, "W_hy": _glorot_uniform(rng, (F, classes), np.float32),  # (F, C)
            "b_y": np.zeros(classes, np.float32)}  # (C,)


def forward(model, x):
    """Per-step logits (B, T, C) and the caches the backward pass needs."""
    fwd, *bwd = model["layers"]
    caches = [forward_cache(fwd, x)]  # h: (B, T, H)
    feats = caches[0]["h"]  # (B, T, H)
    if bwd:
        caches.append(forward_cache(bwd[0], x[:, ::-1]))  # reads step T-1 first
        h_b = caches[1]["h"][:, ::-1]  # (B, T, H) back in the input's time order
        feats = np.concatenate([feats, h_b], axis=-1)  # (B, T, 2H)
    logits = feats @ model["W_hy"] + model["b_y"]  # (B, T, F) @ (F, C) -> (B, T, C)
    return logits, feats, caches


def cross_entropy(logits, targets):
    """Mean cross-entropy (nats) over every step, and its gradient w.r.t. the logits."""
    z = logits - logits.max(-1, keepdims=True)  # (B, T, C)
    p = np.exp(z)  # (B, T, C)
    p /= p.sum(-1, keepdims=True)  # (B, T, C) softmax
    B, T, C = p.shape
    picked = np.take_along_axis(p, targets[..., None], -1)[..., 0]  # (B, T)
    loss = float(-np.log(np.maximum(picked, 1e-12)).mean())
    dlogits = p.copy()  # (B, T, C)
    np.put_along_axis(dlogits, targets[..., None], picked[..., None] - 1, -1)
    return loss, dlogits / (B * T)  # (B, T, C)


def loss_and_gradients(model, x, targets):
    """Loss and the gradient of every weight (names "layer0.W_xh", ..., "W_hy", "b_y")."""
    logits, feats, caches = forward(model, x)
    loss, dlogits = cross_entropy(logits, targets)  # (B, T, C)
    B, T, F = feats.shape
    grads = {"W_hy": feats.reshape(B * T, F).T @ dlogits.reshape(B * T, -1),  # (F, C)
             "b_y": dlogits.sum((0, 1))}  # (C,)
    dfeats = dlogits @ model["W_hy"].T  # (B, T, C) @ (C, F) -> (B, T, F)
    H = model["layers"][0].units
    for k, (layer, cache) in enumerate(zip(model["layers"], caches)):
        dh = dfeats[..., k * H:(k + 1) * H]  # (B, T, H)
        if k:  # the backward layer met step T-1 first: flip its gradient into its own order
            dh = dh[:, ::-1]
        g, _, _ = bptt(layer, cache, np.ascontiguousarray(dh))
        grads.update({f"layer{k}.{n}": v for n, v in g.items()})
    return loss, grads


def params(model):
    p = {f"layer{k}.{n}": w for k, layer in enumerate(model["layers"])
         for n, w in layer.weights.items()}
    return {**p, "W_hy": model["W_hy"], "b_y": model["b_y"]}


def fit(model, x, targets, updates, batch, lr, seed):
    """Adam on random minibatches; returns the loss of every update (updates,)."""
    rng = np.random.default_rng([seed, 3])
    opt, losses = Adam(lr=lr), np.empty(updates)  # losses: (updates,)
    for u in range(updates):
        idx = rng.choice(len(x), size=batch, replace=False)
        losses[u], grads = loss_and_gradients(model, x[idx], targets[idx])
        opt.step(params(model), grads)
    return losses
# --8<-- [end:model]


# --8<-- [start:withhold]
def accuracy_without_future(model, x, targets, how):
    """Accuracy per step (T,) when step t is predicted from steps 0..t only.

    ``how="prefix"`` runs the model on steps 0..t; ``how="zeroed"`` on all
    T steps with the steps after t set to zero. Either way output t is read.
    """
    T = x.shape[1]
    right = np.empty(T)  # (T,)
    for t in range(T):
        if how == "prefix":
            logits = forward(model, x[:, :t + 1])[0][:, -1]  # (B, C)
        else:
            x_t = x.copy()
            x_t[:, t + 1:] = 0.0  # (B, T, V) the future as zeros
            logits = forward(model, x_t)[0][:, t]  # (B, C)
        right[t] = np.mean(logits.argmax(-1) == targets[:, t])
    return right  # (T,)
# --8<-- [end:withhold]


def compute(vocab, steps, units, train, test, batch, updates, lr, seeds):
    P = transitions(vocab)  # (V, V); the chain's stationary distribution is uniform
    floor = float(-np.mean(np.sum(np.where(P > 0, P * np.log(np.where(P > 0, P, 1)), 0), 1)))
    best_acc = float(np.mean(P.max(1)))
    S, M = len(seeds), len(MODELS)
    next_curves = np.empty((M, S, updates))  # (model, seed, update) training loss
    next_train = np.empty((M, S, steps))  # (model, seed, step) final loss on the training set
    next_seen = np.empty((M, S))  # accuracy with the future in view
    next_prefix = np.empty((M, S, steps))  # (model, seed, step) accuracy, future withheld
    next_zeroed = np.empty((M, S, steps))
    tag_curves = np.empty((M, S, updates))
    tag_acc = np.empty((M, S, steps))  # (model, seed, step) test accuracy
    for s, seed in enumerate(seeds):
        rng = np.random.default_rng([seed, 10])
        tok, tok_test = markov_tokens(train, steps, vocab, rng), markov_tokens(test, steps, vocab, rng)
        x, y = one_hot(tok[:, :-1], vocab), tok[:, 1:]  # (N, T, V), (N, T): the next token
        x_test, y_test = one_hot(tok_test[:, :-1], vocab), tok_test[:, 1:]  # (N, T, V), (N, T)
        words, labels = tag_data(train, steps, vocab, rng)  # (N, T) each
        words_test, labels_test = tag_data(test, steps, vocab, rng)  # (N, T) each
        for m, bidirectional in enumerate((False, True)):
            model = make_model(vocab, units, vocab, bidirectional, seed)
            next_curves[m, s] = fit(model, x, y, updates, batch, lr, seed)
            logits = forward(model, x)[0]  # (N, T, V)
            next_train[m, s] = [cross_entropy(logits[:, t:t + 1], y[:, t:t + 1])[0]
                                for t in range(steps)]
            next_seen[m, s] = np.mean(forward(model, x_test)[0].argmax(-1) == y_test)
            next_prefix[m, s] = accuracy_without_future(model, x_test, y_test, "prefix")
            next_zeroed[m, s] = accuracy_without_future(model, x_test, y_test, "zeroed")

            tagger = make_model(vocab, units, 3, bidirectional, seed)
            tag_curves[m, s] = fit(tagger, one_hot(words, vocab), labels, updates, batch, lr, seed)
            pred = forward(tagger, one_hot(words_test, vocab))[0].argmax(-1)  # (N, T)
            tag_acc[m, s] = np.mean(pred == labels_test, axis=0)
    # a one-way tagger knows the word before; the word after is high with chance one half,
    # except at the last step, which has none
    one_way_ceiling = float((0.5 * (steps - 1) + 1.0) / steps)
    return {"floor": floor, "best_acc": best_acc, "next_curves": next_curves,
            "next_train": next_train, "next_seen": next_seen, "next_prefix": next_prefix,
            "next_zeroed": next_zeroed, "tag_curves": tag_curves, "tag_acc": tag_acc,
            "one_way_ceiling": one_way_ceiling}


# --- figures ---------------------------------------------------------------------------

COLORS = {"one-way": "#d55e00", "bidirectional": "#0072b2"}


def plot_next_token(r):
    """Left: training loss against update with the chain's floor. Right: accuracy per seed."""
    import matplotlib.pyplot as plt

    fig, (ax, bx) = plt.subplots(1, 2, figsize=(8.0, 3.4), gridspec_kw={"width_ratios": [1.2, 1]})
    curves = r["next_curves"]  # (model, seed, update)
    updates = np.arange(1, curves.shape[-1] + 1)
    for m, name in enumerate(MODELS):
        for s in range(curves.shape[1]):
            ax.plot(updates, curves[m, s], color=COLORS[name], linewidth=1.0, alpha=0.8,
                    label=name if s == 0 else None)
    ax.axhline(r["floor"], color="#777777", linewidth=0.9, linestyle="--",
               label="the data's uncertainty (ln 2)")
    ax.set(xlabel="Adam update", ylabel="training cross-entropy (nats)", ylim=(0, None))
    ax.legend(loc="upper right", fontsize=7.5)

    modes = (("future in view", r["next_seen"]),
             ("reads 0..t", r["next_prefix"].mean(-1)),
             ("future zeroed", r["next_zeroed"].mean(-1)))
    for k, (label, acc) in enumerate(modes):  # acc: (model, seed)
        for m, name in enumerate(MODELS):
            xs = k + (m - 0.5) * 0.3 + np.linspace(-0.06, 0.06, acc.shape[1])
            bx.scatter(xs, acc[m], color=COLORS[name], s=18, marker="o" if m else "s",
                       label=name if k == 0 else None)
    bx.axhline(r["best_acc"], color="#777777", linewidth=0.9, linestyle="--",
               label="best possible")
    bx.set_xticks(range(len(modes)), [label for label, _ in modes], fontsize=8)
    bx.set(ylabel="test accuracy, next token", ylim=(0, 1.05))
    bx.legend(loc="upper right", fontsize=7.5)
    return fig


def plot_tagging(r):
    """Test accuracy at each position, one line per seed and model."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    acc = r["tag_acc"]  # (model, seed, step)
    steps = np.arange(acc.shape[-1])
    for m, name in enumerate(MODELS):
        for s in range(acc.shape[1]):
            ax.plot(steps, acc[m, s], color=COLORS[name], marker="os"[m == 0], markersize=3,
                    linewidth=1.0, alpha=0.8, label=name if s == 0 else None)
    ax.set(xlabel="word position t", ylabel="test accuracy of the label", ylim=(0, 1.05))
    ax.legend(loc="lower left", fontsize=8)
    return fig
