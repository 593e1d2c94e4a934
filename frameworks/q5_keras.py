"""Q5's illustration in Keras 3: many-to-many with return_sequences and TimeDistributed (run by the tests)."""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402

# --8<-- [start:show]
T, D, H, K = 3, 100, 64, 6            # 3 turns, 100 features, 64 units, 6 actions

inputs = keras.Input((T, D))
h_all = keras.layers.LSTM(H, return_sequences=True)(inputs)   # (None, 3, 64)
wrapped = keras.layers.TimeDistributed(keras.layers.Dense(K))
plain = keras.layers.Dense(K)
model = keras.Model(inputs, [wrapped(h_all), plain(h_all)])
plain.set_weights(wrapped.get_weights())  # the same 390 numbers in both

x = np.random.default_rng(0).standard_normal((2, T, D)).astype("float32")
a, b = (keras.ops.convert_to_numpy(y) for y in model(x))
print("TimeDistributed(Dense):", a.shape, wrapped.count_params(), "params")
print("Dense on 3-D:          ", b.shape, plain.count_params(), "params")
print("largest difference:", np.abs(a - b).max())
print("many-to-one: LSTM(64) ->", keras.layers.LSTM(H)(inputs).shape)
# --8<-- [end:show]

lstm_params = model.layers[1].count_params()
dense_params = plain.count_params()
out_shape = a.shape
gap = float(np.abs(a - b).max())
