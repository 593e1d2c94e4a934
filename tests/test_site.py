"""The built site: strict, self-contained, linked, and the same bytes twice."""

from __future__ import annotations

import filecmp
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, mkdocs_build

# Attributes that make a browser fetch something by itself.
FETCHING = {"src", "srcset", "poster", "data", "background"}
FETCHING_LINK_RELS = {"stylesheet", "preload", "prefetch", "icon", "manifest", "modulepreload", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fetches: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []
        self.headings: list[int] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in FETCHING & set(attrs):
            value = attrs[name] or ""
            self.fetches.extend(part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else self.fetches.append(value)
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            (self.fetches if rels & FETCHING_LINK_RELS else self.links).append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme and parts.scheme not in {"data", "blob"}) or url.strip().startswith("//")


def resolve(site: Path, page: Path, path: str) -> Path:
    """A URL path as a file: absolute paths (the 404 page uses them) from the site root."""
    path = unquote(path)
    return (site / path.lstrip("/")).resolve() if path.startswith("/") else (page.parent / path).resolve()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_skips_a_heading_level(built_site):
    """h1 then h3 fails Lighthouse's heading-order audit (accessibility below 100) and axe reports it
    only as "moderate", so the browser audit does not catch it; this reads every built page."""
    bad = []
    for page in pages(built_site):
        levels = parse(page).headings
        skipped = [f"h{a} then h{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
        if skipped:
            bad.append(f"{page.relative_to(built_site)}: {', '.join(sorted(set(skipped)))}")
    assert not bad, "pages that skip a heading level:\n" + "\n".join(bad)


FIGURE_IMG = re.compile(r'<figure class="unrolled-figure">\s*(?:<p>\s*)?(<img [^>]*>)')


def test_each_pages_first_figure_loads_at_once_and_the_rest_lazily(built_site):
    """A lazy-loaded largest paint fails Lighthouse's lcp-lazy-loaded audit (the cost-of-units page
    scored 92 for it); figures further down still wait until they are scrolled to."""
    seen = 0
    problems = []
    for page in pages(built_site):
        images = FIGURE_IMG.findall(page.read_text(encoding="utf-8"))
        for n, img in enumerate(images):
            seen += 1
            lazy = 'loading="lazy"' in img
            if lazy != (n > 0) or ('fetchpriority="high"' in img) != (n == 0):
                problems.append(f"{page.relative_to(built_site)}: figure {n + 1}: {img[:120]}")
    assert seen > 20, f"only {seen} figures found: has the figure markup changed?"
    assert not problems, "figures loaded the wrong way:\n" + "\n".join(problems)


def test_strict_build_passes(built_site):
    assert (built_site / "index.html").is_file()
    assert len(pages(built_site)) >= 3


def test_site_loads_nothing_from_another_host(built_site):
    offenders = []
    for page in pages(built_site):
        found = parse(page)
        for url in found.fetches:
            if is_external(url):
                offenders.append(f"{page.relative_to(built_site)}: fetches {url}")
        for style in found.styles:
            for match in CSS_URL.finditer(style):
                url = match.group(1) or match.group(2)
                if is_external(url):
                    offenders.append(f"{page.relative_to(built_site)}: inline style loads {url}")
    for sheet in sorted(built_site.rglob("*.css")):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if is_external(url):
                offenders.append(f"{sheet.relative_to(built_site)}: loads {url}")
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders)


def test_every_local_asset_a_page_fetches_exists(built_site):
    missing = []
    for page in pages(built_site):
        for url in parse(page).fetches:
            if not url or is_external(url) or url.startswith("data:"):
                continue
            target = resolve(built_site, page, urlsplit(url).path)
            if not target.exists():
                missing.append(f"{page.relative_to(built_site)}: {url}")
    assert not missing, "missing assets:\n" + "\n".join(missing)


def test_every_internal_link_and_anchor_resolves(built_site):
    ids = {page.resolve(): parse(page).ids for page in pages(built_site)}
    broken = []
    for page in pages(built_site):
        for href in parse(page).links:
            if is_external(href) or href.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(href)
            target = resolve(built_site, page, parts.path) if parts.path else page.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids.get(target, set()):
                broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.slow
def test_two_clean_builds_give_the_same_bytes(request, tmp_path):
    proc = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", tmp_path / "cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Asked for only now: under pytest-xdist this build runs while another worker makes the session's.
    built_site = request.getfixturevalue("built_site")
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert first == second, "the two builds wrote different files"
    _, mismatch, errors = filecmp.cmpfiles(built_site, tmp_path / "site", [str(p) for p in first], shallow=False)
    assert not mismatch and not errors, (
        f"files that differ between two builds: {mismatch + errors}\n"
        f"first difference, in {(mismatch + errors)[0]}:\n{first_difference(built_site, tmp_path / 'site', (mismatch + errors)[0])}"
    )


def first_difference(a: Path, b: Path, name: str) -> str:
    """The first differing lines of a file in two builds, for the failure message."""
    import difflib

    old = (a / name).read_text(encoding="utf-8", errors="replace").splitlines()
    new = (b / name).read_text(encoding="utf-8", errors="replace").splitlines()
    diff = list(difflib.unified_diff(old, new, "first build", "second build", n=0, lineterm=""))
    return "\n".join(line[:300] for line in diff[:12])


def test_every_code_block_has_one_copy_button_that_names_it(built_site):
    """unrolled_site/internals.py writes the copy buttons; each must copy its own block, and outputs get none."""
    target = re.compile(r'data-clipboard-target="pre\[data-code=\'(\d+)\'\] > code"')
    checked = outputs_seen = 0
    for page in pages(built_site):
        text = page.read_text(encoding="utf-8")
        named = re.findall(r'<pre[^>]*\sdata-code="(\d+)"><nav class="md-code__nav"><button [^<]*></button></nav>'
                           r'(?:<span></span>)?<code', text)
        buttons = target.findall(text)
        where = page.relative_to(built_site)
        assert sorted(buttons) == sorted(named) and len(set(named)) == len(named), f"{where}: {buttons} {named}"
        blocks = re.findall(r'<div class="([^"]*\bhighlight\b[^"]*)"[^>]*>(?:<span class="filename">[^<]*</span>)?'
                            r'<pre[^>]*>(?:<nav class="md-code__nav">.*?</nav>)?(?:<span></span>)?<code', text)
        assert all("no-copy" in b.split() for b in blocks), f"{where}: a block the theme would give a second button"
        outputs = re.findall(r'<div class="language-text no-copy highlight"><span class="filename">Output</span><pre>(<nav)?', text)
        assert not any(outputs), f"{where}: an output has a copy button"
        checked += len(buttons)
        outputs_seen += len(outputs)
    assert checked > 50 and outputs_seen > 0, (checked, outputs_seen)


def test_the_theme_script_is_deferred_on_every_page(built_site):
    """unrolled_site/internals.py defers the theme's script: a phone paints the text before the theme starts."""
    theme_script = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"([^>]*)>')
    found = {page.relative_to(built_site).as_posix(): theme_script.findall(page.read_text(encoding="utf-8"))
             for page in pages(built_site)}
    assert "404.html" in found and len(found) > 10
    assert {where: tags for where, tags in found.items() if tags != [" defer"]} == {}


def test_every_figure_keeps_its_text_as_text(built_site):
    """unrolled_site/figures.mplstyle sets svg.fonttype: none. Drawn as paths, each letter of a label
    is a <use> of a glyph, which the browser builds on the page's main thread (the cost
    measured is in benchmarks/README.md)."""
    glyph = re.compile(r'<path id="[\w.%]+-[0-9a-f]{1,6}"')
    figures = {svg.name: svg.read_text(encoding="utf-8") for svg in sorted((built_site / "assets" / "figures").glob("*.svg"))}
    assert len(figures) > 10
    drawn_as_paths = [name for name, svg in figures.items() if glyph.search(svg)]
    without_text = [name for name, svg in figures.items() if "<text" not in svg]
    assert drawn_as_paths == [], f"letters drawn as glyph paths in {drawn_as_paths}"
    assert without_text == [], f"no <text> in {without_text}"


def test_notebook_cell_ids_do_not_depend_on_what_the_build_read_before():
    """A notebook's cell ids land in its page; reading it again (the plugin's retry
    after a failed early run) must give the same ids, or two builds differ."""
    from mkdocs_jupyter import nbconvert2

    from unrolled_site import internals, notebook

    internals.number_cell_ids()
    source = ROOT / "docs" / "notebooks" / "experiments.py"
    first = [c.id for c in nbconvert2.jupytext.read(source).cells]
    notebook.ipynb_text(source.read_text(encoding="utf-8"))  # other reads in between
    second = [c.id for c in nbconvert2.jupytext.read(source).cells]
    assert first == second == [f"cell-{n}" for n in range(len(first))]


STDERR_OUTPUT = """<div class="jp-OutputArea-child"><div class="jp-RenderedText jp-OutputArea-output"
data-mime-type="application/vnd.jupyter.stderr" tabindex="0">
<pre>/home/someone/unrolled/src/x.py:246: UserWarning: The figure layout has changed to tight
  fig.tight_layout()
</pre></div></div>"""


def test_a_notebook_cell_that_writes_to_stderr_stops_the_build_naming_the_notebook():
    """A warning in a notebook cell was published on the page, with the builder's paths in it."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from unrolled_site import notebook

    page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/experiments.py"))
    with pytest.raises(PluginError, match=r"docs/notebooks/experiments\.py: a cell wrote to stderr.*UserWarning: The figure"):
        notebook.no_stderr(STDERR_OUTPUT, page)
    notebook.no_stderr(STDERR_OUTPUT.replace("stderr", "stdout"), page)  # ordinary output is fine


def test_no_notebook_page_shows_stderr_and_no_file_names_the_folder_it_was_built_in(built_site):
    notebooks = sorted((built_site / "notebooks").rglob("index.html"))
    assert notebooks
    assert [p for p in notebooks if "vnd.jupyter.stderr" in p.read_text(encoding="utf-8")] == []
    texts = [p for p in built_site.rglob("*") if p.suffix in {".html", ".json", ".svg", ".js", ".css", ".py", ".ipynb"}]
    assert len(texts) > 50
    leaking = [p.relative_to(built_site).as_posix() for p in texts if str(ROOT) in p.read_text(encoding="utf-8")]
    assert leaking == [], f"these files name the folder the site was built in ({ROOT}): {leaking}"


def test_every_formula_is_mathml_and_no_page_loads_a_math_script(built_site):
    """unrolled_site/math.py turns each $...$ into MathML at build time: a page with
    formulas fetches nothing more than one without, and none is left as TeX."""
    with_math, leftovers, scripts = [], [], []
    for page in pages(built_site):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site).as_posix()
        if "<math " in text:
            with_math.append(where)
        if 'class="arithmatex"' in text or "\\(" in re.sub(r"<(pre|code)\b.*?</\1>", "", text, flags=re.S):
            leftovers.append(where)
        scripts += [f"{where}: {src}" for src in parse(page).fetches if re.search(r"katex|mathjax|math\.js", src, re.I)]
    assert {"concepts/gru/index.html", "explain/index.html"} <= set(with_math)
    assert leftovers == [], f"TeX left unconverted in {leftovers}"
    assert scripts == [], f"math scripts fetched: {scripts}"
