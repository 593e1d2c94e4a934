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

__all__ = ["T_width", "w_narrow", "w_wide", "w_seeds", "T_len_short", "T_len_long", "per_cell",
           "worst_loss", "gated_length_dominates", "gated_width_factor", "gated_length_factor",
           "rnn_width_factor", "lstm_q3_sentence", "width_verdict", "D_few", "D_many"]
NAMES = {"rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}
SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(v):
    """A factor as 3 × 10⁶ (or plainly, below a thousand)."""
    if v < 1000:
        return f"{v:.0f}"
    mantissa, exponent = f"{v:.0e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUP)}"


w_narrow, w_wide = W["units"][0], W["units"][-1]
w_seeds, w_features = len(W["seeds"]), W["features"]
D_few, D_many = w_features[0], w_features[-1]
T_len_short, T_len_long = W["steps"][0], W["steps"][-1]
agree = r["wide_keeps_more_seeds"][:, :, k]  # (cells, features): seeds where widest > narrowest
wmed = np.median(r["width_ratio"][:, :, :, k], axis=-1)  # (cells, features, units)
more = wmed[:, :, -1] > wmed[:, :, 0]  # (cells, features): the widest keeps more (medians)
wf = r["width_factor"][:, :, k]  # (cells, features): largest / smallest median across widths
lf = r["length_factor"]  # (cells, features, units): shortest / longest length, medians
sentences = []
for a, cell in enumerate(W["cells"]):
    bits = []
    for f, D in enumerate(W["features"]):
        n = int(agree[a, f]) if more[a, f] else w_seeds - int(agree[a, f])
        bits.append(f"{'more' if more[a, f] else 'less'} with {D} feature{'s' if D > 1 else ''} "
                    f"({n} of {w_seeds} seeds)")
    sentences.append(f"the {NAMES[cell]}'s wider layer kept {' and '.join(bits)}, the widths moving the "
                     f"share by up to a factor of {sci(wf[a].max())}, while going from {T_len_short} to {T_len_long} steps shrank it by at least "
                     f"{sci(lf[a].min())}")
per_cell = "; ".join(sentences)
losses = [wmed[a, f, 0] / wmed[a, f, -1] for a in range(len(W["cells"])) for f in range(len(w_features))
          if not more[a, f]]
worst_loss = float(max(losses)) if losses else 1.0  # the most a wider layer lost, median against median
gated = [W["cells"].index(c) for c in ("lstm", "gru")]
gated_width_factor = float(wf[gated].max())
gated_length_factor = float(lf[gated].min())
gated_length_dominates = bool(gated_length_factor > 100 * gated_width_factor)
rnn_width_factor = float(wf[W["cells"].index("rnn")].max())
a, f = W["cells"].index("lstm"), W["features"].index(1)
n = int(agree[a, f]) if more[a, f] else w_seeds - int(agree[a, f])
lstm_q3_sentence = (f"In the asker's setting, an LSTM reading one feature, the {w_wide}-unit layer kept "
                    f"{'more' if more[a, f] else 'less'} of the gradient than the {w_narrow}-unit one in "
                    f"{n} of {w_seeds} seeds")
rnn_more = bool(more[W["cells"].index("rnn")].all())
width_verdict = (
    (f"For the LSTM and the GRU, width moves it far less than length does"
     + (", and not always the same way" if len({bool(m) for m in more[gated].ravel()}) > 1 else "")
     + "." if gated_length_dominates else "For the LSTM and the GRU, width and length both move it.")
    + (f" For the simple RNN width matters a great deal, but the other way round from the worry that many units "
       f"make gradients vanish: more units kept more of it, by up to a factor of {sci(rnn_width_factor)}."
       if rnn_more else f" For the simple RNN, width moves it by up to a factor of {sci(rnn_width_factor)}.")
)
ALT = (f"Three log-log panels, simple RNN, LSTM and GRU: the share of the gradient reaching the first step at "
       f"T = {T_width} against units from {w_narrow} to {w_wide}, one line per input size "
       f"({w_features[0]} and {w_features[-1]} features), each seed a dot. Across widths the simple RNN's median "
       f"moves by up to a factor of {sci(rnn_width_factor)}, the LSTM's and GRU's by at most {sci(gated_width_factor)}.")
CAPTION = (f"Untrained layers, {w_seeds} seeds per point, lines join the medians. For comparison, going from "
           f"{T_len_short} to {T_len_long} steps shrinks the LSTM's and GRU's share by a factor of at least "
           f"{sci(gated_length_factor)} at every width.")
