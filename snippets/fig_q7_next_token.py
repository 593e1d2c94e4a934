"""Q7: next-token prediction, one-way against bidirectional, several seeds (stored experiment)."""
import numpy as np

__all__ = ["V", "T", "H", "n_seeds", "updates", "floor", "best_acc", "one_train_lo", "one_train_hi",
           "bi_train_lo", "bi_train_hi", "bi_copied_max", "bi_last_lo", "bi_last_hi", "bi_seen_lo",
           "bi_seen_hi", "bi_prefix_lo", "bi_prefix_hi", "bi_zeroed_lo", "bi_zeroed_hi", "one_acc_lo",
           "one_acc_hi", "gap_max"]

# --8<-- [start:show]
from unrolled.experiments import directions, get

r = get("directions")                 # stored; get("directions", rerun=True) trains again
print(f"the data's own uncertainty: {r['floor']:.3f} nats a step, best accuracy {r['best_acc']:.2f}")
rows = {"training loss (nats)": r["next_train"].mean(-1),   # (model, seed)
        "accuracy, future in view": r["next_seen"],
        "accuracy, reads steps 0..t": r["next_prefix"].mean(-1),
        "accuracy, future zeroed": r["next_zeroed"].mean(-1)}
for m, name in enumerate(directions.MODELS):
    print(f"{name}, one number per seed")
    for label, values in rows.items():
        print(f"  {label:27}", " ".join(f"{v:.3f}" for v in values[m]))
fig = directions.plot_next_token(r)
# --8<-- [end:show]

P = directions.PARAMS
V, T, H, n_seeds, updates = P["vocab"], P["steps"], P["units"], len(P["seeds"]), P["updates"]
floor, best_acc = r["floor"], r["best_acc"]
one, bi = 0, 1
train = rows["training loss (nats)"]
one_train_lo, one_train_hi = float(train[one].min()), float(train[one].max())
bi_train_lo, bi_train_hi = float(train[bi].min()), float(train[bi].max())
bi_copied_max = float(r["next_train"][bi, :, :-1].max())  # steps whose answer is in the input
bi_last_lo, bi_last_hi = float(r["next_train"][bi, :, -1].min()), float(r["next_train"][bi, :, -1].max())
seen, prefix, zeroed = (rows[k] for k in list(rows)[1:])
bi_seen_lo, bi_seen_hi = float(seen[bi].min()), float(seen[bi].max())
bi_prefix_lo, bi_prefix_hi = float(prefix[bi].min()), float(prefix[bi].max())
bi_zeroed_lo, bi_zeroed_hi = float(zeroed[bi].min()), float(zeroed[bi].max())
one_acc_lo, one_acc_hi = float(prefix[one].min()), float(prefix[one].max())
gap_max = float(np.max(np.abs(np.r_[prefix[bi] - prefix[one], zeroed[bi] - zeroed[one]])))
assert np.array_equal(prefix[one], seen[one])  # the one-way model never saw the future anyway
ALT = [f"Left: training cross-entropy against Adam update for {n_seeds} seeds of each model. The one-way "
       f"LSTM levels off at the data's uncertainty, {floor:.3f} nats, the bidirectional one falls to "
       f"{bi_train_lo:.3f} to {bi_train_hi:.3f}. Right: test accuracy per seed. With the future in view the "
       f"bidirectional model scores {bi_seen_lo:.2f} to {bi_seen_hi:.2f}; when it reads only steps up to t, or "
       f"the later steps are zeroed, it scores {min(bi_prefix_lo, bi_zeroed_lo):.2f} to "
       f"{max(bi_prefix_hi, bi_zeroed_hi):.2f}, like the one-way "
       f"model's {one_acc_lo:.2f} to {one_acc_hi:.2f} and the best possible {best_acc:.2f}."]
CAPTION = [f"{V} tokens, sequences of T = {T} steps from a chain where each token has two equally likely "
           f"successors; LSTM({H}) per direction then a per-step softmax layer, {updates} Adam updates, "
           f"{n_seeds} seeds. Dashed: the data's uncertainty (left) and the best accuracy any model can reach (right)."]
