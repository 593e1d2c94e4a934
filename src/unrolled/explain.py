"""Explain a printed model: every recurrent layer's count taken apart.

``explain(text)`` reads what a framework printed about a model:

* Keras 3 ``model.summary()``, the box-drawn table;
* Keras 2 / ``tf.keras`` 2.x ``model.summary()``, the ``====`` and ``____``
  table, with or without blank lines between rows;
* PyTorch ``print(model)``, nested modules included, or one bare
  ``nn.LSTM(...)`` repr.

It returns a dict (``--json`` of ``python -m unrolled explain``)::

    {"format": "keras3" | "keras2" | "pytorch",
     "layers": [{"name", "type", "kind", "params", "units", "features", ...}],
     "total": int, "printed_total": int | None, "skipped": [str, ...]}

A Keras summary prints each layer's output width and its count, not the
input width D: D is solved from the count (``inferred``), and where two
layouts fit (a GRU with ``reset_after`` True or False, the cell inside a
``Bidirectional``), every fitting reading is kept and the previous layer's
width picks one when it is printed. A PyTorch repr prints the sizes and no
count: the count is computed. The weight shapes come from
``unrolled.shapes.describe``. docs/assets/javascripts/explain.js does the same
in the browser; tests/test_explain.py holds the two to the same answers.
"""

from __future__ import annotations

import math
import re

from .shapes import describe

__all__ = ["explain", "FORMATS", "NO_MODEL"]

FORMATS = ("Keras 3 model.summary() (the box-drawn table)",
           "Keras 2 / tf.keras 2.x model.summary() (the ==== and ____ table)",
           "PyTorch print(model) output, or one nn.LSTM(...), nn.GRU(...) or nn.RNN(...) repr")
NO_MODEL = "text: no model found; this reads " + "; ".join(FORMATS)

GATES = {"rnn": 1, "lstm": 4, "gru": 3}
CELL_NAMES = {"rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}

# Keras layer types -> candidate layouts (cell, reset_after, biases per gate block, cuDNN).
KERAS_RECURRENT = {
    "SimpleRNN": [("rnn", None, 1, False)],
    "LSTM": [("lstm", None, 1, False)],
    "GRU": [("gru", True, 2, False), ("gru", False, 1, False)],
    "CuDNNLSTM": [("lstm", None, 2, True)],
    "CuDNNGRU": [("gru", None, 2, True)],
}
# A wrapper whose cell the summary does not print: any of these fits.
ANY_CELL = [("rnn", None, 1, False), ("lstm", None, 1, False),
            ("gru", True, 2, False), ("gru", False, 1, False)]
KERAS_KNOWN = sorted([*KERAS_RECURRENT, "RNN", "Bidirectional", "Embedding", "Dense",
                      "TimeDistributed", "InputLayer"])
TORCH_RECURRENT = {"RNN": "rnn", "LSTM": "lstm", "GRU": "gru"}
TORCH_CELLS = {"RNNCell": "rnn", "LSTMCell": "lstm", "GRUCell": "gru"}
TORCH_NO_PARAMS = {"Dropout", "Dropout1d", "Dropout2d", "AlphaDropout", "ReLU", "ReLU6", "Tanh",
                   "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "LeakyReLU", "Softplus", "Softmax",
                   "LogSoftmax", "Identity", "Flatten", "Unflatten", "MaxPool1d", "AvgPool1d",
                   "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "Hardtanh", "Mish"}

BOX = "│┃|"
KERAS_ROW = re.compile(
    r"^(?P<name>[^\s(]+) \((?P<type>[\w.]*)(?P<close>\))?\s*"
    r"(?P<shape>\[[^\]]*\]?|\([^)]*\)|multiple|\?)\s+(?P<params>\d[\d,]*)(?:\s+\(unbuilt\))?"
    r"(?:\s+(?P<conn>\S.*))?$")
TOTAL = re.compile(r"^Total params:\s*(?P<n>\d[\d,]*)")
TORCH_OPEN = re.compile(r"^(?:\((?P<attr>[^()]+)\):\s*)?(?P<cls>[A-Za-z_][\w.]*)\($")
TORCH_LEAF = re.compile(r"^(?:\((?P<attr>[^()]+)\):\s*)?(?:(?P<mult>\d+) x )?"
                        r"(?P<cls>[A-Za-z_][\w.]*)\((?P<args>.*)\)$")


def explain(text) -> dict:
    """Every layer of a printed model, with its count taken apart.

    Raises ValueError naming ``text`` when it holds no model in a format read.
    """
    if not isinstance(text, str):
        raise ValueError(f"text: expected a str, got {type(text).__name__}")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if any("Layer (type)" in line for line in lines):
        result = _keras(lines)
    else:
        result = _pytorch(lines)
    if result is None or not result["layers"]:
        raise ValueError(NO_MODEL)
    return result


# --------------------------------------------------------------------------
# Keras: one row per layer, with the output shape and the count printed
# --------------------------------------------------------------------------


def _keras(lines):
    head = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    # A summary pasted from code comments: drop the comment marks.
    if lines[head].lstrip().startswith("#"):
        lines = [re.sub(r"^\s*# ?", "", line) for line in lines]
    box = any(ch in lines[head] for ch in "│┃")
    rows, skipped, printed_total = [], [], None
    texts = _box_rows(lines[head + 1:]) if box else lines[head + 1:]
    for raw in texts:
        m = TOTAL.match(raw.strip())
        if m:
            printed_total = int(m["n"].replace(",", ""))
            break
        text = raw.strip()
        if not text or set(text) <= set("=_- ") or re.fullmatch(r"[\u2500-\u257f ]+", text):
            continue  # a rule or a border
        if not box and raw.startswith(" " * 20):
            continue  # a wrapped "Connected to" cell
        m = KERAS_ROW.match(text)
        if m:
            rows.append(dict(m.groupdict(), params=int(m["params"].replace(",", ""))))
        elif rows and rows[-1] and not rows[-1]["close"] and re.fullmatch(r"[\w.]*\)", text):
            rows[-1]["type"] += text[:-1]  # a type cut at the column's edge, ended on the next line
            rows[-1]["close"] = ")"
        else:
            skipped.append(text)
            rows.append(None)  # the next layer's input width is not known
    if not any(rows):
        return None
    widths = {}
    layers = []
    previous = last = None
    for row in rows:
        if row is None:
            previous = last = None
            continue
        kind_type = _keras_type(row["type"])
        width = _last_width(row["shape"])
        source = _source(row["conn"])
        prev = widths.get(source) if source else previous
        if kind_type != "InputLayer":
            before = last if source is None else None
            layer = _keras_layer(row, kind_type, width, prev, before)
            layers.append(layer)
            if width is None and layer["units"] is not None and layer["cell"]:
                width = layer["units"] * (2 if layer["bidirectional"] else 1)  # solved, not printed
            elif width is None and layer["kind"] == "dense" and layer["weights"]:
                width = layer["weights"][0]["shape"][1]
        widths[row["name"]] = width
        previous = width
        last = layer if kind_type != "InputLayer" else None
    total = sum(layer["params"] for layer in layers)
    return {"format": "keras3" if box else "keras2", "layers": layers, "total": total,
            "printed_total": printed_total, "complete": True, "skipped": skipped}


def _box_rows(lines):
    """A box-drawn table's rows, each as one line: a cell wrapped over lines is joined."""
    out, cells = [], None
    for raw in lines:
        text = raw.strip()
        if text and text[0] in BOX:
            parts = [c.strip() for c in re.split(r"[│┃|]", text.strip(BOX))]
            if cells is None:
                cells = parts
            else:
                cells = [" ".join(x for x in pair if x)
                         for pair in zip(cells + [""] * (len(parts) - len(cells)),
                                         parts + [""] * (len(cells) - len(parts)))]
            continue
        if cells is not None:
            out.append("   ".join(c for c in cells if c) if cells[0] else "")
            cells = None
        out.append(text)  # a border line, or the totals below the table
    if cells is not None:
        out.append("   ".join(c for c in cells if c) if cells[0] else "")
    return out


def _keras_type(printed):
    name = printed.rsplit(".", 1)[-1]
    if name in KERAS_KNOWN:
        return name
    # A type cut at the column's edge ("Bidirectiona"): the one known type it starts.
    found = [k for k in KERAS_KNOWN if len(name) >= 6 and k.startswith(name)]
    return found[0] if len(found) == 1 else name


def _last_width(shape):
    first = re.search(r"\(([^()]*)\)", shape)
    if not first:
        return None
    last = first[1].rstrip(", ").rsplit(",", 1)[-1].strip()
    return int(last) if last.isdigit() else None


def _source(conn):
    if not conn:
        return None
    m = re.match(r"\[?'?([\w.-]+)\[\d+\]\[\d+\]", conn)
    return m[1] if m else None


def _keras_layer(row, kind_type, width, prev, before=None):
    p = row["params"]
    layer = {"name": row["name"], "type": row["type"], "kind": "other", "params": p,
             "count": "printed", "units": None, "features": None, "output_shape": row["shape"],
             "previous_width": prev, "inferred": False, "readings": [], "weights": [],
             "formula": [], "cell": None, "bidirectional": False, "layers": 1, "proj_size": 0,
             "reset_after": None, "note": ""}
    if kind_type in KERAS_RECURRENT or kind_type in ("RNN", "Bidirectional"):
        layer["kind"] = "recurrent"
        layer["inferred"] = True
        if width is None:
            _unprinted_width(layer, kind_type, prev, before)
            return layer
        if kind_type == "Bidirectional":
            layer["bidirectional"] = True
            shapes = [(ANY_CELL, 2, width // 2, "concat")] if width % 2 == 0 else []
            shapes.append((ANY_CELL, 2, width, "sum"))
        else:
            shapes = [(KERAS_RECURRENT.get(kind_type, ANY_CELL), 1, width, None)]
        readings = []
        for layouts, dirs, H, merge in shapes:
            for cell, reset_after, b, cudnn in layouts:
                G = GATES[cell]
                per = dirs * G * H
                if p % per:
                    continue
                D = p // per - H - b
                if D >= 1:
                    readings.append({"cell": cell, "reset_after": reset_after, "cudnn": cudnn,
                                     "directions": dirs, "merge": merge, "units": H,
                                     "features": D, "biases": b})
        _decide(layer, readings, prev)
        return layer
    if kind_type == "Dense" and width is None and prev and p % (prev + 1) == 0:
        W = p // (prev + 1)  # the width is not printed; the previous layer's is known
        layer.update(kind="dense", features=prev, inferred=True,
                     formula=[f"({prev:,} + 1) × {W:,} = {p:,}"],
                     weights=[{"name": "kernel", "shape": [prev, W]}, {"name": "bias", "shape": [W]}])
        return layer
    if kind_type in ("Dense", "TimeDistributed", "Embedding"):
        layer["kind"] = {"Dense": "dense", "TimeDistributed": "time_distributed",
                         "Embedding": "embedding"}[kind_type]
        if width and kind_type == "Embedding" and p % width == 0:
            layer["features"] = p // width
            layer["formula"] = [f"{p // width:,} × {width:,} = {p:,}"]
            layer["weights"] = [{"name": "embeddings", "shape": [p // width, width]}]
        elif width and p % width == 0 and p // width >= 2:
            D = p // width - 1
            if prev is not None and prev == D + 1:
                D += 1  # no bias: the previous layer's width says so
                layer["formula"] = [f"{D:,} × {width:,} = {p:,}"]
                layer["weights"] = [{"name": "kernel", "shape": [D, width]}]
            else:
                layer["formula"] = [f"({D:,} + 1) × {width:,} = {p:,}"]
                layer["weights"] = [{"name": "kernel", "shape": [D, width]},
                                    {"name": "bias", "shape": [width]}]
            layer["features"] = D
            layer["inferred"] = True
        return layer
    return layer


def _unprinted_width(layer, kind_type, prev, before):
    """No output width printed ("multiple"): solve for D and H together where the neighbours allow.

    D is the previous layer's width when known; after an Embedding whose width
    is not printed either, D must divide the embedding's count. Each layout
    then gives H from a quadratic, G·H·(D + H + b) = count. Only a single
    solution is used.
    """
    p = layer["params"]
    if prev is not None:
        widths = [prev]
    elif before is not None and before["kind"] == "embedding" and not before["formula"]:
        n = before["params"]
        widths = sorted({x for d in range(1, math.isqrt(n) + 1) if n % d == 0 for x in (d, n // d)})
    else:
        widths = []
    readings = []
    if kind_type != "Bidirectional":
        for cell, reset_after, b, cudnn in KERAS_RECURRENT.get(kind_type, ANY_CELL):
            G = GATES[cell]
            if p % G:
                continue
            q = p // G
            for D in widths:
                root = math.isqrt((D + b) ** 2 + 4 * q)
                H = (root - D - b) // 2
                if H >= 1 and H * (D + H + b) == q:
                    readings.append({"cell": cell, "reset_after": reset_after, "cudnn": cudnn,
                                     "directions": 1, "merge": None, "units": H, "features": D,
                                     "biases": b})
    if len(readings) != 1:
        layer["readings"] = []
        layer["note"] = ("output width not printed, and the count allows "
                         + ("more than one width" if readings else "no width the neighbours fit")
                         + "; count taken as printed")
        return
    _decide(layer, readings, None)
    layer["decided_by"] = "neighbour counts"
    E = readings[0]["features"]
    layer["note"] = ("output width not printed: this is the only H the count allows with D "
                     + ("the previous layer's width" if prev is not None else
                        "dividing the embedding's count"))
    if prev is None:
        V = before["params"] // E
        before.update(features=V, inferred=True, formula=[f"{V:,} × {E:,} = {before['params']:,}"],
                      weights=[{"name": "embeddings", "shape": [V, E]}])


def _decide(layer, readings, prev):
    """Keep every reading the count allows; the previous layer's width picks among them."""
    layer["readings"] = readings
    if not readings:
        layer["note"] = "no known layout gives this count (a custom layer?); count taken as printed"
        return
    chosen = readings
    if prev is not None and len(readings) > 1:
        fit = [r for r in readings if r["features"] == prev]
        if fit:
            chosen = fit
            layer["decided_by"] = "previous layer"
    for key in ("units", "features", "cell"):
        values = {r[key] for r in chosen}
        layer[key] = values.pop() if len(values) == 1 else None
    if len(chosen) == 1:
        r = chosen[0]
        layer["kind"] = r["cell"]
        layer["reset_after"] = r["reset_after"]
        layer["readings"] = [r] + [x for x in readings if x is not r]
        layer["chosen"] = 1 if len(readings) > 1 else 0
        _keras_arithmetic(layer, r)
    else:
        layer["chosen"] = 0
        layer["note"] = "more than one layout gives this count; the layer's input width decides"
    if prev is not None and layer["features"] is not None and layer["features"] != prev:
        layer["note"] = (f"the count gives D = {layer['features']:,}, not the previous layer's "
                         f"width {prev:,}: this layer may read another layer")
    for r in readings:
        r["formula"] = _keras_formula(r, layer["params"])


def _keras_formula(r, p):
    G, H, D, b = GATES[r["cell"]], r["units"], r["features"], r["biases"]
    factors = ([] if r["directions"] == 1 else ["2"]) + ([] if G == 1 else [str(G)])
    return " × ".join(factors + [f"{H:,}", f"({D:,} + {H:,} + {b})"]) + f" = {p:,}"


def _keras_arithmetic(layer, r):
    H, D, cell = r["units"], r["features"], r["cell"]
    layer["formula"] = [_keras_formula(r, layer["params"])]
    if r["cudnn"]:
        G = GATES[cell]
        one = [{"name": "kernel", "shape": [D, G * H]},
               {"name": "recurrent_kernel", "shape": [H, G * H]},
               {"name": "bias", "shape": [2 * G * H]}]
        weights, params = one, sum(_size(w["shape"]) for w in one)
    else:
        d = describe("keras", cell, units=H, features=D, steps=1, batch=1,
                     bidirectional=r["directions"] == 2,
                     reset_after=r["reset_after"] if r["reset_after"] is not None else True)
        weights = [{"name": _keras_weight_name(w.name), "shape": list(w.shape)} for w in d.weights]
        params = d.params
    if r["directions"] == 2 and r["cudnn"]:
        weights = [dict(w, name=f"{side} {w['name']}") for side in ("forward", "backward")
                   for w in weights]
        params *= 2
    assert params == layer["params"], (layer, params)
    layer["weights"] = weights


def _keras_weight_name(path):
    parts = path.split("/")
    side = next((p.split("_", 1)[0] for p in parts if p.startswith(("forward_", "backward_"))), "")
    return f"{side} {parts[-1]}" if side else parts[-1]


def _size(shape):
    n = 1
    for s in shape:
        n *= s
    return n


# --------------------------------------------------------------------------
# PyTorch: a tree of modules, each leaf printing its sizes and no count
# --------------------------------------------------------------------------


def _pytorch(lines):
    path, layers, skipped = [], [], []
    seen_module = False
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        m = TORCH_OPEN.match(text)
        if m:
            seen_module = True
            path.append(m["attr"] if m["attr"] is not None else None)
            continue
        if text == ")" and path:
            path.pop()
            continue
        m = TORCH_LEAF.match(text)
        if m and (m["attr"] is not None or m["cls"] in TORCH_RECURRENT or m["cls"] in TORCH_CELLS
                  or not path):
            seen_module = True
            names = [p for p in path if p is not None] + ([m["attr"]] if m["attr"] is not None else [])
            name = ".".join(names) if names else m["cls"]
            layer = _torch_layer(name, m["cls"], m["args"], int(m["mult"] or 1))
            if layer is None:
                skipped.append(text)
            else:
                layers.append(layer)
        elif seen_module:
            skipped.append(text)
    if not layers:
        return None
    known = [layer["params"] for layer in layers if layer["params"] is not None]
    return {"format": "pytorch", "layers": layers, "total": sum(known), "printed_total": None,
            "complete": len(known) == len(layers), "skipped": skipped}


def _split_args(args):
    out, depth, cur = [], 0, ""
    for ch in args:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    positional = [a for a in out if "=" not in a]
    keywords = dict(a.split("=", 1) for a in out if "=" in a)
    return positional, keywords


def _int(text):
    return int(text) if text is not None and re.fullmatch(r"\d+", text.strip()) else None


def _torch_layer(name, cls, args, repeat):
    pos, kw = _split_args(args)
    short = cls.rsplit(".", 1)[-1]
    layer = {"name": name, "type": cls, "kind": "other", "params": None, "count": "computed",
             "units": None, "features": None, "output_shape": "", "previous_width": None,
             "inferred": False, "readings": [], "weights": [], "formula": [], "cell": None,
             "bidirectional": False, "layers": 1, "proj_size": 0, "reset_after": None,
             "note": "", "repeat": repeat}
    if short in TORCH_RECURRENT or short in TORCH_CELLS:
        cell = TORCH_RECURRENT.get(short) or TORCH_CELLS[short]
        D = _int(pos[0] if pos else kw.get("input_size"))
        H = _int(pos[1] if len(pos) > 1 else kw.get("hidden_size"))
        if D is None or H is None or D < 1 or H < 1:
            return None
        is_cell = short in TORCH_CELLS
        L = _int(kw.get("num_layers", "1")) or 1
        P = _int(kw.get("proj_size", "0")) or 0
        bidirectional = kw.get("bidirectional") == "True"
        bias = kw.get("bias") != "False"
        batch_first = kw.get("batch_first") == "True"
        d = describe("pytorch", cell, units=H, features=D, steps=1, batch=1, layers=L,
                     bidirectional=bidirectional, proj_size=P)
        weights = [{"name": w.name[:-3] if is_cell else w.name, "shape": list(w.shape)}
                   for w in d.weights if bias or not w.name.startswith("bias")]
        params = sum(_size(w["shape"]) for w in weights)
        layer.update(kind=cell, cell=cell, units=H, features=D, layers=L, proj_size=P,
                     bidirectional=bidirectional, weights=weights, params=params * repeat,
                     reset_after=True if cell == "gru" else None)
        layer["formula"] = _torch_formulas(cell, H, D, L, P, bidirectional, bias,
                                           d.params_per_layer)
        dirs = 2 if bidirectional else 1
        out = P or H
        if is_cell:
            layer["output_shape"] = f"h' (B, {H:,})" + (f", c' (B, {H:,})" if cell == "lstm" else "")
        else:
            seq = "(B, T, " if batch_first else "(T, B, "
            layer["output_shape"] = (f"output {seq}{dirs * out:,}), h_n ({dirs * L:,}, B, {out:,})"
                                     + (f", c_n ({dirs * L:,}, B, {H:,})" if cell == "lstm" else ""))
        return layer
    if short == "Embedding":
        V, E = _int(pos[0] if pos else None), _int(pos[1] if len(pos) > 1 else None)
        if V is None or E is None:
            return None
        layer.update(kind="embedding", params=V * E * repeat, features=V,
                     formula=[f"{V:,} × {E:,} = {V * E:,}"],
                     weights=[{"name": "weight", "shape": [V, E]}])
        return layer
    if short == "Linear":
        D, W = _int(kw.get("in_features")), _int(kw.get("out_features"))
        if D is None or W is None:
            return None
        bias = kw.get("bias") != "False"
        n = D * W + (W if bias else 0)
        layer.update(kind="dense", params=n * repeat, features=D,
                     formula=[f"{D:,} × {W:,}" + (f" + {W:,}" if bias else "") + f" = {n:,}"],
                     weights=[{"name": "weight", "shape": [W, D]}]
                     + ([{"name": "bias", "shape": [W]}] if bias else []))
        return layer
    if short in TORCH_NO_PARAMS:
        layer["params"] = 0
        layer["note"] = "no parameters"
        return layer
    layer["note"] = "not a recurrent layer; PyTorch prints no count for it, so it is not counted"
    return layer


def _torch_formulas(cell, H, D, L, P, bidirectional, bias, per_layer):
    """One line per stacked layer: the count with the sizes filled in."""
    G = GATES[cell]
    dirs = 2 if bidirectional else 1
    out = []
    for k in range(L):
        d_in = D if k == 0 else dirs * (P or H)
        n = per_layer[k] - (0 if bias else dirs * 2 * G * H)
        inner = f"({d_in:,} + {P or H:,}" + (" + 2)" if bias else ")")
        gates = [] if G == 1 else [str(G)]
        if P:
            text = " × ".join(gates + [f"{H:,}", inner]) + f" + {P:,} × {H:,}"
            text = f"2 × ({text})" if dirs == 2 else text
        else:
            text = " × ".join((["2"] if dirs == 2 else []) + gates + [f"{H:,}", inner])
        out.append(f"{text} = {n:,}")
    return out


# --------------------------------------------------------------------------
# Plain text, for the command line
# --------------------------------------------------------------------------


def report(result: dict) -> str:
    """The explanation as plain text: one block per layer, then the total."""
    out = []
    for layer in result["layers"]:
        count = "?" if layer["params"] is None else f"{layer['params']:,}"
        out.append(f"{layer['name']} ({layer['type']}): {count} parameters")
        if layer["cell"] and layer["units"]:
            dirs = " per direction" if layer["bidirectional"] else ""
            how = ""
            if layer["inferred"]:
                how = " (solved from the count"
                if layer.get("decided_by") == "previous layer":
                    how += f"; the previous layer's width, {layer['previous_width']:,}, picks this reading"
                how += ")"
            out.append(f"  {CELL_NAMES[layer['cell']]}: H = {layer['units']:,} units{dirs} "
                       f"(state width), D = {layer['features']:,} features{how}")
        for line in layer["formula"]:
            out.append(f"  {line}")
        if len(layer["readings"]) > 1:
            for k, r in enumerate(layer["readings"]):
                mark = "this one" if layer.get("chosen") == 1 and k == 0 else "could be"
                out.append(f"  {mark}: {_reading_words(r)}: {r['formula']}")
        for w in layer["weights"]:
            out.append(f"  {w['name']} {tuple(w['shape'])}")
        if layer["note"]:
            out.append(f"  note: {layer['note']}")
        if layer["kind"] == "other" and layer["count"] == "printed":
            out.append("  not a recurrent layer, count taken as printed")
    total = f"total: {result['total']:,} parameters"
    if result["printed_total"] is not None:
        same = "equals" if result["printed_total"] == result["total"] else "differs from"
        total += f" ({same} the printed total {result['printed_total']:,})"
    if not result["complete"]:
        total += " (modules PyTorch prints no count for are not included)"
    out.append(total)
    for line in result["skipped"]:
        out.append(f"skipped (not read): {line}")
    return "\n".join(out)


def _reading_words(r):
    words = CELL_NAMES[r["cell"]]
    if r["reset_after"] is not None:
        words += f" reset_after={r['reset_after']}"
    if r["directions"] == 2:
        words = f"bidirectional {words}, merge {r['merge']}"
    return f"{words}, H = {r['units']:,}, D = {r['features']:,}"
