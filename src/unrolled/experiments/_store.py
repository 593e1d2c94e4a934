"""Stored results of the experiments: saved with a hash of the code and parameters that made them.

An experiment is a module of this subpackage with ``NAME``, ``PARAMS`` (a dict
of plain values) and ``compute(**PARAMS) -> dict``. Its result is a dict of
plain values (JSON) and NumPy arrays (a deterministic ``.npz``).

The hash is taken over each file's syntax tree without docstrings, so comments,
layout and documentation never make a result stale; functions named ``plot*``
are left out too, with what they import: a figure is redrawn at every build.

``save`` writes ``data/experiments/<NAME>.json`` (and ``.npz`` when there are
arrays) with ``fingerprint(module)``: a SHA-256 of the experiment's source, of
every ``unrolled`` module it imports by name (followed through imports, so a
change to a cell or to training makes the stored result stale), of the data files it
lists in ``INPUTS`` and of its parameters.
``load`` refuses a stored result whose fingerprint is not the current one.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import io
import json
import os
import platform
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np

PACKAGE = Path(__file__).resolve().parent.parent  # src/unrolled
ROOT = PACKAGE.parent.parent
DATA = Path(os.environ.get("UNROLLED_EXPERIMENT_DATA", ROOT / "data" / "experiments"))


class StaleResult(RuntimeError):
    """A stored result is missing or was made by other code or parameters."""


# --- fingerprints -------------------------------------------------------------


def _module_file(name: str) -> Path | None:
    """The source file of ``unrolled.<...>`` module ``name``, if it is one of ours."""
    parts = name.split(".")
    if parts[0] != "unrolled":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, layout: tuple[str, ...] | None = None) -> frozenset[str]:
    # Memoized on the file's path and text and on the package's file names
    # (which decide what a name resolves to): a build loads stored results
    # many times, and parsing is most of what that costs.
    return _imports_of(str(path), path.read_text(encoding="utf-8"), layout or _layout())


def _layout() -> tuple[str, ...]:
    return tuple(sorted(f.relative_to(PACKAGE).as_posix() for f in PACKAGE.rglob("*.py")))


@functools.lru_cache(maxsize=256)
def _imports_of(where: str, text: str, layout: tuple[str, ...]) -> frozenset[str]:
    """Names of the ``unrolled`` modules that the file at ``path`` imports by name.

    ``from ..train import Regressor`` gives ``unrolled.train``; the package
    ``__init__`` files that Python also runs on the way are not followed unless
    the import names the package itself (``from unrolled import LSTM``): they
    only re-export, so a change there cannot change a result.
    """
    path = Path(where)
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1])
    modules = _all_modules()
    found = set()
    tree = ast.parse(text)
    if path.parent == Path(__file__).resolve().parent:  # what plot* imports only draws (as in _code)
        tree.body = [n for n in tree.body if not _is_plot(n)]
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
    return frozenset(n for n in found if _module_file(n) is not None)


def _is_plot(node) -> bool:
    return isinstance(node, ast.FunctionDef) and node.name.startswith("plot")


def _all_modules() -> set[str]:
    names = set()
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def sources(module_name: str) -> list[Path]:
    """Every file of ours whose code ``module_name`` uses, followed through imports."""
    todo, seen, layout = [module_name], set(), _layout()
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        todo.extend(_imports(path, layout))
    return sorted(seen)


def _code(path: Path) -> bytes:
    """What of a file can change a result: its syntax tree, without docstrings.

    Comments, blank lines, layout and docstrings do not count; neither do an
    experiment module's ``plot*`` functions, since figures are redrawn at every
    build and restyling one never needs the experiment to run again.
    Memoized on the file's text, like ``_imports``.
    """
    experiment = Path(path).resolve().parent == Path(__file__).resolve().parent
    return _code_of(Path(path).read_text(encoding="utf-8"), experiment)


@functools.lru_cache(maxsize=256)
def _code_of(text: str, experiment: bool) -> bytes:
    tree = ast.parse(text)
    if experiment:
        tree.body = [n for n in tree.body if not _is_plot(n)]
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree).encode()


def fingerprint(module) -> str:
    """SHA-256 of the experiment's code (with what it imports) and its parameters."""
    hasher = hashlib.sha256()
    for path in sources(module.__name__):
        hasher.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        hasher.update(_code(path))
    for path in getattr(module, "INPUTS", ()):  # data files the experiment reads
        hasher.update(Path(path).relative_to(ROOT).as_posix().encode() + b"\0")
        hasher.update(Path(path).read_bytes())
    hasher.update(json.dumps(module.PARAMS, sort_keys=True).encode())
    return hasher.hexdigest()


# --- saving and loading -----------------------------------------------------------


def _paths(name: str) -> tuple[Path, Path]:
    return DATA / f"{name}.json", DATA / f"{name}.npz"


def _write_npz(path: Path, arrays: dict) -> None:
    """np.savez with fixed timestamps, so the same arrays give the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def machine() -> dict:
    """What a timing depends on: processor, cores, Python, NumPy and its BLAS threads."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    threads = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS") if k in os.environ}
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "numpy": np.__version__, "system": platform.system(), "threads": threads}


def run_and_save(module) -> dict:
    """Compute the experiment, store it with its fingerprint; return the stored record."""
    started = time.perf_counter()
    result = module.compute(**module.PARAMS)
    seconds = time.perf_counter() - started
    arrays = {k: v for k, v in result.items() if isinstance(v, np.ndarray)}
    plain = {k: v for k, v in result.items() if not isinstance(v, np.ndarray)}
    record = {"name": module.NAME, "fingerprint": fingerprint(module), "params": module.PARAMS,
              "seconds": round(seconds, 2), "arrays": sorted(arrays), "result": plain}
    if getattr(module, "MACHINE_DEPENDENT", False):
        record["machine"] = machine()
    DATA.mkdir(parents=True, exist_ok=True)
    json_path, npz_path = _paths(module.NAME)
    if arrays:
        _write_npz(npz_path, arrays)
    elif npz_path.exists():
        npz_path.unlink()
    json_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return record


def stored_fingerprint(name: str) -> str | None:
    json_path, _ = _paths(name)
    if not json_path.is_file():
        return None
    return json.loads(json_path.read_text(encoding="utf-8")).get("fingerprint")


def load(module, strict: bool = True) -> "Stored":
    """The stored result of an experiment module.

    Raises StaleResult if it is missing, or if its fingerprint is not the
    current one and ``strict``; with ``strict=False`` a stale result loads with
    a warning (``Stored.fresh`` is False) and the test suite still fails on it.
    """
    json_path, npz_path = _paths(module.NAME)
    if not json_path.is_file():
        raise StaleResult(f"{json_path}: no stored result for '{module.NAME}'; run `make figures`")
    record = json.loads(json_path.read_text(encoding="utf-8"))
    fresh = record.get("fingerprint") == fingerprint(module)
    if not fresh:
        message = (f"{json_path}: stored result for '{module.NAME}' was made by other code "
                   f"or parameters; run `make figures` to recompute it")
        if strict:
            raise StaleResult(message)
        warnings.warn(message, StaleWarning, stacklevel=1)
    data = dict(record["result"])
    if record["arrays"]:
        with np.load(npz_path, allow_pickle=False) as npz:
            data.update({k: npz[k] for k in record["arrays"]})
    return Stored(record, data, fresh)


class StaleWarning(UserWarning):
    """A stored result was loaded although its code or parameters changed."""


class Stored(dict):
    """A stored result: a dict of its values, with ``.seconds``, ``.machine``, ``.params``."""

    def __init__(self, record: dict, data: dict, fresh: bool = True):
        super().__init__(data)
        self.fresh = fresh
        self.seconds = record["seconds"]
        self.machine = record.get("machine")
        self.params = record["params"]
        self.fingerprint = record["fingerprint"]


def get(module_name: str, rerun: bool = False):
    """The result of ``unrolled.experiments.<module_name>``: stored, or recomputed when ``rerun``.

    A stale stored result still loads, with a ``StaleWarning``: pages keep
    building while ``make figures`` catches up, and the test of freshness fails.
    """
    module = importlib.import_module(f"unrolled.experiments.{module_name}")
    if rerun:
        result = module.compute(**module.PARAMS)
        return Stored({"seconds": None, "params": module.PARAMS, "fingerprint": fingerprint(module),
                       "machine": machine()}, result)
    return load(module, strict=False)
