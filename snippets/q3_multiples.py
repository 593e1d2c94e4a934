"""'A multiple of 32 units': the three sizes (M, N, K) of both matrix products an LSTM step makes, and what our timings show."""
import numpy as np

from unrolled.shapes import describe

# --8<-- [start:show]
from unrolled.experiments import cost, get

B, T, D = 8, 2, 1                             # the asker's 8 windows of 2 steps, 1 feature
for H in (96, 100, 128):
    d = describe("keras", "lstm", units=H, features=D, steps=T, batch=B)
    (_, N), (K, _) = d.weights[0].shape, d.weights[1].shape  # W_xh (D, 4H), W_hh (H, 4H)
    gemms = {"x @ W_xh": (B * T, N, D),       # (B*T, D) @ (D, 4H): M, N, K
             "h @ W_hh": (B, N, K)}           # (B, H) @ (H, 4H): M, N, K
    for name, (m, n, k) in gemms.items():
        print(f"H={H:3d} {name}: M={m:3d} N={n:3d} K={k:3d}  "
              f"all multiples of 8: {all(v % 8 == 0 for v in (m, n, k))}")

r = get("cost")                               # stored timings, NumPy on this CPU (no GPU)
U = cost.PARAMS["timed_units"]
for a, b in ((100, 128), (1000, 1024)):
    ratio = r["runs"][:, U.index(a)] / r["runs"][:, U.index(b)]  # (rounds,): one ratio per round
    print(f"time({a}) / time({b}) over {len(ratio)} rounds: median {np.median(ratio):.2f}, "
          f"range {ratio.min():.2f} to {ratio.max():.2f}")
# --8<-- [end:show]

__all__ = ["B", "T", "D", "multiple", "fp16_multiple", "padding_cost", "H_asker", "K_recurrent", "N_recurrent",
           "rounds", "median_1000_1024", "low_1000_1024", "high_1000_1024",
           "median_100_128", "low_100_128", "high_100_128", "order_flips", "cpu", "u_low", "u_high", "tf32_multiple", "int8_multiple"]
u_low, u_high = 1000, 1024
multiple = 32
fp16_multiple = 8                             # NVIDIA's guide: FP16 M, N, K multiples of 8
tf32_multiple, int8_multiple = 4, 16
H_asker = 100
asker = describe("keras", "lstm", units=H_asker, features=D, steps=T, batch=B)
K_recurrent, N_recurrent = asker.weights[1].shape  # (H, 4H)
padding_cost = describe("keras", "lstm", units=128, features=D, steps=T, batch=B).params / asker.params
ratios = {(a, b): r["runs"][:, U.index(a)] / r["runs"][:, U.index(b)] for a, b in ((100, 128), (1000, 1024))}
rounds = len(r["runs"])
median_1000_1024 = float(np.median(ratios[1000, 1024]))
low_1000_1024, high_1000_1024 = float(ratios[1000, 1024].min()), float(ratios[1000, 1024].max())
median_100_128 = float(np.median(ratios[100, 128]))
low_100_128, high_100_128 = float(ratios[100, 128].min()), float(ratios[100, 128].max())
order_flips = bool(low_1000_1024 < 1 < high_1000_1024)  # some rounds say faster, some slower
cpu = r.machine["cpu"]
assert N_recurrent % fp16_multiple == 0 and K_recurrent % fp16_multiple != 0  # 4H aligned, H not
