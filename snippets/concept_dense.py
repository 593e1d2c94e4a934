"""A neuron is a weighted sum and an activation; a dense layer is H of them side by side."""
__all__ = ["dense_params"]  # what pages may quote with value(...)
import numpy as np

# --8<-- [start:show]
B, D, H = 2, 3, 4                          # batch, input features, neurons (units)
rng = np.random.default_rng(0)
x = rng.normal(size=(B, D))                # (B, D)

w, b0 = rng.normal(size=D), 0.1            # one neuron: D weights and a bias
one = np.tanh(x @ w + b0)                  # (B,): one number per example

W = rng.normal(size=(D, H))                # (D, H): H neurons, one column each
b = rng.normal(size=H)                     # (H,)
y = np.tanh(x @ W + b)                     # (B, D) @ (D, H) -> (B, H)

print("one neuron:", one.shape, " dense layer:", y.shape, " params:", W.size + b.size)
W[:, 0], b[0] = w, b0                      # put our neuron in column 0
print("column 0 of the layer is that neuron:", np.allclose(np.tanh(x @ W + b)[:, 0], one))
# --8<-- [end:show]

dense_params = W.size + b.size
