"""The glossary: one data file, read here, shown on hover and on its own page.

``data/glossary.yml`` is a list of terms. Each entry has:

- ``term``: the word as it appears in prose (lower case unless a proper name);
- ``also``: other spellings that should show the same definition (optional);
- ``definition``: one or two sentences, the only place the term is defined;
- ``keras`` / ``pytorch``: what each framework calls it (optional);
- ``not``: what it is not to be confused with (optional);
- ``page``: the docs page (and optional ``#anchor``) that explains it.

Every term is an abbreviation of every page (the ``glossary`` option of
Python-Markdown's ``abbr``), so hovering a term shows its definition: at its
first use in each section of the page (``first_in_each_section``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's parser when present; the pure-Python one otherwise (same result)
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REQUIRED = ("term", "definition", "page")
OPTIONAL = ("also", "keras", "pytorch", "not")


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    page: str
    also: tuple[str, ...] = field(default_factory=tuple)
    keras: str | None = None
    pytorch: str | None = None
    not_: str | None = None

    @property
    def anchor(self) -> str:
        return slug(self.term)

    @property
    def spellings(self) -> list[str]:
        words = [self.term, *self.also]
        out = []
        for w in words:
            for v in (w, w[:1].upper() + w[1:]):
                if v not in out:
                    out.append(v)
        return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load(path: Path) -> list[Term]:
    """Read and check the glossary; a term or spelling may appear only once."""
    path = Path(path)
    name = path.name if path.parent.name != "data" else f"data/{path.name}"
    if not path.exists():
        raise GlossaryError(f"{name}: the glossary data file is missing")
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or []
    terms, seen = [], {}
    for number, entry in enumerate(entries, start=1):
        where = f"{name}: entry {number}"
        if not isinstance(entry, dict):
            raise GlossaryError(f"{where}: expected a mapping")
        missing = [k for k in REQUIRED if not entry.get(k)]
        unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
        if missing or unknown:
            raise GlossaryError(f"{where} ({entry.get('term', '?')}): missing {missing}, unknown {unknown}")
        term = Term(
            term=str(entry["term"]),
            definition=" ".join(str(entry["definition"]).split()),
            page=str(entry["page"]),
            also=tuple(entry.get("also") or ()),
            keras=entry.get("keras"),
            pytorch=entry.get("pytorch"),
            not_=entry.get("not"),
        )
        for spelling in (term.term, *term.also):
            key = spelling.lower()
            if key in seen:
                raise GlossaryError(f"{where}: '{spelling}' is already defined by '{seen[key]}'")
            seen[key] = term.term
        terms.append(term)
    return terms


def plain(text: str) -> str:
    """Text fit for a tooltip: no Markdown code marks or links."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return text.replace("`", "").replace("*", "")


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """Every spelling of every term with its definition: the ``glossary`` option of Python-Markdown's ``abbr``.

    Given as an option, the definitions are never parsed as Markdown; appended
    to each page as ``*[term]: ...`` lines, they were parsed on every page.
    """
    return {spelling: plain(term.definition) for term in terms for spelling in term.spellings}


ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)
SECTION = re.compile(r"(?=<h2[\s>])")


def first_in_each_section(html: str) -> str:
    """Keep a term's hover definition at its first use in each ``h2`` section only.

    ``abbr`` marks every occurrence, over a hundred on a question page, each
    an element to parse, style and lay out that carries its whole definition
    in the HTML. The first use in each section keeps it, so a reader who
    lands on a section by search or anchor still finds it; later ones become
    plain text. Spellings of one term share a definition and count as one.
    """
    out = []
    for section in SECTION.split(html):
        seen: set[str] = set()

        def keep_first(match, seen=seen):
            if match["title"] in seen:
                return match["text"]
            seen.add(match["title"])
            return match.group(0)

        out.append(ABBR.sub(keep_first, section))
    return "".join(out)


def render(terms: list[Term], from_page: str) -> str:
    """The glossary page's body: every term with its anchor, sorted."""
    out = []
    here = posixpath.dirname(from_page) or "."
    for term in sorted(terms, key=lambda t: t.term.lower()):
        target, _, anchor = term.page.partition("#")
        link = posixpath.relpath(target, here) + (f"#{anchor}" if anchor else "")
        out.append(f"## {term.term} {{ #{term.anchor} }}\n")
        out.append(f"{term.definition}\n")
        rows = []
        if term.also:
            rows.append(("Also written", ", ".join(term.also)))
        if term.keras:
            rows.append(("Keras", term.keras))
        if term.pytorch:
            rows.append(("PyTorch", term.pytorch))
        if term.not_:
            rows.append(("Not to be confused with", term.not_))
        rows.append(("Explained in", f"[{target.removesuffix('.md')}]({link})"))
        for key, value in rows:
            out.append(f"{key}\n:   {value}\n")
    return "\n".join(out)
