"""A sentence at the tutorial's sizes: one cell call per character, and every character reaches all the units."""
import numpy as np

import unrolled

# --8<-- [start:show]
V, E, H = 66, 256, 1024                  # vocabulary, embedding width, rnn_units
text = "to be or not to be"
vocab = sorted(set(text))                # the ids this sentence uses; the table has V rows
ids = np.array([[vocab.index(ch) for ch in text]])       # (1, T): one id per character
table = np.random.default_rng(0).normal(0, 1, (V, E)).astype(np.float32)  # (V, E)
gru = unrolled.GRU(features=E, units=H, seed=0)          # one cell, used at every step

k = text.index("n")                      # change one character: "not" becomes "oot"
other = ids.copy()                       # (1, T)
other[0, k] = ids[0, text.index("o")]
h = gru(table[ids])[0]                   # (T, H): the state after every character
h2 = gru(table[other])[0]                # (T, H): the same sentence with one character changed
moved = np.abs(h - h2) > 0               # (T, H): which state entries the change reached
T = len(text)
print(f"{T} characters -> {T} cell calls, each writing all {H} entries of the state")
print(f"entries changed before step {k + 1}: {int(moved[:k].sum())}")
print(f"entries changed at step {k + 1}, where the character differs: {int(moved[k].sum())} of {H}")
print(f"fewest entries changed at any later step: {int(moved[k:].sum(axis=1).min())} of {H}")
# --8<-- [end:show]

__all__ = ["V", "E", "H", "T", "k", "step", "changed_at_step", "changed_before", "text"]
step = k + 1
changed_at_step = int(moved[k].sum())
changed_before = int(moved[:k].sum())
assert changed_before == 0 and changed_at_step == H

import matplotlib.pyplot as plt  # noqa: E402

order = np.argsort(h[-1])                # units sorted by their last value, the same in both panels
fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.9), sharey=True)
lim = float(np.abs(h).max())
panels = [(h[:, order].T, "RdBu_r", -lim, lim, "State h_t"),
          (np.abs(h - h2)[:, order].T, "magma_r", 0, float(np.abs(h - h2).max()),
           f"|change| when step {step} reads 'o' for 'n'")]
for ax, (img, cmap, lo, hi, title) in zip(axes, panels):
    shown = ax.imshow(img, aspect="auto", cmap=plt.get_cmap(cmap, 9), vmin=lo, vmax=hi,
                      extent=(0.5, T + 0.5, H, 0), interpolation="none")  # one pixel per entry
    ax.set_title(title, fontsize=10)
    ax.set_xticks(range(1, T + 1), [c if c != " " else "␣" for c in text], fontsize=8)
    ax.set_xlabel("time step (the character read)")
    ax.grid(False)
    fig.colorbar(shown, ax=ax, shrink=0.8)
axes[0].set_ylabel(f"the {H} state entries (units)")
ALT = (f"Two heatmaps with time across ({T} steps, one per character of '{text}') and the {H} entries "
       f"of the GRU state down. Left: the state after each step; every column is filled. Right: how much "
       f"each entry changes when step {step} reads a different character: the columns before step {step} "
       f"are blank, and from step {step} on all {H} rows change.")
CAPTION = (f"A run of the package's GRU at the tutorial's widths (embedding {E}, {H} units, random weights). "
           f"Each column is one call of the same cell; each row is one unit, sorted by its last value.")
