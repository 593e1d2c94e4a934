"""Which steps each direction has read: change one input step and see which outputs move."""
import numpy as np

from unrolled import build

__all__ = ["T", "t_changed", "forward_before", "backward_before", "one_way_before", "D", "H"]

# --8<-- [start:show]
B, T, D, H = 1, 9, 3, 4
t_changed = 6                                     # change the input at this step only
x = np.random.default_rng(1).normal(size=(B, T, D)).astype(np.float32)  # (B, T, D)
x2 = x.copy()
x2[:, t_changed] += 1.0

bi = build("lstm", features=D, units=H, bidirectional=True, seed=0)
y, y2 = bi(x), bi(x2)                             # (B, T, 2H) each
fw = np.abs(y2[..., :H] - y[..., :H]).max(axis=(0, 2))   # (T,): forward half, per step
bw = np.abs(y2[..., H:] - y[..., H:]).max(axis=(0, 2))   # (T,): backward half, per step
one = build("lstm", features=D, units=H, seed=0)  # an ordinary LSTM
ow = np.abs(one(x2) - one(x)).max(axis=(0, 2))    # (T,)
print("step             ", " ".join(f"{t:5d}" for t in range(T)))
print("one-way LSTM     ", " ".join(f"{v:5.2f}" for v in ow))
print("bidir, forward   ", " ".join(f"{v:5.2f}" for v in fw))
print("bidir, backward  ", " ".join(f"{v:5.2f}" for v in bw))
# --8<-- [end:show]

forward_before = int(np.sum(fw[:t_changed] > 0))
one_way_before = int(np.sum(ow[:t_changed] > 0))
backward_before = int(np.sum(bw[:t_changed] > 0))
assert forward_before == one_way_before == 0 and backward_before == t_changed
