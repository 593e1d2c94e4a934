"""Q6: how pad steps move an LSTM's state, after the sequence and before it."""
import matplotlib.pyplot as plt
import numpy as np

from unrolled.layers import LSTM

__all__ = ["n_layers", "pads", "post_at_1", "post_at_20", "pre_at_20", "zero_bias_pre", "D", "H"]

# --8<-- [start:show]
D, H, n_layers = 3, 5, 5              # five random layers with nonzero biases
pads = [0, 1, 2, 5, 10, 20]
rng = np.random.default_rng(0)
words = rng.standard_normal((1, 4, D)).astype(np.float32)  # one 4-word sentence (1, 4, D)
post = np.empty((n_layers, len(pads)))  # state after n trailing pads, off from the state at the last word
pre = np.empty((n_layers, len(pads)))   # state at the first word after n leading pads, off from no pads
for k in range(n_layers):
    layer = LSTM(D, H, seed=k)
    layer.weights["b"] = rng.uniform(-1, 1, 4 * H).astype(np.float32)  # (4H,)
    h_last = layer(words, return_sequences=False)  # (1, H)
    h_first = layer(words[:, :1], return_sequences=False)  # (1, H)
    for j, n in enumerate(pads):
        zeros = np.zeros((1, n, D), np.float32)  # (1, n, D)
        post[k, j] = np.abs(layer(np.concatenate([words, zeros], 1), return_sequences=False) - h_last).max()
        pre[k, j] = np.abs(layer(np.concatenate([zeros, words[:, :1]], 1), return_sequences=False) - h_first).max()

fig, ax = plt.subplots(figsize=(7.2, 3.4))
for k in range(n_layers):
    ax.plot(pads, post[k], color="#d55e00", marker="o", markersize=3, alpha=0.8,
            label="post: state after n pads vs at the last word" if k == 0 else None)
    ax.plot(pads, pre[k], color="#0072b2", marker="s", markersize=3, alpha=0.8, linestyle="--",
            label="pre: state at the first word vs without pads" if k == 0 else None)
ax.set(xlabel="pad steps n", ylabel="largest |difference| in h")
ax.legend(loc="lower right", fontsize=8.5)
# --8<-- [end:show]

zero_bias = LSTM(D, H, seed=0)        # Keras's start: zero bias (forget gate 1) keeps a zero state at zero
zero_bias.weights["b"][:] = 0
zero_bias_pre = float(np.abs(zero_bias(np.concatenate([np.zeros((1, 20, D), np.float32), words[:, :1]], 1),
                                       return_sequences=False) - zero_bias(words[:, :1], return_sequences=False)).max())
post_at_1 = f"{post[:, 1].min():.2f} to {post[:, 1].max():.2f}"
post_at_20 = f"{post[:, -1].min():.2f} to {post[:, -1].max():.2f}"
pre_at_20 = f"{pre[:, -1].min():.2f} to {pre[:, -1].max():.2f}"
pads = tuple(pads)
ALT = [f"Line plot of how far pad steps move the state of {n_layers} random LSTMs with nonzero biases, "
       f"against the number of pads. After the sentence (post-padding) one pad moves h by {post_at_1} and "
       f"twenty by {post_at_20}; before it (pre-padding) twenty pads move h at the first word by {pre_at_20}."]
CAPTION = [f"{n_layers} LSTMs with {H} units and random nonzero biases, one random sentence of {words.shape[1]} words with "
           f"{D} features. Both curves level off: the pads drive the state to the fixed point of a zero input."]
