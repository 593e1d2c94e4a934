"""The rule book (unrolled_site/rules.py) applied to the whole site: every page in the nav,
the data files pages render, and the text of every figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from unrolled_site import rules

NAV_PAGES = rules.nav_pages(ROOT / "mkdocs.yml")
SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_nav_is_read_from_mkdocs_yml(tmp_path):
    assert ROOT / "docs" / "index.md" in NAV_PAGES and ROOT / "docs" / "notebooks" / "experiments.py" in NAV_PAGES
    assert all(page.is_file() for page in NAV_PAGES), [rel(p) for p in NAV_PAGES if not p.is_file()]
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [X, "y"]\nnav:\n  - a.md\n  - Part:\n      - b/c.md\n      - T: d.md\n'
                      "  - Link: https://example.org/\n")
    assert rules.nav_pages(config) == [tmp_path / "docs" / n for n in ("a.md", "b/c.md", "d.md")]


def test_number_checker_catches_a_typed_number():
    assert rules.typed_numbers("The LSTM has 40,800 parameters.") == [(1, "40,800")]
    assert rules.typed_numbers('The LSTM has {{ value("q3_keras.py", "lstm_params", ",") }} parameters.') == []
    assert rules.typed_numbers("Hochreiter & Schmidhuber (1997) and `weight_ih_l0` of shape (D, 4H).") == []
    assert rules.typed_numbers("$h_{t-1}$, $H^2$ and $W^{256}$") == [(1, "256")]
    assert rules.typed_numbers("```python\nx = 1024\n```\nrnn_units = 1024") == [(4, "1024")]
    assert rules.typed_numbers('<p id="a1">It opens with 100 units.</p>') == [(1, "100")]
    assert rules.typed_numbers("Run `python -m unrolled shapes --units 100`.") == []


def test_notebook_prose_is_its_markdown_cells():
    text = "# %% [markdown]\n# Train 3 epochs.\n\n# %%\nx = 5\n"
    assert rules.typed_numbers(rules.prose_source_of_text(text)) == [(2, "3")]


@pytest.mark.parametrize("page", NAV_PAGES, ids=rel)
def test_no_number_is_typed_on_a_page(page):
    found = rules.typed_numbers(rules.prose_source(page))
    assert not found, "\n".join(
        f"{rel(page)}: line {line}: '{n}' is typed; insert it with {{{{ value(...) }}}} from a snippet"
        for line, n in found)


def test_no_number_is_typed_in_the_data_files():
    found = [(where, rules.typed_numbers(text)) for where, text in rules.data_texts(ROOT)]
    bad = [f"{where}: typed {[n for _, n in numbers]}" for where, numbers in found if numbers]
    assert not bad, "\n".join(bad)


def test_figure_text_checker_catches_a_typed_number(tmp_path):
    snippet = tmp_path / "fig.py"
    snippet.write_text('loss, seed = 0.5, 0\nALT = f"Loss {loss:.3f} after 300 epochs."\nCAPTION = f"Seed {seed}"\n')
    assert [text for _, text in rules.typed_in_figure_text(snippet)] == [" after 300 epochs."]


@pytest.mark.parametrize("path", SNIPPETS, ids=rel)
def test_figure_text_states_no_number_typed_by_hand(path):
    found = rules.typed_in_figure_text(path)
    assert not found, "\n".join(f"{rel(path)}:{line}: a number typed by hand in ALT or CAPTION: {text!r}"
                                for line, text in found)
