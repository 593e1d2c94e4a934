"""The cell, drawn from the page's GRU layer: one box per dense layer, every shape read from its weights."""
import unrolled
from unrolled.diagram import draw_cell, draw_network, parts

# --8<-- [start:show]
B, D, H = 1, 3, 4                         # batch, features, units
layer = unrolled.GRU(features=D, units=H, seed=0)
j = 1                                     # the unit to mark: neuron j of every box
fig_cell = draw_cell(layer, batch=B, j=j)
fig_network = draw_network(layer, j=j)
# --8<-- [end:show]

__all__ = ["B", "D", "H", "j", "boxes", "gate_shape", "W_x", "W_h"]
p = parts(layer, batch=B)
boxes = len(p["boxes"])
gate_shape = p["arrows"]["gate"]
W_x, W_h = p["boxes"][0]["W_x"], p["boxes"][0]["W_h"]
kinds = ", ".join(f"{b['role']} {b['symbol']}" for b in p["boxes"])
ALT = [
    (f"Diagram of one GRU step with {H} units: {boxes} boxes side by side ({kinds}), each a dense "
     f"layer of {H} neurons with weights W_x {W_x} and W_h {W_h}, all reading x_t {p['arrows']['x_t']} "
     f"joined with the previous state h {p['arrows']['h_prev']}; each sends {gate_shape} up to the state line on top. "
     f"Neuron {j} of every box and entry {j} of the state are coloured: together they are unit {j}."),
    (f"The same GRU layer as the hidden layer of a dense-network picture: {D} input circles, {H} hidden "
     f"circles with a loop back into themselves, one output circle; hidden unit {j} is coloured."),
]
CAPTION = [
    (f"One step of GRU({H}) on {D} feature{'s' if D > 1 else ''}, drawn by code from its weights: each box is a dense layer of {H} "
     f"neurons; coloured: unit j = {j}."),
    f"The same layer in the familiar picture: the {H} units are the hidden layer, and the loop carries the previous state back in.",
]
