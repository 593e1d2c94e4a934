"""What 'a multiple of 32 units' changes in the matrices an LSTM multiplies, and what rounding up costs."""
__all__ = ["multiple", "padding_cost", "B", "D"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
D, B = 1, 32                                # Q3's feature; a batch size
for H in (96, 100, 128):
    d = describe("keras", "lstm", units=H, features=D, steps=2, batch=B)
    N = d.weights[1].shape[1]               # the GEMM's width: (B, H) @ (H, 4H)
    print(f"H={H:3d}: recurrent GEMM ({B}, {H}) @ {d.weights[1].shape}, width 4H={N} "
          f"(multiple of 32: {N % 32 == 0}; of 8: {N % 8 == 0}), params {d.params:,}")
small = describe("keras", "lstm", units=100, features=D, steps=2, batch=B).params
padded = describe("keras", "lstm", units=128, features=D, steps=2, batch=B).params
print(f"rounding 100 units up to 128 multiplies the parameters by {padded / small:.2f}")
# --8<-- [end:show]

multiple = 32
padding_cost = padded / small
width_100 = 4 * 100
assert width_100 % 8 == 0 and width_100 % 32 != 0
