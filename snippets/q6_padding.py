"""Q6: the short sequence alone, pre-padded and post-padded, without and with a mask."""
import numpy as np

from unrolled.layers import LSTM
from unrolled.masking import mask_from_values, masked_forward, pad_sequences

__all__ = ["post_final", "pre_final", "post_steps", "pre_steps", "masked_worst", "D", "H"]

# --8<-- [start:show]
D, H = 3, 5
rng = np.random.default_rng(0)
seqs = [rng.standard_normal((4, D)), rng.standard_normal((2, D))]  # lengths 4 and 2
layer = LSTM(D, H, seed=0)
layer.weights["b"] = rng.uniform(-1, 1, 4 * H).astype(np.float32)  # nonzero, as after training
alone = layer(seqs[1][None].astype(np.float32))[0]  # the short sequence alone (2, H)

gaps = {}
for padding, real in (("post", slice(0, 2)), ("pre", slice(2, 4))):
    x = pad_sequences(seqs, padding=padding, dtype="float32")  # (B, T, D)
    out = layer(x)[1]                 # no mask: the short row (T, H)
    m_out, m_h, _ = masked_forward(layer, x, mask_from_values(x)[1], return_state=True)
    gaps[padding] = (np.abs(out[-1] - alone[-1]).max(), np.abs(out[real] - alone).max(),
                     np.abs(m_h[1] - alone[-1]).max(), np.abs(m_out[1, real] - alone).max())
    print(f"{padding}-padding, no mask: final state off by {gaps[padding][0]:.4f}, "
          f"outputs at the real steps off by {gaps[padding][1]:.4f}")
    print(f"{padding}-padding, masked:  final state off by {gaps[padding][2]:.4f}, "
          f"outputs at the real steps off by {gaps[padding][3]:.4f}")
# --8<-- [end:show]

post_final, post_steps = float(gaps["post"][0]), float(gaps["post"][1])
pre_final, pre_steps = float(gaps["pre"][0]), float(gaps["pre"][1])
masked_worst = float(max(gaps["post"][2:] + gaps["pre"][2:]))
assert post_steps < 1e-6 and post_final > 0 and pre_final > 0 and pre_steps > 0 and masked_worst < 1e-6
