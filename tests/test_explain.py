"""Explain a model: right against the frameworks, and the page equals the package.

Every fixture is printed at test time by Keras 3 (KERAS_BACKEND=torch) or
PyTorch (tests/explain_fixtures.py); the Keras 2 layouts, which cannot be
printed here, are files whose layers are built again in Keras 3 or PyTorch.
Each is explained by ``unrolled.explain`` and by
docs/assets/javascripts/explain.js under node: the two answers must be equal,
and the counts, units and input widths must be the frameworks' own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

import explain_fixtures as F
from unrolled.explain import FORMATS, NO_MODEL, explain

EXPLAIN_JS = ROOT / "docs" / "assets" / "javascripts" / "explain.js"
NODE = shutil.which("node")

# Reads a JSON list of texts on stdin; prints one answer per text.
HARNESS = r"""
const ex = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const answers = JSON.parse(input).map((text) => {
    try {
      return { ok: ex.explain(text) };
    } catch (e) {
      if (e.name !== "ExplainError") return { crash: String(e && e.stack || e) };
      return { error: e.message };
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
"""


def run_js(texts: list[str]) -> list[dict]:
    """explain.js's answer for each text, run under node."""
    if NODE is None:
        pytest.skip("node is not installed; the page's JavaScript cannot run")
    proc = subprocess.run([NODE, "-e", HARNESS, str(EXPLAIN_JS)], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"{EXPLAIN_JS}: node failed:\n{proc.stderr}"
    answers = json.loads(proc.stdout)
    crashes = [a["crash"] for a in answers if "crash" in a]
    assert not crashes, f"{EXPLAIN_JS}: threw something other than an ExplainError:\n{crashes[0]}"
    return answers


def run_py(text: str) -> dict:
    try:
        return {"ok": json.loads(json.dumps(explain(text)))}
    except ValueError as err:
        return {"error": str(err)}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Every fixture, printed now by the framework that built it."""
    pytest.importorskip("keras")
    pytest.importorskip("torch")
    return F.all_texts()


@pytest.fixture(scope="module")
def answers(texts) -> dict[str, tuple[dict, dict]]:
    """(Python, JavaScript) answer for every fixture."""
    js = run_js(list(texts.values()))
    return {name: (run_py(text), j) for (name, text), j in zip(texts.items(), js)}


ALL = [*F.KERAS3, *F.TORCH, *F.KERAS2_FILES]


# --------------------------------------------------------------------------
# The page's JavaScript equals the package on every fixture
# --------------------------------------------------------------------------


@pytest.mark.framework
@pytest.mark.parametrize("name", ALL)
def test_page_and_package_give_the_same_explanation(answers, name):
    py, js = answers[name]
    assert "ok" in py, f"{name}: the package found no model: {py.get('error')}"
    if py != js:
        for a, b in zip(py["ok"]["layers"], js.get("ok", {}).get("layers", [])):
            diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            assert not diff, f"{name}, layer {a['name']}: package vs page {diff}"
    assert py == js, f"{name}: the package and the page disagree"


# --------------------------------------------------------------------------
# Right against the frameworks
# --------------------------------------------------------------------------

# Layers whose layout the summary cannot settle: nothing printed before them
# gives their input width, and more than one layout gives their count.
UNDECIDED = {
    ("keras_bidirectional", "bidirectional"),
    ("keras_bidirectional_sum", "bidirectional"),
    ("keras_gru_alone", "gru"),
}
# Layers whose output width is not printed ("multiple") and whose neighbours do not settle it.
UNREADABLE: set = set()


@pytest.mark.framework
@pytest.mark.parametrize("name", ALL)
def test_counts_units_and_widths_are_the_frameworks(answers, name):
    result = answers[name][0]["ok"]
    expected = F.expected(name)
    got = result["layers"]
    assert [g["name"] for g in got] == [e["name"] for e in expected], name
    for g, e in zip(got, expected):
        where = f"{name}, layer {g['name']}"
        if g["params"] is not None:
            assert g["params"] == e["params"], where
        else:
            assert e.get("known") is False, f"{where}: a count it could compute was left out"
        if e["cell"] is None:
            assert g["kind"] not in ("rnn", "lstm", "gru", "recurrent"), where
            continue
        if (name, g["name"]) in UNREADABLE:
            assert g["units"] is None and g["features"] is None and "not printed" in g["note"], where
            continue
        if (name, g["name"]) in UNDECIDED:
            assert g["features"] is None and len(g["readings"]) > 1, where
            truth = [r for r in g["readings"] if r["cell"] == e["cell"] and r["features"] == e["features"]
                     and r["units"] == e["units"]
                     and (e.get("reset_after") is None or r["reset_after"] == e["reset_after"])]
            assert len(truth) == 1, f"{where}: the real layout is not among the readings {g['readings']}"
            continue
        assert (g["cell"], g["units"], g["features"]) == (e["cell"], e["units"], e["features"]), where
        if e.get("reset_after") is not None and g["readings"]:
            assert g["reset_after"] == e["reset_after"], where
    counted = sum(e["params"] for e in expected if e.get("known", True))
    assert result["total"] == counted, name
    if result["printed_total"] is not None:
        assert result["printed_total"] == result["total"], name
    assert result["skipped"] == [], f"{name}: rows left unread: {result['skipped']}"


@pytest.mark.framework
def test_a_gru_count_has_two_readings_and_the_previous_width_picks_one(answers):
    gru = next(g for g in answers["keras_tutorial"][0]["ok"]["layers"] if g["name"] == "gru")
    assert [(r["reset_after"], r["features"]) for r in gru["readings"]] == [(True, 256), (False, 257)]
    assert gru["decided_by"] == "previous layer" and gru["chosen"] == 1
    assert gru["formula"] == ["3 × 1,024 × (256 + 1,024 + 2) = 3,938,304"]
    alone = next(g for g in answers["keras_gru_alone"][0]["ok"]["layers"] if g["name"] == "gru")
    assert alone["units"] == 4 and alone["features"] is None and alone["cell"] == "gru"
    assert sorted(r["reset_after"] for r in alone["readings"]) == [False, True]


@pytest.mark.framework
def test_the_tutorials_summary_without_shapes_is_solved_from_its_counts(answers):
    """TensorFlow's text-generation tutorial prints "multiple" for every shape; the counts settle them."""
    emb, gru, dense = answers["keras2_tutorial_multiple.txt"][0]["ok"]["layers"]
    assert gru["decided_by"] == "neighbour counts" and "only H" in gru["note"]
    assert (emb["features"], gru["features"], gru["units"], gru["reset_after"]) == (66, 256, 1024, True)
    assert dense["weights"][0]["shape"] == [1024, 66]
    # With the embedding's count changed, no width fits and none is made up.
    text = F.keras2_text("keras2_tutorial_multiple.txt").replace("16896", "16897")
    py = run_py(text)
    assert py == run_js([text])[0]
    gru = py["ok"]["layers"][1]
    assert gru["units"] is None and gru["features"] is None and "count taken as printed" in gru["note"]


@pytest.mark.framework
def test_the_q3_model_reads_as_the_issue_states(answers):
    lstm = answers["keras_q3"][0]["ok"]["layers"][0]
    assert lstm["formula"] == ["4 × 100 × (1 + 100 + 1) = 40,800"]
    assert [(w["name"], w["shape"]) for w in lstm["weights"]] == \
        [("kernel", [1, 400]), ("recurrent_kernel", [100, 400]), ("bias", [400])]


@pytest.mark.framework
def test_the_pages_example_is_what_keras_prints():
    """The text the page opens on is Keras 3's own summary of the Q3 model."""
    pytest.importorskip("keras")
    shown = (ROOT / "data" / "explain_example.txt").read_text(encoding="utf-8")
    assert shown.rstrip("\n") == F.keras_summary(F.keras_q3(), line_length=80).rstrip("\n")
    # The same sizes as the Q3 snippet the page's introduction quotes.
    scope: dict = {}
    sizes = re.search(r"^T, D, H = .*$", (ROOT / "snippets" / "q3_keras.py").read_text(encoding="utf-8"), re.M)
    exec(sizes[0], scope)
    lstm = F.keras_q3().layers[0]
    assert (lstm.units, lstm.input.shape[1], lstm.input.shape[2]) == (scope["H"], scope["T"], scope["D"])


# --------------------------------------------------------------------------
# What a framework prints that the rules must still read
# --------------------------------------------------------------------------


@pytest.mark.framework
def test_a_summary_with_unreadable_rows_explains_the_rest_and_lists_them(texts):
    lines = texts["keras_stacked"].split("\n")
    at = next(i for i, line in enumerate(lines) if "lstm_1 (LSTM)" in line)
    garbled = lines[at].replace("lstm_1 (LSTM)", "lstm_1 LSTM ??")
    text = "\n".join(lines[:at] + [garbled] + lines[at + 1:])
    py = run_py(text)
    [js] = run_js([text])
    assert py == js
    got = py["ok"]
    assert [g["name"] for g in got["layers"]] == ["lstm", "simple_rnn", "dense"]
    assert len(got["skipped"]) == 1 and "lstm_1 LSTM ??" in got["skipped"][0]
    # The layer after the skipped row has no previous width to lean on: its D comes from its count.
    assert got["layers"][1]["previous_width"] is None and got["layers"][1]["features"] == 16


@pytest.mark.framework
def test_a_count_no_layout_gives_is_said_so(texts):
    text = texts["keras_q3"].replace("40,800", "40,801")
    py = run_py(text)
    assert py == run_js([text])[0]
    lstm = py["ok"]["layers"][0]
    assert lstm["readings"] == [] and lstm["features"] is None and "custom layer" in lstm["note"]


def test_pasted_from_code_comments_it_still_reads():
    text = "\n".join("# " + line for line in F.keras2_text("keras2_underscores.txt").split("\n")
                     if not line.startswith("#"))
    py = run_py(text)
    assert py == run_js([text])[0]
    assert [g["kind"] for g in py["ok"]["layers"]] == ["embedding", "lstm", "gru", "time_distributed"]


BAD = ["", "   \n\n", "hello", "Layer (type) Output Shape Param #\n====\n", "Model: \"x\"\n",
       "nn.Linear", "LSTM(ten, 20)", "def f(x):\n    return x\n", "{\"layers\": []}"]


@pytest.mark.parametrize("text", BAD)
def test_text_holding_no_model_gets_one_message_naming_the_formats(text):
    py = run_py(text)
    [js] = run_js([text])
    assert py == js == {"error": NO_MODEL}
    assert all(f in NO_MODEL for f in FORMATS) and NO_MODEL.startswith("text: ")


def test_a_non_string_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match=r"^text: "):
        explain(None)


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "unrolled", "explain", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_cli_reads_a_file_or_standard_input_and_prints_json(tmp_path):
    text = F.keras2_text("keras2_blank_lines.txt")
    path = tmp_path / "summary.txt"
    path.write_text(text, encoding="utf-8")
    from_file = cli(str(path), "--json")
    from_stdin = cli("--json", stdin=text)
    from_dash = cli("-", "--json", stdin=text)
    for proc in (from_file, from_stdin, from_dash):
        assert proc.returncode == 0 and proc.stderr == ""
        assert json.loads(proc.stdout) == explain(text)
    data = json.loads(from_file.stdout)
    assert set(data) >= {"layers", "total"}
    assert all(set(layer) >= {"name", "kind", "params", "units", "features"} for layer in data["layers"])
    plain = cli(str(path))
    assert plain.returncode == 0
    assert "4 × 50 × (3 + 50 + 1) = 10,800" in plain.stdout
    assert "total: 19,861 parameters (equals the printed total 19,861)" in plain.stdout


@pytest.mark.parametrize("args,stdin,needle", [
    ((), "no model here", "text: no model found"),
    (("-",), "", "text: no model found"),
    (("does-not-exist.txt",), None, "FILE: cannot read 'does-not-exist.txt'"),
])
def test_cli_bad_input_is_one_line_on_stderr_and_a_non_zero_exit(args, stdin, needle, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "unrolled", "explain", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and needle in proc.stderr
