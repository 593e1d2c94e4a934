"""Why the LSTM keeps gradients: the cell path's product of forget gates next to a simple RNN's product of Jacobians."""
import matplotlib.pyplot as plt
import numpy as np

import unrolled
from unrolled.jacobians import forget_products, lstm_dc_dc0, rnn_dh_dh0

# --8<-- [start:show]
B, T, D, H = 4, 100, 8, 32                    # batch, time steps, features, units
x = np.random.default_rng(0).standard_normal((B, T, D))  # (B, T, D)
t = np.arange(1, T + 1)                       # steps back from step 0

rnn = unrolled.SimpleRNN(D, H, seed=0, dtype=np.float64)
J_rnn = rnn_dh_dh0(rnn, x)                    # (B, T, H, H): dh_t/dh_0, full matrices
rnn_gain = np.median(np.linalg.norm(J_rnn, 2, axis=(2, 3)), axis=0)  # (T,): largest stretch

gain, full = {}, {}
checked = (1, 10, 50)                         # steps where the full dc_t/dc_0 is measured too
for b_f in (1.0, 5.0):                        # forget-gate bias: Keras's start, and a gate held near 1
    lstm = unrolled.LSTM(D, H, seed=0, dtype=np.float64)
    lstm.weights["b"][H:2 * H] = b_f          # the forget block of b (4H,): i, f, g, o
    gain[b_f] = np.median(forget_products(lstm, x), axis=(0, 2))  # (T,): prod of f, median entry
    full[b_f] = [float(np.median(np.abs(np.diagonal(lstm_dc_dc0(lstm, x[:, :k]), axis1=1, axis2=2))))
                 for k in checked]            # diagonal of the full dc_k/dc_0, median entry
    print(f"LSTM, forget bias {b_f}: prod f over {T} steps {gain[b_f][-1]:.1e}; "
          f"full dc/dc_0 at t={checked}: " + ", ".join(f"{v:.1e}" for v in full[b_f]))
print(f"simple RNN: |dh_T/dh_0| over {T} steps {rnn_gain[-1]:.1e}")

fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.semilogy(t, rnn_gain, color="#e69f00", label="simple RNN: ‖dh_t/dh_0‖, product of full Jacobians")
for b_f, color in ((1.0, "#56b4e9"), (5.0, "#0072b2")):
    ax.semilogy(t, gain[b_f], color=color, label=f"LSTM cell path: product of forget gates, bias {b_f:g}")
    ax.scatter(checked, full[b_f], color=color, marker="s", s=22, zorder=3)
ax.set(xlabel="steps t between the state and step 0", ylabel="gain back to step 0 (log scale)")
ax.legend(fontsize=8, loc="lower left")
# --8<-- [end:show]

__all__ = ["B", "T", "D", "H", "rnn_end", "lstm_end", "lstm_held_end", "one_step_exact", "held_bias"]
held_bias = 5.0
rnn_end = float(rnn_gain[-1])
lstm_end = float(gain[1.0][-1])
lstm_held_end = float(gain[held_bias][-1])
lstm = unrolled.LSTM(D, H, seed=0, dtype=np.float64)
J1 = lstm_dc_dc0(lstm, x[:, :1])              # (B, H, H): one step
f1 = forget_products(lstm, x[:, :1])[:, 0]    # (B, H)
one_step_exact = float(np.abs(J1 - f1[:, :, None] * np.eye(H)).max())  # diag(f_1), nothing else
assert one_step_exact < 1e-8 and lstm_held_end > 1e3 * lstm_end
ALT = (f"Log-scale line chart of how much of a change to the first state survives t steps later, for t up to {T}. "
       f"A simple RNN's product of Jacobians falls to {rnn_end:.0e}; an LSTM's product of forget gates "
       f"falls to {lstm_end:.0e} with Keras's starting forget bias and stays at {lstm_held_end:.2f} with a bias of "
       f"{held_bias:g}; squares mark the full dc_t/dc_0 measured by finite differences.")
CAPTION = (f"Untrained layers, {H} units, {D} features, random inputs, {B} sequences; medians over the "
           f"batch and the units. Lines: the product along one path; squares: every path, measured.")
