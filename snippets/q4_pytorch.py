"""Q4's illustration in PyTorch's convention: nn.LSTM(1, 16, batch_first=True), state carried by hand."""
from pathlib import Path

from unrolled.shapes import describe

__all__ = ["torch_version", "B", "T", "D", "H", "lstm_params", "linear_params", "h_n_shape", "extra_bias"]

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16             # 4 streams, windows of 10 steps, 1 feature, 16 units

lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())
linear_params = H * 1 + 1             # nn.Linear(H, 1) reads output[:, -1] (B, H)
print(f"\nlinear.weight (1, {H})  linear.bias (1,)  params {linear_params}")
# --8<-- [end:show]

lstm_params = lstm.params
h_n_shape = lstm.outputs[1].shape
extra_bias = lstm.params - describe("keras", "lstm", units=H, features=D, steps=T, batch=B).params
assert h_n_shape == (1, B, H) and extra_bias == 4 * H

# the version the cross-check tests run, pinned in the repository's lock file
_lock = Path(__file__).resolve().parent.parent / "requirements" / "test.lock"
torch_version = next(line.split("==")[1].strip() for line in _lock.read_text().splitlines()
                    if line.startswith("torch=="))
