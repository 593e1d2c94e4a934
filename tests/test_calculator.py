"""The calculator's JavaScript equals the Python package, and refuses what it refuses.

docs/assets/javascripts/calculator.js runs under node (it exports its
functions there) on seeded configurations, valid and invalid, and every
answer is compared with ``unrolled.calculator.describe`` (``unrolled.shapes.describe``
plus merge mode, carried state and mask): weight names and shapes,
output, carried-state and mask shapes, parameter counts per layer and in total, and for an invalid
configuration the argument the error names. The code the calculator shows is
run in PyTorch and Keras on a smaller seeded set.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import subprocess

import pytest
from conftest import ROOT

from unrolled.calculator import describe

CALCULATOR = ROOT / "docs" / "assets" / "javascripts" / "calculator.js"
NODE = shutil.which("node")

# Reads [{call, ...}] as JSON on stdin and prints one answer per call.
HARNESS = r"""
const calc = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const answers = JSON.parse(input).map((job) => {
    try {
      if (job.call === "describe") {
        return { ok: calc.toDict(calc.describe(job.framework, job.cell, job.cfg)) };
      }
      if (job.call === "parseSize") {
        const field = calc.SIZES.find((f) => f.key === job.key);
        return { ok: calc.parseSize(field, job.text) };
      }
      if (job.call === "evaluate") {
        const r = calc.evaluate(calc.fromQuery(job.query));
        if (r.errors.length) return { errors: r.errors.map((e) => ({ argument: e.argument, message: e.message })) };
        const code = calc.code(r.config, r.description);
        return { ok: calc.toDict(r.description), config: r.config, keras: code.keras, pytorch: code.pytorch,
                 kerasNames: code.kerasNames, query: calc.toQuery(calc.fromQuery(job.query)) };
      }
      return { crash: "unknown call " + job.call };
    } catch (e) {
      if (e.name !== "CalcError") return { crash: String(e && e.stack || e) };
      return { error: e.message, argument: e.argument };
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
"""


def run_js(jobs: list[dict]) -> list[dict]:
    """Run the calculator's own functions under node on each job."""
    if NODE is None:
        pytest.fail("node is not installed, so the calculator's JavaScript cannot run: "
                    "install Node 18.16+ (sudo apt-get install nodejs npm)", pytrace=False)
    proc = subprocess.run([NODE, "-e", HARNESS, str(CALCULATOR)], input=json.dumps(jobs),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"{CALCULATOR}: node failed:\n{proc.stderr}"
    answers = json.loads(proc.stdout)
    crashes = [a["crash"] for a in answers if "crash" in a]
    assert not crashes, f"{CALCULATOR}: threw something other than a CalcError:\n{crashes[0]}"
    return answers


# --------------------------------------------------------------------------
# Seeded configurations
# --------------------------------------------------------------------------

N_CONFIGS = 1500


def a_size(rng: random.Random) -> int:
    """Mostly small sizes, sometimes huge ones (the counts then pass 2**53)."""
    return rng.choice([rng.randint(1, 16), rng.randint(1, 300), rng.randint(1, 9_999_999)]
                      if rng.random() < 0.1 else [rng.randint(1, 16), rng.randint(1, 300)])


def valid_config(rng: random.Random) -> tuple[str, str, dict]:
    framework = rng.choice(["keras", "pytorch"])
    cell = rng.choice(["rnn", "lstm", "gru"])
    cfg = dict(units=a_size(rng), features=a_size(rng), steps=a_size(rng), batch=a_size(rng))
    if rng.random() < 0.7:
        cfg["layers"] = rng.randint(1, 8)
    for flag in ("bidirectional", "return_sequences", "return_state"):
        if rng.random() < 0.7:
            cfg[flag] = rng.random() < 0.5
    if framework == "pytorch" and cell == "lstm" and cfg["units"] > 1 and rng.random() < 0.5:
        cfg["proj_size"] = rng.randint(1, cfg["units"] - 1)
    elif rng.random() < 0.2:
        cfg["proj_size"] = 0
    if cell == "gru" and framework == "keras" and rng.random() < 0.6:
        cfg["reset_after"] = rng.random() < 0.5
    elif rng.random() < 0.2:
        cfg["reset_after"] = True
    if framework == "keras" and cfg.get("bidirectional") and rng.random() < 0.7:
        cfg["merge_mode"] = rng.choice(["concat", "sum", "mul", "ave", None])
    elif rng.random() < 0.1:
        cfg["merge_mode"] = "concat"
    for flag in ("stateful", "masked"):
        if rng.random() < 0.4:
            cfg[flag] = rng.random() < 0.6
    return framework, cell, cfg


# Ways to spoil a valid configuration: each is a combination a framework does
# not have, or a value that is not a size. (A whole float such as 2.0 is left
# out: JavaScript has one number type, so 2.0 is the integer 2 there.)
def spoil(rng: random.Random, framework: str, cell: str, cfg: dict) -> tuple[str, str, dict]:
    cfg = dict(cfg)
    kind = rng.choice(["size", "size", "flag", "choice", "proj_keras", "proj_cell", "proj_big",
                       "reset_torch", "reset_cell", "missing", "merge_torch", "merge_one_way",
                       "merge_bad"])
    if kind == "size":
        key = rng.choice(["units", "features", "steps", "batch", "layers", "proj_size"])
        bad = [0, -1, -rng.randint(2, 10**6), 1.5, 0.25, True, False, None, "8", [3]]
        if key == "proj_size":
            bad = [-1, -rng.randint(2, 100), 0.5, 2.5, True, None, "2"]
        cfg[key] = rng.choice(bad)
    elif kind == "flag":
        cfg[rng.choice(["bidirectional", "return_sequences", "return_state", "reset_after",
                        "stateful", "masked"])] = rng.choice([0, 1, "true", None, 2])
    elif kind == "choice":
        if rng.random() < 0.5:
            framework = rng.choice(["tensorflow", "Keras", "", "jax"])
        else:
            cell = rng.choice(["LSTM", "simple_rnn", "transformer", ""])
    elif kind == "proj_keras":
        framework, cell = "keras", "lstm"
        cfg["units"] = max(cfg["units"], 2)
        cfg["proj_size"] = rng.randint(1, cfg["units"] - 1)
    elif kind == "proj_cell":
        framework, cell = "pytorch", rng.choice(["rnn", "gru"])
        cfg["proj_size"] = rng.randint(1, 50)
    elif kind == "proj_big":
        framework, cell = "pytorch", "lstm"
        cfg["proj_size"] = cfg["units"] + rng.randint(0, 5)
    elif kind == "reset_torch":
        framework, cell = "pytorch", "gru"
        cfg["reset_after"] = False
        cfg.pop("proj_size", None)
    elif kind == "reset_cell":
        cell = rng.choice(["rnn", "lstm"])
        cfg["reset_after"] = False
        cfg.pop("proj_size", None)
    elif kind == "merge_torch":
        framework = "pytorch"
        cfg["bidirectional"] = True
        cfg["merge_mode"] = rng.choice(["sum", "mul", "ave", None])
        cfg.pop("proj_size", None)
        cfg.pop("reset_after", None)
    elif kind == "merge_one_way":
        framework = "keras"
        cfg["bidirectional"] = False
        cfg["merge_mode"] = rng.choice(["sum", "mul", "ave", None])
        cfg.pop("proj_size", None)
    elif kind == "merge_bad":
        cfg["merge_mode"] = rng.choice(["average", "none", "max", "", 1, "Concat"])
    else:
        del cfg[rng.choice(["units", "features", "steps", "batch"])]
    return framework, cell, cfg


def configurations(n: int = N_CONFIGS, seed: int = 20261122) -> list[tuple[str, str, dict]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        case = valid_config(rng)
        out.append(spoil(rng, *case) if rng.random() < 0.3 else case)
    # Counts past 2**53, where a JavaScript Number would silently round.
    for _ in range(12):
        big = rng.randint(9_000_000, 9_999_999)
        out.append((rng.choice(["keras", "pytorch"]), rng.choice(["lstm", "gru"]),
                    dict(units=big, features=big - 1, steps=3, batch=2, layers=rng.randint(10, 40),
                         bidirectional=True)))
    return out


def python_answer(framework: str, cell: str, cfg: dict) -> dict:
    try:
        d = describe(framework, cell, **cfg)
    except TypeError as err:  # a missing required size
        return {"error": str(err), "argument": str(err).rsplit("'", 2)[-2]}
    except ValueError as err:
        return {"error": str(err), "argument": str(err).split(":", 1)[0]}
    return {"ok": {**d.to_dict(), "params_per_layer": d.params_per_layer}}


def js_as_python(answer: dict) -> dict:
    """The node answer with its exact decimal counts turned back into ints."""
    if "ok" not in answer:
        return answer
    ok = dict(answer["ok"])
    ok["params"] = int(ok["params"])
    ok["params_per_layer"] = [int(n) for n in ok["params_per_layer"]]
    return {"ok": ok}


# --------------------------------------------------------------------------
# Parity
# --------------------------------------------------------------------------


def test_calculator_matches_python_on_seeded_configurations():
    cases = configurations()
    answers = run_js([{"call": "describe", "framework": f, "cell": c, "cfg": cfg} for f, c, cfg in cases])
    assert len(answers) == len(cases) >= 1000
    valid = invalid = big = 0
    for (framework, cell, cfg), js in zip(cases, answers):
        py = python_answer(framework, cell, cfg)
        where = f"{CALCULATOR.name}: describe({framework!r}, {cell!r}, {cfg})"
        if "ok" in py:
            valid += 1
            big += py["ok"]["params"] > 2**53
            assert "ok" in js, f"{where}: JavaScript refused a valid configuration: {js.get('error')}"
            assert js_as_python(js) == py, f"{where}: JavaScript and Python disagree"
        else:
            invalid += 1
            assert "error" in js, f"{where}: JavaScript accepted what Python refuses ({py['error']})"
            assert js["argument"] == py["argument"], (
                f"{where}: JavaScript blames {js['argument']!r} ({js['error']}), "
                f"Python blames {py['argument']!r} ({py['error']})")
    # The seeded set must really exercise both sides and exact big counts.
    assert valid >= 900 and invalid >= 300 and big >= 5, (valid, invalid, big)


@pytest.mark.parametrize("framework,cell,cfg,argument", [
    ("keras", "lstm", dict(units=8, features=2, steps=3, batch=4, proj_size=4), "proj_size"),
    ("pytorch", "gru", dict(units=8, features=2, steps=3, batch=4, proj_size=4), "proj_size"),
    ("pytorch", "lstm", dict(units=8, features=2, steps=3, batch=4, proj_size=8), "proj_size"),
    ("pytorch", "gru", dict(units=8, features=2, steps=3, batch=4, reset_after=False), "reset_after"),
    ("keras", "lstm", dict(units=8, features=2, steps=3, batch=4, reset_after=False), "reset_after"),
    ("keras", "rnn", dict(units=0, features=2, steps=3, batch=4), "units"),
    ("keras", "rnn", dict(units=8, features=2.5, steps=3, batch=4), "features"),
    ("keras", "rnn", dict(units=8, features=2, steps=-3, batch=4), "steps"),
    ("keras", "rnn", dict(units=8, features=2, steps=3, batch=4, layers=0), "layers"),
    ("pytorch", "lstm", dict(units=8, features=2, steps=3, batch=4, bidirectional=True,
                             merge_mode="sum"), "merge_mode"),
    ("keras", "lstm", dict(units=8, features=2, steps=3, batch=4, merge_mode=None), "merge_mode"),
    ("keras", "lstm", dict(units=8, features=2, steps=3, batch=4, bidirectional=True,
                           merge_mode="max"), "merge_mode"),
    ("keras", "gru", dict(units=8, features=2, steps=3, batch=4, stateful="yes"), "stateful"),
    ("pytorch", "gru", dict(units=8, features=2, steps=3, batch=4, masked=1), "masked"),
])
def test_combinations_a_framework_lacks_are_refused_by_both(framework, cell, cfg, argument):
    [js] = run_js([{"call": "describe", "framework": framework, "cell": cell, "cfg": cfg}])
    assert js.get("argument") == argument, js
    assert python_answer(framework, cell, cfg)["argument"] == argument


# --------------------------------------------------------------------------
# What a reader types
# --------------------------------------------------------------------------

BAD_TEXT = ["", "   ", "0", "00", "-0", "-1", "-250", "1.5", "0.5", "2.000001", "1e7", "10000000",
            "12345678", "99999999999999999999999", "abc", "1,000", "NaN", "Infinity", "0x10",
            "1e-3", "--1", "4 4", "½"]


GOOD_TEXT = [("1", 1), (" 7 ", 7), ("9999999", 9_999_999), ("2.0", 2), ("+3", 3), ("1e3", 1000)]


@pytest.fixture(scope="module")
def parsed():
    """parseSize's answer for every text below, from one node run."""
    jobs = [(key, text) for key in ("units", "batch") for text in BAD_TEXT + [t for t, _ in GOOD_TEXT]]
    answers = run_js([{"call": "parseSize", "key": key, "text": text} for key, text in jobs])
    return dict(zip(jobs, answers))


@pytest.mark.parametrize("text", BAD_TEXT)
@pytest.mark.parametrize("key", ["units", "batch"])
def test_bad_sizes_are_refused_with_a_message(parsed, key, text):
    js = parsed[key, text]
    assert "ok" not in js, f"{key}={text!r} was accepted as {js.get('ok')}"
    assert js["argument"] == key and js["error"].startswith(f"{key}: ")
    assert "NaN" not in js["error"] or "NaN" in text


@pytest.mark.parametrize("text,value", GOOD_TEXT)
def test_good_sizes_are_read(parsed, text, value):
    assert parsed["units", text] == {"ok": value}


def test_proj_size_may_be_zero_but_layers_are_capped():
    jobs = [{"call": "parseSize", "key": "proj_size", "text": "0"},
            {"call": "parseSize", "key": "layers", "text": "100"},
            {"call": "parseSize", "key": "layers", "text": "101"},
            {"call": "parseSize", "key": "units", "text": "0"}]
    proj, layers_ok, layers_big, units = run_js(jobs)
    assert proj == {"ok": 0} and layers_ok == {"ok": 100}
    assert layers_big["argument"] == "layers" and "at most 100" in layers_big["error"]
    assert units["argument"] == "units"


@pytest.mark.parametrize("query,argument", [
    ("?framework=keras&cell=lstm&proj_size=5", "proj_size"),
    ("?framework=pytorch&cell=gru&reset_after=false", "reset_after"),
    ("?framework=pytorch&cell=rnn&proj_size=5", "proj_size"),
    ("?cell=transformer", "cell"),
    ("?framework=jax", "framework"),
    ("?bidirectional=maybe", "bidirectional"),
    ("?units=", "units"),
    ("?units=1.5", "units"),
    ("?batch=-2", "batch"),
    ("?steps=10000000", "steps"),
    ("?framework=pytorch&bidirectional=true&merge_mode=sum", "merge_mode"),
    ("?bidirectional=false&merge_mode=ave", "merge_mode"),
    ("?bidirectional=true&merge_mode=max", "merge_mode"),
    ("?stateful=perhaps", "stateful"),
    ("?masked=2", "masked"),
])
def test_a_link_with_bad_values_shows_errors_not_numbers(query, argument):
    [js] = run_js([{"call": "evaluate", "query": query}])
    assert "ok" not in js
    assert [e["argument"] for e in js["errors"]] == [argument]


def test_every_bad_field_is_reported_at_once():
    [js] = run_js([{"call": "evaluate", "query": "?units=0&batch=x&steps=&features=-1"}])
    assert sorted(e["argument"] for e in js["errors"]) == ["batch", "features", "steps", "units"]


def test_a_link_round_trips_and_starts_on_the_askers_model():
    query = ("?cell=gru&framework=keras&batch=7&steps=5&features=3&units=9&layers=2&proj_size=0"
             "&bidirectional=true&return_sequences=false&return_state=true&reset_after=false"
             "&merge_mode=none&stateful=true&masked=true")
    default, shared = run_js([{"call": "evaluate", "query": ""}, {"call": "evaluate", "query": query}])
    assert int(default["ok"]["params"]) == describe("keras", "lstm", units=100, features=1, steps=2, batch=32).params
    assert shared["query"] == query
    expected = describe("keras", "gru", units=9, features=3, steps=5, batch=7, layers=2, bidirectional=True,
                        return_state=True, reset_after=False, merge_mode=None, stateful=True,
                        masked=True).to_dict()
    assert [o["name"] for o in expected["outputs"]][:2] == ["output_forward", "output_backward"]
    assert len(expected["carried"]) == 4 and expected["mask"] == [{"name": "input_mask", "shape": [7, 5]}]
    got = js_as_python(shared)["ok"]
    assert got.pop("params_per_layer") == [int(n) for n in shared["ok"]["params_per_layer"]]
    assert got == expected


# --------------------------------------------------------------------------
# The code the page shows runs, and builds what the page says
# --------------------------------------------------------------------------

def code_cases(n: int = 24, seed: int = 6):
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        framework = ["keras", "pytorch"][i % 2]
        cell = ["rnn", "lstm", "gru"][i % 3]
        q = dict(framework=framework, cell=cell, batch=rng.randint(1, 3), steps=rng.randint(1, 4),
                 features=rng.randint(1, 5), units=rng.randint(2, 6), layers=rng.randint(1, 3),
                 bidirectional=str(rng.random() < 0.5).lower(),
                 return_sequences=str(rng.random() < 0.5).lower(),
                 return_state=str(rng.random() < 0.5).lower())
        if framework == "pytorch" and cell == "lstm" and rng.random() < 0.5:
            q["proj_size"] = rng.randint(1, q["units"] - 1)
        if framework == "keras" and cell == "gru" and rng.random() < 0.5:
            q["reset_after"] = "false"
        if framework == "keras" and q["bidirectional"] == "true":
            q["merge_mode"] = ["concat", "sum", "mul", "ave", "none"][i % 5]
        q["stateful"] = str(rng.random() < 0.4).lower()
        q["masked"] = str(rng.random() < 0.4).lower()
        cases.append("?" + "&".join(f"{k}={v}" for k, v in q.items()))
    return cases


@pytest.mark.framework
def test_shown_code_runs_and_builds_the_described_weights():
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    answers = run_js([{"call": "evaluate", "query": q} for q in code_cases()])
    for query, js in zip(code_cases(), answers):
        c, d = js["config"], js_as_python({"ok": {**js["ok"]}})["ok"]
        where = f"calculator{query}"
        for framework in ("keras", "pytorch"):
            text = js[framework]
            if text.startswith("#"):  # no equivalent in that framework, and it says so
                keras_bug = c["stateful"] and c["bidirectional"] and c["return_state"]
                assert (framework == "keras" and (c["proj_size"] or keras_bug)) or \
                    (framework == "pytorch" and not c["reset_after"]), where
                continue
            keras.backend.clear_session()
            scope: dict = {}
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(text, f"{where} ({framework} code)", "exec"), scope)
            if framework == "pytorch":
                layer = scope["layer"]
                params = sum(p.numel() for p in layer.parameters())
                if c["framework"] == "pytorch":
                    assert [(n, list(p.shape)) for n, p in layer.named_parameters()] == \
                        [(w["name"], w["shape"]) for w in d["weights"]], where
                    assert params == d["params"], where
                    got = [scope["output"], *(scope["h_n"], scope["c_n"])] if c["cell"] == "lstm" else [scope["output"], scope["h_n"]]
                    assert [list(t.shape) for t in got] == [o["shape"] for o in d["outputs"]], where
                else:  # the PyTorch lines that recover what Keras returns
                    got = js["kerasNames"]
                    assert [list(scope[n].shape) for n in got] == [o["shape"] for o in d["outputs"]], where
                if c["stateful"]:  # the state carried to the next call
                    carried = ["h_0", "c_0"] if c["cell"] == "lstm" else ["h_0"]
                    want = describe("pytorch", c["cell"], **{k: c[k] for k in (
                        "units", "features", "steps", "batch", "layers", "bidirectional", "proj_size")},
                        stateful=True).to_dict()["carried"]
                    assert [list(scope[n].shape) for n in carried] == [t["shape"] for t in want], where
            else:
                model = scope["model"]
                if c["framework"] == "keras":
                    assert [(w.path, list(w.shape)) for w in model.weights] == \
                        [(w["name"], w["shape"]) for w in d["weights"]], where
                    assert model.count_params() == d["params"], where
                    import numpy as np
                    outs = model(np.zeros((c["batch"], c["steps"], c["features"]), np.float32))
                    outs = outs if isinstance(outs, (list, tuple)) else [outs]
                    assert [list(o.shape) for o in outs] == [o["shape"] for o in d["outputs"]], where
                else:
                    torch_total = d["params"]
                    keras_total = describe("keras", c["cell"], **{k: c[k] for k in (
                        "units", "features", "steps", "batch", "layers", "bidirectional")},
                        reset_after=c["reset_after"]).params
                    assert model.count_params() == keras_total, where
                    assert torch_total >= keras_total


@pytest.mark.framework
def test_keras_still_fails_on_the_states_of_a_stateful_bidirectional_layer():
    """The calculator shows no Keras code for this case; when Keras fixes it, this test says so."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    inputs = keras.Input((3, 2), batch_size=2)
    with pytest.raises(TypeError):
        keras.layers.Bidirectional(keras.layers.LSTM(4, stateful=True, return_state=True))(inputs)
