"""Q4: batch 1's values reach batch 2; batch 2's gradient does not reach batch 1."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.stateful import gradient_across_boundary

__all__ = ["full_max", "truncated_max", "moved_min", "dx2_gap", "B", "T", "H"]

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16
rng = np.random.default_rng(3)
x1, x2 = rng.standard_normal((2, B, T, D)).astype(np.float32)  # (B, T, D) each
dy2 = rng.standard_normal((B, T, H)).astype(np.float32)  # dL/dh_t of batch 2's loss

g = gradient_across_boundary(LSTM(D, H, seed=0), x1, x2, dy2)
print("batch 2 outputs moved by zeroing batch 1, per row:", g["outputs_moved"].round(4))
print("dL2/dx1 through both batches (no cut), largest:  ", np.abs(g["full"]).max().round(4))
print("dL2/dx1 with the state carried as a value:       ", np.abs(g["truncated"]).max())
print("dL2/dx2 the same both ways (difference below 1e-6):",
      np.abs(g["dx2_full"] - g["dx2_truncated"]).max() < 1e-6)
# --8<-- [end:show]

full_max = float(np.abs(g["full"]).max())
truncated_max = float(np.abs(g["truncated"]).max())
moved_min = float(g["outputs_moved"].min())
dx2_gap = float(np.abs(g["dx2_full"] - g["dx2_truncated"]).max())
assert full_max > 0 and truncated_max == 0 and moved_min > 0 and dx2_gap < 1e-5
