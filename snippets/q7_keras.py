"""Q7's from-scratch model in Keras's convention: Bidirectional(LSTM(32, return_sequences=True)) on 99 steps of 13 features, then TimeDistributed(Dense(10))."""
from unrolled.calculator import describe

__all__ = ["T", "D", "H", "C", "B", "params", "concat_shape", "sum_shape", "dense_concat",
           "dense_sum", "forward_params"]

# --8<-- [start:show]
T, D = 99, 13                         # the answer's input_shape=(99, 13)
H, C = 32, 10                         # illustration: hidden_units=32, nb_classes=10
B = 8                                 # any batch size; Keras shows it as None

for mode in ["concat", "sum", "mul", "ave", None]:
    bi = describe("keras", "lstm", units=H, features=D, steps=T, batch=B,
                  bidirectional=True, return_sequences=True, merge_mode=mode)
    shapes = ", ".join(str(o.shape) for o in bi.outputs)
    print(f"merge_mode={mode!r:9} params {bi.params:,}  returns {shapes}")

print()
for w in bi.weights:                  # the same six weights in every mode
    print(f"{w.name:55} {w.shape}")

for mode, width in [("concat", 2 * H), ("sum", H)]:
    dense = width * C + C             # TimeDistributed(Dense(10)) reads (B, T, width)
    print(f"after {mode}: TimeDistributed(Dense({C})) has {dense} params, output {(B, T, C)}")
# --8<-- [end:show]

concat = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, bidirectional=True,
                  return_sequences=True)
summed = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, bidirectional=True,
                  return_sequences=True, merge_mode="sum")
params = concat.params
assert params == summed.params == 2 * 4 * H * (D + H + 1)
forward_params = params // 2
concat_shape = concat.outputs[0].shape
sum_shape = summed.outputs[0].shape
dense_concat, dense_sum = 2 * H * C + C, H * C + C
