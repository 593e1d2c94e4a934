// Shape and parameter calculator for recurrent layers (docs/calculator.md).
//
// Two halves in one file, no framework, nothing fetched:
//   * describe(): the arithmetic, the same conventions as the Python
//     package's unrolled.shapes.describe (tests/test_calculator.py runs both
//     on the same seeded configurations with node and compares);
//   * the page: read the form (or the link's query string), check every
//     field, show every weight and returned tensor, the parameter counts and
//     the equivalent Keras and PyTorch code, and keep the query string in step.
// Under node, `require()` returns the functions and touches no DOM.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.UnrolledCalculator = api;
    api.start();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FRAMEWORKS = ["keras", "pytorch"];
  // Keras's Bidirectional merge modes; null (written "none" in a link) returns both halves.
  var MERGE_MODES = ["concat", "sum", "mul", "ave", null];
  var CELLS = ["rnn", "lstm", "gru"];
  var GATES = { rnn: 1, lstm: 4, gru: 3 };
  var KERAS_NAMES = { rnn: "simple_rnn", lstm: "lstm", gru: "gru" };
  var KERAS_CLASSES = { rnn: "SimpleRNN", lstm: "LSTM", gru: "GRU" };
  var TORCH_CLASSES = { rnn: "RNN", lstm: "LSTM", gru: "GRU" };
  var CELL_LABELS = { rnn: "simple RNN", lstm: "LSTM", gru: "GRU" };
  var WITH_CELL = { rnn: "with a simple RNN", lstm: "with an LSTM", gru: "with a GRU" };

  // Every size must be below LIMIT; a stack deeper than MAX_LAYERS would only
  // make a table nobody reads (each layer adds 3 to 10 rows).
  var LIMIT = 10000000;
  var MAX_LAYERS = 100;

  // ------------------------------------------------------------------
  // The arithmetic
  // ------------------------------------------------------------------

  /** An invalid argument; the message starts with the argument's name. */
  function CalcError(argument, message) {
    var err = new Error(argument + ": " + message);
    err.name = "CalcError";
    err.argument = argument;
    return err;
  }

  function repr(value) {
    if (typeof value === "string") return "'" + value + "'";
    return String(value);
  }

  function oneOf(name, value, choices) {
    if (choices.indexOf(value) < 0) {
      throw CalcError(name, "must be one of " + choices.map(repr).join(", ") + ", got " + repr(value));
    }
    return value;
  }

  function positiveInt(name, value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      throw CalcError(name, "must be a positive integer, got " + repr(value));
    }
    return value;
  }

  function nonNegativeInt(name, value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw CalcError(name, "must be a non-negative integer, got " + repr(value));
    }
    return value;
  }

  function boolean(name, value) {
    if (typeof value !== "boolean") throw CalcError(name, "must be true or false, got " + repr(value));
    return value;
  }

  function size(shape) {
    // Exact for any count: a shape's entries are below 2^53, their product may not be.
    return shape.reduce(function (n, s) { return n * BigInt(s); }, 1n);
  }

  function sum(tensors) {
    return tensors.reduce(function (n, t) { return n + size(t.shape); }, 0n);
  }

  function tensor(name, shape) {
    return { name: name, shape: shape };
  }

  /**
   * Every weight and returned tensor of a recurrent layer (or stack), and the
   * parameter counts, as `framework` names and shapes them.
   *
   * cfg: {units, features, steps, batch, layers=1, bidirectional=false,
   *       return_sequences=false, return_state=false, proj_size=0, reset_after=true,
   *       merge_mode="concat", stateful=false, masked=false}
   * Returns {framework, cell, weights, outputs, carried, mask, params,
   * params_per_layer}, as unrolled.calculator.describe; the
   * counts are BigInt. Throws a CalcError naming the first bad argument, in the
   * same order as the Python package checks them.
   */
  function describe(framework, cell, cfg) {
    cfg = cfg || {};
    function get(key, fallback) { return cfg[key] === undefined ? fallback : cfg[key]; }
    oneOf("framework", framework, FRAMEWORKS);
    oneOf("cell", cell, CELLS);
    var H = positiveInt("units", cfg.units);
    var D = positiveInt("features", cfg.features);
    var T = positiveInt("steps", cfg.steps);
    var B = positiveInt("batch", cfg.batch);
    var L = positiveInt("layers", get("layers", 1));
    var bidirectional = boolean("bidirectional", get("bidirectional", false));
    var returnSequences = boolean("return_sequences", get("return_sequences", false));
    var returnState = boolean("return_state", get("return_state", false));
    var P = nonNegativeInt("proj_size", get("proj_size", 0));
    var resetAfter = boolean("reset_after", get("reset_after", true));
    if (P) {
      if (framework === "keras") {
        throw CalcError("proj_size", "Keras has no projected LSTM; proj_size needs PyTorch, got proj_size=" + P + " with Keras");
      }
      if (cell !== "lstm") {
        throw CalcError("proj_size", "only an LSTM has a projection, got proj_size=" + P + " " + WITH_CELL[cell]);
      }
      if (P >= H) throw CalcError("proj_size", "must be smaller than units=" + H + ", got " + P);
    }
    if (!resetAfter) {
      if (cell !== "gru") {
        throw CalcError("reset_after", "only a GRU has a reset gate, got reset_after=false " + WITH_CELL[cell]);
      }
      if (framework === "pytorch") {
        throw CalcError("reset_after", "PyTorch's GRU always resets after the recurrent matmul, got reset_after=false with PyTorch");
      }
    }
    var mergeMode = get("merge_mode", "concat");
    if (MERGE_MODES.indexOf(mergeMode) < 0) {
      throw CalcError("merge_mode", "must be one of 'concat', 'sum', 'mul', 'ave', None, got " + repr(mergeMode));
    }
    var stateful = boolean("stateful", get("stateful", false));
    var masked = boolean("masked", get("masked", false));
    if (mergeMode !== "concat") {
      if (framework === "pytorch") {
        throw CalcError("merge_mode", "PyTorch always concatenates the two directions, got merge_mode=" + repr(mergeMode) + " with PyTorch");
      }
      if (!bidirectional) {
        throw CalcError("merge_mode", "only a bidirectional layer merges two directions, got merge_mode=" + repr(mergeMode) + " with bidirectional=false");
      }
    }
    var G = GATES[cell];
    var dirs = bidirectional ? 2 : 1;
    var carried = [];
    var mask = [];
    var stateNames = cell === "lstm" ? ["h", "c"] : ["h"];
    var weights = [];
    var perLayer = [];
    var outputs;
    var k, d, before;
    if (framework === "keras") {
      var base = KERAS_NAMES[cell];
      var bias = cell === "gru" && resetAfter ? [2, G * H] : [G * H];
      for (k = 0; k < L; k++) {
        var name = k === 0 ? base : base + "_" + k;
        var dIn = k === 0 ? D : dirs * H;
        var prefixes = [name];
        if (bidirectional) {
          var outer = k === 0 ? "bidirectional" : "bidirectional_" + k;
          prefixes = [outer + "/forward_" + name, outer + "/backward_" + name];
        }
        before = weights.length;
        prefixes.forEach(function (prefix) {
          weights.push(tensor(prefix + "/" + base + "_cell/kernel", [dIn, G * H]));
          weights.push(tensor(prefix + "/" + base + "_cell/recurrent_kernel", [H, G * H]));
          weights.push(tensor(prefix + "/" + base + "_cell/bias", bias.slice()));
        });
        perLayer.push(sum(weights.slice(before)));
      }
      outputs = [tensor("output", returnSequences ? [B, T, dirs * H] : [B, dirs * H])];
      if (returnState) {
        var names = cell === "lstm" ? ["h", "c"] : ["h"];
        if (bidirectional) {
          names = ["forward", "backward"].reduce(function (all, side) {
            return all.concat(names.map(function (n) { return n + "_" + side; }));
          }, []);
        }
        names.forEach(function (n) { outputs.push(tensor(n, [B, H])); });
      }
      if (mergeMode !== "concat") {
        var time = returnSequences ? [B, T] : [B];
        if (mergeMode === null) {
          outputs.splice(0, 1, tensor("output_forward", time.concat([H])), tensor("output_backward", time.concat([H])));
        } else {
          outputs[0] = tensor("output", time.concat([H]));
        }
      }
      if (stateful) {
        for (k = 0; k < L; k++) {
          var layerTag = L === 1 ? "" : "_l" + k;
          (bidirectional ? ["_forward", "_backward"] : [""]).forEach(function (side) {
            stateNames.forEach(function (n) { carried.push(tensor(n + layerTag + side, [B, H])); });
          });
        }
      }
      if (masked) {
        mask.push(tensor("input_mask", [B, T]));
        if (returnSequences) mask.push(tensor("output_mask", [B, T]));
      }
    } else {
      var Hout = P || H;
      for (k = 0; k < L; k++) {
        var dInT = k === 0 ? D : dirs * Hout;
        before = weights.length;
        for (d = 0; d < dirs; d++) {
          var sfx = "_l" + k + (d ? "_reverse" : "");
          weights.push(tensor("weight_ih" + sfx, [G * H, dInT]));
          weights.push(tensor("weight_hh" + sfx, [G * H, Hout]));
          weights.push(tensor("bias_ih" + sfx, [G * H]));
          weights.push(tensor("bias_hh" + sfx, [G * H]));
          if (P) weights.push(tensor("weight_hr" + sfx, [P, H]));
        }
        perLayer.push(sum(weights.slice(before)));
      }
      outputs = [tensor("output", [B, T, dirs * Hout]), tensor("h_n", [dirs * L, B, Hout])];
      if (cell === "lstm") outputs.push(tensor("c_n", [dirs * L, B, H]));
      if (stateful) {
        carried.push(tensor("h_0", [dirs * L, B, Hout]));
        if (cell === "lstm") carried.push(tensor("c_0", [dirs * L, B, H]));
      }
      if (masked) mask.push(tensor("lengths", [B]));
    }
    return {
      framework: framework,
      cell: cell,
      weights: weights,
      outputs: outputs,
      carried: carried,
      mask: mask,
      params: perLayer.reduce(function (a, b) { return a + b; }, 0n),
      params_per_layer: perLayer
    };
  }

  /** The Python package's to_dict(), with the counts as decimal strings (exact). */
  function toDict(description) {
    var dict = {
      params: description.params.toString(),
      params_per_layer: description.params_per_layer.map(String),
      weights: description.weights.map(function (w) { return { name: w.name, shape: w.shape }; }),
      outputs: description.outputs.map(function (o) { return { name: o.name, shape: o.shape }; })
    };
    ["carried", "mask"].forEach(function (key) {
      if (description[key] && description[key].length) {
        dict[key] = description[key].map(function (t) { return { name: t.name, shape: t.shape }; });
      }
    });
    return dict;
  }

  // ------------------------------------------------------------------
  // Reading what a reader typed (or a link carried)
  // ------------------------------------------------------------------

  // The form's fields, in the order the page shows them. `key` is the query
  // parameter and the argument of describe(); `id` the element.
  var SIZES = [
    { key: "batch", id: "calc-batch", label: "batch", min: 1 },
    { key: "steps", id: "calc-steps", label: "time steps", min: 1 },
    { key: "features", id: "calc-features", label: "features", min: 1 },
    { key: "units", id: "calc-units", label: "units", min: 1 },
    { key: "layers", id: "calc-layers", label: "layers", min: 1, max: MAX_LAYERS },
    { key: "proj_size", id: "calc-proj-size", label: "proj_size", min: 0 }
  ];
  var FLAGS = [
    { key: "bidirectional", id: "calc-bidirectional" },
    { key: "return_sequences", id: "calc-return-sequences" },
    { key: "return_state", id: "calc-return-state" },
    { key: "reset_after", id: "calc-reset-after" },
    { key: "stateful", id: "calc-stateful" },
    { key: "masked", id: "calc-masked" }
  ];
  // A link and the form write merge_mode "none" for Keras's merge_mode=None.
  var CHOICES = [
    { key: "cell", id: "calc-cell", choices: CELLS },
    { key: "framework", id: "calc-framework", choices: FRAMEWORKS },
    { key: "merge_mode", id: "calc-merge-mode", choices: ["concat", "sum", "mul", "ave", "none"] }
  ];
  // The asker's model from Q3: Keras LSTM(100) on 2 time steps of 1 feature.
  var DEFAULTS = {
    cell: "lstm", framework: "keras", batch: "32", steps: "2", features: "1", units: "100",
    layers: "1", proj_size: "0", bidirectional: false, return_sequences: false,
    return_state: false, reset_after: true, merge_mode: "concat", stateful: false, masked: false
  };

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /** A size typed as text: a whole number from `min` to below LIMIT (or `max`), else a CalcError. */
  function parseSize(field, text) {
    var raw = text === undefined || text === null ? "" : String(text);
    var t = raw.trim();
    var name = field.key;
    var max = field.max || LIMIT - 1;
    var range = "a whole number from " + field.min + " to " + thousands(max);
    if (t === "") throw CalcError(name, "is empty; enter " + range);
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
      var value = Number(t);
      if (value < 0 || t.charAt(0) === "-") throw CalcError(name, "cannot be negative, got " + t + "; enter " + range);
      if (!Number.isInteger(value)) throw CalcError(name, "must be a whole number, got " + t + "; enter " + range);
      if (value >= LIMIT) throw CalcError(name, "is too large (10,000,000 or more), got " + t + "; enter " + range);
      if (value > max) throw CalcError(name, "at most " + thousands(max) + " in this calculator, got " + t);
      if (value < field.min) {
        throw CalcError(name, (value === 0 ? "cannot be zero" : "must be at least " + field.min) + "; enter " + range);
      }
      return value;
    }
    throw CalcError(name, "is not a number, got \u201c" + raw + "\u201d; enter " + range);
  }

  /** A flag from a link: true/false, 1/0, yes/no, on/off; anything else is an error. */
  function parseFlag(name, value) {
    if (typeof value === "boolean") return value;
    var t = String(value).trim().toLowerCase();
    if (["1", "true", "yes", "on"].indexOf(t) >= 0) return true;
    if (["0", "false", "no", "off", ""].indexOf(t) >= 0) return false;
    throw CalcError(name, "must be true or false, got \u201c" + value + "\u201d");
  }

  /**
   * Check a whole form state (strings for sizes, booleans or strings for flags).
   * Returns {errors: [CalcError...], config, description}: with any error,
   * config and description are null.
   */
  function evaluate(state) {
    var errors = [];
    var config = {};
    CHOICES.forEach(function (c) {
      try { config[c.key] = oneOf(c.key, state[c.key], c.choices); } catch (e) { errors.push(e); }
    });
    SIZES.forEach(function (f) {
      try { config[f.key] = parseSize(f, state[f.key]); } catch (e) { errors.push(e); }
    });
    FLAGS.forEach(function (f) {
      try { config[f.key] = parseFlag(f.key, state[f.key]); } catch (e) { errors.push(e); }
    });
    if (errors.length) return { errors: errors, config: null, description: null };
    if (config.merge_mode === "none") config.merge_mode = null;
    try {
      var description = describe(config.framework, config.cell, config);
      return { errors: [], config: config, description: description };
    } catch (e) {
      return { errors: [e], config: null, description: null };
    }
  }

  /** Form state from a query string; missing keys take the defaults. */
  function fromQuery(search) {
    var params = new URLSearchParams(search || "");
    var state = {};
    Object.keys(DEFAULTS).forEach(function (key) {
      state[key] = params.has(key) ? params.get(key) : DEFAULTS[key];
    });
    return state;
  }

  /** The query string for a form state: every key, so a link never depends on our defaults. */
  function toQuery(state) {
    var params = new URLSearchParams();
    Object.keys(DEFAULTS).forEach(function (key) {
      var value = state[key];
      if (typeof value === "boolean") value = value ? "true" : "false";
      params.set(key, value === undefined || value === null ? "" : String(value));
    });
    return "?" + params.toString();
  }

  // ------------------------------------------------------------------
  // Equivalent code
  // ------------------------------------------------------------------

  function shapeText(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")");
  }

  // Lines of [code, comment]: the trailing comments are aligned unless that
  // would push them past a readable width.
  function pad(lines) {
    var width = lines.reduce(function (w, l) { return l[1] ? Math.max(w, l[0].length) : w; }, 0);
    return lines.map(function (l) {
      if (!l[1]) return l[0];
      var gap = width <= 56 ? width - l[0].length + 2 : 2;
      return l[0] + new Array(gap + 1).join(" ") + "# " + l[1];
    }).join("\n");
  }

  function outputShapes(description) {
    return description.outputs.map(function (o) { return shapeText(o.shape); }).join(", ");
  }

  function mergeText(mode) {
    return mode === null ? "None" : '"' + mode + '"';
  }

  function kerasCode(c, description) {
    if (c.proj_size) {
      return "# Keras has no LSTM with a projection (PyTorch's proj_size).\n" +
        "# Set proj_size to 0 to see the Keras equivalent.";
    }
    if (c.stateful && c.bidirectional && c.return_state) {
      // Keras 3.15's Bidirectional fails computing the masks of a stateful layer's returned states.
      return "# Keras cannot return the states of a stateful Bidirectional layer:\n" +
        "# its compute_mask fails (Keras 3.15). Untick return_state or stateful\n" +
        "# to see the Keras code; the shapes above are what it would return.";
    }
    var cls = "layers." + KERAS_CLASSES[c.cell];
    var extra = c.cell === "gru" && !c.reset_after ? ", reset_after=False" : "";
    if (c.stateful) extra += ", stateful=True";
    var lines = [["import keras", ""], ["from keras import layers", ""], ["", ""],
      ["inputs = keras.Input(shape=(" + c.steps + ", " + c.features + "), batch_size=" + c.batch + ")",
        shapeText([c.batch, c.steps, c.features])]];
    var first = "inputs";
    if (c.masked) {
      lines.push(["masked = layers.Masking(mask_value=0.0)(inputs)", "all-zero steps are skipped"]);
      first = "masked";
    }
    var dirs = c.bidirectional ? 2 : 1;
    var mode = c.merge_mode === undefined ? "concat" : c.merge_mode;
    for (var k = 0; k < c.layers; k++) {
      var last = k === c.layers - 1;
      var args = String(c.units) + extra;
      var seq = !last || c.return_sequences;
      if (seq) args += ", return_sequences=True";
      if (last && c.return_state) args += ", return_state=True";
      var layer = cls + "(" + args + ")";
      if (c.bidirectional) {
        layer = "layers.Bidirectional(" + layer + (last && mode !== "concat" ? ", merge_mode=" + mergeText(mode) : "") + ")";
      }
      var source = k === 0 ? first : "x";
      if (!last) {
        lines.push(["x = " + layer + "(" + source + ")", shapeText([c.batch, c.steps, dirs * c.units])]);
      } else {
        var names = description.outputs.map(function (o) { return o.name; });
        var target = names.length === 1 ? "output" : names.join(", ");
        lines.push([target + " = " + layer + "(" + source + ")", outputShapes(description)]);
        lines.push(["model = keras.Model(inputs, " + (names.length === 1 ? "output" : "[" + names.join(", ") + "]") + ")", ""]);
      }
    }
    lines.push(["model.summary()", thousands(description.params) + " parameters"]);
    if (c.stateful) {
      lines.push(["model.layers[-1].reset_states()", "zero the carried states, e.g. between epochs"]);
    }
    return pad(lines);
  }

  function torchCode(c, description) {
    if (!c.reset_after && c.cell === "gru") {
      return "# PyTorch's nn.GRU always applies the reset gate after the recurrent\n" +
        "# matmul (Keras's reset_after=True); it has no reset_after=False.\n" +
        "# Tick reset_after to see the PyTorch equivalent.";
    }
    var args = ["input_size=" + c.features, "hidden_size=" + c.units];
    if (c.layers > 1) args.push("num_layers=" + c.layers);
    args.push("batch_first=True");
    if (c.bidirectional) args.push("bidirectional=True");
    if (c.proj_size) args.push("proj_size=" + c.proj_size);
    var state = c.cell === "lstm" ? "(h_n, c_n)" : "h_n";
    var lines = [["import torch", ""], ["from torch import nn", ""], ["", ""],
      ["layer = nn." + TORCH_CLASSES[c.cell] + "(" + args.join(", ") + ")", ""],
      ["x = torch.zeros(" + c.batch + ", " + c.steps + ", " + c.features + ")", shapeText([c.batch, c.steps, c.features])]];
    if (c.masked) {
      lines.push(["lengths = torch.full((" + c.batch + ",), " + c.steps + ")", shapeText([c.batch]) + ": each sequence's true length"]);
      lines.push(["packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)", ""]);
      lines.push(["output, " + state + " = layer(packed)", ""]);
      lines.push(["output, _ = nn.utils.rnn.pad_packed_sequence(output, batch_first=True, total_length=" + c.steps + ")", outputShapes(description)]);
    } else {
      lines.push(["output, " + state + " = layer(x)", outputShapes(description)]);
    }
    lines.push(["sum(p.numel() for p in layer.parameters())", thousands(description.params) + " parameters"]);
    if (c.stateful) {
      var carried = description.carried || [];
      var back = c.cell === "lstm" ? "h_0, c_0 = h_n.detach(), c_n.detach()" : "h_0 = h_n.detach()";
      lines.push([back, carried.map(function (t) { return shapeText(t.shape); }).join(", ") + ": the next call's start"]);
      lines.push(["# next batch: layer(x_next, " + (c.cell === "lstm" ? "(h_0, c_0)" : "h_0") + ")", ""]);
    }
    return pad(lines);
  }

  /** Lines that compute each Keras output from PyTorch's results, and the variables holding them. */
  function torchFromKeras(c, keras) {
    if (!c.reset_after && c.cell === "gru") return { lines: [], names: [] };
    var lines = [["", ""], ["# What the Keras model above returns, from PyTorch's results:", ""]];
    var H = c.units;
    var mode = c.merge_mode === undefined ? "concat" : c.merge_mode;
    var fw, bw;
    if (c.return_sequences) {
      fw = c.bidirectional ? "output[..., :" + H + "]" : "output";
      bw = "output[..., " + H + ":]";
    } else {
      fw = c.bidirectional ? "h_n[-2]" : "h_n[-1]";
      bw = "h_n[-1]";
    }
    var names = [];
    var merged = { concat: "torch.cat([" + fw + ", " + bw + "], dim=-1)", sum: fw + " + " + bw,
      mul: fw + " * " + bw, ave: "(" + fw + " + " + bw + ") / 2" };
    if (!c.bidirectional || mode !== null) {
      if (c.return_sequences && (!c.bidirectional || mode === "concat")) {
        lines.push(["output  # already the same: every time step, batch first", ""]);
        names.push("output");
      } else {
        lines.push(["merged = " + (c.bidirectional ? merged[mode] : fw), shapeText(keras.outputs[0].shape)]);
        names.push("merged");
      }
    } else {
      lines.push(["output_forward = " + fw, shapeText(keras.outputs[0].shape)]);
      lines.push(["output_backward = " + bw, shapeText(keras.outputs[1].shape)]);
      names.push("output_forward", "output_backward");
    }
    if (c.return_state) {
      var sides = c.bidirectional ? [["_forward", -2], ["_backward", -1]] : [["", -1]];
      sides.forEach(function (side) {
        lines.push(["h" + side[0] + " = h_n[" + side[1] + "]", shapeText([c.batch, c.units])]);
        names.push("h" + side[0]);
        if (c.cell === "lstm") {
          lines.push(["c" + side[0] + " = c_n[" + side[1] + "]", shapeText([c.batch, c.units])]);
          names.push("c" + side[0]);
        }
      });
    }
    return { lines: lines, names: names };
  }

  /** Both code blocks for a valid configuration, and a note on the other framework's count. */
  function code(c, description) {
    var other = c.framework === "keras" ? "pytorch" : "keras";
    var otherConfig = {};
    Object.keys(c).forEach(function (k) { otherConfig[k] = c[k]; });
    otherConfig.framework = other;
    // PyTorch returns every step and the final states; the Keras equivalent asks for both.
    otherConfig.return_sequences = true;
    otherConfig.return_state = true;
    otherConfig.merge_mode = "concat";  // PyTorch's only way, and so the Keras twin's
    var otherDescription = null;
    try { otherDescription = describe(other, c.cell, otherConfig); } catch (e) { otherDescription = null; }
    var keras = c.framework === "keras" ? description : otherDescription;
    var torch = c.framework === "pytorch" ? description : otherDescription;
    var kerasText = keras ? kerasCode(c.framework === "keras" ? c : otherConfig, keras) : kerasCode(c, description);
    var torchText;
    var kerasNames = [];
    if (!torch) {
      torchText = torchCode(c, description);
    } else {
      torchText = torchCode(c.framework === "pytorch" ? c : otherConfig, torch);
      if (c.framework === "keras") {
        var extra = torchFromKeras(c, description);
        if (extra.lines.length) torchText += "\n" + pad(extra.lines);
        kerasNames = extra.names;
      }
    }
    return { keras: kerasText, pytorch: torchText, other: other, otherDescription: otherDescription,
      kerasNames: kerasNames };
  }

  // ------------------------------------------------------------------
  // The page
  // ------------------------------------------------------------------

  var OUTPUT_NOTES = {
    h: "the final hidden state", c: "the final cell state",
    h_forward: "the forward direction's final hidden state",
    c_forward: "the forward direction's final cell state",
    h_backward: "the backward direction's final hidden state (it reads the sequence from the end)",
    c_backward: "the backward direction's final cell state",
    output_forward: "the forward direction's h, unmerged (merge_mode=None)",
    output_backward: "the backward direction's h, unmerged, in the input's time order",
    h_0: "carried: pass h_n back (detached) as the next batch's starting state",
    c_0: "carried: pass c_n back (detached) as the next batch's starting cell state",
    input_mask: "mask: which steps are real (true) and which are padding, per sequence",
    output_mask: "mask: passed on to the next layer with the sequence",
    lengths: "mask: each sequence's real length, for pack_padded_sequence",
    h_n: "every layer's final hidden state, one per layer and direction; not batch-first",
    c_n: "every layer's final cell state, one per layer and direction; not batch-first"
  };

  function outputNote(c, name, kind) {
    if (kind === "carried" && !(OUTPUT_NOTES[name] || "").startsWith("carried")) {
      return "carried: kept by the stateful layer as the next batch's starting " + (name.charAt(0) === "c" ? "cell state" : "state");
    }
    if (name !== "output") return OUTPUT_NOTES[name] || "";
    var every = c.framework === "pytorch" || c.return_sequences;
    return "the last layer's h at " + (every ? "every time step" : "the last time step") +
      (!c.bidirectional ? "" : c.merge_mode === "concat" || c.framework === "pytorch" ?
        ", both directions side by side" : ", both directions merged by " + c.merge_mode);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A table row whose first cell heads it; `name` puts that cell in code type.
  function row(cells, name) {
    var tr = el("tr");
    cells.forEach(function (text, i) {
      var cell = el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {});
      if (i === 0 && name) cell.appendChild(el("code", {}, text));
      else cell.textContent = text;
      tr.appendChild(cell);
    });
    return tr;
  }

  function table(body, rows) {
    body.textContent = "";
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function readForm() {
    var state = {};
    CHOICES.forEach(function (c) { state[c.key] = document.getElementById(c.id).value; });
    SIZES.forEach(function (f) { state[f.key] = document.getElementById(f.id).value; });
    FLAGS.forEach(function (f) { state[f.key] = document.getElementById(f.id).checked; });
    return state;
  }

  function writeForm(state) {
    CHOICES.forEach(function (c) {
      var node = document.getElementById(c.id);
      if (c.choices.indexOf(state[c.key]) >= 0) node.value = state[c.key];
    });
    SIZES.forEach(function (f) { document.getElementById(f.id).value = state[f.key]; });
    FLAGS.forEach(function (f) {
      try { document.getElementById(f.id).checked = parseFlag(f.key, state[f.key]); } catch (e) { /* reported by evaluate */ }
    });
  }

  function fieldId(key) {
    var all = SIZES.concat(FLAGS, CHOICES);
    for (var i = 0; i < all.length; i++) if (all[i].key === key) return all[i].id;
    return null;
  }

  function render(state) {
    var result = evaluate(state);
    var error = document.getElementById("calc-error");
    var params = document.getElementById("calc-params");
    var results = document.getElementById("calc-results");
    // Mark the fields at fault, and only them.
    SIZES.concat(FLAGS, CHOICES).forEach(function (f) { document.getElementById(f.id).removeAttribute("aria-invalid"); });
    result.errors.forEach(function (e) {
      var id = fieldId(e.argument);
      if (id) document.getElementById(id).setAttribute("aria-invalid", "true");
    });
    if (result.errors.length) {
      error.textContent = "";
      error.appendChild(el("p", {}, result.errors.length === 1 ? "This configuration cannot be built:" : "This configuration cannot be built (" + result.errors.length + " problems):"));
      var list = el("ul");
      result.errors.forEach(function (e) { list.appendChild(el("li", {}, e.message)); });
      error.appendChild(list);
      error.hidden = false;
      params.textContent = "\u2014";
      document.getElementById("calc-summary").textContent = "Parameter count:";
      document.getElementById("calc-params-unit").hidden = true;
      results.hidden = true;
      return result;
    }
    error.hidden = true;
    error.textContent = "";
    var c = result.config;
    var d = result.description;
    params.textContent = thousands(d.params);
    document.getElementById("calc-params-unit").hidden = false;
    results.hidden = false;

    var perLayer = d.params_per_layer.map(function (n, k) {
      return row(["layer " + (k + 1), thousands(n)]);
    });
    table(document.getElementById("calc-per-layer"), perLayer);
    table(document.getElementById("calc-weights"), d.weights.map(function (w) {
      return row([w.name, shapeText(w.shape), thousands(size(w.shape))], true);
    }));
    var returned = d.outputs.map(function (o) { return [o, "output"]; })
      .concat(d.carried.map(function (o) { return [o, "carried"]; }), d.mask.map(function (o) { return [o, "mask"]; }));
    table(document.getElementById("calc-outputs"), returned.map(function (pair) {
      return row([pair[0].name, shapeText(pair[0].shape), outputNote(c, pair[0].name, pair[1])], true);
    }));

    var snippets = code(c, d);
    document.getElementById("calc-code-keras").textContent = snippets.keras;
    document.getElementById("calc-code-pytorch").textContent = snippets.pytorch;
    var other = document.getElementById("calc-other");
    var otherName = snippets.other === "keras" ? "Keras" : "PyTorch";
    if (snippets.otherDescription) {
      other.textContent = "The same layer in " + otherName + " has " + thousands(snippets.otherDescription.params) +
        " parameters" + (snippets.otherDescription.params === d.params ? "." :
          (snippets.other === "pytorch" ? " (PyTorch keeps two bias vectors per gate block)." :
            " (Keras keeps one bias vector per gate block" + (c.cell === "gru" ? ", or two for a GRU with reset_after" : "") + ")."));
    } else {
      other.textContent = otherName + " has no exact equivalent of this layer.";
    }
    var summary = document.getElementById("calc-summary");
    summary.textContent = (c.framework === "keras" ? "Keras" : "PyTorch") + " " + CELL_LABELS[c.cell] +
      (c.bidirectional ? ", bidirectional" : "") + ", " + c.layers + (c.layers === 1 ? " layer" : " stacked layers") +
      " of " + thousands(c.units) + " units on " + thousands(c.features) + (c.features === 1 ? " feature" : " features") + ":";
    return result;
  }

  function update() {
    var state = readForm();
    render(state);
    var query = toQuery(state);
    var link = document.getElementById("calc-link");
    if (link) link.setAttribute("href", query);
    if (window.location.search !== query) {
      window.history.replaceState(null, "", query + window.location.hash);
    }
  }

  function init() {
    var form = document.getElementById("calc-form");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    var state = fromQuery(window.location.search);
    writeForm(state);
    render(state);  // a link's own values, including bad ones, are reported as they are
    var link = document.getElementById("calc-link");
    if (link) link.setAttribute("href", toQuery(state));
    form.addEventListener("input", function () { update(); });
    form.addEventListener("change", function () { update(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      writeForm(DEFAULTS);
      update();
    });
  }

  function start() {
    if (typeof document === "undefined") return;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
    // Material's instant navigation (if it is ever turned on) swaps pages in place.
    if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(init);
  }

  return {
    FRAMEWORKS: FRAMEWORKS,
    CELLS: CELLS,
    LIMIT: LIMIT,
    MAX_LAYERS: MAX_LAYERS,
    DEFAULTS: DEFAULTS,
    SIZES: SIZES,
    describe: describe,
    toDict: toDict,
    parseSize: parseSize,
    parseFlag: parseFlag,
    evaluate: evaluate,
    fromQuery: fromQuery,
    toQuery: toQuery,
    code: code,
    start: start
  };
});
