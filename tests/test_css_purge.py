"""unrolled_site/css_purge.py: the notebook page keeps only the Jupyter CSS it can use."""

from __future__ import annotations

import re

from unrolled_site import css_purge

PAGE = '<div class="jupyter-wrapper"><div class="jp-Cell jp-CodeCell"><pre class="x">1</pre></div></div>'


def test_keeps_rules_for_classes_on_the_page_and_drops_the_rest():
    css = ".jp-Cell{color:red}.jp-Widget{color:blue}.jp-Cell .absent,.jp-CodeCell pre{margin:0}"
    assert css_purge.purge(css, css_purge.page_classes(PAGE)) == ".jp-Cell{color:red}\n.jp-CodeCell pre{margin:0}"


def test_is_conservative_where_it_cannot_be_sure():
    classes = css_purge.page_classes(PAGE)
    kept = [
        ".jp-Cell:not(.jp-mod-hidden){display:block}",  # a class inside :not() is not required
        '[data-md-color-scheme="slate"] .jupyter-wrapper{--jp-ui-font-color0:#fff}',
        ".jp-Cell\\:hover{color:red}",  # escapes: kept as they are
        "pre{line-height:125%}",
        '@font-face{font-family:"X";src:url(x.woff2)}',
        "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}",
    ]
    for rule in kept:
        assert css_purge.purge(rule, classes) == rule


def test_purges_inside_media_blocks_and_drops_empty_ones():
    classes = css_purge.page_classes(PAGE)
    css = "@media (max-width:600px){.jp-Cell{padding:0}.jp-Other{padding:1px}}@media print{.jp-Other{x:y}}"
    assert css_purge.purge(css, classes) == "@media (max-width:600px){.jp-Cell{padding:0}}"


def test_drops_selectors_that_can_never_match():
    classes = css_purge.page_classes(PAGE)
    css = ".jupyter-wrapper :root{--jp-icon:url(a.svg)}.jupyter-wrapper body{margin:0}.jupyter-wrapper{--x:1}"
    assert css_purge.purge(css, classes) == ".jupyter-wrapper{--x:1}"


def test_braces_in_strings_and_comments_do_not_confuse_it():
    classes = css_purge.page_classes(PAGE)
    css = '/* a { comment } */.jp-Cell::after{content:"}{"}.jp-Gone{content:"{"}'
    assert css_purge.purge(css, classes) == '.jp-Cell::after{content:"}{"}'


def test_unused_custom_properties_go_and_used_ones_stay_across_sheets():
    a = ".w{--used:1px;--chain:var(--used);--unused:2px;--icon:url(data:image/svg+xml;base64,AA==)}"
    b = ".x{margin:var(--chain)}@media print{.y{padding:var(--in-media)}}.w{--in-media:0}"
    assert css_purge.drop_unused_variables([a, b]) == [
        ".w{--used:1px;--chain:var(--used)}",
        ".x{margin:var(--chain)}\n@media print{.y{padding:var(--in-media)}}\n.w{--in-media:0}"]
    only_html = ".w{--only-html:0}"
    assert css_purge.drop_unused_variables([only_html]) == [".w{}"]
    assert css_purge.drop_unused_variables([only_html], '<p style="margin:var(--only-html)">') == [only_html]


def test_the_notebook_page_ships_a_small_stylesheet_it_uses(built_site):
    page = built_site / "notebooks" / "experiments" / "index.html"
    html = page.read_text(encoding="utf-8")
    classes = css_purge.page_classes(html)
    sheets = re.findall(r'href="([^"]*jupyter-[0-9a-f]+\.css)"', html)
    assert sheets, "the notebook page links no Jupyter stylesheet"
    for href in sheets:
        css = (page.parent / href).resolve().read_text(encoding="utf-8")
        assert len(css) < 100_000, f"{href}: {len(css)} bytes; JupyterLab's whole sheet is about 580,000"
        assert css.count("{") == css.count("}")
        assert css_purge.purge(css, classes) == css  # nothing left that the page cannot use
    sheets = [(page.parent / href).resolve().read_text(encoding="utf-8") for href in sheets]
    assert css_purge.drop_unused_variables(sheets, html) == sheets  # and no variable nobody reads
