"""Q5's illustration in Keras's convention: 3 turns of 100 features, LSTM(64, return_sequences=True), Dense(6)."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.shapes import describe
from unrolled.wiring import Dense, time_distributed

__all__ = ["T", "D", "H", "K", "lstm_params", "dense_params", "total_params", "seq_shape",
           "last_shape", "out_shape", "one_shape", "B"]

# --8<-- [start:show]
B, T, D, H, K = 2, 3, 100, 64, 6      # 2 dialogues, 3 turns, 100 features, 64 units, 6 actions

lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, return_sequences=True)
print(lstm.table())

x = np.random.default_rng(0).standard_normal((B, T, D)).astype(np.float32)  # (B, T, D)
layer, dense = LSTM(D, H, seed=0), Dense(H, K, seed=1)
h_all = layer(x)                      # return_sequences=True: (B, T, H)
h_last = layer(x, return_sequences=False)  # return_sequences=False: (B, H)
print("\nLSTM, return_sequences=True: ", h_all.shape, "  False:", h_last.shape)
print("Dense(6) on every step:           ", dense(h_all).shape, " params", dense.num_params)
print("TimeDistributed(Dense(6)):        ", time_distributed(dense, h_all).shape, " params", dense.num_params)
print("many-to-one, Dense(6) on the last:", dense(h_last).shape)
# --8<-- [end:show]

lstm_params = lstm.params
dense_params = dense.num_params
total_params = lstm_params + dense_params
seq_shape, last_shape = h_all.shape, h_last.shape
out_shape, one_shape = dense(h_all).shape, dense(h_last).shape
assert lstm_params == 4 * H * (D + H + 1) and dense_params == H * K + K
