"""Q6's illustration in PyTorch: pack_padded_sequence, and the wrong last step without it (run by the tests)."""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

# --8<-- [start:show]
D, H = 3, 5
torch.manual_seed(0)
seqs = [torch.randn(4, D), torch.randn(2, D)]  # lengths 4 and 2
lengths = torch.tensor([len(s) for s in seqs])  # on the CPU
x = pad_sequence(seqs, batch_first=True)  # post-padded (2, 4, 3)
lstm = torch.nn.LSTM(D, H, batch_first=True)

with torch.no_grad():
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    packed_out, (h_n, c_n) = lstm(packed)
    out, _ = pad_packed_sequence(packed_out, batch_first=True)  # (2, 4, 5), zeros after each length
    unpacked, _ = lstm(x)             # the pads read like data
B = len(seqs)
last = unpacked[torch.arange(B), lengths - 1]  # each row's last real step (B, H)
print("h_n", tuple(h_n.shape), "output", tuple(out.shape))
print("h_n[-1] against output[:, -1] unpacked, per row:", (h_n[-1] - unpacked[:, -1]).abs().amax(1))
print("h_n[-1] against the gathered last real step:     ", (h_n[-1] - last).abs().amax(1))
print("params:", sum(p.numel() for p in lstm.parameters()))
# --8<-- [end:show]

lstm_params = sum(p.numel() for p in lstm.parameters())
h_n_shape = tuple(h_n.shape)
last_gap = float((h_n[-1] - last).abs().max())
wrong_gap = float((h_n[-1] - unpacked[:, -1]).abs().amax(1)[1])
