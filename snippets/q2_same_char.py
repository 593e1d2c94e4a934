"""The same character at two places gives two different states, in the briefly trained model."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get

r = get("characters")        # stored by `make figures`; get("characters", rerun=True) retrains
text = r["sentence"]
h = r["h_after"].astype(np.float32)   # (T, H): the trained GRU's state after every character
T, H = h.shape

def gap(a, b):                        # relative difference of the states after steps a and b
    return np.linalg.norm(h[a] - h[b]) / np.linalg.norm(h[a])

same = [gap(a, b) for a in range(T) for b in range(a + 1, T) if text[a] == text[b]]
other = [gap(a, b) for a in range(T) for b in range(a + 1, T) if text[a] != text[b]]
print(f"{T} characters, state {H} wide, trained for {r.params['updates']} updates")
print(f"same character, {len(same)} pairs:      relative difference "
      f"{min(same):.2f} to {max(same):.2f}, median {np.median(same):.2f}")
print(f"different characters, {len(other)} pairs: relative difference "
      f"{min(other):.2f} to {max(other):.2f}, median {np.median(other):.2f}")
# --8<-- [end:show]

__all__ = ["T", "H", "updates", "same_pairs", "same_min", "same_median", "same_max",
           "other_median", "batch", "steps"]
updates, batch, steps = r.params["updates"], r.params["batch"], r.params["steps"]
same_pairs = len(same)
same_min, same_median, same_max = float(min(same)), float(np.median(same)), float(max(same))
other_median = float(np.median(other))
assert same_min > 0.1 and same_median > 0.5 * other_median
