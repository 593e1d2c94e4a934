"""The asker's ReLU LSTM in PyTorch's weight layout: a loop over one cell, since nn.LSTM has no activation."""
import numpy as np

import unrolled
from unrolled.cells import lstm_cell
from unrolled.experiments import q3

# --8<-- [start:show]
x, y = q3.train_set()                         # (B, T, D) = (8, 2, 1): the asker's windows
B, T, D = x.shape
H = 100
layer = unrolled.LSTM(D, H, activation="relu", convention="pytorch", seed=0)
W = layer.weights                             # nn.LSTM's weights, transposed: W_xh (D, 4H), W_hh (H, 4H)
print({k: v.shape for k, v in W.items()})     # b (2, 4H): PyTorch's bias_ih and bias_hh

h = np.zeros((B, H), np.float32)              # (B, H)
c = np.zeros((B, H), np.float32)              # (B, H)
for t in range(T):                            # the loop a hand-written PyTorch cell runs
    h, c = lstm_cell(x[:, t], h, c, W["W_xh"], W["W_hh"], W["b"], activation="relu")  # (B, H) each
print("loop equals the layer:", np.allclose(h, layer(x)[:, -1], atol=1e-6))

tanh = unrolled.LSTM(D, H, convention="pytorch", seed=0)  # what nn.LSTM computes with these weights
tanh.weights.update(W)
print(f"largest |h| with relu {np.abs(h).max():.2f}, with nn.LSTM's tanh {np.abs(tanh(x)[:, -1]).max():.2f}")
# --8<-- [end:show]

__all__ = ["relu_max", "tanh_max"]
relu_max = float(np.abs(h).max())
tanh_max = float(np.abs(tanh(x)[:, -1]).max())
assert np.allclose(h, layer(x)[:, -1], atol=1e-6) and tanh_max < 1
