"""On the asker's series, how many units are enough? Per-seed results of the how-many-units experiment."""
__all__ = ["always_ok_from", "n_seeds", "stuck_one", "stuck_two"]  # what pages may quote with value(...)
import numpy as np

from unrolled.experiments import get, units

# --8<-- [start:show]
r = get("units")                          # stored by `make figures`; get("units", rerun=True) retrains
widths, seeds = units.PARAMS["units"], units.PARAMS["seeds"]
x, y = units.q3.train_set()               # (8, 2, 1), (8,): the asker's windows and targets
constant = float(np.var(y))               # the best a constant prediction can do
train = r["train"]                        # (widths, seeds): final training MSE of every run
stuck = {}
for H, losses in zip(widths, train):
    stuck[H] = int(np.sum(losses >= constant))  # runs that never beat a constant
    print(f"H={H:3d}: training MSE per seed {np.round(losses, 3).tolist()}, "
          f"no better than a constant: {stuck[H]} of {len(seeds)}")
# --8<-- [end:show]

n_seeds = len(seeds)
stuck_one, stuck_two = stuck[1], stuck[2]
always_ok_from = min(H for H in widths if all(stuck[k] == 0 for k in widths if k >= H))
assert stuck_two >= 1 and always_ok_from > 2
