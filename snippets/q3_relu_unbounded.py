"""ReLU is not bounded by 1: states of a ReLU LSTM at the asker's input scale, and a ReLU RNN whose state and gradient explode."""
import matplotlib.pyplot as plt
import numpy as np

import unrolled
from unrolled.train import Regressor

# --8<-- [start:show]
H, steps = 32, (10, 100, 1000)
largest = {}
for act in ("tanh", "relu"):                  # LSTM(32, activation=act), Keras's initialisation
    layer = unrolled.LSTM(features=1, units=H, activation=act, seed=0)
    x = np.full((1, max(steps), 1), 10.0)     # (1, T, 1): the asker's largest value, held
    h = layer.trace(x)["h"]                   # (1, T, H)
    largest[act] = [float(np.abs(h[:, :T]).max()) for T in steps]
    print(f"LSTM {act}: largest |h| over {steps} steps = {np.round(largest[act], 2)}")

grow = {}
for act in ("tanh", "relu"):                  # simple RNN, W_hh = 1.05 * identity
    model = Regressor("rnn", features=1, units=H, activation=act, seed=0)
    model.layers[0].weights["W_hh"][:] = 1.05 * np.eye(H)  # (H, H)
    grow[act] = []
    for T in (10, 50, 100):
        x, y = np.ones((4, T, 1)), np.zeros((4, 1))  # (B, T, D), (B, 1)
        _, _, dh = model.loss_and_gradients(x, y)
        first_step = np.linalg.norm(dh[0][:, 0])  # |dL/dh_0|
        grow[act].append(float(first_step))
        state = float(np.abs(model.layers[0](x)).max())
        print(f"RNN {act}, T={T:3d}: largest |h| {state:9.2f}, |dL/dh_0| {first_step:.1e}")

fig, ax = plt.subplots()
for act, marker in (("tanh", "o"), ("relu", "s")):
    ax.semilogy((10, 50, 100), grow[act], marker=marker, label=act)
ax.set(xlabel="sequence length T (steps)", ylabel="|dL/dh_0| (log scale)",
       title="Gradient reaching the first step, simple RNN")
ax.legend()
# --8<-- [end:show]

__all__ = ["H", "long_steps", "lstm_relu_max", "lstm_tanh_max", "rnn_relu_grad", "rnn_tanh_grad"]
long_steps = max(steps)
lstm_relu_max = largest["relu"][-1]
lstm_tanh_max = largest["tanh"][-1]
rnn_relu_grad = grow["relu"][-1]
rnn_tanh_grad = grow["tanh"][-1]
assert lstm_relu_max > 1 and lstm_tanh_max < 1 and rnn_relu_grad > 1e3 and rnn_tanh_grad < 1e-3
ALT = (f"Log-scale line chart of the gradient norm reaching the first step of a simple RNN "
       f"against sequence length: with ReLU it climbs to {rnn_relu_grad:.0e} at {T} steps, "  # T: the last length the loop ran
       f"with tanh it falls to {rnn_tanh_grad:.0e}.")
