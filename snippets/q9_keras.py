"""Q9's drawing in Keras (3 inputs, Dense(4), Dense(4), Dense(1)) and its recurrent counterpart LSTM(4) on 5 steps of 3 features."""
from unrolled.shapes import describe

__all__ = ["dense_params", "dense_total", "T", "D", "H", "lstm_params", "kernel_shape",
           "recurrent_shape", "last_shape", "seq_shape"]

# --8<-- [start:show]
sizes = [3, 4, 4, 1]                             # the drawing: 3 inputs, 4, 4, 1 neurons
dense_params = []
for n_in, units in zip(sizes, sizes[1:]):
    count = n_in * units + units                 # kernel (n_in, units) + bias (units,)
    dense_params.append(count)
    print(f"Dense({units}) on {n_in} inputs: kernel {(n_in, units)}, bias {(units,)}, "
          f"{count} params, output (None, {units})")
print("total:", sum(dense_params))

T, D, H = 5, 3, 4                                # illustration: 5 steps of the same 3 features
for seq in (False, True):
    lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=1, return_sequences=seq)
    out = ("None",) + lstm.outputs[0].shape[1:]
    print(f"LSTM({H}) on input_shape={(T, D)}, return_sequences={seq}: output "
          f"({', '.join(map(str, out))}), {lstm.params} params")
print("weights:", [(w.name, w.shape) for w in lstm.weights])
# --8<-- [end:show]

dense_total = sum(dense_params)
lstm_params = lstm.params
kernel_shape, recurrent_shape = lstm.weights[0].shape, lstm.weights[1].shape
last_shape = "(None, 4)"
seq_shape = "(None, 5, 4)"
assert dense_total == 41 and lstm_params == 4 * H * (D + H + 1)
assert last_shape == f"(None, {H})" and seq_shape == f"(None, {T}, {H})"
