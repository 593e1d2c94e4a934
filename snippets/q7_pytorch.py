"""Q7's layer in PyTorch's convention: nn.LSTM(13, 32, batch_first=True, bidirectional=True); where each direction's final state sits."""
import numpy as np

from unrolled import bidirectional, build
from unrolled.shapes import describe

__all__ = ["T", "D", "H", "params", "output_shape", "h_n_shape", "err_forward", "err_backward",
           "gap_last_step", "stacked_view"]

# --8<-- [start:show]
T, D, H, B = 99, 13, 32, 8
d = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B, bidirectional=True)
print(d.table())

layer = build("lstm", features=D, units=H, bidirectional=True, convention="pytorch")
x = np.random.default_rng(0).normal(size=(B, T, D)).astype(np.float32)  # (B, T, D)
output, h_fw, c_fw, h_bw, c_bw = layer(x, return_state=True)  # (B, T, 2H), then (B, H) each
h_n = bidirectional.h_n_from_states([h_fw, h_bw], num_layers=1)  # (2, B, H), as PyTorch

fw_final, bw_final = bidirectional.final_states(output, H)  # output[:, -1, :H], output[:, 0, H:]
print("h_n[0] == output[:, -1, :H]:", np.abs(h_n[0] - fw_final).max())
print("h_n[1] == output[:, 0, H:]: ", np.abs(h_n[1] - bw_final).max())
print("h_n[1] vs output[:, -1, H:]:", np.abs(h_n[1] - output[:, -1, H:]).max())

two = describe("pytorch", "lstm", units=H, features=D, steps=T, batch=B, layers=2,
               bidirectional=True)
L = 2
print(f"\nnum_layers={L}: h_n {two.outputs[1].shape} -> h_n.view({L}, 2, {B}, {H})")
print("top layer: forward h_n[-2], backward h_n[-1]")
# --8<-- [end:show]

params = d.params
assert params == 2 * 4 * H * (D + H + 2)
output_shape, h_n_shape = d.outputs[0].shape, d.outputs[1].shape
err_forward = float(np.abs(h_n[0] - fw_final).max())
err_backward = float(np.abs(h_n[1] - bw_final).max())
gap_last_step = round(float(np.abs(h_n[1] - output[:, -1, H:]).max()), 2)
assert err_forward == err_backward == 0.0 and gap_last_step > 0.01
stacked_view = (L, 2, B, H)
