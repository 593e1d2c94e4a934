"""The reference package's describe gives the calculator's names, shapes and counts in Python."""
__all__ = ["gates_gru", "gates_lstm", "gates_rnn", "gru_bias_rows", "layers", "params"]  # what pages may quote with value(...)
# --8<-- [start:show]
from unrolled.shapes import describe

d = describe("keras", "lstm", units=100, features=1, steps=2, batch=32)
print(d.params, [w.shape for w in d.weights])
# --8<-- [end:show]
from unrolled.shapes import GATES

params = d.params
layers = len(d.params_per_layer)
gates_rnn, gates_gru, gates_lstm = GATES["rnn"], GATES["gru"], GATES["lstm"]  # gate blocks per cell
gru = describe("keras", "gru", units=1, features=1, steps=1, batch=1)  # reset_after=True, Keras's default
gru_bias_rows = next(w.shape for w in gru.weights if w.name.endswith("/bias"))[0]  # 2: input and recurrent biases
