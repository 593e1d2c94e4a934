"""What a reader sees on the built pages: no raw markup, each code block once,
plain evidence links, and verdicts that name the setting of their run.

The build tests use the session's built site (conftest.built_site); the others
check the claims loader and renderer directly, so each guard fails where it should.
"""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from unrolled_site import claims as claims_data

RAW = ("{#", "{{", "}}")
SKIP = {"code", "pre", "script", "style", "kbd", "samp"}


class Text(HTMLParser):
    """The text a reader reads (outside code), and the text of alt and title attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.depth += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def reader_text(page: Path) -> str:
    parser = Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def raw_markup(text: str) -> list[str]:
    return [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            for m in re.finditer("|".join(re.escape(r) for r in RAW), text)]


def test_raw_markup_finder_sees_an_anchor_left_in_link_text():
    parser = Text()
    parser.feed('<p>Evidence: <a href="x">The picture {#the-picture}</a>. <code>{{ run("x.py") }}</code></p>')
    hits = raw_markup("\n".join(parser.parts))
    assert len(hits) == 1 and "{#the-picture}" in hits[0], hits  # the code span is not reader text


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_no_raw_markup_in_any_page_text(built_site):
    found = {str(p.relative_to(built_site)): raw_markup(reader_text(p)) for p in site_pages(built_site)}
    found = {page: hits for page, hits in found.items() if hits}
    assert not found, f"raw markup shown to readers: {found}"


CODE = re.compile(r'<div class="[^"]*\bhighlight\b[^"]*"[^>]*>(?:<span class="filename">(?P<title>[^<]*)</span>)?'
                  r"<pre[^>]*>.*?<code[^>]*>(?P<code>.*?)</code></pre>", re.S)


def code_blocks(page_html: str) -> list[str]:
    """The text of every code block on a page, outputs left out (they may repeat a value)."""
    blocks = []
    for m in CODE.finditer(page_html):
        if (m["title"] or "").strip() == "Output":
            continue
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", m["code"])).strip()
        if text:
            blocks.append(text)
    return blocks


def test_code_block_finder_counts_a_repeat():
    block = ('<div class="language-python highlight"><span class="filename">snippets/a.py</span>'
             '<pre><span></span><code>x = <span class="mi">1</span>\n</code></pre></div>')
    assert Counter(code_blocks(block * 2)) == Counter({"x = 1": 2})


def test_no_code_block_is_shown_twice_on_a_page(built_site):
    repeated = {}
    for page in site_pages(built_site):
        counts = Counter(code_blocks(page.read_text(encoding="utf-8")))
        twice = [text.splitlines()[0] for text, n in counts.items() if n > 1]
        if twice:
            repeated[str(page.relative_to(built_site))] = twice
    assert not repeated, f"code blocks shown more than once (first lines): {repeated}"


QUESTION_PAGES = ("questions/q1-cell-layer-neuron", "questions/q2-rnn-units", "questions/q3-units-vs-features")
PLAIN = re.compile(r"^[^<>{}#`*\[\]]+$")


def evidence_links(page_html: str) -> list[str]:
    """Inner HTML of every evidence link: under a verdict, or in the claims table's last column."""
    links = []
    for para in re.findall(r"<p>Evidence: (.*?)</p>", page_html, flags=re.S):
        links += re.findall(r"<a [^>]*>(.*?)</a>", para, flags=re.S)
    for row in re.findall(r"<tr>(.*?)</tr>", page_html, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        if len(cells) == 3:
            links += re.findall(r"<a [^>]*>(.*?)</a>", cells[2], flags=re.S)
    return links


def test_every_evidence_link_text_is_plain_text(built_site):
    pages = [*QUESTION_PAGES, "claims"]
    seen, bad = 0, []
    for name in pages:
        path = built_site / name / "index.html"
        if not path.is_file():
            continue
        for inner in evidence_links(path.read_text(encoding="utf-8")):
            seen += 1
            text = re.sub(r"</?abbr\b[^>]*>", "", inner).strip()  # the glossary's hover may mark a term
            if not PLAIN.match(text):
                bad.append(f"{name}: {inner!r}")
    assert seen, "no evidence links found: has the verdicts' markup changed?"
    assert not bad, f"evidence links whose text is not plain: {bad}"


VERDICT = re.compile(r'<h3 id="(?P<id>q\d+-[cp]\d+)".*?(?=<h[23] |\Z)', re.S)


def test_every_verdict_names_the_setting_of_its_run(built_site):
    _, items = claims_data.load(ROOT / "data" / "claims.yml")
    found = {}
    for name in QUESTION_PAGES:
        path = built_site / name / "index.html"
        if path.is_file():
            found.update({m["id"]: m[0] for m in VERDICT.finditer(path.read_text(encoding="utf-8"))})
    missing = [c.id for c in items if c.question in {"q1", "q2", "q3"} and c.id not in found]
    assert not missing, f"verdicts not found on their pages: {missing}"
    for cid, section in found.items():
        setting = re.search(r"Setting of the run:</em>(.*?)</p>", section, flags=re.S)
        assert setting, f"{cid}: the verdict does not name the setting of its run"
        text = re.sub(r"<[^>]+>", "", setting[1])
        assert re.search(r"\d", text), f"{cid}: the setting names no size: {text.strip()!r}"


# --------------------------------------------------------------------------
# The loader and renderer behind those pages
# --------------------------------------------------------------------------


def test_a_claim_without_a_setting_stops_the_loader(tmp_path):
    data = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
    del data["claims"][0]["setting"]
    bad = tmp_path / "claims.yml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(claims_data.ClaimsError, match=r"missing \['setting'\]"):
        claims_data.load(bad)


def test_a_snippet_listed_twice_on_one_page_stops_the_build():
    questions, items = claims_data.load(ROOT / "data" / "claims.yml")
    first = next(c for c in items if any(k == "snippet" for k, _ in c.evidence))
    again = claims_data.Claim(**{**first.__dict__, "id": first.id[:-1] + "9"})
    with pytest.raises(KeyError, match="already shows on this page"):
        claims_data.render_question(questions, [first, again], first.question, "questions/x.md", ROOT / "docs", str, str)


def test_evidence_titles_drop_heading_attributes():
    assert claims_data._title("experiments/unrolled-picture.md#picture", ROOT / "docs") == "The unrolled picture: The picture"
    assert "{" not in claims_data._title("experiments/unrolled-picture.md", ROOT / "docs")
