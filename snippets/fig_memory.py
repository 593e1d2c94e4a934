"""Does a longer memory need more units? Recall the value read k steps earlier, for growing k and a few widths (stored)."""
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, memory

r = get("memory")            # trained by `make figures`; get("memory", rerun=True) retrains
P = memory.PARAMS
for a, k in enumerate(P["lags"]):  # recall error: median over seeds (lowest to highest)
    row = [f"{H} units {r['median'][a, b]:.2f} ({r['low'][a, b]:.2f} to {r['high'][a, b]:.2f})"
           for b, H in enumerate(P["units"])]
    print(f"k = {k:2d}: " + ", ".join(row))
fig = memory.plot_error(r, P["lags"], P["units"], P["good"])
# --8<-- [end:show]

__all__ = ["T", "epochs", "n_seeds", "good", "k_min", "k_max", "narrow", "wide", "narrow_at_min",
           "narrow_at_max", "wide_at_min", "wide_at_max", "needed_grows", "memory_verdict", "samples"]
T, epochs, n_seeds, good, samples = P["steps"], P["epochs"], len(P["seeds"]), P["good"], P["samples"]
k_min, k_max = P["lags"][0], P["lags"][-1]
narrow, wide = P["units"][0], P["units"][-1]
med = r["median"]  # (lags, units)
narrow_at_min, narrow_at_max = float(med[0, 0]), float(med[-1, 0])
wide_at_min, wide_at_max = float(med[0, -1]), float(med[-1, -1])
needed = [n if n else None for n in r["needed"]]  # smallest width with median error < good, per lag
# the error grows with k at every width, and at every lag a wider layer does no worse (medians)
grows_with_k = bool(np.all(np.diff(med, axis=0) > -0.02))
wider_helps = bool(np.all(np.diff(med, axis=1) < 0.02))
reached = [n for n in needed if n is not None]
needed_grows = bool(reached == sorted(reached) and len(set(reached)) > 1)
parts = [f"k = {k}: {f'{n} units' if n else f'none of the widths up to {wide}'}"
         for k, n in zip(P["lags"], needed)]
if grows_with_k and wider_helps and needed_grows:
    memory_verdict = (f"the smallest width whose median error is below {good} grows with the lag ("
                      + "; ".join(parts) + ")")
else:
    memory_verdict = ("the runs do not show a width that grows steadily with the lag ("
                      + "; ".join(parts) + ")")
ALT = (f"Line chart of the recall error (mean squared error over the target's variance) against the lag k "
       f"from {k_min} to {k_max} steps, one line per width. With {narrow} units the median error goes from "
       f"{narrow_at_min:.2f} to {narrow_at_max:.2f}; with {wide} units from {wide_at_min:.2f} to "
       f"{wide_at_max:.2f}. Dots are single seeds.")
CAPTION = (f"LSTM with a one-output dense head on every step, trained by our NumPy package for {epochs} epochs on "
           f"{samples} random sequences of {T} steps; error on fresh sequences, {n_seeds} seeds per point "
           f"(line: median; dots: each seed). Dotted line: error {good}.")
