"""The rule book: what every page, data file and figure keeps, checked in one place.

No number typed by hand. Every digit a reader sees comes from a run
(``{{ value(...) }}``, an output, a figure) unless ``ALLOWED`` explains it.
``typed_numbers`` finds the others, in:

- every page in the nav of ``mkdocs.yml`` (``nav_pages``), so a new page is
  checked the moment a reader can reach it; a notebook counts by its
  Markdown cells;
- the data files pages render: claims, their reasons, and the questions' titles, settings and confusions
  (``data/claims.yml``), definitions (``data/glossary.yml``);
- the alt text and captions of every snippet's figures (``typed_in_figure_text``).

``tests/test_rules.py`` applies them. Every snippet is shown somewhere: the
build stops on a snippet no page shows (``plugin.on_post_build``), and a page
may quote only what a snippet exports (``directives.Directives.value``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

# What a digit may be, in prose, without coming from a run. Keep this short.
ALLOWED = [
    (re.compile(r"(?<=[(,] )(19[5-9]\d|20[0-2]\d)(?=[):])|(?<=\()(19[5-9]\d|20[0-2]\d)(?=\))"), "a citation year"),
    (re.compile(r"TensorFlow 1\.x"), "the name of TensorFlow's first API"),
    (re.compile(r"\b(?:tf\.)?[Kk]eras [23](?:\.x)?(?![\d.])"), "the names of Keras's major versions, whose printouts differ"),
    (re.compile(r"\bch\. 10\b"), "the chapter of Goodfellow et al. the asker read"),
    (re.compile(r"\b[tT]\s*[-−+]\s*1\b"), "the previous or next time step"),
]
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
DIGIT = re.compile(r"(?<![A-Za-z_\d])\d")  # in alt text: a digit that is not part of a name (Q3, h_1)


# --- which pages ------------------------------------------------------------------------


class _Loose(yaml.SafeLoader):
    """YAML that reads mkdocs.yml's tags (``!ENV``, ``!!python/...``) as nothing."""


_Loose.add_multi_constructor("", lambda loader, suffix, node: None)
_Loose.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(config_file: Path) -> list[Path]:
    """Every page file in the nav of ``mkdocs.yml``, in nav order."""
    config_file = Path(config_file)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loose)
    docs = config_file.parent / (config.get("docs_dir") or "docs")
    found: list[Path] = []

    def walk(item):
        if isinstance(item, str):
            if "://" not in item:
                found.append(docs / item)
        elif isinstance(item, list):
            for sub in item:
                walk(sub)
        elif isinstance(item, dict):
            for sub in item.values():
                walk(sub)

    walk(config.get("nav") or [])
    return found


def prose_source(path: Path) -> str:
    """A page's Markdown; for a percent-format notebook, its Markdown cells (line numbers kept)."""
    text = Path(path).read_text(encoding="utf-8")
    return prose_source_of_text(text) if Path(path).suffix == ".py" else text


def prose_source_of_text(notebook: str) -> str:
    """The Markdown cells of a percent-format notebook, each line where it stands in the file."""
    out, markdown = [], False
    for line in notebook.splitlines():
        if line.startswith("# %%"):
            markdown = line.startswith("# %% [markdown]")
            out.append("")
        elif markdown:
            out.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        else:
            out.append("")
    return "\n".join(out)


# --- no number typed by hand ------------------------------------------------------------


def strip_for_numbers(text: str) -> str:
    """Prose only: no front matter, code, directives, link targets, HTML, attribute lists or list markers."""
    text = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m[0].count("\n"), text, flags=re.S)  # search boost and the like
    text = re.sub(r"^(\s*)(```|~~~).*?^\1\2\s*$", lambda m: "\n" * m[0].count("\n"), text, flags=re.S | re.M)
    text = re.sub(r"^\s*-{1,}8<-{1,}.*$", " ", text, flags=re.M)  # an include line names a file
    text = re.sub(r"\{\{.*?\}\}", " ", text)
    text = re.sub(r"`[^`\n]+`", " ", text)  # code spans are code a reader can run, as fenced blocks are
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{\s*[#.:][^}]*\}", " ", text)
    text = re.sub(r"^\s*\d+\.\s", " ", text, flags=re.M)
    text = re.sub(r"^#+ Q\d\b", " ", text, flags=re.M)
    # Inside math a single digit is part of the formula (t-1, 1 - z, H^2, 2H); a longer number is not.
    return re.sub(r"\$[^$]+\$", lambda m: re.sub(r"(?<![\w.])\d(?![\w.])", " ", m[0]), text)


def typed_numbers(text: str) -> list[tuple[int, str]]:
    """(line, number) for every digit string in prose that no ``ALLOWED`` entry explains."""
    clean = strip_for_numbers(text)
    for pattern, _ in ALLOWED:
        clean = pattern.sub(lambda m: " " * len(m[0]), clean)
    found = []
    for number, line in enumerate(clean.splitlines(), start=1):
        found += [(number, m[0]) for m in NUMBER.finditer(line)]
    return found


def data_texts(root: Path) -> list[tuple[str, str]]:
    """(where, text) for every piece of prose in the data files that pages render."""
    from . import claims, glossary

    questions, items = claims.load(Path(root) / "data" / "claims.yml")
    out = []
    for q in questions:
        out += [(f"data/claims.yml: {q.id} title", q.title), (f"data/claims.yml: {q.id} setting", q.setting)]
        out += [(f"data/claims.yml: {q.id} confusions", c) for c in q.confusions]
    for c in items:
        out += [(f"data/claims.yml: {c.id} {field}", getattr(c, field)) for field in ("claim", "reason", "setting")]
    for t in glossary.load(Path(root) / "data" / "glossary.yml"):
        out += [(f"data/glossary.yml: {t.term} definition", t.definition),
                (f"data/glossary.yml: {t.term} not", t.not_ or "")]
    return out


def typed_in_figure_text(path: Path) -> list[tuple[int, str]]:
    """(line, text) for each piece of ``ALT`` or ``CAPTION`` typed with a digit in it.

    A number there must be a formatted value from the run (``f"{loss:.3f}"``);
    a format spec (``.3f``) is not a number.
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id in {"ALT", "CAPTION"} for t in node.targets)):
            continue
        specs = {id(c) for sub in ast.walk(node.value)
                 if isinstance(sub, ast.FormattedValue) and sub.format_spec is not None
                 for c in ast.walk(sub.format_spec)}
        for sub in ast.walk(node.value):
            if id(sub) in specs:
                continue
            # the typed parts of an f-string are constants too, so walking finds each once
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and DIGIT.search(sub.value):
                found.append((sub.lineno, sub.value))
    return found
