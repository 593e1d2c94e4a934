"""Q6: h_n of a packed batch is each sequence's own final state, as if run alone."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.masking import pad_sequences
from unrolled.packing import run_packed

__all__ = ["packed_gap", "n_seqs", "D", "H"]

# --8<-- [start:show]
D, H = 3, 5
rng = np.random.default_rng(1)
seqs = [rng.standard_normal((n, D)).astype(np.float32) for n in (4, 2, 3, 1)]
x = pad_sequences(seqs, padding="post", dtype="float32")  # (B, T, D)
layer = LSTM(D, H, convention="pytorch", seed=0)
_, h_n, c_n = run_packed(layer, x, [len(s) for s in seqs])  # (B, H) each

for i, s in enumerate(seqs):
    _, h, c = layer(s[None], return_state=True)  # the sequence alone: (1, H) each
    gap = max(np.abs(h_n[i] - h[0]).max(), np.abs(c_n[i] - c[0]).max())
    print(f"length {len(s)}: packed h_n and c_n against the sequence alone, below 1e-6: {gap < 1e-6}")
# --8<-- [end:show]

n_seqs = len(seqs)
packed_gap = float(max(np.abs(h_n[i] - layer(s[None], return_sequences=False)[0]).max()
                       for i, s in enumerate(seqs)))
assert packed_gap < 1e-6
