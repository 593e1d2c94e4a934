"""Every snippet runs, the same way twice, and exports only simple values."""

from __future__ import annotations

from pathlib import Path

import pytest

from unrolled_site import snippets as runner

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))


def test_there_is_something_to_test():
    assert SNIPPETS, "no snippets found in snippets/"


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_every_snippet_runs_the_same_twice(path, tmp_path):
    """Runs as shown, and is seeded: two fresh runs print and draw the same bytes."""
    try:
        first = runner.run_snippet(path, ROOT, workdir=tmp_path / "a")
    except runner.SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
    second = runner.run_snippet(path, ROOT, workdir=tmp_path / "b")
    assert first.stdout == second.stdout, f"{first.path}: output differs between two runs"
    assert [f.svg for f in first.figures] == [f.svg for f in second.figures], f"{first.path}: figures differ"
    assert first.values == second.values


def test_a_snippet_exports_only_what_its_all_lists(tmp_path):
    snippet = tmp_path / "snippets" / "loop.py"
    snippet.parent.mkdir()
    snippet.write_text('__all__ = ["total"]\ntotal = 0\nfor step in range(3):\n    total += step\n')
    assert runner.run_snippet(snippet, tmp_path).values == {"total": 3}
    snippet.write_text("total = 3\n")
    assert runner.run_snippet(snippet, tmp_path).values == {}
    snippet.write_text('__all__ = ["total", "missing"]\ntotal = 3\n')
    with pytest.raises(runner.SnippetError, match=r"snippets/loop\.py: __all__ lists 'missing'"):
        runner.run_snippet(snippet, tmp_path)


def test_a_warning_from_the_snippet_or_our_package_fails_naming_where(tmp_path):
    """Nothing is silently dropped: a warning raised in the snippet, or in the project's
    own code under src/ while the snippet runs (a figure helper, say), names its file
    and line; a library's warning pointing into the library is the library's."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "helper_that_warns.py").write_text(
        "import warnings\n\ndef draw():\n    warnings.warn('The figure layout has changed to tight', UserWarning)\n")
    snippet = tmp_path / "snippets" / "plot.py"
    snippet.parent.mkdir()
    snippet.write_text(f"import sys\nsys.path.insert(0, {str(tmp_path / 'src')!r})\n"
                       "import helper_that_warns\nhelper_that_warns.draw()\n")
    with pytest.raises(runner.SnippetError, match=r"src/helper_that_warns\.py:4: UserWarning: The figure layout "
                                                  r"has changed to tight \(while running snippets/plot\.py\)"):
        runner.run_snippet(snippet, tmp_path)
    snippet.write_text("import warnings\nx = 1\nwarnings.warn('check this')\n")
    with pytest.raises(runner.SnippetError, match=r"snippets/plot\.py:3: UserWarning: check this$"):
        runner.run_snippet(snippet, tmp_path)
    snippet.write_text("import warnings\nwarnings.warn_explicit('old API', DeprecationWarning, '/elsewhere/lib.py', 7)\n")
    assert runner.run_snippet(snippet, tmp_path).stdout == ""
