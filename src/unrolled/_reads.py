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
REPO = PACKAGE.parent.parent
STORED = REPO / "data" / "experiments"  # what unrolled.experiments loads


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


def code(text: str, without_plots: bool = False) -> bytes:
    """What of a file's text can change what it does, as bytes.

    With ``without_plots``, module-level functions named ``plot*`` are left out:
    an experiment's figures are redrawn at every build, so restyling one never
    makes its stored result stale.
    """
    return _parsed(text, without_plots)[0]


def facts(text: str, without_plots: bool = False, memo: dict | None = None) -> tuple[str, tuple]:
    """The SHA-256 of ``code(text)`` and the text's imports as written.

    ``memo`` (any dict, such as one a build keeps on disk) holds them by the
    text's own hash, so a file nobody edited is never parsed again.
    """
    key = hashlib.sha256(text.encode()).hexdigest() + (":p" if without_plots else "")
    if memo is not None and key in memo:
        sha, imports = memo[key]
        return sha, tuple((level, module, tuple(names)) for level, module, names in imports)
    body, imports = _parsed(text, without_plots)
    found = hashlib.sha256(body).hexdigest(), imports
    if memo is not None:
        memo[key] = found
    return found


@functools.lru_cache(maxsize=512)
def _parsed(text: str, without_plots: bool) -> tuple[bytes, tuple]:
    """``code`` and the import statements of a file's text, from one parse.

    Memoized on the text: a build asks about the same files many times.
    Imports are kept as written, ``(level, module, names)``, to be resolved
    against the file's place in the package (``_imports_of``).
    """
    tree = ast.parse(text)
    if without_plots:  # what plot* imports only draws
        tree.body = [n for n in tree.body if not _is_plot(n)]
    imports = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports += [(0, a.name, ()) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            imports.append((node.level, node.module, tuple(a.name for a in node.names)))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return _canonical(tree).encode(), tuple(imports)


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


def layout() -> dict[str, Path]:
    """Every module of the package by name, with its file: what an imported name resolves to."""
    names = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return names


def _imports_of(where: str, text: str, modules: dict[str, Path], without_plots: bool,
                memo: dict | None = None) -> frozenset[str]:
    """Names of the ``unrolled`` modules that the code in ``text`` imports by name.

    ``from ..train import Regressor`` gives ``unrolled.train``; the package
    ``__init__`` files that Python also runs on the way are not followed unless
    the import names the package itself (``from unrolled import LSTM``): they
    only re-export, so a change there cannot change a result.
    ``modules`` are the package's modules, which decide what a name resolves to.
    """
    path = Path(where)
    try:
        package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    except ValueError:  # a snippet or notebook outside the package: no relative imports
        package = []
    found = set()
    for level, module, names in facts(text, without_plots, memo)[1]:
        if not names:  # import a.b
            found.add(module)
            continue
        if level:
            base = package[: len(package) - level + 1]
            mod = ".".join(base + ([module] if module else []))
        else:
            mod = module or ""
        submodules = {f"{mod}.{name}" for name in names} & modules.keys()
        found.update(submodules or {mod})  # "from . import q3" names the module q3
    return frozenset(found & modules.keys())


def sources(path: Path, without_plots: bool = False, memo: dict | None = None,
            modules: dict[str, Path] | None = None) -> list[Path]:
    """The file at ``path`` and every file of ours whose code it uses, followed through imports.

    ``without_plots`` drops the ``plot*`` functions of experiment modules, and
    what only they import (see ``code``). ``memo``: see ``facts``; ``modules``:
    the package's ``layout()``, when the caller already has it.
    """
    modules = modules if modules is not None else layout()
    todo, seen = [Path(path).resolve()], set()
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        drop = without_plots and file.parent == EXPERIMENTS
        for name in _imports_of(str(file), file.read_text(encoding="utf-8"), modules, drop, memo):
            todo.append(modules[name])
    return sorted(seen)


def reads_stored_results(files: list[Path]) -> bool:
    """Whether any of these files is the experiment store, which loads ``data/experiments``."""
    return any(f.parent == EXPERIMENTS and f.name == "_store.py" for f in files)


# --- digest -----------------------------------------------------------------------------


def digest(files: list[Path], root: Path, without_plots: bool = False, memo: dict | None = None) -> str:
    """SHA-256 over each file's path below ``root`` and its content.

    A Python file counts by its ``code`` (so a comment or a docstring never
    counts); any other file by its bytes. ``memo``: see ``facts``.
    """
    hasher = hashlib.sha256()
    for file in sorted(Path(f).resolve() for f in files):
        hasher.update(file.relative_to(root).as_posix().encode() + b"\0")
        if file.suffix == ".py":
            drop = without_plots and file.parent == EXPERIMENTS
            hasher.update(facts(file.read_text(encoding="utf-8"), drop, memo)[0].encode())
        else:
            hasher.update(file.read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()


def declared_inputs(path: Path) -> list[Path]:
    """The data files a snippet says it reads: a module-level ``INPUTS`` of paths below the repository.

    ``INPUTS = ["requirements/test.lock"]``: string literals only, so the list
    can be read without running the file. A listed file that does not exist
    is an error, never a silently smaller key.
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "INPUTS" for t in node.targets):
            if not isinstance(node.value, (ast.List, ast.Tuple)) or not all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.value.elts):
                raise ValueError(f"INPUTS in {path}: must be a list of path strings relative to the repository")
            for e in node.value.elts:
                file = REPO / e.value
                if not file.is_file():
                    raise ValueError(f"INPUTS in {path}: {e.value} does not exist")
                found.append(file)
    return found


def reads(path: Path, memo: dict | None = None, modules: dict[str, Path] | None = None) -> list[Path]:
    """Every file the code at ``path`` reads: its sources, the data files it declares in
    ``INPUTS``, and the stored results if it loads them."""
    files = sources(path, memo=memo, modules=modules)
    if Path(path).suffix == ".py" and Path(path).is_file():
        files += declared_inputs(path)
    if reads_stored_results(files) and STORED.is_dir():
        files += sorted(p for p in STORED.iterdir() if p.is_file())
    return files
