"""The answer pages: verdicts are data, terms are defined once, numbers are never typed.

These tests protect the content of issue 4: the question pages, the concept
pages, the glossary, the Rosetta table and the claims page. Each failure names
the file (and line, where there is one) to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

import claims as claims_data
import glossary

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
QUESTIONS = ROOT.parent / "shared" / "questions.md"

# The pages this suite guards (other engineers own the rest of docs/).
CONTENT = sorted(
    [DOCS / "index.md", DOCS / "claims.md", DOCS / "glossary.md", DOCS / "rosetta.md"]
    + list((DOCS / "questions").glob("*.md"))
    + list((DOCS / "concepts").glob("*.md"))
)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def questions_text() -> str:
    if not QUESTIONS.is_file():
        pytest.fail(f"{QUESTIONS} is missing: the claims are checked against it", pytrace=False)
    return QUESTIONS.read_text(encoding="utf-8")


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


def claim_numbers_in_questions_file() -> dict[str, dict]:
    """Per question in the shared file: the claim numbers listed, and whether a premise is asked for."""
    text = questions_text()
    parts = re.split(r"^## (Q\d+)\b.*$", text, flags=re.M)
    found = {}
    for label, body in zip(parts[1::2], parts[2::2]):
        qid = label.lower()
        numbered = [int(n) for n in re.findall(r"^\s+(\d+)\.\s", body, flags=re.M)]
        if not numbered:
            # Q2 lists the accepted answer's statements in one bullet, separated by
            # semicolons, then the asker's confirmation: one claim each.
            answer = re.search(r"accepted answer:(.*?)The asker then confirms", body, flags=re.S)
            if answer is None:
                pytest.fail(f"{QUESTIONS}: {label} has neither numbered claims nor an accepted answer", pytrace=False)
            numbered = list(range(1, len(answer[1].split(";")) + 2))
        found[qid] = {
            "numbers": numbered,
            "premise": bool(re.search(r"own premise|asker thinks", body)),
        }
    return found


def test_every_question_has_a_page_with_its_verdicts():
    questions, items = load_claims()
    assert [q.id for q in questions] == [f"q{n}" for n in range(1, len(questions) + 1)]
    for q in questions:
        page = DOCS / q.page
        assert page.is_file(), f"data/claims.yml: {q.id} points to docs/{q.page}, which does not exist"
        text = page.read_text(encoding="utf-8")
        assert f'{{{{ verdicts("{q.id}") }}}}' in text, f"docs/{q.page}: never shows {{{{ verdicts(\"{q.id}\") }}}}"
        assert q.source in text, f"docs/{q.page}: does not link the thread {q.source}"
        assert "short-answer" in anchors(page), f"docs/{q.page}: no short answer section {{ #short-answer }}"
        assert '=== "Keras"' in text and '=== "PyTorch"' in text, \
            f"docs/{q.page}: the configuration must be shown in Keras and PyTorch tabs"
        assert any(c.question == q.id for c in items), f"data/claims.yml: no claims for {q.id}"


def test_claims_match_the_questions_file():
    questions, items = load_claims()
    listed = claim_numbers_in_questions_file()
    have_pages = [q.id for q in questions]
    assert set(have_pages) <= set(listed), f"{QUESTIONS}: lists {sorted(listed)}, claims.yml has {have_pages}"
    for qid, want in ((q, listed[q]) for q in have_pages):
        have = sorted(c.number for c in items if c.question == qid and c.kind == "answer")
        assert have == sorted(want["numbers"]), (
            f"data/claims.yml: {qid} has verdicts on claims {have}, "
            f"but {QUESTIONS.name} lists claims {sorted(want['numbers'])}"
        )
        if want["premise"]:
            assert any(c.question == qid and c.kind == "premise" for c in items), \
                f"data/claims.yml: {QUESTIONS.name} asks for a verdict on the asker's premise in {qid}"


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
    with pytest.raises(KeyError, match="no question 'q9'"):
        claims_data.render_question(questions, items, "q9", "questions/x.md", str, str)
    broken = [claims_data.Claim(**{**items[0].__dict__, "evidence": (("page", "concepts/nowhere.md"),)})]
    with pytest.raises(KeyError, match="docs/concepts/nowhere.md does not exist"):
        claims_data.render_question(questions, broken, items[0].question, "questions/x.md", str, str)


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
# No number typed by hand
# --------------------------------------------------------------------------

# What a digit may be, in prose, without coming from a run. Keep this short.
ALLOWED = [
    (re.compile(r"(?<=[(,] )(19[5-9]\d|20[0-2]\d)(?=[):])|(?<=\()(19[5-9]\d|20[0-2]\d)(?=\))"), "a citation year"),
    (re.compile(r"TensorFlow 1\.x"), "the name of TensorFlow's first API"),
    (re.compile(r"\bch\. 10\b"), "the chapter of Goodfellow et al. the asker read"),
    (re.compile(r"\b[tT]\s*[-−+]\s*1\b"), "the previous or next time step"),
]
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


def strip_for_numbers(text: str) -> str:
    """Prose only: no fenced code, directives, link targets, HTML, attribute lists or list markers."""
    text = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m[0].count("\n"), text, flags=re.S)  # front matter
    text = re.sub(r"^(\s*)(```|~~~).*?^\1\2\s*$", lambda m: "\n" * m[0].count("\n"), text, flags=re.S | re.M)
    text = re.sub(r"\{\{.*?\}\}", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{\s*[#.][^}]*\}", " ", text)
    text = re.sub(r"^\s*\d+\.\s", " ", text, flags=re.M)
    text = re.sub(r"^#+ Q\d\b", " ", text, flags=re.M)
    # Inside math only 0 and 1 may appear (indices such as t-1, and 1 - z).
    return re.sub(r"\$[^$]+\$", lambda m: re.sub(r"(?<![\w.])[01](?![\w.])", " ", m[0]), text)


def typed_numbers(text: str) -> list[tuple[int, str]]:
    """(line, number) for every digit string in prose that no allow-list entry explains."""
    clean = strip_for_numbers(text)
    for pattern, _ in ALLOWED:
        clean = pattern.sub(lambda m: " " * len(m[0]), clean)
    found = []
    for number, line in enumerate(clean.splitlines(), start=1):
        found += [(number, m[0]) for m in NUMBER.finditer(line)]
    return found


def test_number_checker_catches_a_typed_number():
    assert typed_numbers("The LSTM has 40,800 parameters.") == [(1, "40,800")]
    assert typed_numbers('The LSTM has {{ value("q3_keras.py", "lstm_params", ",") }} parameters.') == []
    assert typed_numbers("Hochreiter & Schmidhuber (1997) and `weight_ih_l0` of shape (D, 4H).") == []
    assert typed_numbers("$h_{t-1}$ and $W^{256}$") == [(1, "256")]
    assert typed_numbers("```python\nx = 1024\n```\nrnn_units = 1024") == [(4, "1024")]


@pytest.mark.parametrize("page", CONTENT, ids=rel)
def test_no_number_is_typed_in_prose(page):
    found = typed_numbers(page.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"{rel(page)}: line {line}: '{n}' is typed; insert it with {{{{ value(...) }}}} from a snippet"
        for line, n in found
    )


def test_no_number_is_typed_in_the_data_files():
    _, items = load_claims()
    for c in items:
        for field in ("claim", "reason"):
            found = typed_numbers(getattr(c, field))
            assert not found, f"data/claims.yml: {c.id} {field}: typed {[n for _, n in found]}"
    for t in terms():
        for field, value in (("definition", t.definition), ("not", t.not_ or "")):
            found = typed_numbers(value)
            assert not found, f"data/glossary.yml: {t.term} {field}: typed {[n for _, n in found]}"


# --------------------------------------------------------------------------
# Restate, never copy
# --------------------------------------------------------------------------

RUN = 12  # words in a row that count as copying


def words(text: str) -> list[str]:
    """Lower-case words of the prose; addresses are not prose."""
    text = re.sub(r"https?://\S+", " ", text)
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def shared_runs(ours: str, theirs: str, n: int = RUN) -> list[str]:
    mine = words(ours)
    grams = {tuple(mine[i:i + n]) for i in range(len(mine) - n + 1)}
    source = words(theirs)
    return sorted({" ".join(source[i:i + n]) for i in range(len(source) - n + 1)
                   if tuple(source[i:i + n]) in grams})


def test_copy_checker_catches_a_copied_sentence():
    source = questions_text()
    sentence = " ".join(words(source)[100:100 + RUN])
    assert shared_runs(f"As they said, {sentence}.", source)
    assert not shared_runs("A recurrent layer keeps a state vector and updates it once per step.", source)


# Every page of the site, not only ours: restating is a rule for everyone.
EVERY_PAGE = sorted(set(DOCS.rglob("*.md")) | set((DOCS / "notebooks").glob("*.py")) | set(CONTENT))


@pytest.mark.parametrize("page", EVERY_PAGE + [ROOT / "data" / "claims.yml", ROOT / "data" / "glossary.yml"], ids=rel)
def test_no_long_run_is_copied_from_the_questions(page):
    copied = shared_runs(page.read_text(encoding="utf-8"), questions_text())
    assert not copied, f"{rel(page)}: restate in your own words; copied from questions.md: {copied[:3]}"


# --------------------------------------------------------------------------
# The askers' numbers against the real frameworks
# --------------------------------------------------------------------------


def snippet_values(name: str) -> dict:
    import snippet_runner

    values = snippet_runner.run_snippet(SNIPPETS / name).values
    return {k: snippet_runner.unplain(v) for k, v in values.items()}


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
