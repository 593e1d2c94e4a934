"""The experiments: stored results are fresh, figures exist with alt text,
and every notebook runs on its own."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from test_site import parse, pages

from unrolled import _reads
from unrolled.experiments import EXPERIMENTS, _store, fingerprint
from unrolled_site import notebook as notebook_downloads

PAGES = sorted((ROOT / "docs" / "experiments").glob("*.md"))
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.py"))

PARTS = [(path, name) for path in NOTEBOOKS
         for name in notebook_downloads.parts(path.read_text(encoding="utf-8"))]
FIGURE_SNIPPETS = sorted((ROOT / "snippets").glob("fig_*.py"))
EXPECTED_PAGES = {"index", "unrolled-picture", "state-traces", "how-many-units", "relu-vs-tanh",
                  "gradients-through-time", "cost-of-units", "q2-characters", "state-across-batches"}


def _ids(paths):
    return [p.name for p in paths]


# --- stored results ------------------------------------------------------------------


@pytest.mark.parametrize("name", EXPERIMENTS)
def test_stored_result_is_fresh(name):
    """The stored result was made by the current code and parameters (else: `make figures`)."""
    module = importlib.import_module(f"unrolled.experiments.{name}")
    stored = _store.stored_fingerprint(module.NAME)
    assert stored is not None, f"data/experiments/{name}.json is missing: run `make figures`"
    assert stored == fingerprint(module), (
        f"data/experiments/{name}.json is stale: its code, an unrolled module it imports, its "
        f"data or its parameters changed; run `make figures`")
    _store.load(module)  # and the arrays it lists can be read


def test_fingerprint_follows_imports_and_ignores_drawing():
    files = {p.name for p in _store.sources("unrolled.experiments.traces")}
    assert {"traces.py", "q3.py", "train.py", "layers.py", "cells.py", "_checks.py"} <= files
    assert {"bench.py", "shapes.py", "layers.py"} <= {p.name for p in _store.sources("unrolled.experiments.cost")}
    code = _reads.code((_store.PACKAGE / "experiments" / "traces.py").read_text(), without_plots=True).decode()
    assert "name='compute'" in code and "name='plot_" not in code


def test_what_plot_functions_import_is_not_followed(tmp_path, monkeypatch):
    # a plot function's imports only draw; a module-level import is followed
    src = _store.PACKAGE / "experiments" / "cost.py"
    modules = _reads.layout()
    text = src.read_text(encoding="utf-8")
    assert "unrolled.experiments._ticks" not in _reads._imports_of(str(src), text, modules, True)
    assert "from ._ticks import plain_log_ticks" in text  # the case this test is about
    moved = text.replace("import numpy as np\n", "import numpy as np\n\nfrom ._ticks import plain_log_ticks\n", 1)
    assert "unrolled.experiments._ticks" in _reads._imports_of(str(src), moved, modules, True)


# A small module with what changed between Python 3.11 and 3.13 in `ast.dump`: fields
# left empty (type_params, keywords, decorators), constants, f-strings, a class.
FIXTURE_MODULE = '''"""A docstring that does not count."""
import numpy as np

from .cells import rnn_step  # a comment that does not count


class Scale:
    """Neither does this one."""

    def __init__(self, k: float = 0.5):
        self.k = k

    def __call__(self, x):
        return np.tanh(self.k * x), f"{self.k!r:>8}", [1, 2.5, None, ...]


def plot_it(ax):
    ax.plot([0, 1])
'''
# Digests of FIXTURE_MODULE by _reads.code, checked on Python 3.11, 3.12 and 3.13:
# a fingerprint must not change with the interpreter.
FIXTURE_DIGESTS = {
    False: "e2cb23365e39fed242dc0b826021750478b048783eb1c12560e67d60a4024694",
    True: "420f31b78ec9ecabc9c196bad6042e8302d2ab996b5fcbca3fac6389009b0dcf",
}


@pytest.mark.parametrize("without_plots", [False, True])
def test_code_digest_is_the_same_on_every_python_version(without_plots):
    import hashlib

    assert hashlib.sha256(_reads.code(FIXTURE_MODULE, without_plots)).hexdigest() == FIXTURE_DIGESTS[without_plots], (
        f"_reads.code of the fixture module changed on Python {sys.version.split()[0]}: "
        "stored fingerprints would all look stale")


@pytest.mark.parametrize("label, text", [
    (r"$\mathdefault{10^{-62}}$", "10⁻⁶²"),
    (r"$\mathdefault{2\times10^{1}}$", "2×10¹"),
    (r"$\mathdefault{2^{10}}$", "2¹⁰"),
    ("", ""),
    (r"$\mathdefault{\sqrt{2}}$", r"$\mathdefault{\sqrt{2}}$"),  # not a power: left to mathtext
])
def test_log_tick_labels_become_plain_text(label, text):
    from unrolled.experiments._ticks import unicode_label

    assert unicode_label(label) == text


def test_log_axes_keep_matplotlibs_ticks_without_mathtext():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from unrolled.experiments._ticks import plain_log_ticks, unicode_label

    def labels(fig):
        fig.canvas.draw()
        ax = fig.axes[0]
        return [[t.get_text() for t in axis.get_ticklabels(which="both")] for axis in (ax.xaxis, ax.yaxis)]

    def draw():
        fig, ax = plt.subplots()
        ax.loglog([1, 20, 300], [1e-40, 1e-3, 5])
        ax.set_xscale("log", base=2)
        return fig

    before = labels(draw())
    after = labels(plain_log_ticks(draw()))
    plt.close("all")
    assert any("$" in t for axis in before for t in axis)
    assert after == [[unicode_label(t) for t in axis] for axis in before]
    assert not any("$" in t for axis in after for t in axis)


def test_fingerprint_ignores_comments_and_docstrings_but_not_code(tmp_path, monkeypatch):
    original = _store.PACKAGE / "cells.py"
    text = original.read_text(encoding="utf-8")
    copy = tmp_path / "cells.py"
    copy.write_text('"""Another docstring."""\n# a comment\n' + text.split('"""', 2)[2], encoding="utf-8")
    assert _reads.code(copy.read_text()) == _reads.code(original.read_text())
    copy.write_text(text.replace("0.5 * tanh", "0.25 * tanh", 1).replace("a, 0.5, out", "a, 0.25, out", 1),
                    encoding="utf-8")
    assert _reads.code(copy.read_text()) != _reads.code(original.read_text())


def test_fingerprint_changes_with_parameters(monkeypatch):
    from unrolled.experiments import traces

    before = fingerprint(traces)
    monkeypatch.setattr(traces, "PARAMS", {**traces.PARAMS, "epochs": traces.PARAMS["epochs"] + 1})
    assert fingerprint(traces) != before


def test_a_stale_result_is_refused(monkeypatch):
    from unrolled.experiments import traces

    monkeypatch.setattr(traces, "PARAMS", {**traces.PARAMS, "seed": traces.PARAMS["seed"] + 1})
    with pytest.raises(_store.StaleResult, match="make figures"):
        _store.load(traces)
    with pytest.warns(_store.StaleWarning, match="make figures"):
        assert not _store.load(traces, strict=False).fresh


def test_stored_arrays_are_written_byte_for_byte_the_same(tmp_path):
    arrays = {"a": np.arange(6.0).reshape(2, 3), "b": np.ones(3, np.float16)}
    _store._write_npz(tmp_path / "one.npz", arrays)
    _store._write_npz(tmp_path / "two.npz", arrays)
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    with np.load(tmp_path / "one.npz") as npz:
        assert np.array_equal(npz["a"], arrays["a"])


def test_timings_say_which_machine_measured_them():
    record = json.loads((_store.DATA / "cost.json").read_text())
    assert {"cpu", "cores", "numpy"} <= set(record["machine"])


# --- pages, figures and captions ----------------------------------------------------------


def test_every_experiment_page_exists_with_its_notebook():
    assert {p.stem for p in PAGES} == EXPECTED_PAGES
    assert {name for _, name in PARTS} == EXPECTED_PAGES - {"index"}, "one notebook part per experiment page"


@pytest.mark.parametrize("name", EXPERIMENTS)
def test_every_experiment_is_drawn_by_a_snippet_and_a_notebook(name):
    call = f'get("{name}"'
    assert any(call in p.read_text() for p in FIGURE_SNIPPETS), f"no snippets/fig_*.py loads {name}"
    assert any(call in p.read_text() for p in NOTEBOOKS), f"no docs/notebooks/*.py loads {name}"


def _experiment_pages(site: Path) -> list[Path]:
    return [p for p in pages(site) if p.relative_to(site).parts[0] in {"experiments", "notebooks"}]


def test_every_figure_a_page_refers_to_exists_and_has_alt_text(built_site):
    problems, seen = [], 0
    for page in _experiment_pages(built_site):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r"<img\b[^>]*>", html):
            tag = match.group(0)
            src = re.search(r'src="([^"]+)"', tag)
            alt = re.search(r'alt="([^"]*)"', tag)
            if src is None or src.group(1).startswith("data:"):
                continue
            seen += 1
            target = (page.parent / src.group(1)).resolve()
            if not target.is_file():
                problems.append(f"{page.relative_to(built_site)}: {src.group(1)} does not exist")
            if alt is None or len(alt.group(1).strip()) < 20:
                problems.append(f"{page.relative_to(built_site)}: {src.group(1)} has no real alt text")
    for source in PAGES:
        wanted = len(re.findall(r'\{\{\s*figure\(', source.read_text(encoding="utf-8")))
        built = built_site / "experiments" / ("" if source.stem == "index" else source.stem) / "index.html"
        got = len(re.findall(r'<img\b[^>]*src="[^"]*assets/figures/', built.read_text(encoding="utf-8")))
        if got < wanted:
            problems.append(f"{source.relative_to(ROOT)}: asks for {wanted} figures, the page shows {got}")
    assert seen, "no figures found on the experiment pages"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_every_notebook_and_part_can_be_downloaded_as_ipynb_and_py(built_site, path):
    folder = built_site / "notebooks" / path.stem
    assert (folder / f"{path.stem}.py").read_bytes() == path.read_bytes()
    links = set(parse(folder / "index.html").links)
    names = [path.stem] + [name for p, name in PARTS if p == path]
    for name in names:
        notebook = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
        code = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
        assert "from unrolled.experiments import" in code and 'get("' in code, f"{name}.ipynb"
        assert (folder / f"{name}.py").is_file()
        assert {f"{name}.ipynb", f"{name}.py"} <= links, f"the notebook page does not link {name}'s downloads"


def test_generated_notebooks_are_the_same_bytes_every_time():
    for path in NOTEBOOKS:
        source = path.read_text(encoding="utf-8")
        assert notebook_downloads.ipynb_text(source) == notebook_downloads.ipynb_text(source)


# --- notebooks run on their own ------------------------------------------------------------

RUN_ALONE = """
import runpy, sys
runpy.run_path(sys.argv[1], run_name="__main__")
heavy = sorted(m for m in ("torch", "keras", "tensorflow") if m in sys.modules)
assert not heavy, f"the notebook imported {heavy}; notebooks need only numpy, matplotlib and unrolled"
"""


@pytest.mark.parametrize("path,name", PARTS, ids=[name for _, name in PARTS])
def test_every_notebook_part_runs_on_its_own(path, name, tmp_path):
    """Each downloadable part, as a plain script outside the build, imports no framework.

    (The whole notebook is executed by the strict build, which stops on any error.)
    """
    script = tmp_path / f"{name}.py"
    script.write_text(notebook_downloads._py(notebook_downloads.parts(path.read_text(encoding="utf-8"))[name]))
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-c", RUN_ALONE, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"part {name} of {path.relative_to(ROOT)} failed:\n{proc.stdout}\n{proc.stderr}"
