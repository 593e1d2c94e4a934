"""ReLU against tanh: the largest |h| and |c| over long constant inputs (stored)."""
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

relu_end = r["max_h"][1, 1, :, -1]  # (seeds,) largest |h| by the last step, relu, large input
relu_half = r["max_h"][1, 1, :, T // 2 - 1]  # (seeds,) the same by the middle step
growing = relu_end > 2 * relu_half  # still at least doubling over the second half
n_growing = int(growing.sum())
relu_level = float(relu_end[~growing].max()) if (~growing).any() else float("nan")
relu_level_min = float(relu_end[~growing].min()) if (~growing).any() else float("nan")
ALT = (f"Two log-log panels, constant input {small:g} and {large:g}, running maximum of |h| and |c| "
       f"over {T} steps for tanh (blue) and relu (orange), {n_seeds} seeds each. With input {large:g}, "
       f"{n_growing} relu curve(s) keep climbing in steps to about {relu_max_h_10:.1e}, the others level off "
       f"between {relu_level_min:.1f} and {relu_level:.1f}; tanh's |h| stays below {tanh_max_h:.2f}.")
CAPTION = (f"An untrained LSTM of {H} units (Keras's initialisation). The grey line marks {bound:g}, the bound the claim states. "
           f"With input {large:g}, relu's largest |h| passes {bound:g} by step {relu_first_above_1} in every seed.")
