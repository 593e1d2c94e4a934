"""Q3's model in PyTorch's convention: nn.LSTM(1, 100, batch_first=True) then nn.Linear(100, 1)."""
__all__ = ["B", "D", "extra_bias", "H", "lstm_params", "T"]  # what pages may quote with value(...)
import numpy as np

from unrolled.shapes import describe

# --8<-- [start:show]
series = np.arange(1, 11)             # the asker's series: 1, 2, ..., 10
T, D, H = 2, 1, 100                   # 2 lagged values, 1 feature, 100 units
B = len(series) - T                   # every window of T values, each predicting the next

lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())

linear_weight, linear_bias = (1, H), (1,)  # nn.Linear(H, 1) reads output[:, -1] (B, H)
linear_params = 1 * H + 1
print(f"\nlinear.weight {linear_weight}  linear.bias {linear_bias}  params {linear_params}")
print(f"model total: {lstm.params + linear_params:,}")
# --8<-- [end:show]

lstm_params = lstm.params
extra_bias = lstm.params - describe("keras", "lstm", units=H, features=D, steps=T, batch=B).params
assert extra_bias == 4 * H
