"""Q1 made concrete in PyTorch's convention: nn.Linear(3, 4) next to nn.LSTM(3, 4, batch_first=True)."""
__all__ = ["lstm_params", "B", "T", "D", "H"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
B, T, D, H = 2, 5, 3, 4               # batch, time steps, features, units

print(f"Linear({D}, {H}) on (B, D) = ({B}, {D}): weight ({H}, {D}), bias ({H},), "
      f"params {D * H + H}, output ({B}, {H})")
lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(f"LSTM({D}, {H}, batch_first=True) on (B, T, D) = ({B}, {T}, {D}):")
print(lstm.table())
# --8<-- [end:show]

lstm_params = lstm.params
