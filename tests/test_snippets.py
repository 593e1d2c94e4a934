"""Every snippet and every Python block on a page runs, and shows what it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
import snippet_runner as runner

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = runner.all_snippets()
PAGES = sorted((ROOT / "docs").rglob("*.md"))
BLOCKS = [b for page in PAGES for b in runner.python_blocks(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix())]


def test_there_is_something_to_test():
    assert SNIPPETS, "no snippets found in snippets/"
    assert BLOCKS, "no python code blocks found in docs/"


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.relative_to(runner.SNIPPETS).as_posix() for p in SNIPPETS])
def test_every_snippet_runs_the_same_twice(path, tmp_path):
    """Runs as shown, and is seeded: two fresh runs print and draw the same bytes."""
    try:
        first = runner.run_snippet(path, workdir=tmp_path / "a")
    except runner.SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
    second = runner.run_snippet(path, workdir=tmp_path / "b")
    assert first.stdout == second.stdout, f"{first.path}: output differs between two runs"
    assert [f.svg for f in first.figures] == [f.svg for f in second.figures], f"{first.path}: figures differ"
    assert first.values == second.values


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_every_docs_code_block_runs_and_prints_what_it_states(block, tmp_path):
    try:
        runner.check_block(block, tmp_path)
    except runner.SnippetError as exc:
        pytest.fail(str(exc), pytrace=False)
