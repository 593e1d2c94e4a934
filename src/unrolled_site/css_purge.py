"""Drop the CSS rules a page cannot use: those naming a class the page does not have.

mkdocs-jupyter ships JupyterLab's whole stylesheet with every notebook page:
580 KB (88 KB gzipped), all render-blocking, and a phone spends over a second
on style and layout for it. A notebook page is static HTML (no widget adds
classes later), so a rule is kept when every class its selector requires is
on the page. The rest of the judgement is conservative, keeping whatever it
cannot be sure of:

- classes inside functional pseudo-classes (``:not(.x)``, ``:is(.a, .b)``)
  and attribute selectors are not required;
- a selector with an escape (``\\:``) is kept as it is;
- a selector that puts ``:root``, ``html`` or ``body`` inside another
  element can never match, and goes;
- ``@media``, ``@supports`` and ``@layer`` blocks are purged inside; other
  at-rules (``@font-face``, ``@keyframes``, ``@page``) are kept whole.

Then ``drop_unused_variables`` removes the custom properties nothing reads:
JupyterLab declares about 450 ``--jp-*`` variables on ``.jupyter-wrapper``,
every element of the notebook inherits all of them, and style recalculation
pays for each; the page reads about a hundred.

Used by ``notebook.finish_page`` on the stylesheet mkdocs-jupyter inlines.
"""

from __future__ import annotations

import re

CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
FUNCTIONAL = re.compile(r":[\w-]+\(")
NESTED = ("@media", "@supports", "@layer", "@container", "@document")
# the document's root, html or body after a combinator: ".jupyter-wrapper :root"
# (80 KB of icon variables in JupyterLab's sheet) can never match anything
UNMATCHABLE = re.compile(r"[\s>+~]\s*(?::root|html|body)(?![\w-])")


def page_classes(html: str) -> set[str]:
    return {name for value in CLASS_ATTR.findall(html) for name in value.split()}


TOKEN = re.compile(r"""/\*|["';{}]""")
STRING = {'"': re.compile(r'"(?:[^"\\]|\\.)*"', re.S), "'": re.compile(r"'(?:[^'\\]|\\.)*'", re.S)}


def _skip(css: str, i: int) -> int:
    """Index after the comment or string starting at i (or i itself)."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if css[i] in STRING:
        match = STRING[css[i]].match(css, i)
        return match.end() if match else len(css)
    return i


def blocks(css: str):
    """Top-level (prelude, body) pairs; body is None for a statement ending in ';'."""
    i, start, depth, opened = 0, 0, 0, 0
    while (match := TOKEN.search(css, i)) is not None:
        i = match.start()
        token = match.group()
        if token == "/*" or token in STRING:
            i = _skip(css, i)
        elif token == ";":
            if depth == 0:
                yield css[start:i].strip(), None
                start = i + 1
            i += 1
        elif token == "{":
            if depth == 0:
                opened = i
            depth += 1
            i += 1
        else:  # "}"
            depth -= 1
            i += 1
            if depth == 0:
                yield css[start:opened].strip(), css[opened + 1:i - 1]
                start = i
            depth = max(depth, 0)
    if css[start:].strip():
        yield css[start:].strip(), None


def _split_selectors(prelude: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(prelude[start:i])
            start = i + 1
    out.append(prelude[start:])
    return [s.strip() for s in out if s.strip()]


def _required(selector: str) -> set[str] | None:
    """Classes the selector needs on the page; None when unsure (keep it)."""
    if "\\" in selector:
        return None
    if UNMATCHABLE.search(selector):
        return {"\0never"}  # a class no page has
    plain, i = [], 0
    while i < len(selector):  # drop the insides of :not(...), :is(...), [attr=...]
        match = FUNCTIONAL.match(selector, i)
        if match or selector[i] == "[":
            depth, i = 1, (match.end() if match else i + 1)
            while i < len(selector) and depth:
                depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(selector[i], 0)
                i += 1
            continue
        plain.append(selector[i])
        i += 1
    return set(CLASS.findall("".join(plain)))


def _walk(css: str, rule) -> str:
    """Rebuild css, each plain rule replaced by ``rule(selectors, body)`` (None drops it).

    Nested blocks (``@media`` and the like) are walked too and dropped when
    nothing is left inside; other at-rules are kept whole.
    """
    out = []
    for prelude, body in blocks(css):
        prelude = re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()
        if body is None:
            if prelude:
                out.append(prelude + ";")
        elif prelude.startswith(NESTED):
            inner = _walk(body, rule)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        elif (kept := rule(prelude, body)) is not None:
            out.append(kept)
    return "\n".join(out)


def purge(css: str, classes: set[str]) -> str:
    def used_selectors(prelude, body):
        kept = [s for s in _split_selectors(prelude) if (need := _required(s)) is None or need <= classes]
        return f"{','.join(kept)}{{{body.strip()}}}" if kept else None

    return _walk(css, used_selectors)


VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")


def _declarations(body: str) -> list[str]:
    """A rule body split at its top-level semicolons (not those in url(...) or strings)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        j = _skip(body, i)
        if j != i:
            i = j
            continue
        c = body[i]
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == ";" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return [d.strip() for d in out if d.strip()]


def _custom(declaration: str) -> tuple[str, str] | None:
    name, colon, value = declaration.partition(":")
    return (name.strip(), value) if colon and name.strip().startswith("--") else None


def drop_unused_variables(sheets: list[str], html: str = "") -> list[str]:
    """Each sheet without the custom properties that no var() reads, directly or through others.

    All the sheets of a page are judged together (one may declare what
    another reads); var() in the page's own HTML counts as a read.
    """
    values: dict[str, list[str]] = {}
    used = set(VAR_REF.findall(html))

    def collect(prelude, body):
        for declaration in _declarations(body):
            custom = _custom(declaration)
            if custom:
                values.setdefault(custom[0], []).append(custom[1])
            else:
                used.update(VAR_REF.findall(declaration))
        return body

    for css in sheets:
        _walk(css, collect)
    todo = list(used)
    while todo:  # a variable in use makes the variables its value reads used too
        for value in values.get(todo.pop(), ()):
            for name in VAR_REF.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)

    def keep_used(prelude, body):
        kept = [d for d in _declarations(body) if not (c := _custom(d)) or c[0] in used]
        return f"{prelude}{{{';'.join(kept)}}}"

    return [_walk(css, keep_used) for css in sheets]
