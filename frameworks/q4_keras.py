"""Q4's illustration in Keras 3: a stateful LSTM(16) on 4 streams, windows of 10 steps (run by the tests)."""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402

# --8<-- [start:show]
B, T, D, H = 4, 10, 1, 16           # 4 streams, windows of 10 steps, 1 feature, 16 units

inputs = keras.Input(batch_shape=(B, T, D))  # Keras 2: LSTM(..., batch_input_shape=(B, T, D))
lstm = keras.layers.LSTM(H, stateful=True, use_cudnn=False)  # see the note under this tab
model = keras.Model(inputs, keras.layers.Dense(1)(lstm(inputs)))
model.compile(optimizer="adam", loss="mse")

rng = np.random.default_rng(0)
batches = rng.standard_normal((3, B, T, D)).astype("float32")  # row i: 3 consecutive windows of stream i
for k, x in enumerate(batches):
    model.train_on_batch(x, np.zeros((B, 1), "float32"))
    h, c = (keras.ops.convert_to_numpy(s) for s in lstm.states)
    print(f"after batch {k}: h {h.shape}, c {c.shape}, largest |h| {np.abs(h).max():.3f}")
lstm.reset_state()                   # Keras 2: model.reset_states(); usually once per epoch
print("after reset_state(): largest |h|", np.abs(keras.ops.convert_to_numpy(lstm.states[0])).max())
print("params: LSTM", lstm.count_params(), "Dense", model.layers[-1].count_params())
# --8<-- [end:show]

lstm_params = lstm.count_params()
dense_params = model.layers[-1].count_params()
state_shape = tuple(h.shape)
