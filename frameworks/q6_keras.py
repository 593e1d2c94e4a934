"""Q6's illustration in Keras 3: post- and pre-padding under a Masking layer and mask_zero (run by the tests)."""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402

# --8<-- [start:show]
D, H = 3, 5                           # 3 features per step, 5 units
rng = np.random.default_rng(0)
seqs = [rng.standard_normal((4, D)), rng.standard_normal((2, D))]  # lengths 4 and 2

lstm = keras.layers.LSTM(H, return_sequences=True, return_state=True)
inputs = keras.Input((None, D))
model = keras.Model(inputs, lstm(keras.layers.Masking(mask_value=0.0)(inputs)))
for padding in ("post", "pre"):
    x = keras.utils.pad_sequences(seqs, padding=padding, dtype="float32")  # (2, 4, 3)
    out, h, c = (keras.ops.convert_to_numpy(a) for a in model(x))
    print(padding, "output", out.shape, "h", h.shape, "short row's h equals its last real output:",
          np.allclose(h[1], out[1, 1] if padding == "post" else out[1, 3]))

ids = keras.utils.pad_sequences([[5, 2, 7, 1], [3, 8]], padding="post")  # token 0 is padding
embed = keras.layers.Embedding(10, D, mask_zero=True)  # a vocabulary of 9 words, plus 0
print("mask from the ids:", keras.ops.convert_to_numpy(embed.compute_mask(ids)).tolist())
print("params: LSTM", lstm.count_params())
# --8<-- [end:show]

lstm_params = lstm.count_params()
