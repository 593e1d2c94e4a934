"""Q4: a dependency one window back, learned with carried state and without.

Each of B streams is cut into windows of T steps, taken in pairs. The
first window of a pair ends with a random sign v (+1 or -1) at its last
step and its target is v; the second window is all zeros and its target is
v again, the value T steps back, in the window before. A stateless model
sees only the zeros of the second window, so its best mean squared error
there is the variance of v (one, by predicting zero). A stateful model
starts the second window from the state that the first one left, so v can
reach it, although its gradient, like Keras's, stops at the window's first
step (truncated BPTT). The validation loss is read on the second windows.

A third model is stateful but gets no cue: the first window's target is 0,
so only the second window's loss asks for v, and its gradient never reaches
the step where v arrived. It shows what truncation costs.

Both models are the Q4 illustration, LSTM(16) then Dense(1) on the last
step, B=4 streams, T=10, trained with Adam by ``unrolled.train``'s BPTT,
several seeds; validation is on fresh streams, each from a zero state.
"""

from __future__ import annotations

import numpy as np

from ..layers import LSTM, _glorot_uniform
from ..train import Adam, bptt, forward_cache, mse

NAME = "stateful"
PARAMS = {"streams": 4, "steps": 10, "units": 16, "windows": 32, "epochs": 20, "lr": 0.01,
          "val_windows": 32, "seeds": [0, 1, 2]}


# --8<-- [start:compute]
def make_streams(streams, steps, windows, seed, cue=True):
    """x (K, B, T, 1) and y (K, B, 1), windows in pairs.

    Window 2j ends with a random sign v_j at its last step, and its target
    is v_j. Window 2j+1 is all zeros, and its target is v_j again: the
    answer lies T steps back, in the window before.
    """
    rng = np.random.default_rng(seed)
    v = rng.choice([-1.0, 1.0], size=(windows // 2, streams)).astype(np.float32)  # (K/2, B)
    x = np.zeros((windows, streams, steps, 1), np.float32)  # (K, B, T, 1)
    x[0::2, :, -1, 0] = v
    y = np.repeat(v, 2, axis=0)[:, :, None]  # (K, B, 1)
    if not cue:
        y[0::2] = 0.0                  # nothing asks the first window to hold v
    return x, y


def run(lstm, head, x, y, carry, opt=None):
    """One pass over the windows in order; train if ``opt`` is given. Returns per-window losses (K,)."""
    state, losses = None, []
    for k in range(len(x)):
        cache = forward_cache(lstm, x[k], initial_state=state if carry else None)  # h: (B, T, H)
        h_last = cache["h"][:, -1]  # (B, H)
        pred = h_last @ head["W_hy"] + head["b_y"]  # (B, H) @ (H, 1) -> (B, 1)
        loss, dpred = mse(pred, y[k])
        losses.append(loss)
        if carry:  # values cross the boundary; the next window's graph starts here
            state = [h_last.copy(), cache["c"][:, -1].copy()]  # (B, H), (B, H)
        if opt is not None:
            dh = np.zeros_like(cache["h"])  # (B, T, H)
            dh[:, -1] = dpred @ head["W_hy"].T  # (B, 1) @ (1, H) -> (B, H)
            grads, _, _ = bptt(lstm, cache, dh)
            params = {**{f"lstm.{n}": w for n, w in lstm.weights.items()},
                      "head.W_hy": head["W_hy"], "head.b_y": head["b_y"]}
            grads = {**{f"lstm.{n}": g for n, g in grads.items()},
                     "head.W_hy": h_last.T @ dpred, "head.b_y": dpred.sum(0)}
            opt.step(params, grads)
    return np.array(losses)  # (K,)


def compute(streams, steps, units, windows, epochs, lr, val_windows, seeds):
    curves = np.empty((3, len(seeds), epochs))  # (model, seed, epoch) validation loss
    for s, seed in enumerate(seeds):
        for m, (carry, cue) in enumerate(((0, True), (1, True), (1, False))):
            x_val, y_val = make_streams(streams, steps, val_windows, [seed, 99], cue)
            lstm = LSTM(1, units, seed=seed)
            head = {"W_hy": _glorot_uniform(np.random.default_rng([seed, 1]), (units, 1), np.float32),
                    "b_y": np.zeros(1, np.float32)}
            opt = Adam(lr=lr)
            for e in range(epochs):
                x, y = make_streams(streams, steps, windows, [seed, e], cue)  # fresh streams each epoch
                run(lstm, head, x, y, carry, opt)  # the state is reset at each epoch's start
                curves[m, s, e] = run(lstm, head, x_val, y_val, carry)[1::2].mean()
    final = curves[:, :, -1]  # (3, seeds)
    return {"val_loss": curves, "stateless_final": final[0], "stateful_final": final[1],
            "uncued_final": final[2]}
# --8<-- [end:compute]


def plot_curves(r, seeds):
    """Validation MSE against epoch, stateless and stateful, one line per seed."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    epochs = np.arange(1, r["val_loss"].shape[2] + 1)
    names = (("stateless", "#d55e00"), ("stateful", "#0072b2"), ("stateful, no cue", "#009e73"))
    for m, (name, color) in enumerate(names):
        for s, seed in enumerate(seeds):
            ax.plot(epochs, r["val_loss"][m, s], color=color, alpha=0.85,
                    linestyle=("-", "--", ":")[s % 3], label=f"{name}, seed {seed}")
    ax.axhline(1.0, color="#777777", linewidth=0.8)
    ax.set(xlabel="epoch", ylabel="validation MSE", ylim=(0, None))
    ax.legend(loc="center right", fontsize=7.5, ncol=3)
    return fig
