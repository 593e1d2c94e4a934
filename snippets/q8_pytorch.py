"""Q8's illustration in PyTorch's convention: nn.GRU and nn.LSTM, 10 features, 20 units; Keras 2's CuDNNLSTM layout."""
import numpy as np

from unrolled import convert
from unrolled.shapes import describe

__all__ = ["gru_params", "lstm_params", "cudnn_params", "cudnn_bias", "weight_ih_shape", "D", "H"]

# --8<-- [start:show]
D, H, T, B = 10, 20, 5, 4
gru = describe("pytorch", "gru", units=H, features=D, steps=T, batch=B)
lstm = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print(gru.table())
print(f"\nnn.LSTM({D}, {H}): {lstm.params:,} parameters")

# Keras 2's CuDNNLSTM: Keras's kernel layout, but one flat bias of 8H (input, then recurrent)
cudnn = [np.zeros((D, 4 * H)), np.zeros((H, 4 * H)), np.zeros(8 * H)]
print("CuDNNLSTM weights:", [w.shape for w in cudnn], f"{sum(w.size for w in cudnn):,} parameters")
kernel, recurrent, bias = convert.from_cudnn("lstm", *cudnn)
print("as a Keras LSTM:  ", [kernel.shape, recurrent.shape, bias.shape], "(the two biases added)")
# --8<-- [end:show]

gru_params, lstm_params = gru.params, lstm.params
cudnn_params = sum(w.size for w in cudnn)
cudnn_bias = cudnn[2].shape
weight_ih_shape = gru.weights[0].shape
assert cudnn_params == lstm_params == 4 * H * (D + H + 2)
