"""Two stacked bidirectional LSTM layers: per-layer weights in both frameworks, and a run."""
__all__ = ["second_layer_features"]  # what pages may quote with value(...)
import numpy as np

import unrolled
from unrolled.shapes import describe

# --8<-- [start:show]
B, T, D, H, L = 2, 5, 3, 4, 2              # batch, steps, features, units, layers
for fw in ("keras", "pytorch"):
    d = describe(fw, "lstm", units=H, features=D, steps=T, batch=B, layers=L,
                 bidirectional=True, return_sequences=True, return_state=True)
    print(f"{fw}: params per layer {d.params_per_layer}, total {d.params}")
    for w in d.weights:                    # the weights that read each layer's input
        if w.name.endswith("/kernel") or w.name.startswith("weight_ih"):
            print(f"   {w.name:42s} {w.shape}")
    print("   outputs:", ", ".join(f"{o.name} {o.shape}" for o in d.outputs))

stack = unrolled.build("lstm", features=D, units=H, layers=L, bidirectional=True)
y = stack(np.ones((B, T, D)))              # (B, T, 2H): both directions, side by side
print("our stack:", y.shape)
# --8<-- [end:show]

keras_stack = describe("keras", "lstm", units=H, features=D, steps=T, batch=B, layers=L, bidirectional=True)
second_layer_features = 2 * H
assert keras_stack.weights[6].shape[0] == second_layer_features
