"""Q5's illustration in PyTorch's convention: nn.LSTM(100, 64, batch_first=True), nn.Linear(64, 6)."""
from unrolled.shapes import describe

__all__ = ["lstm_params", "linear_params", "output_shape"]

# --8<-- [start:show]
B, T, D, H, K = 2, 3, 100, 64, 6      # 2 dialogues, 3 turns, 100 features, 64 units, 6 actions

lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())
linear_params = H * K + K             # nn.Linear(H, K) acts on the last axis of (B, T, H)
print(f"\nlinear(output): ({B}, {T}, {K})  params {linear_params}")
# --8<-- [end:show]

lstm_params = lstm.params
output_shape = lstm.outputs[0].shape
