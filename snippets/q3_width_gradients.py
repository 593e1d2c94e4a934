"""Does width make gradients vanish? The share of the gradient reaching the first step, by width, cell and input size (stored)."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, gradients

r = get("gradients")          # stored by `make figures`; untrained layers, Keras's initialisation
W = gradients.PARAMS["width"]  # three cells, several widths, 1 or 8 features, several seeds
T_width = 50
k = W["steps"].index(T_width)
for a, cell in enumerate(W["cells"]):
    for f, D in enumerate(W["features"]):
        med = np.median(r["width_ratio"][a, f, :, k], axis=-1)  # (units,): median over seeds
        print(f"{cell:4s} D={D}: |dL/dh_1| / |dL/dh_T| at T={T_width}, units {W['units']}: "
              + " ".join(f"{m:.1e}" for m in med)
              + f"; widest > narrowest in {r['wide_keeps_more_seeds'][a, f, k]} of {len(W['seeds'])} seeds")
fig = gradients.plot_width(r, W, T_width)
# --8<-- [end:show]

__all__ = ["T_width", "w_narrow", "w_wide", "w_seeds", "width_directions", "max_width_factor",
           "min_length_factor", "T_len_short", "T_len_long", "length_dominates", "lstm_q3_sentence",
           "width_verdict"]
NAMES = {"rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}
w_narrow, w_wide = W["units"][0], W["units"][-1]
w_seeds, w_features = len(W["seeds"]), W["features"]
T_len_short, T_len_long = W["steps"][0], W["steps"][-1]
agree = r["wide_keeps_more_seeds"][:, :, k]  # (cells, features): seeds where widest > narrowest
wmed = np.median(r["width_ratio"][:, :, :, k], axis=-1)  # (cells, features, units)
more = wmed[:, :, -1] > wmed[:, :, 0]  # (cells, features): the widest keeps more (medians)
directions = []
for a, cell in enumerate(W["cells"]):
    bits = []
    for f, D in enumerate(W["features"]):
        n = int(agree[a, f]) if more[a, f] else w_seeds - int(agree[a, f])
        bits.append(f"{'more' if more[a, f] else 'less'} of it with {D} feature{'s' if D > 1 else ''} "
                    f"({n} of {w_seeds} seeds)")
    directions.append(f"{NAMES[cell]}, {' and '.join(bits)}")
width_directions = "; ".join(directions)
max_width_factor = float(r["width_factor"][:, :, k].max())
min_length_factor = float(r["length_factor"].min())
length_dominates = bool(min_length_factor > max_width_factor)
a, f = W["cells"].index("lstm"), W["features"].index(1)
n = int(agree[a, f]) if more[a, f] else w_seeds - int(agree[a, f])
lstm_q3_sentence = (f"In the asker's setting, an LSTM reading one feature, the {w_wide}-unit layer kept "
                    f"{'more' if more[a, f] else 'less'} of the gradient than the {w_narrow}-unit one in "
                    f"{n} of {w_seeds} seeds")
signs = {bool(m) for m in more.ravel()}
width_verdict = (("Width moves it far less than length" if length_dominates else "Width and length both move it")
                 + (", and not always the same way" if len(signs) > 1 else "")
                 + f": going from {w_narrow} to {w_wide} units at T = {T_width}, the wider layer kept "
                 + width_directions + ".")
ALT = (f"Three log-log panels, simple RNN, LSTM and GRU: the share of the gradient reaching the first step at "
       f"T = {T_width} against units from {w_narrow} to {w_wide}, one line per input size "
       f"({w_features[0]} and {w_features[-1]} features), each seed a dot. Across widths the median moves by "
       f"at most a factor of {max_width_factor:.0f}.")
CAPTION = (f"Untrained layers, {w_seeds} seeds per point, lines join the medians. For comparison, going from "
           f"{T_len_short} to {T_len_long} steps shrinks the share by a factor of at least "
           f"{min_length_factor:.0e} at every width.")
