"""Q2's picture: a sentence's characters, their embeddings, the GRU's 1024-wide states (stored)."""
__all__ = [  # what pages may quote with value(...)
    "E",
    "first_loss",
    "H",
    "last_loss",
    "move_after",
    "move_before",
    "right",
    "seconds",
    "size_after",
    "size_before",
    "T",
    "total",
    "uniform_loss",
    "updates",
    "V",
]
# --8<-- [start:show]
from unrolled.experiments import characters, get

r = get("characters")        # stored by `make figures`; training takes minutes
print("sentence:  ", repr(r["sentence"]))
print("embeddings:", r["embedding_after"].shape, " states:", r["h_after"].shape)
fig_states = characters.plot_states(r)
fig_loss = characters.plot_loss(r)
# --8<-- [end:show]

T, E = r["embedding_after"].shape
H = r["h_after"].shape[1]
V = r["vocab_size"]
updates = len(r["loss"])
first_loss, last_loss, uniform_loss = r["first_loss"], r["last_loss"], r["uniform_loss"]
right, total = r["next_char_right"], r["next_char_total"]
batch, steps = r.params["batch"], r.params["steps"]
seconds = r.seconds
import numpy as np  # noqa: E402

h0, h1 = r["h_before"].astype(np.float32), r["h_after"].astype(np.float32)  # (T, H) each
size_before, size_after = float(np.abs(h0).mean()), float(np.abs(h1).mean())
move_before = float(np.abs(np.diff(h0, axis=0)).mean())  # mean |h_t - h_{t-1}|, per entry
move_after = float(np.abs(np.diff(h1, axis=0)).mean())
ALT = [
    f"Three heatmaps sharing one row per character of the sentence ({T} rows): the {E}-wide embedding "
    f"of each character, the {H}-wide GRU state after it when untrained (entries of mean size "
    f"{size_before:.3f}), and the same after {updates} training updates (mean size {size_after:.3f}).",
    f"Line plot of training cross-entropy over {updates} updates, from {first_loss:.2f} to "
    f"{last_loss:.2f} nats per character, below the dashed line of uniform guessing at {uniform_loss:.2f}.",
]
CAPTION = [
    f"{T} characters in, {T} states out: each row is one time step. The state is always {H} numbers, "
    f"whatever the sentence's length.",
    f"Brief training: {updates} Adam updates on batches of {batch} windows of {steps} characters.",
]
