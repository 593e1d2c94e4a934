"""One LSTM unit is not a linear regressor: it fits |x_2 - x_1|, which no linear model can."""
__all__ = ["linear_mse", "lstm_mse", "one_unit_params", "N", "T"]  # what pages may quote with value(...)
import matplotlib.pyplot as plt
import numpy as np

from unrolled.train import Regressor

# --8<-- [start:show]
N, T = 128, 2                                  # windows, time steps
rng = np.random.default_rng(0)
x = rng.uniform(-2, 2, size=(N, T, 1))          # (N, T, 1)
y = np.abs(x[:, 1] - x[:, 0])                   # (N, 1): a V-shaped target

A = np.concatenate([x[:, :, 0], np.ones((N, 1))], axis=1)  # (N, T + 1): inputs and a constant
coef, *_ = np.linalg.lstsq(A, y, rcond=None)    # (T + 1, 1): the best linear fit
linear_mse = float(np.mean((A @ coef - y) ** 2))

model = Regressor("lstm", features=1, units=1, seed=0)  # LSTM(1), tanh, then Dense(1)
history = model.fit(x, y, epochs=250, lr=0.02, batch_size=32)
lstm_mse = history["loss"][-1]
print(f"parameters of LSTM(1) + Dense(1): {model.num_params}")
print(f"best linear model MSE: {linear_mse:.3f}")
print(f"one-unit LSTM MSE:     {lstm_mse:.3f}")

d = x[:, 1, 0] - x[:, 0, 0]                     # (N,)
fig, ax = plt.subplots()
ax.scatter(d, y[:, 0], s=18, color="0.6", label="target |x2 - x1|")
ax.scatter(d, model.predict(x)[:, 0], s=6, marker="o", label="LSTM, one unit")
ax.scatter(d, (A @ coef)[:, 0], s=6, marker="s", label="best linear fit")
ax.set(xlabel="x2 - x1 (input units)", ylabel="prediction (input units)",
       title="One LSTM unit against a linear model")
ax.legend()
# --8<-- [end:show]

one_unit_params = model.num_params
assert lstm_mse < linear_mse / 10
ALT = (f"Scatter of a V-shaped target against x2 - x1, with the one-unit LSTM's predictions "
       f"following the V (MSE {lstm_mse:.3f}) and the best linear fit a nearly flat band "
       f"(MSE {linear_mse:.3f}).")
