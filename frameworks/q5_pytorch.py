"""Q5's illustration in PyTorch: nn.LSTM returns every step; nn.Linear acts on the last axis (run by the tests)."""
import torch

# --8<-- [start:show]
T, D, H, K = 3, 100, 64, 6            # 3 turns, 100 features, 64 units, 6 actions

torch.manual_seed(0)
lstm = torch.nn.LSTM(D, H, batch_first=True)
head = torch.nn.Linear(H, K)
x = torch.randn(2, T, D)
with torch.no_grad():
    output, (h_n, c_n) = lstm(x)      # output: every step (2, 3, 64); h_n: (1, 2, 64)
    per_turn = head(output)           # many-to-many: (2, 3, 6)
    last = head(output[:, -1])        # many-to-one: (2, 6)
print(tuple(output.shape), tuple(per_turn.shape), tuple(last.shape))
print("output[:, -1] against h_n[-1]:", (output[:, -1] - h_n[-1]).abs().max().item())
print("params: LSTM", sum(p.numel() for p in lstm.parameters()),
      "Linear", sum(p.numel() for p in head.parameters()))
# --8<-- [end:show]

lstm_params = sum(p.numel() for p in lstm.parameters())
linear_params = sum(p.numel() for p in head.parameters())
output_shape = tuple(output.shape)
