"""The same character leaves different states when what came before it differs, in the briefly trained model."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get

r = get("characters")        # stored by `make figures`; get("characters", rerun=True) retrains
text = r["sentence"]
h = r["h_after"].astype(np.float32)   # (T, H): the trained GRU's state after every character
T, H = h.shape
k = 2                                 # how many preceding characters count as "the same context"

def gap(a, b):                        # relative difference of the states after steps a and b
    return np.linalg.norm(h[a] - h[b]) / np.linalg.norm(h[a])

pairs = [(a, b) for a in range(k, T) for b in range(a + 1, T)]
same_char = [(a, b) for a, b in pairs if text[a] == text[b]]
groups = {
    "different characters": [gap(a, b) for a, b in pairs if text[a] != text[b]],
    f"same character, different {k} before": [gap(a, b) for a, b in same_char
                                              if text[a - k:a] != text[b - k:b]],
    f"same character, same {k} before": [gap(a, b) for a, b in same_char
                                         if text[a - k:a] == text[b - k:b]],
}
print(f"{T} characters, state {H} wide, trained for {r.params['updates']} updates")
for name, gaps in groups.items():
    print(f"{name:34s} {len(gaps):5d} pairs: relative difference median {np.median(gaps):.2f}, "
          f"range {min(gaps):.2f} to {max(gaps):.2f}")
# --8<-- [end:show]

__all__ = ["T", "H", "k", "updates", "batch", "steps", "other_median", "context_median",
           "same_context_median", "context_pairs", "same_context_pairs"]
updates, batch, steps = r.params["updates"], r.params["batch"], r.params["steps"]
other, context, same_context = groups.values()
other_median = float(np.median(other))
context_median, context_pairs = float(np.median(context)), len(context)
same_context_median, same_context_pairs = float(np.median(same_context)), len(same_context)
assert same_context_median < 0.5 * context_median < other_median  # the history changes the state
