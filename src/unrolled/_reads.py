"""What a file of code reads, and one digest of it.

The site's caches (snippets, the notebook) and the stored experiment results
all ask the same question: has anything this code depends on changed?
This module answers it once, from the code itself:

- ``sources(path)``: the file and every ``unrolled`` module it imports by name,
  followed through their own imports;
- ``code(text)``: what of a file can change what it does, namely its syntax tree
  without docstrings, comments or layout, written out the same way on every
  Python version (``ast.dump`` is not: 3.13 leaves out empty fields that 3.11
  prints, so a digest of it changes with the interpreter);
- ``digest(files, root)``: a SHA-256 over the files' names and code, and over
  the bytes of any other file (a stored result, a data file).

Only the standard library is used, so any Python can check a digest.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # src/unrolled
EXPERIMENTS = PACKAGE / "experiments"
STORED = PACKAGE.parent.parent / "data" / "experiments"  # what unrolled.experiments loads


# --- code -------------------------------------------------------------------------------


def _is_plot(node) -> bool:
    return isinstance(node, ast.FunctionDef) and node.name.startswith("plot")


def _canonical(node) -> str:
    """A syntax tree as text: node types and their non-empty fields, in field order.

    Empty fields are left out, so a field a newer Python adds with an empty
    default (``type_params`` in 3.12) changes nothing.
    """
    if isinstance(node, ast.AST):
        fields = []
        for name in node._fields:
            value = getattr(node, name, None)
            if value is None or (isinstance(value, list) and not value):
                continue
            fields.append(f"{name}={_canonical(value)}")
        return f"{type(node).__name__}({','.join(fields)})"
    if isinstance(node, list):
        return "[" + ",".join(_canonical(item) for item in node) + "]"
    return repr(node)


@functools.lru_cache(maxsize=512)
def code(text: str, without_plots: bool = False) -> bytes:
    """What of a file's text can change what it does, as bytes.

    With ``without_plots``, module-level functions named ``plot*`` are left out:
    an experiment's figures are redrawn at every build, so restyling one never
    makes its stored result stale.
    """
    tree = ast.parse(text)
    if without_plots:
        tree.body = [n for n in tree.body if not _is_plot(n)]
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return _canonical(tree).encode()


# --- imports ----------------------------------------------------------------------------


def module_file(name: str) -> Path | None:
    """The source file of ``unrolled.<...>`` module ``name``, if it is one of ours."""
    parts = name.split(".")
    if parts[0] != "unrolled":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _modules() -> frozenset[str]:
    names = set()
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return frozenset(names)


@functools.lru_cache(maxsize=512)
def _imports_of(where: str, text: str, modules: frozenset[str], without_plots: bool) -> frozenset[str]:
    """Names of the ``unrolled`` modules that the code in ``text`` imports by name.

    ``from ..train import Regressor`` gives ``unrolled.train``; the package
    ``__init__`` files that Python also runs on the way are not followed unless
    the import names the package itself (``from unrolled import LSTM``): they
    only re-export, so a change there cannot change a result.
    Memoized on the text and on the package's modules (which decide what a
    name resolves to): a build asks for the same files many times.
    """
    path = Path(where)
    try:
        package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    except ValueError:  # a snippet or notebook outside the package: no relative imports
        package = []
    tree = ast.parse(text)
    if without_plots:  # what plot* imports only draws
        tree.body = [n for n in tree.body if not _is_plot(n)]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            submodules = {f"{mod}.{a.name}" for a in node.names} & modules
            found.update(submodules or {mod})  # "from . import q3" names the module q3
    return frozenset(n for n in found if module_file(n) is not None)


def sources(path: Path, without_plots: bool = False) -> list[Path]:
    """The file at ``path`` and every file of ours whose code it uses, followed through imports.

    ``without_plots`` drops the ``plot*`` functions of experiment modules, and
    what only they import (see ``code``).
    """
    modules = _modules()
    todo, seen = [Path(path).resolve()], set()
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        drop = without_plots and file.parent == EXPERIMENTS
        for name in _imports_of(str(file), file.read_text(encoding="utf-8"), modules, drop):
            todo.append(module_file(name))
    return sorted(seen)


def reads_stored_results(files: list[Path]) -> bool:
    """Whether any of these files is the experiment store, which loads ``data/experiments``."""
    return any(f.parent == EXPERIMENTS and f.name == "_store.py" for f in files)


# --- digest -----------------------------------------------------------------------------


def digest(files: list[Path], root: Path, without_plots: bool = False) -> str:
    """SHA-256 over each file's path below ``root`` and its content.

    A Python file counts by its ``code`` (so a comment or a docstring never
    counts); any other file by its bytes.
    """
    hasher = hashlib.sha256()
    for file in sorted(Path(f).resolve() for f in files):
        hasher.update(file.relative_to(root).as_posix().encode() + b"\0")
        if file.suffix == ".py":
            drop = without_plots and file.parent == EXPERIMENTS
            hasher.update(code(file.read_text(encoding="utf-8"), drop))
        else:
            hasher.update(file.read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()


def reads(path: Path) -> list[Path]:
    """Every file the code at ``path`` reads: its sources, and the stored results if it loads them."""
    files = sources(path)
    if reads_stored_results(files) and STORED.is_dir():
        files += sorted(p for p in STORED.iterdir() if p.is_file())
    return files
