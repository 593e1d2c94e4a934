"""Q4: row i of batch k+1 starts where row i of batch k stopped, and rows never mix."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.stateful import Stateful, stream_batches

__all__ = ["B", "T", "K", "gap_to_long_run", "start_gap", "rows_moved", "H"]

# --8<-- [start:show]
B, T, D, H, K = 4, 10, 1, 16, 3       # 4 streams of 3 windows of 10 steps
streams = np.random.default_rng(2).standard_normal((B, K * T, D)).astype(np.float32)  # (B, 30, D)
batches = stream_batches(streams, T)  # (K, B, T, D): batch k, row i = window k of stream i
layer = LSTM(D, H, seed=0)

carried = Stateful(layer)
pieces, starts = [], []
for x in batches:
    starts.append(None if carried.states is None else carried.states[0].copy())  # (B, H)
    pieces.append(carried(x))         # (B, T, H)
stitched = np.concatenate(pieces, axis=1)  # (B, K*T, H)
long_run = layer(streams)             # (B, K*T, H): each stream read in one go
print("stateful batches against one long run, per row:", np.abs(stitched - long_run).max(axis=(1, 2)))
print("batch 1 starts from batch 0's last h, per row: ",
      np.abs(starts[1] - long_run[:, T - 1]).max(axis=1))

changed = streams.copy()
changed[0, :T] += 1.0                 # change the first window of stream 0 only
carried = Stateful(layer)
for x in stream_batches(changed, T)[:2]:
    moved = carried(x)                # (B, T, H) for batch 1 at the end
print("batch 1 outputs that moved, per row:", np.abs(moved - pieces[1]).max(axis=(1, 2)) > 0)
# --8<-- [end:show]

gap_to_long_run = float(np.abs(stitched - long_run).max())
start_gap = float(np.abs(starts[1] - long_run[:, T - 1]).max())
rows_moved = int((np.abs(moved - pieces[1]).max(axis=(1, 2)) > 0).sum())
assert gap_to_long_run < 1e-5 and rows_moved == 1
