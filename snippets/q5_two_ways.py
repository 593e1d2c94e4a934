"""Q5: three models, and which input steps each output step can see."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.wiring import Dense, time_distributed

__all__ = ["seen_lstm", "seen_td", "seen_both", "T", "D", "H", "K"]

# --8<-- [start:show]
B, T, D, H, K = 1, 3, 100, 64, 6
x = np.random.default_rng(0).standard_normal((B, T, D)).astype(np.float32)  # (B, T, D)
lstm, head, raw_head = LSTM(D, H, seed=0), Dense(H, K, seed=1), Dense(D, K, seed=2)
models = {
    "LSTM(64, return_sequences=True)": lambda x: lstm(x),                    # (B, T, H)
    "TimeDistributed(Dense(6)) on x": lambda x: time_distributed(raw_head, x),  # (B, T, K)
    "LSTM then TimeDistributed(Dense(6))": lambda x: time_distributed(head, lstm(x)),  # (B, T, K)
}
reads = {}
for name, model in models.items():
    y = model(x)
    seen = []
    for t in range(T):                # which input steps move output step t?
        moved = []
        for s in range(T):
            x2 = x.copy()
            x2[:, s] += 1.0
            if np.abs(model(x2)[:, t] - y[:, t]).max() > 0:
                moved.append(s)
        seen.append(moved)
    reads[name] = seen
    print(f"{name:37} output {y.shape}; step t reads steps {seen}")
# --8<-- [end:show]

seen_lstm, seen_td, seen_both = (str(v) for v in reads.values())
assert seen_td == str([[t] for t in range(T)]) and seen_lstm == seen_both
