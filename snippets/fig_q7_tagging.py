"""Q7: tagging each word by its neighbours, one-way against bidirectional, several seeds (stored experiment)."""
import numpy as np

__all__ = ["V", "T", "H", "n_seeds", "updates", "one_lo", "one_hi", "bi_range", "ceiling",
           "one_all_lo", "one_all_hi"]

# --8<-- [start:show]
from unrolled.experiments import directions, get

r = get("directions")                 # the same stored run as the next-token task
acc = r["tag_acc"]                    # (model, seed, step) test accuracy at each position
for m, name in enumerate(directions.MODELS):
    print(f"{name:14} accuracy per seed, words with a next word:",
          " ".join(f"{v:.3f}" for v in acc[m, :, :-1].mean(-1)))
print(f"a one-way tagger's best expected accuracy over all steps: {r['one_way_ceiling']:.3f}")
fig = directions.plot_tagging(r)
# --8<-- [end:show]

P = directions.PARAMS
V, T, H, n_seeds, updates = P["vocab"], P["steps"], P["units"], len(P["seeds"]), P["updates"]
with_next = acc[:, :, :-1].mean(-1)  # (model, seed)
one_lo, one_hi = float(with_next[0].min()), float(with_next[0].max())
bi_lo, bi_hi = float(with_next[1].min()), float(with_next[1].max())
bi_range = f"{bi_lo:.3f}" if f"{bi_lo:.3f}" == f"{bi_hi:.3f}" else f"{bi_lo:.3f} to {bi_hi:.3f}"
one_all_lo, one_all_hi = float(acc[0].mean(-1).min()), float(acc[0].mean(-1).max())
ceiling = r["one_way_ceiling"]
assert np.all(with_next[1] > with_next[0])
ALT = [f"Test accuracy of each word's label against its position, {n_seeds} seeds of each model. The "
       f"bidirectional tagger is at {bi_range} everywhere; the one-way tagger stays near one "
       f"half ({one_lo:.3f} to {one_hi:.3f}) at every word that has a next word, and rises to "
       f"{acc[0, :, -1].min():.2f} to {acc[0, :, -1].max():.2f} at the last word, which has none."]
CAPTION = [f"{V} tokens drawn at random, sentences of T = {T} words; a word's label counts its neighbours in "
           f"the upper half of the vocabulary. LSTM({H}) per direction then a per-step softmax "
           f"layer, {updates} Adam updates, {n_seeds} seeds."]
