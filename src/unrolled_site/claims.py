"""Verdicts as data: ``data/claims.yml``, read here, rendered on the pages.

The file has two lists.

``questions``: one entry per question, with

- ``id`` (q1, q2, ...), ``title``, ``page`` (the docs page that answers it);
- ``source`` (the thread's address) and ``site`` (where it was asked, in words);
- ``setting``: the asker's situation in our own words (Markdown, one paragraph;
  numbers only through ``{{ value(...) }}``);
- ``confusions``: what the asker cannot place, one line each, in our words;
- ``answer_claims``: how many claims the thread's answers make (each gets an
  entry ``qN-c1`` .. ``qN-cK`` below) and ``premises``: how many of the asker's
  own premises get a verdict (``qN-p1`` ..; 0 for none).

``{{ question("q1") }}`` renders the restatement and the link on the page.

``claims``: one entry per claim to check, with

- ``id``: ``q1-c1`` for the first claim listed under Q1 in the shared
  questions file, ``q1-p1`` for a premise of the asker's;
- ``question``: the question's id;
- ``claim``: the claim, restated in our words;
- ``verdict``: one of true, false, misleading, depends;
- ``reason``: one paragraph; it may quote a run with ``{{ value(...) }}``;
- ``setting``: what the evidence ran and at which sizes (batch, steps,
  widths, training), quoted from the run with ``{{ value(...) }}``; shown
  in the verdict, so a reader sees which setting the verdict was tested in;
- ``evidence``: a list of ``{snippet: file.py}`` (run and shown under the
  verdict) and ``{page: path.md#anchor}`` (linked).

``{{ verdicts("q1") }}`` renders one question's claims where they are checked;
``{{ claims() }}`` renders the table of every verdict for the claims page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser when present; the pure-Python one otherwise (same result)
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

VERDICTS = ("true", "false", "misleading", "depends")
ADMONITION = {"true": "success", "false": "failure", "misleading": "warning", "depends": "info"}
FIELDS = ("id", "question", "claim", "verdict", "reason", "setting", "evidence")
ID = re.compile(r"^(?P<q>q\d+)-(?P<kind>[cp])(?P<n>\d+)$")


class ClaimsError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    page: str
    source: str
    site: str
    setting: str
    confusions: tuple
    answer_claims: int
    premises: int


QUESTION_FIELDS = ("id", "title", "page", "source", "site", "setting", "confusions", "answer_claims", "premises")


@dataclass(frozen=True)
class Claim:
    id: str
    question: str
    claim: str
    verdict: str
    reason: str
    setting: str
    evidence: tuple  # ((kind, target), ...), kind "snippet" or "page"

    @property
    def kind(self) -> str:
        return "premise" if ID.match(self.id)["kind"] == "p" else "answer"

    @property
    def number(self) -> int:
        return int(ID.match(self.id)["n"])


def load(path: Path) -> tuple[list[Question], list[Claim]]:
    """Read and check the claims file; errors name the entry to fix."""
    path = Path(path)
    if not path.exists():
        raise ClaimsError("data/claims.yml: the claims data file is missing")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    questions, seen = [], set()
    for n, q in enumerate(data.get("questions") or [], start=1):
        where = f"data/claims.yml: question {n} ({q.get('id', '?')})"
        missing = [k for k in QUESTION_FIELDS if q.get(k) in (None, "", [])]
        unknown = sorted(set(q) - set(QUESTION_FIELDS))
        if missing or unknown:
            raise ClaimsError(f"{where}: missing {missing}, unknown {unknown}")
        counts = (q["answer_claims"], q["premises"])
        if not all(isinstance(k, int) and not isinstance(k, bool) and k >= 0 for k in counts):
            raise ClaimsError(f"{where}: answer_claims and premises must be whole numbers")
        if not isinstance(q["confusions"], list) or not all(isinstance(c, str) for c in q["confusions"]):
            raise ClaimsError(f"{where}: confusions must be a list of lines")
        questions.append(Question(
            q["id"], q["title"], q["page"], q["source"], q["site"], " ".join(str(q["setting"]).split()),
            tuple(" ".join(c.split()) for c in q["confusions"]), q["answer_claims"], q["premises"]))
    ids = {q.id for q in questions}
    claims = []
    for n, c in enumerate(data.get("claims") or [], start=1):
        where = f"data/claims.yml: claim {n} ({c.get('id', '?')})"
        if isinstance(c.get("verdict"), bool):  # YAML reads a bare true/false as a boolean
            c = {**c, "verdict": str(c["verdict"]).lower()}
        missing = [k for k in FIELDS if not c.get(k)]
        unknown = sorted(set(c) - set(FIELDS))
        if missing or unknown:
            raise ClaimsError(f"{where}: missing {missing}, unknown {unknown}")
        match = ID.match(str(c["id"]))
        if not match:
            raise ClaimsError(f"{where}: id must look like q1-c1 (a claim) or q1-p1 (a premise)")
        if c["id"] in seen:
            raise ClaimsError(f"{where}: duplicate id")
        seen.add(c["id"])
        if c["question"] not in ids or match["q"] != c["question"]:
            raise ClaimsError(f"{where}: question must be one of {sorted(ids)} and match the id")
        if c["verdict"] not in VERDICTS:
            raise ClaimsError(f"{where}: verdict must be one of {VERDICTS}, got {c['verdict']!r}")
        evidence = []
        for item in c["evidence"]:
            if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in ("snippet", "page"):
                raise ClaimsError(f"{where}: each evidence item is {{snippet: file.py}} or {{page: path.md#anchor}}")
            evidence.append(next(iter(item.items())))
        claims.append(Claim(
            id=c["id"], question=c["question"],
            claim=" ".join(str(c["claim"]).split()),
            verdict=c["verdict"],
            reason=" ".join(str(c["reason"]).split()),
            setting=" ".join(str(c["setting"]).split()),
            evidence=tuple(evidence),
        ))
    for q in questions:
        want = {f"{q.id}-c{k}" for k in range(1, q.answer_claims + 1)} | {f"{q.id}-p{k}" for k in range(1, q.premises + 1)}
        have = {c.id for c in claims if c.question == q.id}
        if want != have:
            raise ClaimsError(f"data/claims.yml: {q.id} lists {q.answer_claims} answer claims and {q.premises} "
                              f"premises, so it needs verdicts {sorted(want)}; "
                              f"missing {sorted(want - have)}, unexpected {sorted(have - want)}")
    return questions, claims


def render_restatement(questions, qid: str, inline) -> str:
    """The question in our words: the asker's setting, their confusions, the link to the thread."""
    found = [q for q in questions if q.id == qid]
    if not found:
        raise KeyError(f"data/claims.yml has no question '{qid}'")
    q = found[0]
    out = [inline(q.setting) + "\n"]
    out += [f"- {inline(c)}" for c in q.confusions]
    out.append(f"\n([the thread on {q.site}]({q.source}))\n")
    return "\n".join(out)


def _link(target: str, from_page: str) -> str:
    page, _, anchor = target.partition("#")
    here = posixpath.dirname(from_page) or "."
    return posixpath.relpath(page, here) + (f"#{anchor}" if anchor else "")


def _title(target: str, docs: Path) -> str:
    """"Page title" or "Page title: section" for a docs path with an optional #anchor."""
    page, _, anchor = target.partition("#")
    path = docs / page
    if not path.is_file():
        raise KeyError(f"data/claims.yml: evidence page docs/{page} does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    title = next((_plain(l[2:]) for l in lines if l.startswith("# ")), page)
    if not anchor:
        return title
    for line in lines:
        match = re.match(r"^#{2,6}\s+(.*?)\s*\{[^}]*#" + re.escape(anchor) + r"(?=[\s}])[^}]*\}\s*$", line)
        if match:
            return f"{title}: {_plain(match[1])}"
    return title


ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


def _plain(heading: str) -> str:
    """A heading's text without its attribute list: "Title {#anchor}" -> "Title"."""
    return ATTR_LIST.sub("", heading).replace("`", "").replace("*", "").strip()


def _evidence_text(target: str, claims, docs: Path) -> str:
    """Plain link text for an evidence page: its title and section, or the verdict it points to."""
    page, _, anchor = target.partition("#")
    for c in claims:
        if c.id == anchor:
            return f"{_title(page, docs)}: the run under {'premise' if c.kind == 'premise' else 'claim'} {c.number}"
    return _title(target, docs)


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in text.split("\n"))


def render_question(questions, claims, qid: str, from_page: str, docs: Path, inline, run) -> str:
    """The verdicts of one question: a heading, the verdict, the reason, the evidence.

    ``inline(text)`` expands ``{{ value(...) }}`` in a reason; ``run(file)``
    gives a snippet's code, output and figures as Markdown.
    """
    if qid not in {q.id for q in questions}:
        raise KeyError(f"data/claims.yml has no question '{qid}'")
    out, shown = [], {}
    for claim in (c for c in claims if c.question == qid):
        label = "Premise" if claim.kind == "premise" else "Claim"
        out.append(f"### {label} {claim.number}: {inline(claim.claim)} {{ #{claim.id} }}\n")
        out.append(f'!!! {ADMONITION[claim.verdict]} "Verdict: {claim.verdict}"\n')
        out.append(_indent(inline(claim.reason)) + "\n")
        out.append(_indent(f"*Setting of the run:* {inline(claim.setting)}") + "\n")
        for kind, target in claim.evidence:
            if kind == "page":
                out.append(f"Evidence: [{_evidence_text(target, claims, docs)}]({_link(target, from_page)}).\n")
            elif target in shown:
                # A page shows each code block once: a second use points to the first.
                raise KeyError(f"data/claims.yml: {claim.id} shows snippets/{target}, which {shown[target]} "
                               f"already shows on this page; link to it with {{page: ...#{shown[target]}}}")
            else:
                shown[target] = claim.id
                out.append(f'??? example "Evidence you can rerun: snippets/{target}"\n')
                out.append(_indent(run(target)) + "\n")
    return "\n".join(out)


def render_table(questions, claims, from_page: str, docs: Path, inline) -> str:
    """Every verdict, one table per question, each linked to where it is argued."""
    out = []
    for q in questions:
        out.append(f"## {q.id.upper()}: {inline(q.title)} {{ #{q.id} }}\n")
        out.append(f"Answered on [the {q.id.upper()} page]({_link(q.page, from_page)}); "
                   f"asked in [the original thread]({q.source}).\n")
        out.append("| Claim | Verdict | Evidence |")
        out.append("| --- | --- | --- |")
        for c in (c for c in claims if c.question == q.id):
            label = "Premise" if c.kind == "premise" else "Claim"
            where = f"[{label} {c.number}]({_link(q.page + '#' + c.id, from_page)})"
            links = []
            for kind, target in c.evidence:
                if kind == "page":
                    links.append(f"[{_evidence_text(target, claims, docs)}]({_link(target, from_page)})")
                else:
                    links.append(f"[snippets/{target}]({_link(q.page + '#' + c.id, from_page)})")
            text = inline(c.claim).replace("|", "\\|")
            out.append(f"| {where}: {text} | **{c.verdict}** | {', '.join(links)} |")
        out.append("")
    return "\n".join(out)
