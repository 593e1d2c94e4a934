"""The GRU's two forms and what each framework counts."""
__all__ = ["extra_bias"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
D, H = 3, 4                                # features, units
for fw, reset_after in (("keras", True), ("keras", False), ("pytorch", True)):
    d = describe(fw, "gru", units=H, features=D, steps=1, batch=1, reset_after=reset_after)
    shapes = ", ".join(f"{w.name.split('/')[-1]} {w.shape}" for w in d.weights)
    print(f"{fw:7s} reset_after={str(reset_after):5s}: {shapes}; params {d.params}")
# --8<-- [end:show]

after = describe("keras", "gru", units=H, features=D, steps=1, batch=1).params
before = describe("keras", "gru", units=H, features=D, steps=1, batch=1, reset_after=False).params
extra_bias = after - before
assert extra_bias == 3 * H
