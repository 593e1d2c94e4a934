"""The cell, drawn: every box's label carries the weight shapes read from the layer itself."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import unrolled  # noqa: E402
from unrolled.diagram import draw_cell, draw_network, parts  # noqa: E402

CASES = [("lstm", unrolled.LSTM, 4, "ifgo"), ("gru", unrolled.GRU, 3, "zrn")]


def texts(fig) -> str:
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize("kind,cls,gates,order", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("D,H,B", [(3, 4, 2), (5, 7, 1)])
def test_every_box_is_labelled_with_its_slice_of_the_weights(kind, cls, gates, order, D, H, B):
    layer = cls(features=D, units=H, seed=0)
    p = parts(layer, batch=B)
    assert len(p["boxes"]) == gates == layer.weights["W_xh"].shape[1] // H
    for box in p["boxes"]:
        k = order.index(box["symbol"])
        assert box["W_x"] == layer.weights["W_xh"][:, k * H:(k + 1) * H].shape == (D, H)
        assert box["W_h"] == layer.weights["W_hh"][:, k * H:(k + 1) * H].shape == (H, H)
        assert f"{H} neurons" in box["label"]
        assert str((D, H)) in box["label"] and str((H, H)) in box["label"]
    assert p["arrows"]["xh"] == (B, D + H) and p["arrows"]["h_t"] == (B, H)
    drawn = texts(draw_cell(layer, batch=B, j=H - 1))
    for box in p["boxes"]:
        assert box["label"] in drawn
    assert str((B, D + H)) in drawn and str((B, H)) in drawn
    assert f"j = {H - 1}" in drawn
    net = texts(draw_network(layer, j=0))
    assert f"{H} units" in net and f"{D} features" in net
    plt.close("all")


def test_the_marked_cell_is_one_neuron_per_box():
    layer = unrolled.LSTM(features=3, units=4, seed=0)
    fig = draw_cell(layer, batch=2, j=2)
    colour = matplotlib.colors.to_rgba("#d55e00")
    marked = [p for p in fig.axes[0].patches if np.allclose(p.get_facecolor(), colour)]
    # one neuron in each of the 4 boxes, one entry in each drawn state (c_t-1, c_t, h_t-1, h_t)
    assert len(marked) == 4 + 4
    plt.close("all")


def test_bad_layer_or_unit_index_fails_clearly():
    with pytest.raises(ValueError, match="layer"):
        parts(unrolled.SimpleRNN(features=1, units=2))
    with pytest.raises(ValueError, match="batch"):
        parts(unrolled.LSTM(features=1, units=2), batch=0)
    with pytest.raises(ValueError, match="j"):
        draw_cell(unrolled.GRU(features=1, units=2), j=2)
