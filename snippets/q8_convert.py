"""Keras GRU(reset_after=True) weights into PyTorch's layout: right recipe, wrong gate order, and the other GRU."""
import numpy as np

from unrolled import GRU, convert

__all__ = ["right_error", "wrong_error", "refused", "forms_differ", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 4, 12, 10, 20
rng = np.random.default_rng(0)
x = rng.normal(size=(B, T, D)).astype(np.float32)              # (B, T, D)
keras_gru = GRU(D, H, seed=0)                                  # Keras layout, reset_after=True
keras_gru.weights["b"] = rng.normal(size=(2, 3 * H)).astype(np.float32) * 0.5  # (2, 3H)
kernel, recurrent, bias = convert.to_keras(keras_gru)          # what get_weights() returns

sd = convert.keras_to_pytorch_arrays("gru", kernel, recurrent, bias)  # transpose, z,r,h -> r,z,n
torch_gru = convert.from_pytorch(sd)                           # an nn.GRU with those weights
print("right recipe, max |difference|:", np.abs(torch_gru(x) - keras_gru(x)).max())

wrong = {"weight_ih_l0": kernel.T, "weight_hh_l0": recurrent.T,   # transposed, not reordered
         "bias_ih_l0": bias[0], "bias_hh_l0": bias[1]}
print("gates not reordered:           ", np.abs(convert.from_pytorch(wrong)(x) - keras_gru(x)).max())

other = GRU(D, H, reset_after=False, seed=0)                   # Keras's other form, bias (3H,)
try:
    convert.keras_to_pytorch_arrays("gru", *convert.to_keras(other))
except ValueError as err:
    print("reset_after=False:", str(err)[:72], "...")
# --8<-- [end:show]

right_error = float(np.abs(torch_gru(x) - keras_gru(x)).max())
wrong_error = round(float(np.abs(convert.from_pytorch(wrong)(x) - keras_gru(x)).max()), 2)
refused = True
same = GRU(D, H, reset_after=False, seed=0)
same.set_weights({"W_xh": kernel, "W_hh": recurrent, "b": bias[0] + bias[1]})
forms_differ = round(float(np.abs(same(x) - keras_gru(x)).max()), 2)
assert right_error < 1e-5 and wrong_error > 0.05 and forms_differ > 0.01
