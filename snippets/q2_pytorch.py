"""Q2's model in PyTorch's convention: nn.Embedding(V, 256), nn.GRU(256, 1024, batch_first=True), nn.Linear(1024, V)."""
__all__ = ["B", "T", "E", "gru_params", "H", "h_n_shape", "total", "V"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
chars = 65                            # distinct characters in the tutorial's Shakespeare text
V = chars + 1                         # one more id for unknown characters, as in the tutorial
B, T, E, H = 64, 100, 256, 1024       # batch, time steps, embedding width, hidden_size

print(f"input ids                 ({B}, {T})")
print(f"embedding.weight          ({V}, {E})  params {V * E:,}")
print(f"embedding output          ({B}, {T}, {E})")
gru = describe("pytorch", "gru", units=H, features=E, steps=T, batch=B)
print(gru.table())
print(f"linear.weight             ({V}, {H})  params {V * H:,}")
print(f"linear.bias               ({V},)  params {V:,}")
print(f"logits                    ({B}, {T}, {V})")
total = V * E + gru.params + V * H + V
print(f"model total: {total:,}")
# --8<-- [end:show]

gru_params = gru.params
h_n_shape = gru.outputs[1].shape
keras_gru = describe("keras", "gru", units=H, features=E, steps=T, batch=B)
same_as_keras = gru.params == keras_gru.params
assert same_as_keras
