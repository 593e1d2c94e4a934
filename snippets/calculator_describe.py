"""The reference package's describe gives the calculator's names, shapes and counts in Python."""
__all__ = []  # what pages may quote with value(...)
# --8<-- [start:show]
from unrolled.shapes import describe

d = describe("keras", "lstm", units=100, features=1, steps=2, batch=32)
print(d.params, [w.shape for w in d.weights])
# --8<-- [end:show]
