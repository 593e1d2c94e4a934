"""The cell, drawn: an LSTM or GRU step as boxes (dense layers) and arrows (arrays).

``parts(layer, batch)`` reads a layer's own weights and returns what a drawing
needs, every shape computed from the arrays: one box per gate or candidate
(a dense layer of H neurons reading x_t and h_{t-1}), with the shapes of its
slices of ``W_xh``, ``W_hh`` and ``b``, and the shape of every array that
flows between the boxes. ``draw_cell`` and ``draw_network`` draw them with
Matplotlib; the drawing code reads only what ``parts`` returns.

Memory cell j, in the papers' sense (Hochreiter & Schmidhuber, 1997), is one
entry of the state together with the j-th neuron of every box: the drawings
mark it in one colour across all boxes.
"""

from __future__ import annotations

from .layers import GRU, LSTM

__all__ = ["parts", "draw_cell", "draw_network", "figure_text"]

# role, symbol, activation argument ("rec": recurrent_activation, "act": activation)
_BOXES = {
    "lstm": (("forget gate", "f", "rec"), ("input gate", "i", "rec"),
             ("candidate", "g", "act"), ("output gate", "o", "rec")),
    "gru": (("update gate", "z", "rec"), ("reset gate", "r", "rec"), ("candidate", "n", "act")),
}
# where each box's block sits in the layer's weights (Keras's order: LSTM i, f, g, o; GRU z, r, n)
_ORDER = {"lstm": "ifgo", "gru": "zrn"}
_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "hard_sigmoid": "hard σ", "linear": "linear"}


def _shape(a) -> tuple:
    return tuple(int(n) for n in a.shape)


def parts(layer, batch: int = 1) -> dict:
    """Boxes and arrows of one step of ``layer`` (an ``unrolled.LSTM`` or ``GRU``), shapes from its weights.

    Returns {"kind", "D", "H", "B", "boxes": [...], "arrows": {...}}; each box is a dict with
    "role", "symbol", "activation", "neurons", "W_x", "W_h", "b" (shapes of its slices) and
    "label" (the text drawn in it); "arrows" maps each array's name to its shape (B, ...).
    """
    if not isinstance(layer, (LSTM, GRU)) or getattr(layer, "proj_size", 0):
        raise ValueError(f"layer: expected an unrolled.LSTM (no projection) or GRU, "
                         f"got {type(layer).__name__}")
    if not isinstance(batch, int) or isinstance(batch, bool) or batch < 1:
        raise ValueError(f"batch: expected a positive integer, got {batch!r}")
    kind = layer.kind
    W_xh, W_hh, b = layer.weights["W_xh"], layer.weights["W_hh"], layer.weights["b"]
    D, H, B = W_xh.shape[0], layer.units, batch
    boxes = []
    for role, sym, which in _BOXES[kind]:
        k = _ORDER[kind].index(sym)
        block = slice(k * H, (k + 1) * H)
        act = layer.recurrent_activation if which == "rec" else layer.activation
        box = {"role": role, "symbol": sym, "activation": act, "neurons": H,
               "W_x": _shape(W_xh[:, block]),  # (D, H)
               "W_h": _shape(W_hh[:, block]),  # (H, H)
               "b": _shape(b[..., block])}  # (H,) or (2, H)
        biases = (f"b_x{sym}, b_h{sym} {box['b'][1:]} each" if len(box["b"]) == 2
                  else f"b_{sym} {box['b']}")
        box["label"] = (f"{role} {sym}\ndense layer,\n{H} neurons, {_SYMBOL.get(act, act)}\n"
                        f"W_x{sym} {box['W_x']}\nW_h{sym} {box['W_h']}\n{biases}")
        boxes.append(box)
    arrows = {"x_t": (B, D), "h_prev": (B, H), "h_t": (B, H), "gate": (B, H),
              "xh": (B, D + H)}
    if kind == "lstm":
        arrows.update(c_prev=(B, H), c_t=(B, H))
    return {"kind": kind, "D": D, "H": H, "B": B, "boxes": boxes, "arrows": arrows}


# --- drawing -----------------------------------------------------------------------

INK, MUTED, CELL = "#222222", "#666666", "#d55e00"  # text, lines, memory cell j
FILL = {"rec": "#e8f1fa", "act": "#fdf0e0"}


def _arrow(ax, xy0, xy1, text=None, where=0.5, offset=(4, 0), ha="left", color=MUTED, **kw):
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(xy0, xy1, arrowstyle="-|>", mutation_scale=9, color=color,
                                 linewidth=1.1, shrinkA=0, shrinkB=0, **kw))
    if text:
        x = xy0[0] + where * (xy1[0] - xy0[0])
        y = xy0[1] + where * (xy1[1] - xy0[1])
        ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", fontsize=8.5,
                    color=INK, ha=ha, va="center")


def _line(ax, xs, ys, color=MUTED, lw=1.1):
    ax.plot(xs, ys, color=color, linewidth=lw, solid_capstyle="butt", zorder=1)


def _op(ax, xy, text):
    from matplotlib.patches import Circle

    ax.add_patch(Circle(xy, 0.22, facecolor="white", edgecolor=INK, linewidth=1.1, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=9, color=INK, zorder=4)


def _vector(ax, x, y, n, j, label, ha="center"):
    """An array of n entries drawn as n small squares, entry j in the memory-cell colour."""
    from matplotlib.patches import Rectangle

    size = 0.16
    x0 = x - n * size / 2
    for k in range(n):
        ax.add_patch(Rectangle((x0 + k * size, y - size / 2), size, size, linewidth=0.6,
                               edgecolor=INK, facecolor=CELL if k == j else "white", zorder=3))
    ax.text(x, y + 0.2, label, ha=ha, va="bottom", fontsize=8.5, color=INK, zorder=4)


def _box(ax, x, y, w, h, box, j):
    from matplotlib.patches import Circle, FancyBboxPatch

    which = "rec" if box["activation"] == "sigmoid" else "act"
    ax.add_patch(FancyBboxPatch((x - w / 2, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.1",
                                facecolor=FILL[which], edgecolor=INK, linewidth=1.0, zorder=2))
    ax.text(x, y + h - 0.12, box["label"], ha="center", va="top", fontsize=8, color=INK,
            linespacing=1.25, zorder=4)
    n = box["neurons"]
    step = min(0.3, (w - 0.2) / n)
    for k in range(n):  # the box's neurons, neuron j in the memory-cell colour
        ax.add_patch(Circle((x + (k - (n - 1) / 2) * step, y + 0.25), step * 0.38, zorder=4,
                            facecolor=CELL if k == j else "white", edgecolor=INK, linewidth=0.7))


def draw_cell(layer, batch: int = 1, j: int = 0):
    """One step of ``layer`` as colah draws it: state lines on top, one box per dense layer below."""
    import matplotlib.pyplot as plt

    p = parts(layer, batch)
    H = p["H"]
    if not isinstance(j, int) or isinstance(j, bool) or not 0 <= j < H:
        raise ValueError(f"j: expected a unit index from 0 to {H - 1}, got {j!r}")
    a = p["arrows"]
    act = _SYMBOL.get(layer.activation, layer.activation)
    fig, ax = plt.subplots(figsize=(5.0, 5.0), layout="none")
    fig.subplots_adjust(0, 0, 1, 1)
    ax.set_xlim(-0.1, 11.3)
    ax.set_ylim(-0.6, 10.4)
    ax.axis("off")
    n_box = len(p["boxes"])
    gap = 0.15
    w = (9.35 - gap * (n_box - 1)) / n_box
    xs = [0.1 + w / 2 + k * (w + gap) for k in range(n_box)]
    y_box, h_box = 2.9, 3.3
    top = y_box + h_box
    y_state = 9.0
    # input: x_t joins h_{t-1}; the joined array feeds every box
    x_in, h_in = 0.8, 4.6
    _vector(ax, x_in, 0.1, p["D"], None, f"x_t {a['x_t']}")
    _vector(ax, h_in, 0.1, H, j, f"h_t-1 {a['h_prev']}")
    _line(ax, [x_in, x_in], [0.3, 1.6])
    _line(ax, [h_in, h_in], [0.3, 1.6])
    _line(ax, [min(x_in, xs[0]), xs[-1]], [1.6, 1.6])
    ax.text((x_in + h_in) / 2, 1.35, f"[x_t, h_t-1] {a['xh']}", ha="center", va="top", fontsize=8.5,
            color=INK)
    for x, box in zip(xs, p["boxes"]):
        _arrow(ax, (x, 1.6), (x, y_box))
        _box(ax, x, y_box, w, h_box, box, j)
    what = "memory cell" if p["kind"] == "lstm" else "unit"
    ax.text(5.6, 10.35, f"{what} j = {j}: entry j of the state and neuron j of every box",
            ha="center", va="top", fontsize=8.5, color=CELL)
    _line(ax, [0.1, 11.2], [y_state, y_state], color=INK, lw=1.6)
    if p["kind"] == "lstm":
        xf, xi, xg, xo = xs
        _vector(ax, 0.8, y_state + 0.35, H, j, f"c_t-1 {a['c_prev']}")
        _vector(ax, 10.4, y_state + 0.35, H, j, f"c_t {a['c_t']}")
        _op(ax, (xf, y_state), "×")
        _arrow(ax, (xf, top), (xf, y_state - 0.22), f"f {a['gate']}", where=0.45)
        x_plus = (xi + xg) / 2
        _op(ax, (x_plus, y_state), "+")
        _op(ax, (x_plus, top + 1.0), "×")
        _arrow(ax, (xi, top), (x_plus - 0.2, top + 0.87))
        _arrow(ax, (xg, top), (x_plus + 0.2, top + 0.87))
        _arrow(ax, (x_plus, top + 1.22), (x_plus, y_state - 0.22), "i ⊙ g", where=0.5)
        y_tanh = y_state - 0.85
        _line(ax, [xo, xo], [y_state, y_tanh + 0.2])
        ax.text(xo, y_tanh, f"{act}(c_t)", ha="center", va="center", fontsize=8.5, color=INK, zorder=4,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": FILL["act"], "edgecolor": INK,
                      "linewidth": 0.8})
        _op(ax, (xo, top + 1.0), "×")
        _arrow(ax, (xo, y_tanh - 0.22), (xo, top + 1.22))
        _arrow(ax, (xo, top), (xo, top + 0.78), f"o {a['gate']}", where=0.5, offset=(-4, 0), ha="right")
        _arrow(ax, (xo + 0.22, top + 1.0), (11.2, top + 1.0))
        _vector(ax, 10.4, top + 1.35, H, j, f"h_t {a['h_t']}")
        note = f"c_t = f ⊙ c_t-1 + i ⊙ g,   h_t = o ⊙ {act}(c_t)"
    else:
        xz, xr, xn = xs
        _vector(ax, 0.8, y_state + 0.35, H, j, f"h_t-1 {a['h_prev']}")
        _vector(ax, 10.4, y_state + 0.35, H, j, f"h_t {a['h_t']}")
        _op(ax, (xz, y_state), "×")
        _arrow(ax, (xz, top), (xz, y_state - 0.22), f"z {a['gate']}", where=0.62)
        x_plus = xn + w / 2 + 0.3
        _op(ax, (x_plus, y_state), "+")
        _op(ax, (xn, top + 1.0), "×")
        _op(ax, (xz + 0.9, top + 1.0), "1−")
        _line(ax, [xz, xz + 0.68], [top + 1.0, top + 1.0])
        _arrow(ax, (xz + 1.12, top + 1.0), (xn - 0.22, top + 1.0), "1 − z", where=0.5, offset=(0, 6),
               ha="center")
        _arrow(ax, (xn, top), (xn, top + 0.78), f"n {a['gate']}", where=0.5, offset=(4, 0), ha="left")
        _line(ax, [xn + 0.22, x_plus], [top + 1.0, top + 1.0])
        _arrow(ax, (x_plus, top + 1.0), (x_plus, y_state - 0.22), "(1 − z) ⊙ n", where=0.5)
        x_r_in = xn - w / 4  # r enters the candidate's box from above
        _line(ax, [xr, xr, x_r_in], [top, top + 0.45, top + 0.45])
        _arrow(ax, (x_r_in, top + 0.45), (x_r_in, top), f"r {a['gate']}", where=0.0, offset=(0, 6),
               ha="right")
        note = "h_t = z ⊙ h_t-1 + (1 − z) ⊙ n;  r scales the state's share of n"
    ax.text(5.6, -0.55, note, ha="center", va="bottom", fontsize=8.5, color=INK)
    return fig


def draw_network(layer, j: int = 0, outputs: int = 1):
    """The same layer in the input / hidden / output picture of a dense network; unit j marked."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, FancyArrowPatch

    p = parts(layer)
    D, H = p["D"], p["H"]
    if not isinstance(j, int) or isinstance(j, bool) or not 0 <= j < H:
        raise ValueError(f"j: expected a unit index from 0 to {H - 1}, got {j!r}")
    G = len(p["boxes"])
    fig, ax = plt.subplots(figsize=(4.6, 3.2), layout="none")
    fig.subplots_adjust(0, 0, 1, 1)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.2, 7.2)
    ax.axis("off")
    cols = {"in": (1.5, D), "hid": (5.0, H), "out": (8.5, outputs)}
    pos = {k: [(x, 3.4 + (n - 1) / 2 * 1.1 - m * 1.1) for m in range(n)] for k, (x, n) in cols.items()}
    for a_, b_ in (("in", "hid"), ("hid", "out")):
        for u in pos[a_]:
            for v in pos[b_]:
                hot = (b_ == "hid" and v == pos["hid"][j]) or (a_ == "hid" and u == pos["hid"][j])
                ax.plot([u[0], v[0]], [u[1], v[1]], color=CELL if hot else "#bbbbbb",
                        linewidth=0.9 if hot else 0.6, zorder=1)
    for k, pts in pos.items():
        for m, (x, y) in enumerate(pts):
            hot = k == "hid" and m == j
            ax.add_patch(Circle((x, y), 0.32, facecolor=CELL if hot else "white", edgecolor=INK,
                                linewidth=1.0, zorder=3))
    top = max(y for _, y in pos["hid"])
    ax.add_patch(FancyArrowPatch((5.35, top + 0.3), (4.65, top + 0.3), connectionstyle="arc3,rad=1.6",
                                 arrowstyle="-|>", mutation_scale=9, color=MUTED, linewidth=1.0))
    kind = "LSTM" if p["kind"] == "lstm" else "GRU"
    box = p["boxes"][0]
    ax.text(5.6, top + 0.75, f"h_t-1 back in:\nW_hh ({H}, {G}×{H})", ha="left", va="bottom",
            fontsize=8, color=INK)
    ax.text(1.5, -0.1, f"input x_t\n{D} feature{'s' if D > 1 else ''}", ha="center", va="bottom",
            fontsize=8, color=INK)
    ax.text(5.0, -0.1, f"{kind} layer, {H} units\n({G} dense layers of {H} inside)", ha="center",
            va="bottom", fontsize=8, color=INK)
    ax.text(8.5, -0.1, f"next layer\n{outputs} neuron{'s' if outputs > 1 else ''}", ha="center",
            va="bottom", fontsize=8, color=INK)
    ax.text(0.2, 7.1, f"W_xh ({D}, {G}×{H})\n= {G} blocks {box['W_x']}", ha="left", va="top",
            fontsize=8, color=INK)
    ax.text(6.9, 1.35, f"unit j = {j}", ha="left", va="center", fontsize=8, color=CELL)
    return fig


def figure_text(layer, batch: int = 1, j: int = 0) -> dict:
    """What a page quotes of the two drawings, and their alt texts and captions, from ``parts``.

    Returns {"boxes", "gate_shape", "W_x", "W_h", "alt": [cell, network], "caption": [cell, network]}.
    """
    p = parts(layer, batch=batch)
    D, H, name = p["D"], p["H"], p["kind"].upper()
    marked = "memory cell" if p["kind"] == "lstm" else "unit"
    first = p["boxes"][0]
    kinds = ", ".join(f"{b['role']} {b['symbol']}" for b in p["boxes"])
    gate_shape = p["arrows"]["gate"]
    alt = [
        (f"Diagram of one {name} step with {H} units: {len(p['boxes'])} boxes side by side ({kinds}), each a dense "
         f"layer of {H} neurons with weights W_x {first['W_x']} and W_h {first['W_h']}, all reading x_t {p['arrows']['x_t']} "
         f"joined with the previous state h {p['arrows']['h_prev']}; each sends {gate_shape} up to the state line on top. "
         f"Neuron {j} of every box and entry {j} of the state are coloured: together they are {marked} {j}."),
        (f"The same {name} layer as the hidden layer of a dense-network picture: {D} input circles, {H} hidden "
         f"circles with a loop back into themselves, one output circle; hidden unit {j} is coloured."),
    ]
    caption = [
        (f"One step of {name}({H}) on {D} feature{'s' if D > 1 else ''}, drawn by code from its weights: each box is "
         f"a dense layer of {H} neurons; coloured: {marked} j = {j}."),
        f"The same layer in the familiar picture: the {H} units are the hidden layer, and the loop carries the previous state back in.",
    ]
    return {"boxes": len(p["boxes"]), "gate_shape": gate_shape, "W_x": first["W_x"], "W_h": first["W_h"],
            "alt": alt, "caption": caption}
