"""The unrolled picture: Q2's GRU run at full size, drawn from the stored run."""
__all__ = [  # what pages may quote with value(...)
    "B",
    "checked_steps",
    "gru_params",
    "H",
    "loop_error",
    "seconds",
    "T",
    "V",
    "corpus_chars",
]
import numpy as np

# --8<-- [start:show]
from unrolled.experiments import get, picture

r = get("picture")           # stored by `make figures`; get("picture", rerun=True) reruns it
S = r["shapes"]
for name in ("ids", "x", "x_t", "W_xh", "W_hh", "b", "h_t", "out", "h_T", "W_hy", "logits"):
    print(f"{name:7} {tuple(S[name])}")
print("largest |layer output - cell looped by hand|:", r["loop_error"])
fig = picture.plot(r)
# --8<-- [end:show]

B, T, E = S["x"]
H = S["h_t"][1]
V = r["vocab_size"]
corpus_chars = r["corpus_chars"]
gate_width = S["W_hh"][1]
gru_params = r["gru_params"]
loop_error = r["loop_error"]
checked_steps = r.params["checked_steps"]
seconds = r.seconds
assert r["final_equals_last"] and loop_error < 1e-5  # float32 rounding: one product for all steps, or one per step
steps = picture.plot_steps(T)
steps_text = ", ".join(str(t) for t in steps[:-1]) + f" and {steps[-1]}"
ALT = (f"Diagram of one GRU cell drawn {len(steps)} times, for steps {steps_text}, "
       f"each box labelled with the same weights W_xh {tuple(S['W_xh'])} and W_hh {tuple(S['W_hh'])}. "
       f"Below each box an arrow brings one character's embedding x_t {tuple(S['x_t'])}; "
       f"between boxes the state h_t {tuple(S['h_t'])} flows right; above each box a "
       f"{int(np.sqrt(H))} by {int(np.sqrt(H))} square shows the {H} numbers of the state after that step.")
CAPTION = (f"A real run at Q2's sizes: {B} sequences of {T} characters from a vocabulary of {V} ids, "
           f"each a {E}-wide embedding, through one GRU layer of {H} units and a dense layer back to {V}. The squares are the state of the first sequence after "
           f"steps {steps_text}, one pixel per unit.")
