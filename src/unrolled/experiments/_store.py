"""Stored results of the experiments: saved with a hash of the code and parameters that made them.

An experiment is a module of this subpackage with ``NAME``, ``PARAMS`` (a dict
of plain values) and ``compute(**PARAMS) -> dict``. Its result is a dict of
plain values (JSON) and NumPy arrays (a deterministic ``.npz``).

The hash is taken over each file's syntax tree without docstrings, so comments,
layout and documentation never make a result stale; functions named ``plot*``
are left out too, with what they import: a figure is redrawn at every build.
It is written out the same way on every Python version (``unrolled._reads``).

``save`` writes ``data/experiments/<NAME>.json`` (and ``.npz`` when there are
arrays) with ``fingerprint(module)``: a SHA-256 of the experiment's source, of
every ``unrolled`` module it imports by name (followed through imports, so a
change to a cell or to training makes the stored result stale), of the data files it
lists in ``INPUTS`` and of its parameters.
``load`` refuses a stored result whose fingerprint is not the current one.
"""

from __future__ import annotations

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

from .. import _reads

PACKAGE = Path(__file__).resolve().parent.parent  # src/unrolled
ROOT = PACKAGE.parent.parent
DATA = Path(os.environ.get("UNROLLED_EXPERIMENT_DATA", ROOT / "data" / "experiments"))


class StaleResult(RuntimeError):
    """A stored result is missing or was made by other code or parameters."""


# --- fingerprints -------------------------------------------------------------


def sources(module_name: str, memo: dict | None = None) -> list[Path]:
    """Every file of ours whose code ``module_name`` uses to compute, followed through imports."""
    file = _reads.module_file(module_name)
    if file is None:
        raise ValueError(f"module_name: {module_name!r} is not a module of the unrolled package")
    return _reads.sources(file, without_plots=True, memo=memo)


def fingerprint(module, memo: dict | None = None) -> str:
    """SHA-256 of the experiment's code (with what it imports), its data files and its parameters.

    The same on every Python version (``unrolled._reads.code``). ``memo``: see ``unrolled._reads.facts``.
    """
    files = sources(module.__name__, memo) + [Path(p) for p in getattr(module, "INPUTS", ())]
    hasher = hashlib.sha256(_reads.digest(files, ROOT, without_plots=True, memo=memo).encode())
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


def stale_results(memo: dict | None = None) -> list[str]:
    """One line for each experiment whose stored result is missing or stale; empty when all are fresh.

    The site build calls it first and stops on any line: a page must never
    show a result its code no longer makes.
    """
    from . import EXPERIMENTS

    lines = []
    for name in EXPERIMENTS:
        module = importlib.import_module(f"unrolled.experiments.{name}")
        stored = stored_fingerprint(module.NAME)
        if stored is None:
            lines.append(f"'{name}' has no stored result")
        elif stored != fingerprint(module, memo):
            lines.append(f"'{name}' (data/experiments/{module.NAME}.json) was made by other code, parameters or data")
    return lines


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
