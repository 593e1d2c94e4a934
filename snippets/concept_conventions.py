"""The same LSTM in our batch-first letters, Keras's and PyTorch's layouts, and PyTorch's seq-first default."""
__all__ = []  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.shapes import describe

# --8<-- [start:show]
B, T, D, H = 2, 5, 3, 4                    # batch, time steps, features, units
x = np.zeros((B, T, D))                    # (B, T, D): batch-first, as Keras and we use
layer = unrolled.LSTM(features=D, units=H, seed=0)
y, h_T, c_T = layer(x, return_state=True)  # (B, T, H), (B, H), (B, H)
print("ours    :", "x", x.shape, "y", y.shape, "h_T", h_T.shape)

torch = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B)
print("pytorch :", ", ".join(f"{o.name} {o.shape}" for o in torch.outputs), "(batch_first=True)")
x_seq_first = x.transpose(1, 0, 2)         # (T, B, D): what nn.LSTM expects by default
print("pytorch default (batch_first=False): input", x_seq_first.shape,
      "output", y.transpose(1, 0, 2).shape)
# --8<-- [end:show]

h_n_shape = torch.outputs[1].shape
assert h_n_shape == (1, B, H)
