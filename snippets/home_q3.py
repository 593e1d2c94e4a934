"""The asker's model from Q3: 2 time steps, 1 feature, 100 LSTM units."""
import matplotlib.pyplot as plt
import numpy as np

# --8<-- [start:show]
B, T, D, H = 1, 2, 1, 100            # batch, time steps, features, units
x = np.array([[[10.0], [20.0]]])     # (B, T, D): one window of two lagged values

rng = np.random.default_rng(0)
W_xh = rng.normal(0, 0.1, (D, 4 * H))  # (D, 4H): input to the four gates
W_hh = rng.normal(0, 0.1, (H, 4 * H))  # (H, 4H): state to the four gates
b = np.zeros(4 * H)                    # (4H,)

h = np.zeros((B, H))                 # (B, H)
c = np.zeros((B, H))                 # (B, H)
for t in range(T):                   # one cell, applied at every step
    z = x[:, t] @ W_xh + h @ W_hh + b  # (B, D) @ (D, 4H) + (B, H) @ (H, 4H) -> (B, 4H)
    i, f, g, o = np.split(z, 4, axis=1)  # each (B, H)
    sigmoid = lambda a: 1 / (1 + np.exp(-a))
    c = sigmoid(f) * c + sigmoid(i) * np.maximum(g, 0)  # (B, H)
    h = sigmoid(o) * np.maximum(c, 0)  # (B, H)

print("x   ", x.shape)
print("W_xh", W_xh.shape)
print("W_hh", W_hh.shape)
print("h   ", h.shape)

fig, ax = plt.subplots()
ax.bar(np.arange(H), h[0])
ax.set(xlabel="unit", ylabel="h after the last step", title="One state vector: 100 numbers")
# --8<-- [end:show]

n_params = W_xh.size + W_hh.size + b.size
ALT = f"Bar chart of the {H} entries of the LSTM's final hidden state for one input window."
