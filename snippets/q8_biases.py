"""PyTorch's two GRU biases: moving part of a bias between them matters only in the candidate block."""
import numpy as np

from unrolled import GRU

__all__ = ["move_r", "move_n", "B", "T", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 4, 12, 10, 20
rng = np.random.default_rng(0)
x = rng.normal(size=(B, T, D)).astype(np.float32)   # (B, T, D)
gru = GRU(D, H, convention="pytorch", seed=0)       # b (2, 3H): rows b_ih, b_hh; blocks z, r, n
y = gru(x)                                          # (B, T, H)

def moved(block):
    """Move half of b_hh's block into b_ih's: the sum of the two biases stays the same."""
    g = GRU(D, H, convention="pytorch", seed=0)
    cols = slice(block * H, (block + 1) * H)
    half = g.weights["b"][1, cols] / 2              # (H,)
    g.weights["b"][0, cols] += half
    g.weights["b"][1, cols] -= half
    return np.abs(g(x) - y).max()

print("reset gate r, bias moved:   ", moved(1))
print("candidate n, bias moved:    ", moved(2))
# --8<-- [end:show]

move_r, move_n = float(moved(1)), round(float(moved(2)), 3)
assert move_r < 1e-6 and move_n > 1e-3
