"""The cell, drawn from the page's LSTM layer: one box per dense layer, every shape read from its weights."""
import unrolled
from unrolled.diagram import draw_cell, draw_network, figure_text

# --8<-- [start:show]
B, D, H = 2, 3, 4                         # batch, features, units
layer = unrolled.LSTM(features=D, units=H, seed=0)
j = 1                                     # the memory cell to mark: unit j of every box
fig_cell = draw_cell(layer, batch=B, j=j)
fig_network = draw_network(layer, j=j)
# --8<-- [end:show]

__all__ = ["B", "D", "H", "j", "boxes", "gate_shape", "W_x", "W_h"]
text = figure_text(layer, batch=B, j=j)
boxes, gate_shape, W_x, W_h = text["boxes"], text["gate_shape"], text["W_x"], text["W_h"]
ALT, CAPTION = text["alt"], text["caption"]
