"""Q4: a stateless model on windows of N steps cannot see a value more than N steps back."""
import numpy as np

from unrolled.layers import LSTM

__all__ = ["N", "outside_gap", "inside_gap", "H"]

# --8<-- [start:show]
N, D, H = 10, 1, 16                   # windows of N steps
series = np.sin(np.arange(40) / 3).astype(np.float32)  # one long series (40,)
layer = LSTM(D, H, seed=0)


def predict_last(series):
    """h after the last window: the stateless model's reading of it. (H,)"""
    window = series[-N:][None, :, None]  # (1, N, 1)
    return layer(window, return_sequences=False)[0]  # (H,)


base = predict_last(series)
older = series.copy()
older[:-N] += 5.0                     # every value more than N steps back
inside = series.copy()
inside[-N] += 5.0                     # the oldest value inside the window
print("change values more than N back: largest change", np.abs(predict_last(older) - base).max())
print("change the oldest value inside:  largest change", np.abs(predict_last(inside) - base).max().round(4))
# --8<-- [end:show]

outside_gap = float(np.abs(predict_last(older) - base).max())
inside_gap = float(np.abs(predict_last(inside) - base).max())
assert outside_gap == 0 and inside_gap > 0
