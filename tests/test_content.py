"""The answer pages: verdicts are data, terms are defined once, nothing is copied.

These tests protect the question pages, the concept pages, the glossary, the
Rosetta table and the claims page. Each failure names the file (and line,
where there is one) to fix. No number typed by hand: tests/test_rules.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from unrolled_site import claims as claims_data
from unrolled_site import glossary


from unrolled_site import fingerprints

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FINGERPRINTS = ROOT / "data" / "thread-fingerprints.json"



def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load_claims():
    return claims_data.load(ROOT / "data" / "claims.yml")


# --------------------------------------------------------------------------
# Anchors
# --------------------------------------------------------------------------


def toc_slug(text: str) -> str:
    """Python-Markdown's default heading id."""
    text = re.sub(r"\{\{.*?\}\}", "", text)
    text = re.sub(r"[`*_]", "", text)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(page: Path) -> set[str]:
    """Heading ids a page defines: explicit { #id }, slugs, and verdict ids it renders."""
    found = set()
    text = page.read_text(encoding="utf-8")
    for line in text.splitlines():
        heading = re.match(r"^\s*#{1,6}\s+(.*?)\s*$", line)
        if not heading:
            continue
        explicit = re.search(r"\{\s*#([\w-]+)\s*\}\s*$", heading[1])
        found.add(explicit[1] if explicit else toc_slug(heading[1]))
    _, items = load_claims()
    for qid in re.findall(r'\{\{\s*verdicts\(\s*"(q\d+)"\s*\)\s*\}\}', text):
        found.update(c.id for c in items if c.question == qid)
    return found


def resolves(target: str) -> str | None:
    """None when docs/<page>#anchor exists, else why not."""
    page, _, anchor = target.partition("#")
    path = DOCS / page
    if not path.is_file():
        return f"no page docs/{page}"
    if anchor and anchor not in anchors(path):
        return f"no anchor #{anchor} in docs/{page}"
    return None


# --------------------------------------------------------------------------
# Verdicts are data
# --------------------------------------------------------------------------


def test_every_question_has_a_page_that_restates_it_and_shows_its_verdicts():
    questions, items = load_claims()
    ids = [q.id for q in questions]
    assert ids == [f"q{n}" for n in range(1, len(ids) + 1)] and len(ids) >= 3, f"data/claims.yml: questions {ids}"
    for q in questions:
        page = DOCS / q.page
        assert page.is_file(), f"data/claims.yml: {q.id} points to docs/{q.page}, which does not exist"
        text = page.read_text(encoding="utf-8")
        for directive in (f'{{{{ question("{q.id}") }}}}', f'{{{{ verdicts("{q.id}") }}}}'):
            assert directive in text, f"docs/{q.page}: never shows {directive}"
        assert "short-answer" in anchors(page), f"docs/{q.page}: no short answer section {{ #short-answer }}"
        assert '=== "Keras"' in text and '=== "PyTorch"' in text, \
            f"docs/{q.page}: the configuration must be shown in Keras and PyTorch tabs"
        assert q.answer_claims >= 1 and len(q.confusions) >= 1, f"data/claims.yml: {q.id} restates no claim or confusion"
        assert len(q.setting.split()) >= 20, f"data/claims.yml: {q.id}: the setting is too short to restate the question"
        assert any(c.question == q.id for c in items), f"data/claims.yml: no claims for {q.id}"


def test_every_restated_question_is_on_its_page(built_site):
    questions, _ = load_claims()
    for q in questions:
        html = (built_site / q.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert f'href="{q.source}"' in html, f"site: {q.page} does not link the thread {q.source}"
        first_confusion = re.sub(r"\{\{.*?\}\}|[`*]", "", q.confusions[0]).split()[:4]
        assert " ".join(first_confusion) in html, f"site: {q.page} does not show the restated question"


def test_claims_file_needs_a_verdict_on_every_counted_claim(tmp_path):
    bad = tmp_path / "claims.yml"
    data = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
    data["questions"][0]["answer_claims"] += 1
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    qid = data["questions"][0]["id"]
    with pytest.raises(claims_data.ClaimsError, match=f"missing \\['{qid}-c{data['questions'][0]['answer_claims']}'\\]"):
        claims_data.load(bad)
    data["questions"][0]["answer_claims"] -= 1
    del data["questions"][0]["setting"]
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(claims_data.ClaimsError, match=r"missing \['setting'\]"):
        claims_data.load(bad)


def test_every_claim_has_a_verdict_and_evidence_that_resolves():
    _, items = load_claims()
    for c in items:
        where = f"data/claims.yml: {c.id}"
        assert c.verdict in claims_data.VERDICTS, f"{where}: verdict {c.verdict!r}"
        assert len(c.reason.split()) >= 12, f"{where}: the reason is too short to explain anything"
        assert c.evidence, f"{where}: no evidence"
        for kind, target in c.evidence:
            if kind == "snippet":
                assert (SNIPPETS / target).is_file(), f"{where}: evidence snippets/{target} does not exist"
            else:
                problem = resolves(target)
                assert problem is None, f"{where}: evidence {target}: {problem}"


def test_claims_file_rejects_a_bad_verdict(tmp_path):
    bad = tmp_path / "claims.yml"
    data = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
    data["claims"][0]["verdict"] = "probably"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(claims_data.ClaimsError, match="verdict must be one of"):
        claims_data.load(bad)
    del data["claims"][0]["evidence"]
    data["claims"][0]["verdict"] = "true"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(claims_data.ClaimsError, match="missing"):
        claims_data.load(bad)


def test_verdicts_of_an_unknown_question_or_page_fail_clearly(tmp_path):
    questions, items = load_claims()
    with pytest.raises(KeyError, match="no question 'q99'"):
        claims_data.render_question(questions, items, "q99", "questions/x.md", DOCS, str, str)
    with pytest.raises(KeyError, match="no question 'q99'"):
        claims_data.render_restatement(questions, "q99", str)
    broken = [claims_data.Claim(**{**items[0].__dict__, "evidence": (("page", "concepts/nowhere.md"),)})]
    with pytest.raises(KeyError, match="docs/concepts/nowhere.md does not exist"):
        claims_data.render_question(questions, broken, items[0].question, "questions/x.md", DOCS, str, str)


def test_every_verdict_is_on_its_page_and_on_the_claims_page(built_site):
    questions, items = load_claims()
    table = (built_site / "claims" / "index.html").read_text(encoding="utf-8")
    for q in questions:
        html = (built_site / q.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        for c in (c for c in items if c.question == q.id):
            assert f'id="{c.id}"' in html, f"site: {q.page} does not render {c.id}"
            assert f"#{c.id}" in table, f"site: the claims page does not link {c.id}"
            assert f"Verdict: {c.verdict}" in html, f"site: {q.page} does not show the verdict of {c.id}"


# --------------------------------------------------------------------------
# The glossary
# --------------------------------------------------------------------------


def terms():
    return glossary.load(ROOT / "data" / "glossary.yml")


def page_prose(path: Path) -> str:
    """A page's text without fenced code, directives or link targets."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(\s*)(```|~~~).*?^\1\2\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"\{\{.*?\}\}", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_glossary_has_enough_terms_each_linked_to_its_page():
    found = terms()
    assert len(found) >= 30, f"data/glossary.yml: {len(found)} terms, need at least 30"
    for t in found:
        assert not re.search(r"\d", t.definition), f"data/glossary.yml: {t.term}: a digit in the definition"
        problem = resolves(t.page)
        assert problem is None, f"data/glossary.yml: {t.term}: page {t.page}: {problem}"


def test_every_glossary_term_is_defined_exactly_once():
    found = terms()
    names = [s.lower() for t in found for s in (t.term, *t.also)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"data/glossary.yml: defined more than once: {duplicates}"
    for page in sorted(DOCS.rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            assert not re.match(r"^\*\[[^\]]+\]:", line), \
                f"{rel(page)}:{number}: defines an abbreviation; add it to data/glossary.yml instead"
    glossary_page = (DOCS / "glossary.md").read_text(encoding="utf-8")
    assert "{{ glossary() }}" in glossary_page, "docs/glossary.md: must render the terms from data/glossary.yml"


def test_glossary_rejects_a_duplicate(tmp_path):
    bad = tmp_path / "glossary.yml"
    entries = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    entries.append({**entries[0], "term": entries[0]["also"][0], "also": []})
    bad.write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="already defined"):
        glossary.load(bad)


def test_every_glossary_term_is_used_by_a_page():
    prose = {rel(p): page_prose(p) for p in sorted(DOCS.rglob("*.md")) if p.name != "glossary.md"}
    unused = []
    for t in terms():
        spellings = [t.term, *t.also]
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in spellings) + r")(?![\w-])", re.I)
        if not any(pattern.search(text) for text in prose.values()):
            unused.append(t.term)
    assert not unused, f"data/glossary.yml: terms no page uses: {unused}"


# --------------------------------------------------------------------------
# --------------------------------------------------------------------------
# Restate, never copy: pages against the threads' fingerprints
# --------------------------------------------------------------------------


def thread_fingerprints() -> dict:
    return fingerprints.load(FINGERPRINTS)["threads"]


def source_prose(text: str) -> str:
    """A page's or data file's words as a reader gets them: a quoted value reads as a number; no code."""
    text = re.sub(r"^(\s*)(```|~~~).*?^\1\2\s*$", " ", text, flags=re.S | re.M)
    text = re.sub(r"\{\{\s*value\(.*?\}\}", " 0 ", text)
    text = re.sub(r"\{\{.*?\}\}", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def html_prose(html: str) -> str:
    """A built page's text without code, scripts, styles, figures' markup or tags."""
    html = re.sub(r"<(pre|script|style|svg|code)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def copied(text: str) -> dict[str, list[str]]:
    """Per thread, the runs of the text whose fingerprint the thread has."""
    found = {}
    for qid, thread in thread_fingerprints().items():
        runs = fingerprints.copied_runs(text, thread["runs"])
        if runs:
            found[qid] = runs[:3]
    return found


def same_thread(a: str, b: str) -> bool:
    """Two addresses of one thread: same host and same question number (slugs may differ)."""
    def key(url):
        match = re.match(r"https?://([^/]+)/.*?/(\d+)", url)
        return match.groups() if match else url
    return key(a) == key(b)


def test_every_thread_has_a_well_formed_fingerprint():
    data = fingerprints.load(FINGERPRINTS)
    assert fingerprints.RUN in range(8, 13)
    assert "unrolled_site.fingerprints" in data["note"], "data/thread-fingerprints.json: the note must say how it was made"
    questions, _ = load_claims()
    threads = data["threads"]
    # Every question on the site, and the ones being written, is checked against its thread.
    assert {q.id for q in questions} <= set(threads), f"data/thread-fingerprints.json: no fingerprint for " \
        f"{sorted({q.id for q in questions} - set(threads))}"
    for q in questions:
        assert same_thread(threads[q.id]["url"], q.source), \
            f"data/thread-fingerprints.json: {q.id} fingerprints {threads[q.id]['url']}, not {q.source}"
    for qid, thread in threads.items():
        where = f"data/thread-fingerprints.json: {qid}"
        assert thread["url"].startswith("https://") and thread["covers"], where
        runs = thread["runs"]
        assert len(runs) >= 100 and runs == sorted(set(runs)), f"{where}: too few or unsorted hashes"
        assert all(re.fullmatch(f"[0-9a-f]{{{2 * fingerprints.DIGEST_BYTES}}}", h) for h in runs), where
        assert len(runs) <= thread["words"], f"{where}: more runs than words"


def test_thread_addresses_match_with_or_without_their_slug():
    assert same_thread("https://stackoverflow.com/questions/39681046/keras-stateful", "https://stackoverflow.com/questions/39681046/")
    assert not same_thread("https://stackoverflow.com/questions/39681046/", "https://stackoverflow.com/questions/42755820/")


def test_words_are_normalised_for_numbers_code_and_addresses():
    assert fingerprints.words("LSTM(100, activation='relu') with 40,800 (1e-5) see https://x.org/a en.wikipedia.org/w") \
        == ["lstm", "0", "activation", "relu", "with", "0", "0", "see"]
    assert fingerprints.words("It\u2019s batch1") == ["it's", "batch0"]


def test_copy_checker_catches_a_copied_sentence(tmp_path):
    """A made-up thread: a page that copies one of its sentences, even with other numbers, is caught."""
    thread = tmp_path / "q7.txt"
    thread.write_text(
        "url: https://example.org/questions/1\ncovers: the question\n\n"
        "Why does my model with 32 units print a loss of 0.51 after the third epoch, "
        "when the same network in the other library converges in 12 epochs?\n",
        encoding="utf-8")
    data = fingerprints.build([thread])
    hashes = data["threads"]["q7"]["runs"]
    page = ('As they put it: my model with {{ value("x.py", "H") }} units print a loss of '
            '{{ value("x.py", "loss") }} after the third epoch, when the other library is faster.')
    assert fingerprints.copied_runs(source_prose(page), hashes) == [
        "0 units print a loss of 0 after the third",
        "a loss of 0 after the third epoch when the",
        "model with 0 units print a loss of 0 after",
        "my model with 0 units print a loss of 0",
        "print a loss of 0 after the third epoch when",
        "units print a loss of 0 after the third epoch",
        "with 0 units print a loss of 0 after the",
    ]
    restated = "After three passes the loss is still about one half, and another framework needs a dozen."
    assert not fingerprints.copied_runs(source_prose(restated), hashes)
    assert not fingerprints.copied_runs(html_prose(f"<p>{restated}</p><pre><code>{page}</code></pre>"), hashes)


def test_fingerprint_script_fails_in_one_line(tmp_path):
    bad = tmp_path / "q1.txt"
    bad.write_text("no header at all", encoding="utf-8")
    for args in ([str(bad)], [str(tmp_path / "q2.txt")]):
        proc = subprocess.run([sys.executable, "-m", "unrolled_site.fingerprints", *args],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1 and not proc.stdout, proc
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr


# Every page of the site, not only ours: restating is a rule for everyone.
EVERY_PAGE = sorted(set(DOCS.rglob("*.md")) | set((DOCS / "notebooks").glob("*.py")))


@pytest.mark.parametrize("page", EVERY_PAGE + [ROOT / "data" / "claims.yml", ROOT / "data" / "glossary.yml"], ids=rel)
def test_no_long_run_is_copied_from_the_threads(page):
    found = copied(source_prose(page.read_text(encoding="utf-8")))
    assert not found, f"{rel(page)}: restate in your own words; runs copied from the threads: {found}"


def test_no_built_page_copies_a_thread(built_site):
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        found = copied(html_prose(page.read_text(encoding="utf-8")))
        assert not found, f"site: {page.relative_to(built_site)}: runs copied from the threads: {found}"
        checked += 1
    assert checked > 10


# --------------------------------------------------------------------------
# The askers' numbers against the real frameworks
# --------------------------------------------------------------------------


def snippet_values(name: str) -> dict:
    """The values a snippet exports (its ``__all__``), as a page would quote them."""
    from unrolled_site import results, snippets

    values = snippets.run_snippet(SNIPPETS / name, ROOT).values
    return {k: results.unplain(v) for k, v in values.items()}


def test_q3_counts_match_keras_and_pytorch():
    torch = pytest.importorskip("torch")
    keras = pytest.importorskip("keras")
    ours_keras, ours_torch = snippet_values("q3_keras.py"), snippet_values("q3_pytorch.py")
    model = keras.Sequential([keras.Input((ours_keras["T"], ours_keras["D"])),
                              keras.layers.LSTM(ours_keras["H"], activation="relu"), keras.layers.Dense(1)])
    assert model.layers[0].count_params() == ours_keras["lstm_params"]
    assert model.layers[1].count_params() == ours_keras["dense_params"]
    assert model.count_params() == ours_keras["total_params"]
    lstm = torch.nn.LSTM(ours_torch["D"], ours_torch["H"], batch_first=True)
    assert sum(p.numel() for p in lstm.parameters()) == ours_torch["lstm_params"]
    out, (h_n, c_n) = lstm(torch.zeros(ours_torch["B"], ours_torch["T"], ours_torch["D"]))
    assert tuple(h_n.shape) == (1, ours_torch["B"], ours_torch["H"])


def test_q2_counts_match_keras_and_pytorch():
    torch = pytest.importorskip("torch")
    keras = pytest.importorskip("keras")
    v = snippet_values("q2_keras.py")
    model = keras.Sequential([keras.Input((v["T"],), batch_size=v["B"]),
                              keras.layers.Embedding(v["V"], v["E"]),
                              keras.layers.GRU(v["H"], return_sequences=True),
                              keras.layers.Dense(v["V"])])
    assert [layer.count_params() for layer in model.layers] == [v["embedding_params"], v["gru_params"], v["dense_params"]]
    assert model.count_params() == v["total"]
    assert tuple(model.layers[1].cell.kernel.shape) == tuple(v["gru_kernel"])
    assert tuple(model.layers[1].cell.bias.shape) == tuple(v["gru_bias"])
    p = snippet_values("q2_pytorch.py")
    gru = torch.nn.GRU(p["E"], p["H"], batch_first=True)
    assert sum(w.numel() for w in gru.parameters()) == p["gru_params"]
    total = p["V"] * p["E"] + p["gru_params"] + p["V"] * p["H"] + p["V"]
    embedding, linear = torch.nn.Embedding(p["V"], p["E"]), torch.nn.Linear(p["H"], p["V"])
    assert sum(w.numel() for m in (embedding, gru, linear) for w in m.parameters()) == total == p["total"]


def test_a_terms_hover_is_kept_at_its_first_use_in_each_section():
    a, b = '<abbr title="A def">unit</abbr>', '<abbr title="B def">cell</abbr>'
    html = f"<p>{a} and {a}, {b}</p><h2 id='x'>X</h2><p>{a} {b} {b}</p>"
    assert glossary.first_in_each_section(html) == (
        f"<p>{a} and unit, {b}</p><h2 id='x'>X</h2><p>{a} {b} cell</p>")


def test_built_pages_define_each_term_once_per_section(built_site):
    abbr = re.compile(r'<abbr title="([^"]*)">')
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for section in re.split(r"(?=<h2[\s>])", text):
            titles = abbr.findall(section)
            assert len(titles) == len(set(titles)), f"{page.relative_to(built_site)}: a term hovers twice in a section"
            checked += len(titles)
    assert checked > 100  # the glossary still reaches the pages
