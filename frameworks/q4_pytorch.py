"""Q4's illustration in PyTorch: nn.LSTM(1, 16) with the state carried by hand (run by the tests)."""
import torch

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16           # 4 streams, windows of 10 steps, 1 feature, 16 units

torch.manual_seed(0)
lstm = torch.nn.LSTM(D, H, batch_first=True)
head = torch.nn.Linear(H, 1)
opt = torch.optim.Adam([*lstm.parameters(), *head.parameters()])

batches = torch.randn(3, B, T, D)   # row i: 3 consecutive windows of stream i
state = None                        # None: nn.LSTM starts from zeros
for k, x in enumerate(batches):
    out, (h_n, c_n) = lstm(x, state)
    loss = head(out[:, -1]).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    state = (h_n.detach(), c_n.detach())  # keep the values, cut the graph
    print(f"after batch {k}: h_n {tuple(h_n.shape)}, c_n {tuple(c_n.shape)}")
state = None                        # the reset: the next batch starts from zeros
print("params: LSTM", sum(p.numel() for p in lstm.parameters()),
      "Linear", sum(p.numel() for p in head.parameters()))
# --8<-- [end:show]

lstm_params = sum(p.numel() for p in lstm.parameters())
dense_params = sum(p.numel() for p in head.parameters())
state_shape = tuple(h_n.shape)
