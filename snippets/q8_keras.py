"""Q8's illustration in Keras's convention: GRU in both forms and LSTM, 10 features, 20 units."""
from unrolled.shapes import describe

__all__ = ["D", "H", "gru_after", "gru_before", "lstm_params", "kernel_shape", "recurrent_shape",
           "bias_after", "bias_before", "tiny_after", "tiny_before", "tiny_D", "tiny_H"]

# --8<-- [start:show]
D, H, T, B = 10, 20, 5, 4                       # illustration: 10 features, 20 units
for label, cell, kw in [("GRU(reset_after=True)", "gru", {}),
                        ("GRU(reset_after=False)", "gru", {"reset_after": False}),
                        ("LSTM", "lstm", {})]:
    d = describe("keras", cell, units=H, features=D, steps=T, batch=B, **kw)
    shapes = "  ".join(f"{w.name.rsplit('/', 1)[-1]} {w.shape}" for w in d.weights)
    print(f"{label:23} {d.params:>5,}  {shapes}")

tiny_D, tiny_H = 2, 3                           # the tiny case: 2 features, 3 units
tiny = [describe("keras", "gru", units=tiny_H, features=tiny_D, steps=T, batch=B,
                 reset_after=r).params for r in (True, False)]
print(f"tiny GRU, {tiny_D} features and {tiny_H} units: {tiny[0]} (reset_after=True), "
      f"{tiny[1]} (False)")
# --8<-- [end:show]

after = describe("keras", "gru", units=H, features=D, steps=T, batch=B)
before = describe("keras", "gru", units=H, features=D, steps=T, batch=B, reset_after=False)
gru_after, gru_before = after.params, before.params
lstm_params = describe("keras", "lstm", units=H, features=D, steps=T, batch=B).params
kernel_shape, recurrent_shape, bias_after = (w.shape for w in after.weights)
bias_before = before.weights[2].shape
tiny_after, tiny_before = tiny
assert gru_after == 3 * H * (D + H + 2) and gru_before == 3 * H * (D + H + 1)
