"""Q1 made concrete in Keras's convention: Dense(4) next to LSTM(4) on the same 3 features."""
__all__ = ["dense_params", "gate_blocks", "lstm_params", "B", "D", "H", "T"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
B, T, D, H = 2, 5, 3, 4               # batch, time steps, features, units

print(f"Dense({H}) on (B, D) = ({B}, {D}): kernel ({D}, {H}), bias ({H},), "
      f"params {D * H + H}, output ({B}, {H})")
lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, return_sequences=True)
print(f"LSTM({H}) on (B, T, D) = ({B}, {T}, {D}):")
print(lstm.table())
# --8<-- [end:show]

dense_params = D * H + H
lstm_params = lstm.params
gate_blocks = lstm.weights[0].shape[1] // H
assert lstm_params == gate_blocks * (dense_params + H * H)
