"""Gradients through time: ||dL/dh_1|| / ||dL/dh_T|| against T (stored)."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, gradients

r = get("gradients")         # stored; get("gradients", rerun=True) reruns (~80 s)
P = gradients.PARAMS
fig_ratio = gradients.plot_ratio(r, P["cells"], P["units"], P["steps"])
fig_profile = gradients.plot_profile(r, P["cells"], P["units"], P["profile_steps"])
W = P["width"]                 # the width sweep: three cells, several widths, two input sizes
T_width = 50
fig_width = gradients.plot_width(r, W, T_width)
k = W["steps"].index(T_width)
for a, cell in enumerate(W["cells"]):
    for f, D in enumerate(W["features"]):
        med = np.median(r["width_ratio"][a, f, :, k], axis=-1)  # (units,): median over seeds
        print(f"{cell:4s} D={D}: T={T_width} ratio by width {W['units']}: "
              + " ".join(f"{m:.1e}" for m in med)
              + f"; widest > narrowest in {r['wide_keeps_more_seeds'][a, f, k]} of {len(W['seeds'])} seeds")
# --8<-- [end:show]

few, many = P["units"]
T_max = P["steps"][-1]
T_profile = P["profile_steps"]
n_seeds = len(P["seeds"])
rnn_few = r[f"median_rnn_{few}_T{T_max}"]
rnn_many = r[f"median_rnn_{many}_T{T_max}"]
lstm_few = r[f"median_lstm_{few}_T{T_max}"]
lstm_many = r[f"median_lstm_{many}_T{T_max}"]
T_short = 20
i20 = P["steps"].index(T_short)
med = np.median(r["ratio"], axis=-1)  # (cells, units, steps)
rnn_few_20, rnn_many_20 = float(med[0, 0, i20]), float(med[0, 1, i20])
lstm_few_20, lstm_many_20 = float(med[1, 0, i20]), float(med[1, 1, i20])
__all__ = ["few", "many", "T_max", "T_profile", "n_seeds", "rnn_few", "rnn_many", "lstm_few", "lstm_many",
           "T_short", "rnn_few_20", "rnn_many_20", "lstm_few_20", "lstm_many_20", "width_verdict",
           "T_width", "w_narrow", "w_wide", "w_seeds", "w_features", "width_directions",
           "max_width_factor", "min_length_factor", "T_len_short", "T_len_long", "length_dominates",
           "lstm_q3_direction", "lstm_q3_agree"]
NAMES = {"rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}
w_narrow, w_wide = W["units"][0], W["units"][-1]
w_seeds, w_features = len(W["seeds"]), W["features"]
T_len_short, T_len_long = W["steps"][0], W["steps"][-1]
agree = r["wide_keeps_more_seeds"][:, :, k]  # (cells, features): seeds where widest > narrowest
wmed = np.median(r["width_ratio"][:, :, :, k], axis=-1)  # (cells, features, units)
directions = []
for a, cell in enumerate(W["cells"]):
    bits = []
    for f, D in enumerate(W["features"]):
        more = wmed[a, f, -1] > wmed[a, f, 0]
        n = int(agree[a, f]) if more else w_seeds - int(agree[a, f])
        bits.append(f"{'more' if more else 'less'} with {D} feature{'s' if D > 1 else ''} ({n} of {w_seeds} seeds)")
    directions.append(f"{NAMES[cell]}: {', '.join(bits)}")
width_directions = "; ".join(directions)
max_width_factor = float(r["width_factor"][:, :, k].max())
min_length_factor = float(r["length_factor"].min())
length_dominates = bool(min_length_factor > max_width_factor)
q3 = W["features"].index(1)
lstm_more = bool(wmed[W["cells"].index("lstm"), q3, -1] > wmed[W["cells"].index("lstm"), q3, 0])
lstm_q3_direction = "more" if lstm_more else "less"
lstm_agree_n = int(agree[W["cells"].index("lstm"), q3])
lstm_q3_agree = lstm_agree_n if lstm_more else w_seeds - lstm_agree_n
signs = {bool(m) for m in (wmed[:, :, -1] > wmed[:, :, 0]).ravel()}
width_verdict = (
    (f"Width moves it far less than length, and not always the same way: " if length_dominates and len(signs) > 1
     else "Width moves it far less than length: " if length_dominates
     else "Width and length both move it: ")
    + f"at T = {T_width}, going from {w_narrow} to {w_wide} units kept {width_directions}.")
ALT = [
    f"Log-log plot of the ratio of gradient norms at the first and the last step against sequence length "
    f"up to {T_max}, four lines: simple RNN and LSTM with {few} and {many} units. All fall; at "
    f"T = {T_max} the medians are {rnn_few:.0e} and {rnn_many:.0e} for the RNN, {lstm_few:.0e} and "
    f"{lstm_many:.0e} for the LSTM.",
    f"Line plot of the gradient norm at every step of a {T_profile}-step sequence, relative to the last "
    f"step, on a log scale: four curves that drop from right to left.",
    f"Three log-log panels, simple RNN, LSTM and GRU: the ratio at T = {T_width} against units from {w_narrow} "
    f"to {w_wide}, one line per input size ({w_features[0]} and {w_features[-1]} features), seeds as dots. "
    f"Across widths the median moves by at most a factor of {max_width_factor:.0f}.",
]
CAPTION = [
    f"Untrained layers (tanh, Keras's initialisation), {n_seeds} seeds per point, inputs and targets "
    f"drawn at random. At T = {T_max} the {many}-unit simple RNN keeps {rnn_many:.0e} of the last step's "
    f"gradient at the first step; the {few}-unit one keeps {rnn_few:.0e}.",
    f"The same models on one sequence of {T_profile} steps: the median over seeds of ‖dL/dh_t‖ / ‖dL/dh_T‖.",
    f"Untrained layers, {w_seeds} seeds per point; lines join the medians. Going from {T_len_short} to "
    f"{T_len_long} steps shrinks the ratio by a factor of at least {min_length_factor:.0e} at every width.",
]
