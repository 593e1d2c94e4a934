"""What the build relies on inside Material, mkdocs-jupyter, nbconvert and nbformat
(unrolled_site/internals.py): each test fails when an upgrade changes it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import markdown
import pytest

from unrolled_site import internals


def test_materials_copy_label_is_read_from_its_language_partial():
    from mkdocs.config import load_config
    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    label = internals.copy_label(config)
    assert label and "{" not in label and "clipboard" in label.lower()


def highlighted(source: str) -> str:
    """A fenced block as the site's Markdown extensions render it."""
    return markdown.markdown(source, extensions=["pymdownx.highlight", "pymdownx.superfences", "attr_list"],
                             extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}})


def test_code_blocks_finds_every_block_the_highlighter_writes():
    page = highlighted('```python\nW_xh = 1\n```\n\n``` { .python title="snippets/x.py" }\nx = W_xh\n```\n\n'
                       '``` { .text .no-copy title="Output" }\n3\n```\n')
    assert len(internals.CODE_BLOCK.findall(page)) == 3, page
    done = internals.code_blocks(page, "Copy to clipboard")
    assert done.count('data-md-type="copy"') == 2  # outputs get no button
    assert 'data-clipboard-target="pre[data-code=\'2\'] > code"' in done
    assert '<span class="n">' not in done and "W_xh" in done


def test_the_theme_script_is_where_defer_theme_script_looks_for_it():
    import material

    templates = Path(material.__file__).parent / "templates"
    (bundle,) = (templates / "assets" / "javascripts").glob("bundle.*.min.js")
    base = (templates / "base.html").read_text(encoding="utf-8")
    assert f"<script src=\"{{{{ 'assets/javascripts/{bundle.name}' | url }}}}\"></script>" in base
    page = f'<body><script src="../assets/javascripts/{bundle.name}"></script></body>'
    assert internals.defer_theme_script(page, "x.md") == page.replace("></script>", " defer></script>")


def test_mkdocs_jupyters_private_functions_keep_their_signatures():
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jp

    assert list(inspect.signature(jp._compute_cache_key).parameters) == ["nb_path", "config", "exec_nb"]
    assert list(inspect.signature(jp._get_cache_path).parameters) == ["cache_dir", "cache_key"]
    assert list(inspect.signature(jp._get_nb_toc_tokens).parameters) == ["fpath", "toc_depth"]
    assert set(internals.OPTIONS) <= set(inspect.signature(convert.nb2html).parameters)
    options = {name for name, _ in jp.Plugin.config_scheme}
    assert set(internals.OPTIONS) - {"highlight_extra_classes"} <= options
    assert {"cache", "cache_dir", "execute", "execute_ignore", "toc_depth", "allow_errors"} <= options


def test_nbconvert_still_writes_the_placeholder_alt_text():
    from nbconvert.exporters import html

    placeholder = re.search(r'alt="([^"]*)"', internals.NO_ALT)[1]
    assert placeholder in inspect.getsource(html)


def test_counted_cell_ids_replace_nbformats_random_ones(monkeypatch):
    import jupytext
    from nbformat.v4 import nbbase

    # restored after the test
    monkeypatch.setattr(nbbase, "random_cell_id", nbbase.random_cell_id)
    monkeypatch.setattr(jupytext, "read", jupytext.read)
    monkeypatch.setattr(jupytext, "reads", jupytext.reads)
    internals.number_cell_ids()
    text = "# %% [markdown]\n# A title\n\n# %%\nx = 1\n"
    first = [c.id for c in jupytext.reads(text, fmt="py:percent").cells]
    again = [c.id for c in jupytext.reads(text, fmt="py:percent").cells]
    assert first == again == ["cell-0", "cell-1"], "every read numbers its cells from cell-0"


def search_page(text: str, boost: float = 2):
    """A page as Material's search plugin reads it: HTML, address, title, metadata, contents."""
    from types import SimpleNamespace

    from mkdocs.structure.toc import AnchorLink

    shapes = AnchorLink("Shapes", "shapes", 2)
    return SimpleNamespace(
        content=f'<h1 id="q9">Q9</h1><p>{text}</p><h2 id="shapes">Shapes</h2><p>batch_input_shape (B, T, D)</p>',
        url="questions/q9/", title="Q9", meta={"search": {"boost": boost}, "tags": ["shapes"]},
        toc=[AnchorLink("Q9", "q9", 1)] + [shapes])


def test_search_entries_from_the_cache_are_the_ones_materials_search_makes(tmp_path):
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from unrolled_site.cache import Cache

    def index_with_cache():
        index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
        config = SimpleNamespace(plugins={"material/search": SimpleNamespace(search_index=index)})
        internals.cache_search_entries(config, Cache(tmp_path / "cache", tmp_path))
        return index

    plain = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    plain.add_entry_from_context(search_page("expected ndim=3, found ndim=2"))
    assert len(plain.entries) == 2 and plain.entries[1]["location"] == "questions/q9/#shapes"
    first, again = index_with_cache(), index_with_cache()
    first.add_entry_from_context(search_page("expected ndim=3, found ndim=2"))  # made, then stored
    again.add_entry_from_context(search_page("expected ndim=3, found ndim=2"))  # read from the cache
    assert first.entries == again.entries == plain.entries
    assert len(list((tmp_path / "cache" / "search").iterdir())) == 1
    edited, boosted = index_with_cache(), index_with_cache()
    edited.add_entry_from_context(search_page("expected ndim=3, found ndim=4"))
    boosted.add_entry_from_context(search_page("expected ndim=3, found ndim=2", boost=5))
    assert "ndim=4" in edited.entries[0]["text"], "an edited page is a cache miss"
    assert boosted.entries[0]["boost"] == 5, "changed front matter is a cache miss"


def test_remembered_code_blocks_are_highlighted_as_the_extension_does(monkeypatch):
    from pymdownx.highlight import Highlight

    monkeypatch.setattr(Highlight, "highlight", Highlight.highlight)  # restored after the test
    monkeypatch.setattr(internals, "_highlighted", {})
    page = ('```python\nW_xh = rng.normal(size=(D, H))  # (D, H)\n```\n\n'
            '``` { .python title="snippets/x.py" hl_lines="1" }\nh = np.tanh(x @ W_xh)\n```\n\nand `inline` code\n')
    plain = highlighted(page)
    internals.remember_highlighted()
    assert Highlight.highlight.remembers
    assert highlighted(page) == plain  # highlighted, then remembered
    assert highlighted(page) == plain  # from memory
    assert len(internals._highlighted) == 2, "each block once; inline code is left to the extension"
    edited = highlighted(page.replace("np.tanh", "np.sin"))
    assert "sin" in edited and "tanh" not in edited, "an edited block is highlighted again"
    other = markdown.markdown(page, extensions=["pymdownx.highlight", "pymdownx.superfences", "attr_list"])
    assert 'class="language-python' not in other and 'class="language-python' in plain, \
        "another configuration of the extension is another key"
