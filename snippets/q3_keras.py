"""Q3's model in Keras's convention: LSTM(100, activation='relu') then Dense(1)."""
__all__ = [  # what pages may quote with value(...)
    "B",
    "D",
    "dense_params",
    "H",
    "kernel_shape",
    "lstm_params",
    "recurrent_shape",
    "T",
    "total_params",
]
import numpy as np

from unrolled.shapes import describe

# --8<-- [start:show]
series = np.arange(1, 11)             # the asker's series: 1, 2, ..., 10
T, D, H = 2, 1, 100                   # 2 lagged values, 1 feature, 100 units
B = len(series) - T                   # every window of T values, each predicting the next

lstm = describe("keras", "lstm", units=H, features=D, steps=T, batch=B)
print(lstm.table())

dense_kernel, dense_bias = (H, 1), (1,)  # Dense(1) reads the last h (B, H)
dense_params = H * 1 + 1
print(f"\ndense/kernel {dense_kernel}  dense/bias {dense_bias}  params {dense_params}")
print(f"model total: {lstm.params + dense_params:,}")
# --8<-- [end:show]

lstm_params = lstm.params
total_params = lstm.params + dense_params
kernel_shape = lstm.weights[0].shape
recurrent_shape = lstm.weights[1].shape
bias_shape = lstm.weights[2].shape
output_shape = lstm.outputs[0].shape
assert lstm_params == 4 * (D * H + H * H + H)
