"""Keras's merge modes on one bidirectional layer: what each returns, from a real run of the package's layer."""
import numpy as np

from unrolled import bidirectional, build

__all__ = ["H", "modes"]

# --8<-- [start:show]
B, T, D, H = 2, 6, 3, 4
x = np.random.default_rng(0).normal(size=(B, T, D)).astype(np.float32)  # (B, T, D)
layer = build("gru", features=D, units=H, bidirectional=True)  # two GRUs, one reading backwards

for mode in bidirectional.MERGE_MODES:
    seq = bidirectional.run(layer, x, mode)                     # every step
    last = bidirectional.run(layer, x, mode, return_sequences=False)  # final states only
    seq = seq if isinstance(seq, tuple) else (seq,)
    last = last if isinstance(last, tuple) else (last,)
    print(f"merge_mode={mode!r:9} every step {[a.shape for a in seq]}  last {[a.shape for a in last]}")
# --8<-- [end:show]

modes = len(bidirectional.MERGE_MODES)
