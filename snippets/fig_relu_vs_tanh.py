"""ReLU against tanh: the largest |h| and |c| over long constant inputs (stored)."""
__all__ = [  # what pages may quote with value(...)
    "above",
    "H",
    "huge",
    "large",
    "n_huge",
    "n_seeds",
    "relu_ends",
    "relu_first_above_1",
    "relu_max_h_1",
    "small",
    "T",
    "tanh_max_c",
    "tanh_max_h",
]
# --8<-- [start:show]
from unrolled.experiments import activations, get

r = get("activations")       # stored; get("activations", rerun=True) reruns (~5 s)
print("largest |h|, tanh, any input:  ", round(r["tanh_max_h"], 3))
print("largest |h|, relu, input 1:    ", round(r["relu_max_h_1"], 3))
print("largest |h|, relu, input 10:   ", f"{r['relu_max_h_10']:.3g}")
fig = activations.plot(r, activations.PARAMS["inputs"])
# --8<-- [end:show]

P = activations.PARAMS
H, T = P["units"], P["steps"]
small, large = P["inputs"]
tanh_max_h = r["tanh_max_h"]
tanh_max_c = r["tanh_max_c_10"]
relu_max_h_1 = r["relu_max_h_1"]
relu_max_h_10 = r["relu_max_h_10"]
relu_first_above_1 = r["relu_first_above_1"]
n_seeds = len(P["seeds"])
bound = activations.plot_claimed_bound()
import numpy as np  # noqa: E402

relu_end = np.sort(r["max_h"][1, 1, :, -1])  # (seeds,) largest |h| by the last step, relu, large input
huge = 1000 * bound  # a state this far past the claimed bound is no longer "between 0 and 1"
n_huge = int((relu_end > huge).sum())
relu_ends = ", ".join(f"{v:.3g}" for v in relu_end)
relu_smallest_end = float(relu_end[0])
above = (f"every one above {bound:g}" if relu_smallest_end > bound
         else f"{int((relu_end > bound).sum())} of them above {bound:g}")
ALT = (f"Two log-log panels, constant input {small:g} and {large:g}, running maximum of |h| and |c| "
       f"over {T} steps for tanh (blue) and relu (orange), {n_seeds} seeds each. With input {large:g}, "
       f"{n_huge} relu curve(s) climb in steps past {huge:g}, up to about {relu_max_h_10:.1e}; the lowest relu "
       f"curve ends at {relu_smallest_end:.1f}; tanh's |h| stays below {tanh_max_h:.2f}.")
CAPTION = (f"An untrained LSTM of {H} units (Keras's initialisation). The grey line marks {bound:g}, the bound the claim states. "
           f"With input {large:g}, relu's largest |h| passes {bound:g} by step {relu_first_above_1} in every seed.")
