"""Q8: Keras's two GRU forms trained alike, several seeds (stored experiment)."""
# --8<-- [start:show]
from unrolled.experiments import get, gru_forms

r = get("gru_forms")         # stored; get("gru_forms", rerun=True) reruns (~20 s)
for form in ("after", "before"):
    print(f"reset_{form}: final training MSE {r[f'final_{form}_mean']:.4f} "
          f"± {r[f'final_{form}_std']:.4f} over {len(gru_forms.PARAMS['seeds'])} seeds")
fig = gru_forms.plot(r)
# --8<-- [end:show]

__all__ = ["after_mean", "after_std", "before_mean", "before_std", "after_wins", "n_seeds", "units",
           "epochs", "windows", "steps"]

P = gru_forms.PARAMS
n_seeds, units, epochs, steps = len(P["seeds"]), P["units"], P["epochs"], P["steps"]
windows = r["windows"]
after_mean, after_std = r["final_after_mean"], r["final_after_std"]
before_mean, before_std = r["final_before_mean"], r["final_before_std"]
after_wins = r["after_wins"]
ALT = (f"Training loss against epoch on a log scale for {n_seeds} seeds of each GRU form, "
       f"{units} units, {epochs} epochs. The two bundles of lines overlap; the final losses are "
       f"{after_mean:.4f} (reset after) and {before_mean:.4f} (reset before) on average.")
CAPTION = (f"Both forms on the same {windows} windows of {steps} steps of a noisy sum of two sines, "
           f"same seeds and optimiser; the reset-after form ends lower in {after_wins} of {n_seeds} seeds.")
