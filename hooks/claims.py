"""Verdicts as data: ``data/claims.yml``, read here, rendered on the pages.

The file has two lists.

``questions``: ``id`` (q1, q2, q3), ``title``, ``page`` (the docs page that
answers it) and ``source`` (the Stack Exchange thread).

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

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "claims.yml"
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


def load(path: Path = DATA) -> tuple[list[Question], list[Claim]]:
    """Read and check the claims file; errors name the entry to fix."""
    path = Path(path)
    if not path.exists():
        raise ClaimsError("data/claims.yml: the claims data file is missing")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    questions, seen = [], set()
    for n, q in enumerate(data.get("questions") or [], start=1):
        missing = [k for k in ("id", "title", "page", "source") if not q.get(k)]
        if missing:
            raise ClaimsError(f"data/claims.yml: question {n}: missing {missing}")
        questions.append(Question(q["id"], q["title"], q["page"], q["source"]))
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
    return questions, claims


def _link(target: str, from_page: str) -> str:
    page, _, anchor = target.partition("#")
    here = posixpath.dirname(from_page) or "."
    return posixpath.relpath(page, here) + (f"#{anchor}" if anchor else "")


def _title(target: str) -> str:
    """"Page title" or "Page title: section" for a docs path with an optional #anchor."""
    page, _, anchor = target.partition("#")
    path = ROOT / "docs" / page
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


def _evidence_text(target: str, claims) -> str:
    """Plain link text for an evidence page: its title and section, or the verdict it points to."""
    page, _, anchor = target.partition("#")
    for c in claims:
        if c.id == anchor:
            return f"{_title(page)}: the run under {'premise' if c.kind == 'premise' else 'claim'} {c.number}"
    return _title(target)


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in text.split("\n"))


def render_question(questions, claims, qid: str, from_page: str, inline, run) -> str:
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
                out.append(f"Evidence: [{_evidence_text(target, claims)}]({_link(target, from_page)}).\n")
            elif target in shown:
                # A page shows each code block once: a second use points to the first.
                raise KeyError(f"data/claims.yml: {claim.id} shows snippets/{target}, which {shown[target]} "
                               f"already shows on this page; link to it with {{page: ...#{shown[target]}}}")
            else:
                shown[target] = claim.id
                out.append(f'??? example "Evidence you can rerun: snippets/{target}"\n')
                out.append(_indent(run(target)) + "\n")
    return "\n".join(out)


def render_table(questions, claims, from_page: str, inline) -> str:
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
                    links.append(f"[{_evidence_text(target, claims)}]({_link(target, from_page)})")
                else:
                    links.append(f"[snippets/{target}]({_link(q.page + '#' + c.id, from_page)})")
            text = inline(c.claim).replace("|", "\\|")
            out.append(f"| {where}: {text} | **{c.verdict}** | {', '.join(links)} |")
        out.append("")
    return "\n".join(out)
