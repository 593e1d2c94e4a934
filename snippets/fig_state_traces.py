"""State traces and gate heatmaps of the Q3 model, trained."""
__all__ = [  # what pages may quote with value(...)
    "dead_units",
    "epochs",
    "H",
    "live_units",
    "max_c_train",
    "max_h_next",
    "max_h_train",
    "N",
    "T",
]
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, traces

r = get("traces")            # stored by `make figures`; get("traces", rerun=True) retrains (~2 s)
print("trace arrays:", {k: r[k].shape for k in ("i", "f", "g", "o", "c", "h")})
last_window = [int(v) for v in r["x"][-1]]   # the window the line plot follows
print(f"prediction for {last_window}:", round(float(r["pred"][-1]), 3), " target:", float(r["y"][-1]))
fig_heat = traces.plot_heatmaps(r)
fig_lines = traces.plot_lines(r)
# --8<-- [end:show]

N, T, H = r["h"].shape
epochs = r.params["epochs"]
final_loss = r["final_loss"]
dead_units = r["dead_units"]
live_units = H - dead_units
max_h_train = r["max_h_train"]
max_c_train = r["max_c_train"]
max_h_next = r["max_h_next"]
pred_last = float(r["pred"][-1])
target_last = float(r["y"][-1])
first_window = [int(v) for v in r["x"][0]]
ALT = [
    f"Six heatmaps side by side: the input, forget and output gates (sigmoids), candidate, cell state and "
    f"hidden state, each with {H} rows (units, sorted by their last h) and {N * T} columns "
    f"({N} windows times {T} steps). {dead_units} of the {H} units output nothing (h stays at zero) on every window.",
    f"Two line plots, h_t and c_t of each of the {H} units from the zero state through {T} steps for the window "
    f"{last_window}: every line starts at zero and fans out; the largest |h| is {max_h_train:.2f}.",
]
CAPTION = [
    f"The asker's model after {epochs} epochs (training loss {final_loss:.3f}). Every column is one "
    f"time step of one window; the windows run from {first_window} to {last_window}. "
    f"{dead_units} of {H} relu units output nothing throughout.",
    f"The state of each unit over the {T} steps of the window {last_window} "
    f"(prediction {pred_last:.2f}, target {target_last:g}).",
]
