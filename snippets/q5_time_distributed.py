"""Q5: TimeDistributed(Dense) is Dense on the last axis: one set of weights, nothing passed between steps."""
import numpy as np

from unrolled.wiring import Dense, time_distributed

__all__ = ["gap", "params", "moved_steps", "B", "T", "H", "K"]

# --8<-- [start:show]
B, T, H, K = 2, 3, 64, 6
h = np.random.default_rng(0).standard_normal((B, T, H)).astype(np.float32)  # LSTM outputs (B, T, H)
dense = Dense(H, K, seed=1)
wrapped = time_distributed(dense, h)  # (B, T, K): the layer called on h[:, t], t = 0, 1, 2
plain = dense(h)                      # (B, T, K): (B, T, H) @ (H, K) on the last axis
print("TimeDistributed(Dense) against Dense on 3-D: largest difference", np.abs(wrapped - plain).max())
print("parameters, whatever T is:", dense.num_params, "=", H, "*", K, "+", K)

h2 = h.copy()
h2[:, 0] += 1.0                       # change step 0 only
moved = np.abs(time_distributed(dense, h2) - wrapped).max(axis=(0, 2)) > 0  # (T,)
print("output steps that moved:", moved)
# --8<-- [end:show]

gap = float(np.abs(wrapped - plain).max())
params = dense.num_params
moved_steps = int(moved.sum())
assert gap < 1e-5 and moved_steps == 1
