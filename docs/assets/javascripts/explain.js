// Explain a model (docs/explain.md): paste what Keras or PyTorch printed,
// get every recurrent layer's count taken apart.
//
// Two halves in one file, no framework, nothing fetched, nothing stored:
//   * explain(text): the reading and the arithmetic, the same rules as the
//     Python package's unrolled.explain.explain (tests/test_explain.py runs
//     both on every fixture with node and compares the answers);
//   * the page: read the text area, show one block per layer, the total and
//     the skipped rows, or one message when the text holds no model.
// Under node, `require()` returns the functions and touches no DOM.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.UnrolledExplain = api;
    api.start();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMATS = ["Keras 3 model.summary() (the box-drawn table)",
    "Keras 2 / tf.keras 2.x model.summary() (the ==== and ____ table)",
    "PyTorch print(model) output, or one nn.LSTM(...), nn.GRU(...) or nn.RNN(...) repr"];
  var NO_MODEL = "text: no model found; this reads " + FORMATS.join("; ");
  var GATES = { rnn: 1, lstm: 4, gru: 3 };
  var CELL_NAMES = { rnn: "simple RNN", lstm: "LSTM", gru: "GRU" };
  // Keras layer types -> candidate layouts [cell, reset_after, biases per gate block, cuDNN].
  var KERAS_RECURRENT = {
    SimpleRNN: [["rnn", null, 1, false]],
    LSTM: [["lstm", null, 1, false]],
    GRU: [["gru", true, 2, false], ["gru", false, 1, false]],
    CuDNNLSTM: [["lstm", null, 2, true]],
    CuDNNGRU: [["gru", null, 2, true]]
  };
  var ANY_CELL = [["rnn", null, 1, false], ["lstm", null, 1, false],
    ["gru", true, 2, false], ["gru", false, 1, false]];
  var KERAS_KNOWN = Object.keys(KERAS_RECURRENT).concat(["RNN", "Bidirectional", "Embedding",
    "Dense", "TimeDistributed", "InputLayer"]).sort();
  var TORCH_RECURRENT = { RNN: "rnn", LSTM: "lstm", GRU: "gru" };
  var TORCH_CELLS = { RNNCell: "rnn", LSTMCell: "lstm", GRUCell: "gru" };
  var TORCH_NO_PARAMS = ["Dropout", "Dropout1d", "Dropout2d", "AlphaDropout", "ReLU", "ReLU6",
    "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "LeakyReLU", "Softplus", "Softmax",
    "LogSoftmax", "Identity", "Flatten", "Unflatten", "MaxPool1d", "AvgPool1d",
    "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "Hardtanh", "Mish"];

  var KERAS_ROW = new RegExp("^([^\\s(]+) \\(([\\w.]*)(\\))?\\s*" +
    "(\\[[^\\]]*\\]?|\\([^)]*\\)|multiple|\\?)\\s+(\\d[\\d,]*)(?:\\s+\\(unbuilt\\))?" +
    "(?:\\s+(\\S.*))?$");
  var TOTAL = /^Total params:\s*(\d[\d,]*)/;
  var TORCH_OPEN = /^(?:\(([^()]+)\):\s*)?([A-Za-z_][\w.]*)\($/;
  var TORCH_LEAF = /^(?:\(([^()]+)\):\s*)?(?:(\d+) x )?([A-Za-z_][\w.]*)\((.*)\)$/;

  function ExplainError(message) {
    this.name = "ExplainError";
    this.message = message;
  }
  ExplainError.prototype = Object.create(Error.prototype);

  // 1234567 -> "1,234,567", as Python's format(n, ",").
  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function size(shape) {
    return shape.reduce(function (a, b) { return a * b; }, 1);
  }

  function explain(text) {
    if (typeof text !== "string") throw new ExplainError("text: expected a str, got " + typeof text);
    var lines = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n").map(function (l) {
      return l.replace(/\s+$/, "");
    });
    var result = lines.some(function (l) { return l.indexOf("Layer (type)") >= 0; })
      ? keras(lines) : pytorch(lines);
    if (result === null || !result.layers.length) throw new ExplainError(NO_MODEL);
    return result;
  }

  // ------------------------------------------------------------------------
  // Keras: one row per layer, with the output shape and the count printed
  // ------------------------------------------------------------------------

  function keras(lines) {
    var head = 0;
    while (lines[head].indexOf("Layer (type)") < 0) head++;
    if (/^\s*#/.test(lines[head])) {
      lines = lines.map(function (l) { return l.replace(/^\s*# ?/, ""); });
    }
    var box = /[│┃]/.test(lines[head]);
    var rows = [], skipped = [], printedTotal = null, m, i;
    var texts = box ? boxRows(lines.slice(head + 1)) : lines.slice(head + 1);
    for (i = 0; i < texts.length; i++) {
      var raw = texts[i], text = raw.trim();
      m = TOTAL.exec(text);
      if (m) {
        printedTotal = parseInt(m[1].replace(/,/g, ""), 10);
        break;
      }
      if (!text || /^[=_\- ]+$/.test(text) || /^[\u2500-\u257f ]+$/.test(text)) continue;
      if (!box && raw.slice(0, 20) === "                    ") continue;
      m = KERAS_ROW.exec(text);
      if (m) {
        rows.push({ name: m[1], type: m[2], close: m[3] || null, shape: m[4],
          params: parseInt(m[5].replace(/,/g, ""), 10), conn: m[6] || null });
      } else if (rows.length && rows[rows.length - 1] && !rows[rows.length - 1].close && /^[\w.]*\)$/.test(text)) {
        rows[rows.length - 1].type += text.slice(0, -1);
        rows[rows.length - 1].close = ")";
      } else {
        skipped.push(text);
        rows.push(null);  // the next layer's input width is not known
      }
    }
    if (!rows.some(function (r) { return r; })) return null;
    var widths = {}, layers = [], previous = null, last = null;
    rows.forEach(function (row) {
      if (row === null) {
        previous = last = null;
        return;
      }
      var kindType = kerasType(row.type);
      var width = lastWidth(row.shape);
      var source = sourceOf(row.conn);
      var prev = source ? (source in widths ? widths[source] : null) : previous;
      var layer = null;
      if (kindType !== "InputLayer") {
        layer = kerasLayer(row, kindType, width, prev, source === null ? last : null);
        layers.push(layer);
        if (width === null && layer.units !== null && layer.cell) {
          width = layer.units * (layer.bidirectional ? 2 : 1);  // solved, not printed
        } else if (width === null && layer.kind === "dense" && layer.weights.length) {
          width = layer.weights[0].shape[1];
        }
      }
      widths[row.name] = width;
      previous = width;
      last = layer;
    });
    var total = layers.reduce(function (a, l) { return a + l.params; }, 0);
    return { format: box ? "keras3" : "keras2", layers: layers, total: total,
      printed_total: printedTotal, complete: true, skipped: skipped };
  }

  // A box-drawn table's rows, each as one line: a cell wrapped over lines is joined.
  function boxRows(lines) {
    var out = [], cells = null;
    function flush() {
      out.push(cells[0] ? cells.filter(function (c) { return c; }).join("   ") : "");
      cells = null;
    }
    lines.forEach(function (raw) {
      var text = raw.trim();
      if (text && "│┃|".indexOf(text[0]) >= 0) {
        var parts = text.replace(/^[│┃|]+|[│┃|]+$/g, "").split(/[│┃|]/).map(function (c) { return c.trim(); });
        if (cells === null) {
          cells = parts;
        } else {
          var n = Math.max(cells.length, parts.length), joined = [];
          for (var k = 0; k < n; k++) {
            joined.push([cells[k] || "", parts[k] || ""].filter(function (x) { return x; }).join(" "));
          }
          cells = joined;
        }
        return;
      }
      if (cells !== null) flush();
      out.push(text);
    });
    if (cells !== null) flush();
    return out;
  }

  function kerasType(printed) {
    var name = printed.split(".").pop();
    if (KERAS_KNOWN.indexOf(name) >= 0) return name;
    var found = KERAS_KNOWN.filter(function (k) { return name.length >= 6 && k.indexOf(name) === 0; });
    return found.length === 1 ? found[0] : name;
  }

  function lastWidth(shape) {
    var first = /\(([^()]*)\)/.exec(shape);
    if (!first) return null;
    var last = first[1].replace(/[, ]+$/, "").split(",").pop().trim();
    return /^\d+$/.test(last) ? parseInt(last, 10) : null;
  }

  function sourceOf(conn) {
    if (!conn) return null;
    var m = /^\[?'?([\w.-]+)\[\d+\]\[\d+\]/.exec(conn);
    return m ? m[1] : null;
  }

  function blank(name, type, params, count) {
    return { name: name, type: type, kind: "other", params: params, count: count, units: null,
      features: null, output_shape: "", previous_width: null, inferred: false, readings: [],
      weights: [], formula: [], cell: null, bidirectional: false, layers: 1, proj_size: 0,
      reset_after: null, note: "" };
  }

  function kerasLayer(row, kindType, width, prev, before) {
    var p = row.params;
    var layer = blank(row.name, row.type, p, "printed");
    layer.output_shape = row.shape;
    layer.previous_width = prev;
    if (kindType in KERAS_RECURRENT || kindType === "RNN" || kindType === "Bidirectional") {
      layer.kind = "recurrent";
      layer.inferred = true;
      if (width === null) {
        unprintedWidth(layer, kindType, prev, before);
        return layer;
      }
      var shapes;
      if (kindType === "Bidirectional") {
        layer.bidirectional = true;
        shapes = width % 2 === 0 ? [[ANY_CELL, 2, width / 2, "concat"]] : [];
        shapes.push([ANY_CELL, 2, width, "sum"]);
      } else {
        shapes = [[KERAS_RECURRENT[kindType] || ANY_CELL, 1, width, null]];
      }
      var readings = [];
      shapes.forEach(function (s) {
        s[0].forEach(function (c) {
          var G = GATES[c[0]], per = s[1] * G * s[2];
          if (p % per) return;
          var D = p / per - s[2] - c[2];
          if (D >= 1) {
            readings.push({ cell: c[0], reset_after: c[1], cudnn: c[3], directions: s[1],
              merge: s[3], units: s[2], features: D, biases: c[2] });
          }
        });
      });
      decide(layer, readings, prev);
      return layer;
    }
    if (kindType === "Dense" && width === null && prev && p % (prev + 1) === 0) {
      var Wd = p / (prev + 1);  // the width is not printed; the previous layer's is known
      layer.kind = "dense";
      layer.features = prev;
      layer.inferred = true;
      layer.formula = ["(" + fmt(prev) + " + 1) × " + fmt(Wd) + " = " + fmt(p)];
      layer.weights = [{ name: "kernel", shape: [prev, Wd] }, { name: "bias", shape: [Wd] }];
      return layer;
    }
    if (kindType === "Dense" || kindType === "TimeDistributed" || kindType === "Embedding") {
      layer.kind = { Dense: "dense", TimeDistributed: "time_distributed", Embedding: "embedding" }[kindType];
      if (width && kindType === "Embedding" && p % width === 0) {
        layer.features = p / width;
        layer.formula = [fmt(p / width) + " × " + fmt(width) + " = " + fmt(p)];
        layer.weights = [{ name: "embeddings", shape: [p / width, width] }];
      } else if (width && p % width === 0 && p / width >= 2) {
        var D = p / width - 1;
        if (prev !== null && prev === D + 1) {
          D += 1;
          layer.formula = [fmt(D) + " × " + fmt(width) + " = " + fmt(p)];
          layer.weights = [{ name: "kernel", shape: [D, width] }];
        } else {
          layer.formula = ["(" + fmt(D) + " + 1) × " + fmt(width) + " = " + fmt(p)];
          layer.weights = [{ name: "kernel", shape: [D, width] }, { name: "bias", shape: [width] }];
        }
        layer.features = D;
        layer.inferred = true;
      }
    }
    return layer;
  }

  // No output width printed ("multiple"): solve for D and H together where the
  // neighbours allow (unrolled.explain._unprinted_width); only a single solution is used.
  function isqrt(n) {
    var r = Math.floor(Math.sqrt(n));
    while (r * r > n) r--;
    while ((r + 1) * (r + 1) <= n) r++;
    return r;
  }

  function unprintedWidth(layer, kindType, prev, before) {
    var p = layer.params, widths = [], d;
    if (prev !== null) {
      widths = [prev];
    } else if (before && before.kind === "embedding" && !before.formula.length) {
      var n = before.params;
      for (d = 1; d * d <= n; d++) {
        if (n % d === 0) {
          widths.push(d);
          if (d * d !== n) widths.push(n / d);
        }
      }
      widths.sort(function (x, y) { return x - y; });
    }
    var readings = [];
    if (kindType !== "Bidirectional") {
      (KERAS_RECURRENT[kindType] || ANY_CELL).forEach(function (c) {
        var G = GATES[c[0]], b = c[2];
        if (p % G) return;
        var q = p / G;
        widths.forEach(function (D) {
          var H = Math.floor((isqrt((D + b) * (D + b) + 4 * q) - D - b) / 2);
          if (H >= 1 && H * (D + H + b) === q) {
            readings.push({ cell: c[0], reset_after: c[1], cudnn: c[3], directions: 1, merge: null,
              units: H, features: D, biases: b });
          }
        });
      });
    }
    if (readings.length !== 1) {
      layer.readings = [];
      layer.note = "output width not printed, and the count allows " +
        (readings.length ? "more than one width" : "no width the neighbours fit") + "; count taken as printed";
      return;
    }
    decide(layer, readings, null);
    layer.decided_by = "neighbour counts";
    var E = readings[0].features;
    layer.note = "output width not printed: this is the only H the count allows with D " +
      (prev !== null ? "the previous layer's width" : "dividing the embedding's count");
    if (prev === null) {
      var V = before.params / E;
      before.features = V;
      before.inferred = true;
      before.formula = [fmt(V) + " × " + fmt(E) + " = " + fmt(before.params)];
      before.weights = [{ name: "embeddings", shape: [V, E] }];
    }
  }

  function decide(layer, readings, prev) {
    layer.readings = readings;
    if (!readings.length) {
      layer.note = "no known layout gives this count (a custom layer?); count taken as printed";
      return;
    }
    var chosen = readings;
    if (prev !== null && readings.length > 1) {
      var fit = readings.filter(function (r) { return r.features === prev; });
      if (fit.length) {
        chosen = fit;
        layer.decided_by = "previous layer";
      }
    }
    ["units", "features", "cell"].forEach(function (key) {
      var values = chosen.map(function (r) { return r[key]; }).filter(function (v, i, a) {
        return a.indexOf(v) === i;
      });
      layer[key] = values.length === 1 ? values[0] : null;
    });
    if (chosen.length === 1) {
      var r = chosen[0];
      layer.kind = r.cell;
      layer.reset_after = r.reset_after;
      layer.readings = [r].concat(readings.filter(function (x) { return x !== r; }));
      layer.chosen = readings.length > 1 ? 1 : 0;
      kerasArithmetic(layer, r);
    } else {
      layer.chosen = 0;
      layer.note = "more than one layout gives this count; the layer's input width decides";
    }
    if (prev !== null && layer.features !== null && layer.features !== prev) {
      layer.note = "the count gives D = " + fmt(layer.features) + ", not the previous layer's width " +
        fmt(prev) + ": this layer may read another layer";
    }
    readings.forEach(function (x) { x.formula = kerasFormula(x, layer.params); });
  }

  function factors(directions, G) {
    return (directions === 1 ? [] : ["2"]).concat(G === 1 ? [] : [String(G)]);
  }

  function kerasFormula(r, p) {
    return factors(r.directions, GATES[r.cell]).concat([fmt(r.units),
      "(" + fmt(r.features) + " + " + fmt(r.units) + " + " + r.biases + ")"]).join(" × ") + " = " + fmt(p);
  }

  // The weights a Keras layer of this reading holds (unrolled.shapes.describe's layout).
  function kerasArithmetic(layer, r) {
    var H = r.units, D = r.features, G = GATES[r.cell];
    layer.formula = [kerasFormula(r, layer.params)];
    var one = [{ name: "kernel", shape: [D, G * H] }, { name: "recurrent_kernel", shape: [H, G * H] },
      { name: "bias", shape: r.cudnn ? [2 * G * H] : (r.reset_after ? [2, G * H] : [G * H]) }];
    var weights = r.directions === 2 ? ["forward", "backward"].reduce(function (acc, side) {
      return acc.concat(one.map(function (w) { return { name: side + " " + w.name, shape: w.shape }; }));
    }, []) : one;
    var params = weights.reduce(function (a, w) { return a + size(w.shape); }, 0);
    if (params !== layer.params) throw new Error("internal: " + layer.name + " " + params);
    layer.weights = weights;
  }

  // ------------------------------------------------------------------------
  // PyTorch: a tree of modules, each leaf printing its sizes and no count
  // ------------------------------------------------------------------------

  function pytorch(lines) {
    var path = [], layers = [], skipped = [], seen = false;
    lines.forEach(function (raw) {
      var text = raw.trim(), m;
      if (!text) return;
      m = TORCH_OPEN.exec(text);
      if (m) {
        seen = true;
        path.push(m[1] !== undefined ? m[1] : null);
        return;
      }
      if (text === ")" && path.length) {
        path.pop();
        return;
      }
      m = TORCH_LEAF.exec(text);
      if (m && (m[1] !== undefined || m[3] in TORCH_RECURRENT || m[3] in TORCH_CELLS || !path.length)) {
        seen = true;
        var names = path.filter(function (p) { return p !== null; });
        if (m[1] !== undefined) names.push(m[1]);
        var layer = torchLayer(names.length ? names.join(".") : m[3], m[3], m[4], parseInt(m[2] || "1", 10));
        if (layer === null) skipped.push(text);
        else layers.push(layer);
      } else if (seen) {
        skipped.push(text);
      }
    });
    if (!layers.length) return null;
    var known = layers.filter(function (l) { return l.params !== null; });
    return { format: "pytorch", layers: layers,
      total: known.reduce(function (a, l) { return a + l.params; }, 0), printed_total: null,
      complete: known.length === layers.length, skipped: skipped };
  }

  function splitArgs(args) {
    var out = [], depth = 0, cur = "", i;
    for (i = 0; i < args.length; i++) {
      var ch = args[i];
      if ("([{".indexOf(ch) >= 0) depth++;
      else if (")]}".indexOf(ch) >= 0) depth--;
      if (ch === "," && depth === 0) {
        out.push(cur.trim());
        cur = "";
      } else {
        cur += ch;
      }
    }
    if (cur.trim()) out.push(cur.trim());
    var kw = {};
    out.forEach(function (a) {
      var at = a.indexOf("=");
      if (at >= 0 && !(a.slice(0, at) in kw)) kw[a.slice(0, at)] = a.slice(at + 1);
    });
    return { pos: out.filter(function (a) { return a.indexOf("=") < 0; }), kw: kw };
  }

  function int(text) {
    return text !== undefined && text !== null && /^\d+$/.test(text.trim()) ? parseInt(text, 10) : null;
  }

  function torchLayer(name, cls, args, repeat) {
    var a = splitArgs(args), pos = a.pos, kw = a.kw;
    var short = cls.split(".").pop();
    var layer = blank(name, cls, null, "computed");
    layer.repeat = repeat;
    if (short in TORCH_RECURRENT || short in TORCH_CELLS) {
      var cell = TORCH_RECURRENT[short] || TORCH_CELLS[short];
      var D = int(pos.length ? pos[0] : kw.input_size);
      var H = int(pos.length > 1 ? pos[1] : kw.hidden_size);
      if (D === null || H === null || D < 1 || H < 1) return null;
      var isCell = short in TORCH_CELLS;
      var L = int("num_layers" in kw ? kw.num_layers : "1") || 1;
      var P = int("proj_size" in kw ? kw.proj_size : "0") || 0;
      var bidirectional = kw.bidirectional === "True";
      var bias = kw.bias !== "False";
      var batchFirst = kw.batch_first === "True";
      var G = GATES[cell], dirs = bidirectional ? 2 : 1, out = P || H;
      var weights = [], perLayer = [], formula = [];
      for (var k = 0; k < L; k++) {
        var dIn = k === 0 ? D : dirs * out, n = 0;
        for (var d = 0; d < dirs; d++) {
          var sfx = isCell ? "" : "_l" + k + (d ? "_reverse" : "");
          var these = [{ name: "weight_ih" + sfx, shape: [G * H, dIn] }, { name: "weight_hh" + sfx, shape: [G * H, out] }];
          if (bias) these.push({ name: "bias_ih" + sfx, shape: [G * H] }, { name: "bias_hh" + sfx, shape: [G * H] });
          if (P) these.push({ name: "weight_hr" + sfx, shape: [P, H] });
          these.forEach(function (w) { n += size(w.shape); });
          weights = weights.concat(these);
        }
        perLayer.push(n);
        var inner = "(" + fmt(dIn) + " + " + fmt(out) + (bias ? " + 2)" : ")");
        var text = factors(dirs, G).concat([fmt(H), inner]).join(" × ");
        if (P) {
          text = (dirs === 2 ? "2 × (" : "") + factors(1, G).concat([fmt(H), inner]).join(" × ") +
            " + " + fmt(P) + " × " + fmt(H) + (dirs === 2 ? ")" : "");
        }
        formula.push(text + " = " + fmt(n));
      }
      var params = perLayer.reduce(function (x, y) { return x + y; }, 0);
      layer.kind = cell;
      layer.cell = cell;
      layer.units = H;
      layer.features = D;
      layer.layers = L;
      layer.proj_size = P;
      layer.bidirectional = bidirectional;
      layer.weights = weights;
      layer.params = params * repeat;
      layer.reset_after = cell === "gru" ? true : null;
      layer.formula = formula;
      if (isCell) {
        layer.output_shape = "h' (B, " + fmt(H) + ")" + (cell === "lstm" ? ", c' (B, " + fmt(H) + ")" : "");
      } else {
        var seq = batchFirst ? "(B, T, " : "(T, B, ";
        layer.output_shape = "output " + seq + fmt(dirs * out) + "), h_n (" + fmt(dirs * L) + ", B, " + fmt(out) + ")" +
          (cell === "lstm" ? ", c_n (" + fmt(dirs * L) + ", B, " + fmt(H) + ")" : "");
      }
      return layer;
    }
    if (short === "Embedding") {
      var V = int(pos.length ? pos[0] : null), E = int(pos.length > 1 ? pos[1] : null);
      if (V === null || E === null) return null;
      layer.kind = "embedding";
      layer.params = V * E * repeat;
      layer.features = V;
      layer.formula = [fmt(V) + " × " + fmt(E) + " = " + fmt(V * E)];
      layer.weights = [{ name: "weight", shape: [V, E] }];
      return layer;
    }
    if (short === "Linear") {
      var Din = int(kw.in_features), W = int(kw.out_features);
      if (Din === null || W === null) return null;
      var hasBias = kw.bias !== "False", count = Din * W + (hasBias ? W : 0);
      layer.kind = "dense";
      layer.params = count * repeat;
      layer.features = Din;
      layer.formula = [fmt(Din) + " × " + fmt(W) + (hasBias ? " + " + fmt(W) : "") + " = " + fmt(count)];
      layer.weights = [{ name: "weight", shape: [W, Din] }].concat(hasBias ? [{ name: "bias", shape: [W] }] : []);
      return layer;
    }
    if (TORCH_NO_PARAMS.indexOf(short) >= 0) {
      layer.params = 0;
      layer.note = "no parameters";
      return layer;
    }
    layer.note = "not a recurrent layer; PyTorch prints no count for it, so it is not counted";
    return layer;
  }

  // ------------------------------------------------------------------------
  // The page
  // ------------------------------------------------------------------------

  var GLOSSARY = "../glossary/";
  var STEP = {
    rnn: "hₜ = f(xₜ W_xh + hₜ₋₁ W_hh + b), f its activation (tanh unless set otherwise)",
    lstm: "four weight blocks, the three gates (input, forget, output) and the candidate, all from xₜ and hₜ₋₁; then cₜ and hₜ",
    gru: "three weight blocks, the two gates (reset, update) and the candidate, all from xₜ and hₜ₋₁; then hₜ"
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function term(anchor, words) {
    return el("a", { href: GLOSSARY + "#" + anchor }, [words]);
  }

  function shapeText(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")");
  }

  function readingWords(r) {
    var words = CELL_NAMES[r.cell] + (r.cudnn ? " (cuDNN)" : "");
    if (r.reset_after !== null) words += " with reset_after=" + (r.reset_after ? "True" : "False");
    if (r.directions === 2) {
      words = "bidirectional " + words + ", merge_mode " + (r.merge === "concat" ? "concat" : "sum, mul or ave");
    }
    return words + ": H = " + fmt(r.units) + ", D = " + fmt(r.features);
  }

  function item(label, parts) {
    return el("li", {}, [el("strong", { text: label + ": " })].concat(parts));
  }

  function renderLayer(layer, format) {
    var attrs = { "class": "explain-layer", "data-name": layer.name, "data-kind": layer.kind };
    if (layer.params !== null) attrs["data-params"] = String(layer.params);
    var recurrent = layer.kind === "rnn" || layer.kind === "lstm" || layer.kind === "gru" || layer.kind === "recurrent";
    if (recurrent && layer.units !== null) attrs["data-units"] = String(layer.units);
    if (recurrent && layer.features !== null) attrs["data-features"] = String(layer.features);
    var box = el("section", attrs);
    var count = layer.params === null ? "count not printed" : fmt(layer.params) + " parameters";
    box.appendChild(el("h2", {}, [el("code", { text: layer.name }), " (" + layer.type + "): " + count]));
    var list = el("ul");
    box.appendChild(list);
    if (layer.formula.length) {
      layer.formula.forEach(function (f, k) {
        var label = layer.formula.length > 1 ? "Layer " + k + " of the stack" : "Count";
        list.appendChild(item(label, [el("code", { "class": "explain-formula", text: f })]));
      });
    }
    if (layer.cell && layer.units !== null) {
      var per = layer.bidirectional ? " in each direction" : "";
      var name = format === "pytorch" ? "hidden_size" : "units";
      list.appendChild(item("Units", [
        "H = " + fmt(layer.units) + " (" + name + "): the ", term("unit", "state width"), per + ", " + fmt(layer.units) +
        " numbers carried from each time step to the next" +
        (layer.proj_size ? "; the projection shrinks the h it passes on to P = " + fmt(layer.proj_size) : "")]));
      var how = "";
      if (layer.inferred) {
        how = ", solved from the count: the summary prints H and the count, not D";
        if (layer.decided_by === "previous layer") how += "; the previous layer's width, " + fmt(layer.previous_width) + ", picks this reading";
      }
      list.appendChild(item("Features", [
        "D = " + fmt(layer.features) + ": the ", term("feature", "features"), ", numbers read at each time step" + how]));
      list.appendChild(item("Cell", [
        "one " + CELL_NAMES[layer.cell] + " ", term("cell", "step"), ", " + STEP[layer.cell] +
        (/Cell$/.test(layer.type) ? "; this module is the cell alone: one call is one time step, and your code loops it" :
          "; the layer applies it once per time step") + (layer.layers > 1 ? ", in each of its " + layer.layers + " stacked layers" : "") +
        (layer.bidirectional ? ", forward and backward" : "")]));
      if (layer.kind === "gru" && format !== "pytorch" && layer.readings.length > 1) {
        list.appendChild(item("Bias layout", ["reset_after=" + (layer.reset_after ? "True" : "False") +
          (layer.reset_after ? " (two bias rows, the default since TensorFlow 2)" : " (one bias row)")]));
      }
    }
    if (layer.weights.length) {
      var weights = [];
      layer.weights.forEach(function (w, k) {
        weights.push(el("code", { text: w.name }), " " + shapeText(w.shape) + (k < layer.weights.length - 1 ? ", " : ""));
      });
      list.appendChild(item("Weights", weights));
    }
    if (layer.output_shape) list.appendChild(item("Output", [el("code", { text: layer.output_shape })]));
    if (layer.readings.length > 1 || (layer.readings.length && !layer.cell)) {
      var alts = el("ul");
      layer.readings.forEach(function (r, k) {
        alts.appendChild(el("li", {}, [readingWords(r) + ", ", el("code", { text: r.formula }),
          layer.chosen === 1 && k === 0 ? " (this one: it reads the previous layer's width)" : ""]));
      });
      list.appendChild(item("Readings the count allows", [alts]));
    }
    if (layer.repeat > 1) {
      list.appendChild(item("Repeated", [layer.repeat + " identical modules, each counted as above: " +
        layer.repeat + " × " + fmt(layer.params / layer.repeat) + " = " + fmt(layer.params)]));
    }
    if (layer.note) list.appendChild(item("Note", [layer.note]));
    if (!recurrent && layer.kind !== "dense" && layer.kind !== "embedding" && layer.count === "printed") {
      list.appendChild(item("Kind", ["not a recurrent layer, count taken as printed"]));
    } else if (!recurrent && layer.kind === "time_distributed") {
      list.appendChild(item("Kind", ["not a recurrent layer; applies its inner layer at every time step"]));
    }
    return box;
  }

  function render(root, result) {
    var frag = document.createDocumentFragment();
    result.layers.forEach(function (layer) { frag.appendChild(renderLayer(layer, result.format)); });
    var total = el("p", { id: "explain-total", "data-params": String(result.total) },
      [el("strong", { text: "Total: " + fmt(result.total) + " parameters" })]);
    if (result.printed_total !== null) {
      total.setAttribute("data-printed", String(result.printed_total));
      total.appendChild(document.createTextNode(result.printed_total === result.total
        ? ", equal to the total the summary prints (" + fmt(result.printed_total) + ")."
        : ", but the summary prints " + fmt(result.printed_total) + ": a layer shared or nested may be counted twice."));
    } else {
      total.appendChild(document.createTextNode(result.complete ? ", computed from the sizes PyTorch prints."
        : ", computed from the sizes PyTorch prints; modules it prints no count for are left out."));
    }
    frag.appendChild(total);
    if (result.skipped.length) {
      var list = el("ul", { id: "explain-skipped" });
      result.skipped.forEach(function (s) { list.appendChild(el("li", {}, [el("code", { text: s })])); });
      frag.appendChild(el("p", { text: "Rows not read (" + result.skipped.length + "), so not explained:" }));
      frag.appendChild(list);
    }
    root.replaceChildren(frag);
  }

  function run() {
    var input = document.getElementById("explain-input");
    var out = document.getElementById("explain-result");
    var error = document.getElementById("explain-error");
    var result;
    try {
      result = explain(input.value);
    } catch (e) {
      if (e.name !== "ExplainError") throw e;
      out.replaceChildren();
      error.textContent = "This text holds no model this page can read. It reads: " + FORMATS.join("; ") + ".";
      error.hidden = false;
      return;
    }
    error.hidden = true;
    error.textContent = "";
    render(out, result);
  }

  function init() {
    var button = document.getElementById("explain-run");
    if (!button || button.dataset.ready) return;
    button.dataset.ready = "1";
    button.addEventListener("click", run);
    if (document.getElementById("explain-input").value.trim()) run();
  }

  function start() {
    if (typeof document === "undefined") return;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  return { explain: explain, FORMATS: FORMATS, NO_MODEL: NO_MODEL, fmt: fmt, start: start };
});
