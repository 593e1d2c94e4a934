"""Q6's illustration in PyTorch's convention: nn.LSTM(3, 5, batch_first=True) on a packed batch."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.masking import pad_sequences
from unrolled.packing import last_valid, run_packed
from unrolled.shapes import describe

__all__ = ["lstm_params", "h_n_shape", "last_gap", "packed_gap"]

# --8<-- [start:show]
D, H = 3, 5
rng = np.random.default_rng(0)
seqs = [rng.standard_normal((4, D)), rng.standard_normal((2, D))]  # lengths 4 and 2
x = pad_sequences(seqs, padding="post", dtype="float32")  # (B, T, D)
B, T, _ = x.shape
lengths = np.array([len(s) for s in seqs])

lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())

layer = LSTM(D, H, convention="pytorch", seed=0)
output = layer(x)                     # unpacked: the pads are read like data (B, T, H)
packed_out, h_n, c_n = run_packed(layer, x, lengths)  # pack_padded_sequence: (B, T, H), (B, H), (B, H)
print("\nh_n from the packed batch against output[:, -1], per row:",
      np.abs(h_n - output[:, -1]).max(axis=1).round(4))
print("h_n against output[arange(B), lengths - 1], per row:     ",
      np.abs(h_n - last_valid(output, lengths)).max(axis=1))
print("pad_packed_sequence's output at the short row's pads:", packed_out[1, 2:].max())
# --8<-- [end:show]

lstm_params = lstm.params
h_n_shape = lstm.outputs[1].shape
last_gap = float(np.abs(h_n - output[:, -1]).max())
packed_gap = float(np.abs(h_n - last_valid(output, lengths)).max())
assert last_gap > 0 and packed_gap == 0
