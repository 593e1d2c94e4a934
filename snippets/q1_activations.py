"""Count the activation functions a signal passes: a stack of dense layers against one LSTM layer."""
__all__ = ["dense_calls", "layers", "lstm_calls", "T", "D", "H"]  # what pages may quote with value(...)
import numpy as np

from unrolled.cells import lstm_step

# --8<-- [start:show]
calls = {"dense": 0, "lstm": 0}

def counted(fn, key):                      # wrap an activation to count its calls
    def f(a, out=None):
        calls[key] += 1
        return fn(a, out=out)
    return f

relu = counted(lambda a, out=None: np.maximum(a, 0, out=out), "dense")
rng = np.random.default_rng(0)
B, D, H, layers = 1, 3, 4, 5               # batch, features, width, dense layers
v = rng.normal(size=(B, D))                # (B, D)
for k in range(layers):                    # five dense layers in a row
    v = relu(v @ rng.normal(size=(v.shape[1], H)))  # (B, H)

T = 5                                      # one LSTM layer over five time steps
sig = counted(lambda a, out=None: np.divide(1, 1 + np.exp(-a), out=out), "lstm")
tanh = counted(lambda a, out=None: np.tanh(a, out=out), "lstm")
W_xh, W_hh = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H))  # (D, 4H), (H, 4H)
h, c = np.zeros((B, H)), np.zeros((B, H))  # (B, H) each
for t in range(T):
    h, c, _ = lstm_step(rng.normal(size=(B, D)) @ W_xh, h, c, W_hh, activation=tanh,
                        recurrent_activation=sig)  # (B, H) each
print(f"{layers} dense layers: {calls['dense']} activation calls")
print(f"1 LSTM layer, {T} steps: {calls['lstm']} activation calls")
# --8<-- [end:show]

dense_calls, lstm_calls = calls["dense"], calls["lstm"]
per_step = lstm_calls // T
assert dense_calls == layers and lstm_calls == 5 * T
