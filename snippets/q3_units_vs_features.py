"""Units and features are separate axes: any pair is a valid layer."""
__all__ = ["tutorial_params"]  # what pages may quote with value(...)
from unrolled.shapes import describe

# --8<-- [start:show]
for D, H in ((1, 100), (10, 3), (1, 1), (10, 10)):   # (features, units)
    d = describe("keras", "lstm", units=H, features=D, steps=2, batch=1)
    kernel, recurrent = d.weights[0].shape, d.weights[1].shape
    print(f"D={D:2d}, H={H:3d}: kernel {kernel}, recurrent_kernel {recurrent}, "
          f"output {d.outputs[0].shape}, params {d.params:,}")
# --8<-- [end:show]

tutorial_params = describe("keras", "lstm", units=3, features=10, steps=2, batch=1).params
