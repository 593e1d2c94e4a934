"""Q5: outputs of another length (encoder-decoder) and one-to-many, with RepeatVector."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.wiring import Dense, EncoderDecoder, repeat_vector, time_distributed

__all__ = ["T_out", "encoder_params", "decoder_params", "dense_params", "total", "out_shape",
           "one_to_many_shape"]

# --8<-- [start:show]
B, T, D, H, K, T_out = 2, 3, 100, 64, 6, 5  # read 3 turns, answer with 5 steps
x = np.random.default_rng(0).standard_normal((B, T, D)).astype(np.float32)  # (B, T, D)
model = EncoderDecoder(D, H, K, T_out, seed=0)
h = model.encoder(x, return_sequences=False)  # LSTM(64): (B, H)
r = repeat_vector(h, T_out)                   # RepeatVector(5): (B, T_out, H), 0 params
s = model.decoder(r)                          # LSTM(64, return_sequences=True): (B, T_out, H)
y = time_distributed(model.dense, s)          # TimeDistributed(Dense(6)): (B, T_out, K)
print("encoder", h.shape, "repeat", r.shape, "decoder", s.shape, "output", y.shape)
print("params: encoder", model.encoder.num_params, "decoder", model.decoder.num_params,
      "dense", model.dense.num_params, "total", model.num_params)

one = np.random.default_rng(1).standard_normal((B, D)).astype(np.float32)  # one input (B, D)
gen, head = LSTM(D, H, seed=2), Dense(H, K, seed=3)
seq = time_distributed(head, gen(repeat_vector(one, T_out)))  # one-to-many: (B, T_out, K)
print("one-to-many: one vector", one.shape, "->", seq.shape)
# --8<-- [end:show]

encoder_params, decoder_params = model.encoder.num_params, model.decoder.num_params
dense_params, total = model.dense.num_params, model.num_params
out_shape, one_to_many_shape = y.shape, seq.shape
assert np.abs(model(x) - y).max() == 0
