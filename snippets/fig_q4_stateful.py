"""Q4: a sign one window back, stateful against stateless (stored experiment)."""
import numpy as np

__all__ = ["T", "H", "B", "epochs", "n_seeds", "stateless_best", "stateless_worst", "stateful_worst",
           "stateful_best", "uncued_best", "uncued_worst", "uncued_solved", "cued_solved"]

# --8<-- [start:show]
from unrolled.experiments import get, stateful

r = get("stateful")                   # stored; get("stateful", rerun=True) trains again
P = stateful.PARAMS
fig = stateful.plot_curves(r, P["seeds"])
# --8<-- [end:show]

T, H, B, epochs, n_seeds = P["steps"], P["units"], P["streams"], P["epochs"], len(P["seeds"])
stateless_best = float(np.min(r["stateless_final"]))
stateless_worst = float(np.max(r["stateless_final"]))
stateful_best = float(np.min(r["stateful_final"]))
stateful_worst = float(np.max(r["stateful_final"]))
uncued_best = float(np.min(r["uncued_final"]))
uncued_worst = float(np.max(r["uncued_final"]))
uncued_solved = int((r["uncued_final"] < 0.1).sum())  # seeds ending below a tenth of the zero-guess loss
cued_solved = int((r["stateful_final"] < 0.1).sum())
ALT = [f"Validation mean squared error against epoch for {n_seeds} seeds. The stateless LSTM stays at the "
       f"loss of predicting zero (final {stateless_best:.2f} to {stateless_worst:.2f}); the stateful one falls to "
       f"{stateful_best:.3f} to {stateful_worst:.3f}. A stateful one that is never asked to hold the sign "
       f"within its own window ends at {uncued_best:.2f} to {uncued_worst:.2f}."]
CAPTION = [f"LSTM({H}) then a one-output Dense layer, B = {B} streams, windows of T = {T} steps, {epochs} epochs, Adam. "
           f"The loss is read on windows whose answer lies in the window before; the grey line is the "
           f"loss of always predicting zero."]
