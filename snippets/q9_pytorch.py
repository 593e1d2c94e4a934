"""Q9's recurrent counterpart in PyTorch: nn.LSTM(3, 4, batch_first=True), and the same count for any T and batch."""
from unrolled.shapes import describe

__all__ = ["lstm_params", "h_n_shape", "output_shape"]

# --8<-- [start:show]
T, D, H, B = 5, 3, 4, 2
lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())

for steps, batch in [(5, 2), (50, 2), (5, 64), (500, 1)]:
    d = describe("pytorch", "lstm", units=H, features=D, steps=steps, batch=batch)
    print(f"T={steps:3} B={batch:2}: {d.params} params, output {d.outputs[0].shape}, "
          f"h_n {d.outputs[1].shape}")
# --8<-- [end:show]

lstm_params = lstm.params
output_shape, h_n_shape = lstm.outputs[0].shape, lstm.outputs[1].shape
assert lstm_params == 4 * H * (D + H + 2)
