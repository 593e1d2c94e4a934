"""How many units: Q3's task with 1 to 128 units, several seeds (stored)."""
__all__ = [  # what pages may quote with value(...)
    "asker_units",
    "cont_from",
    "cont_to",
    "epochs",
    "max_units",
    "min_units",
    "n_nonmonotone",
    "n_windows",
    "seeds",
    "train_1",
    "train_100",
    "train_2",
    "train_max",
    "val_100",
]
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, units

r = get("units")             # stored by `make figures`; get("units", rerun=True) reruns (~40 s)
widths = units.PARAMS["units"]
print("units            ", widths)
print("train MSE, median", np.round(np.median(r["train"], axis=1), 3).tolist())
print("valid MSE, median", np.round(np.median(r["val"], axis=1), 3).tolist())
fig = units.plot_sweep(r, widths)
# --8<-- [end:show]

cont_from, cont_to = int(r["y_val"].min()), int(r["y_val"].max())
seeds = len(units.PARAMS["seeds"])
epochs = units.PARAMS["epochs"]
med_train = np.median(r["train"], axis=1)
med_val = np.median(r["val"], axis=1)
n_widths = len(widths)
min_units, max_units = widths[0], widths[-1]
train_1, val_1 = float(med_train[0]), float(med_val[0])
train_2 = float(med_train[widths.index(2)])
train_max, val_max = float(med_train[-1]), float(med_val[-1])
best_val_units = int(widths[int(np.argmin(med_val))])
best_val = float(med_val.min())
asker_units = 100
i100 = widths.index(asker_units)
n_windows = len(units.q3.train_set()[1])
train_100, val_100 = float(med_train[i100]), float(med_val[i100])
monotone_val = bool(np.all(np.diff(med_val) <= 0))
n_nonmonotone = int(np.sum(np.diff(med_val) > 0))
ALT = (f"Log-log plot of mean squared error against units ({min_units} to {max_units}), {seeds} seeds "
       f"per width. Training error (blue) falls from a median of {train_1:.1f} at {min_units} unit to "
       f"{train_max:.3f} at {max_units}; error on the continuation {cont_from} to {cont_to} (orange) falls from "
       f"{val_1:.0f} to {val_max:.3f} but rises again {n_nonmonotone} times along the way.")
CAPTION = (f"Each dot is one seed after {epochs} epochs of Adam; lines join the medians. "
           f"The lowest median validation error, {best_val:.3f}, is at {best_val_units} units.")
