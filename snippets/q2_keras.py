"""Q2's model in Keras's convention: Embedding(V, 256), GRU(1024, return_sequences, return_state), Dense(V)."""
__all__ = [  # what pages may quote with value(...)
    "B",
    "chars",
    "dense_params",
    "E",
    "embedding_params",
    "gru_bias",
    "gru_kernel",
    "gru_params",
    "H",
    "T",
    "total",
    "V",
]
from unrolled.shapes import describe

# --8<-- [start:show]
chars = 65                            # distinct characters in the tutorial's Shakespeare text
V = chars + 1                         # the tutorial's StringLookup adds one id for unknown characters
B, T, E, H = 64, 100, 256, 1024       # batch, time steps, embedding width, rnn_units

print(f"input ids                 ({B}, {T})")
print(f"embedding/embeddings      ({V}, {E})  params {V * E:,}")
print(f"embedding output          ({B}, {T}, {E})")
gru = describe("keras", "gru", units=H, features=E, steps=T, batch=B,
               return_sequences=True, return_state=True)  # reset_after=True, Keras's default
print(gru.table())
print(f"dense/kernel              ({H}, {V})  params {H * V:,}")
print(f"dense/bias                ({V},)  params {V:,}")
print(f"logits                    ({B}, {T}, {V})")
total = V * E + gru.params + H * V + V
print(f"model total: {total:,}")
# --8<-- [end:show]

embedding_params = V * E
gru_params = gru.params
dense_params = H * V + V
gru_kernel = gru.weights[0].shape
gru_recurrent = gru.weights[1].shape
gru_bias = gru.weights[2].shape
assert gru_params == 3 * (E * H + H * H + 2 * H)
