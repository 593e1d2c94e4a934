"""Does width make gradients vanish? dL/dh_t at the first step relative to the last, for few and many units."""
__all__ = ["length_spread", "long_T", "lstm_spread", "short_T", "B", "T"]  # what pages may quote with value(...)
import numpy as np

from unrolled.train import Regressor

# --8<-- [start:show]
B, T = 4, 50                                   # batch, time steps
rng = np.random.default_rng(0)
x = rng.normal(size=(B, T, 1))                 # (B, T, 1)
y = rng.normal(size=(B, 1))                    # (B, 1)
ratio = {}
for cell in ("rnn", "lstm"):
    for H in (4, 32, 128):                     # narrow to wide
        model = Regressor(cell, features=1, units=H, seed=0)
        _, _, dh = model.loss_and_gradients(x, y)
        norms = np.linalg.norm(dh[0], axis=(0, 2))  # (T,): |dL/dh_t| for every step
        ratio[f"{cell}{H}"] = float(norms[0] / norms[-1])
        print(f"{cell:4s} H={H:3d}, T={T}: |dL/dh_0| / |dL/dh_T-1| = {norms[0] / norms[-1]:.1e}")

by_length = {}
for T_long in (10, 50, 100):                   # the same LSTM, longer and longer inputs
    model = Regressor("lstm", features=1, units=32, seed=0)
    _, _, dh = model.loss_and_gradients(rng.normal(size=(B, T_long, 1)), y)
    norms = np.linalg.norm(dh[0], axis=(0, 2))  # (T_long,)
    by_length[T_long] = float(norms[0] / norms[-1])
    print(f"lstm H= 32, T={T_long}: |dL/dh_0| / |dL/dh_T-1| = {norms[0] / norms[-1]:.1e}")
# --8<-- [end:show]

rnn_narrow, rnn_wide = ratio["rnn4"], ratio["rnn128"]
lstm_narrow, lstm_wide = ratio["lstm4"], ratio["lstm128"]
lstm_spread = max(lstm_narrow, lstm_wide, ratio["lstm32"]) / min(lstm_narrow, lstm_wide, ratio["lstm32"])
short_T, long_T = 10, 100
length_spread = by_length[short_T] / by_length[long_T]
assert rnn_wide > rnn_narrow            # a wider simple RNN keeps more of the gradient
assert length_spread > 100 * lstm_spread  # length matters far more than width
