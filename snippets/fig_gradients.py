"""Gradients through time: ||dL/dh_1|| / ||dL/dh_T|| against T (stored)."""
__all__ = [  # what pages may quote with value(...)
    "few",
    "lstm_few",
    "lstm_few_20",
    "lstm_many",
    "lstm_many_20",
    "many",
    "n_seeds",
    "rnn_few",
    "rnn_few_20",
    "rnn_many",
    "rnn_many_20",
    "T_max",
    "T_short",
    "width_verdict",
]
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, gradients

r = get("gradients")         # stored; get("gradients", rerun=True) reruns (~80 s)
P = gradients.PARAMS
fig_ratio = gradients.plot_ratio(r, P["cells"], P["units"], P["steps"])
fig_profile = gradients.plot_profile(r, P["cells"], P["units"], P["profile_steps"])
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
           "T_short", "rnn_few_20", "rnn_many_20", "lstm_few_20", "lstm_many_20"]
ALT = [
    f"Log-log plot of the ratio of gradient norms at the first and the last step against sequence length "
    f"up to {T_max}, four lines: simple RNN and LSTM with {few} and {many} units. All fall; at "
    f"T = {T_max} the medians are {rnn_few:.0e} and {rnn_many:.0e} for the RNN, {lstm_few:.0e} and "
    f"{lstm_many:.0e} for the LSTM.",
    f"Line plot of the gradient norm at every step of a {T_profile}-step sequence, relative to the last "
    f"step, on a log scale: four curves that drop from right to left.",
]
CAPTION = [
    f"Untrained layers (tanh, Keras's initialisation), {n_seeds} seeds per point, inputs and targets "
    f"drawn at random. At T = {T_max} the {many}-unit simple RNN keeps {rnn_many:.0e} of the last step's "
    f"gradient at the first step; the {few}-unit one keeps {rnn_few:.0e}.",
    f"The same models on one sequence of {T_profile} steps: the median over seeds of ‖dL/dh_t‖ / ‖dL/dh_T‖.",
]
