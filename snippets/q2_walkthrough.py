"""Q2 run at the tutorial's sizes: ids -> embedding -> GRU looped over 100 steps -> logits."""
__all__ = ["B", "state_width", "E", "H", "T", "V"]  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.cells import gru_cell

# --8<-- [start:show]
V, B, T, E, H = 66, 64, 100, 256, 1024   # vocabulary, batch, steps, embedding width, units
rng = np.random.default_rng(0)

ids = rng.integers(0, V, size=(B, T))    # (B, T): a batch of 64 sequences of 100 characters
table = rng.normal(0, 0.05, (V, E)).astype(np.float32)  # (V, E): the Embedding's weights
x = table[ids]                           # (B, T, E): each character becomes a 256-wide row

gru = unrolled.GRU(features=E, units=H, convention="pytorch", seed=0)  # one cell's weights, used at every step
print("W_xh", gru.weights["W_xh"].shape)  # (E, 3H): input to the blocks z, r, n
print("W_hh", gru.weights["W_hh"].shape)  # (H, 3H): state to the blocks z, r, n

W = gru.weights
x_t = x[:, 0]                            # (B, E): the first character of every sequence
h_0 = np.zeros((B, H), np.float32)       # (B, H): the state before it
xw_t = x_t @ W["W_xh"]                   # (B, E) @ (E, 3H) -> (B, 3H)
hw_t = h_0 @ W["W_hh"]                   # (B, H) @ (H, 3H) -> (B, 3H)
h_1, gates = gru_cell(x_t, h_0, W["W_xh"], W["W_hh"], W["b"], return_gates=True)  # (B, H)
print("one step: x_t", x_t.shape, "| x_t @ W_xh", xw_t.shape, "| h @ W_hh", hw_t.shape)
print("          gates z, r, n", gates["z"].shape, "each | new state", h_1.shape)

seq, h_T = gru(x, return_sequences=True, return_state=True)  # (B, T, H), (B, H): all T steps
print("x    ", x.shape)
print("seq  ", seq.shape)
print("h_T  ", h_T.shape)

W_hy = rng.normal(0, 0.05, (H, V)).astype(np.float32)  # (H, V): the Dense layer
logits = seq @ W_hy                      # (B, T, H) @ (H, V) -> (B, T, V)
print("logits", logits.shape)
# --8<-- [end:show]

assert np.array_equal(seq[:, -1], h_T)
assert np.allclose(seq[:, 0], h_1, atol=1e-5)
state_width = h_T.shape[1]
steps = seq.shape[1]
assert state_width == H and steps == T
