"""Run the Python that pages show, and keep what it printed and drew.

A snippet is a file in ``snippets/``. The build runs every snippet once, in a
fresh namespace of this process, with every random generator seeded and a
non-interactive Matplotlib backend. What comes out is a ``Result``: its stdout,
its figures (as SVG, with the alt text the snippet gave), and the simple values
it left at module level, so that prose can quote a number from the run.

The part of a file a page displays lies between two markers, the syntax of
``pymdownx.snippets``::

    # --8<-- [start:show]
    ...
    # --8<-- [end:show]

What lies outside (the alt text, asserts a reader does not need) still runs.
A snippet that draws figures sets ``ALT`` (a string, or a list with one string
per figure); ``CAPTION`` is optional in the same shape.

A snippet lists in ``__all__`` the module-level names a page may quote with
``{{ value(...) }}``; each must hold a simple value (a number, a string, a
bool, or a short list, tuple or dict of them). Other names, such as the
leftovers of a loop, cannot be quoted by accident.

``Running`` (and ``run_all``) runs many snippets at once in a pool of
processes, reusing the results the cache (``cache.py``) still holds.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import time
import traceback
import warnings
from pathlib import Path

from .results import Figure, Result, SnippetError, exported

STYLE = Path(__file__).resolve().parent / "figures.mplstyle"  # the house style, unless configured
SEED = 0

SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")


def rel(path: Path, root: Path | None = None) -> str:
    """The path below ``root`` (the project), else as it is."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


def sections(path: Path, root: Path | None = None) -> dict[str, tuple[int, str]]:
    """Named sections of a snippet: name -> (first line number, text)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    open_at: dict[str, int] = {}
    found: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        match = SECTION.match(line)
        if not match:
            continue
        kind, name = match.groups()
        if kind == "start":
            if name in open_at or name in found:
                raise SnippetError(f"{rel(path, root)}:{number}: section '{name}' starts twice")
            open_at[name] = number
        else:
            if name not in open_at:
                raise SnippetError(f"{rel(path, root)}:{number}: section '{name}' ends but never starts")
            start = open_at.pop(name)
            body = [l for l in lines[start : number - 1] if not SECTION.match(l)]
            found[name] = (start + 1, "\n".join(body).strip("\n"))
    if open_at:
        name, number = next(iter(open_at.items()))
        raise SnippetError(f"{rel(path, root)}:{number}: section '{name}' never ends")
    return found


def shown_code(path: Path, section: str | None = None, root: Path | None = None) -> str:
    """The code a page displays: a named section, or the file without markers."""
    found = sections(path, root)
    if section is None:
        section = "show" if "show" in found else None
    if section is None:
        text = Path(path).read_text(encoding="utf-8")
        return "\n".join(l for l in text.splitlines() if not SECTION.match(l)).strip("\n")
    if section not in found:
        names = ", ".join(sorted(found)) or "none"
        raise SnippetError(f"{rel(path, root)}: no section '{section}' (sections: {names})")
    return found[section][1]


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def _reset_state(style: Path) -> None:
    """Seed every generator and restore Matplotlib's defaults and the figure style."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    import numpy as np

    plt.close("all")
    matplotlib.rcdefaults()
    plt.style.use(style)
    random.seed(SEED)
    np.random.seed(SEED)


def _where(exc: BaseException, filename: str, root: Path) -> str:
    """file:line of the deepest frame in `filename`, else of the deepest frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return f"{rel(Path(filename), root) if os.path.isabs(filename) else filename}:{exc.lineno}"
    ours = [f for f in frames if f.filename == filename]
    frame = ours[-1] if ours else (frames[-1] if frames else None)
    if frame is None:
        return filename
    name = rel(Path(frame.filename), root) if os.path.isabs(frame.filename) else frame.filename
    return f"{name}:{frame.lineno}"


def _execute(source: str, filename: str, workdir: Path, namespace: dict, root: Path) -> str:
    """Run source in namespace inside workdir; return stdout. Raise SnippetError."""
    buffer = io.StringIO()
    old_cwd = os.getcwd()
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        os.chdir(workdir)
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(buffer):
            warnings.simplefilter("always")
            exec(code, namespace)
    except SnippetError:
        raise
    except BaseException as exc:  # noqa: BLE001 - any failure must name the file
        if isinstance(exc, KeyboardInterrupt):
            raise
        where = _where(exc, filename, root)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        raise SnippetError(f"{where}: {detail}") from exc
    finally:
        os.chdir(old_cwd)
    # A warning that points at the snippet or at our own package is ours to fix (the
    # libraries' own deprecations point into the libraries and are theirs).
    package = (Path(root) / "src").resolve()
    mine = [w for w in caught if w.filename == filename or Path(w.filename).resolve().is_relative_to(package)]
    if mine:
        w = mine[0]
        name = rel(Path(w.filename), root) if os.path.isabs(w.filename) else w.filename
        where = "" if w.filename == filename else f" (while running {rel(Path(filename), root) if os.path.isabs(filename) else filename})"
        raise SnippetError(f"{name}:{w.lineno}: {w.category.__name__}: {w.message}{where}")
    return buffer.getvalue()


def _as_list(value, count: int, what: str, name: str) -> list:
    if value is None:
        return [None] * count
    items = [value] if isinstance(value, str) else list(value)
    if len(items) != count:
        raise SnippetError(
            f"{name}: {what} has {len(items)} entr{'y' if len(items) == 1 else 'ies'} "
            f"but the snippet drew {count} figure{'s' if count != 1 else ''}"
        )
    return items


def run_snippet(path: Path, root: Path, style: Path = STYLE, workdir: Path | None = None) -> Result:
    """Run one snippet as a reader would and collect its output, figures and exported values."""
    import tempfile

    import matplotlib.pyplot as plt

    path = Path(path).resolve()
    name = rel(path, root)
    sections(path, root)  # markers must be well formed before anything runs
    source = path.read_text(encoding="utf-8")
    _reset_state(style)
    namespace = {"__name__": "__main__", "__file__": str(path)}
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="snippet-")))
        stdout = _execute(source, str(path), workdir, namespace, root)
        figures = [plt.figure(n) for n in plt.get_fignums()]
        alts = _as_list(namespace.get("ALT"), len(figures), "ALT", name)
        captions = _as_list(namespace.get("CAPTION"), len(figures), "CAPTION", name)
        drawn = []
        for index, (fig, alt, caption) in enumerate(zip(figures, alts, captions), start=1):
            if not alt or not str(alt).strip():
                raise SnippetError(f"{name}: figure {index} has no alt text (set ALT)")
            drawn.append(_to_svg(fig, f"{path.stem}-{index}", str(alt), caption))
        plt.close("all")
    seconds = time.perf_counter() - started
    return Result(name, stdout, drawn, exported(namespace, name), round(seconds, 3))


def _to_svg(fig, salt: str, alt: str, caption: str | None) -> Figure:
    import matplotlib

    from unrolled.experiments._ticks import plain_log_ticks

    plain_log_ticks(fig)  # house style, like figures.mplstyle: log ticks as text, not mathtext
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    width_in, height_in = fig.get_size_inches()
    return Figure(buffer.getvalue(), alt.strip(), caption, round(width_in * 96), round(height_in * 96))




# --------------------------------------------------------------------------
# Many at once
# --------------------------------------------------------------------------


def _worker_init() -> None:
    # One BLAS thread per worker: the workers already use every core.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    os.environ.setdefault("MPLBACKEND", "Agg")


def _run_and_store(path: Path, root: Path, style: Path, stored: Path) -> None:
    result = run_snippet(path, root, style)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(result.to_json(), encoding="utf-8")


class Running:
    """Snippets whose results are not stored yet, running in a pool of processes.

    ``jobs`` maps each snippet to the file its result is stored in (its cache
    entry). Starting does not wait: the build starts the snippets as soon as
    its configuration is read, and collects them (``results``) when the pages
    need them, so both processes work while MkDocs reads the files and the nav.
    Snippets without a stored result run spread over processes, the longest
    first; with one core (or one snippet) they run in this process, in ``results``.
    """

    def __init__(self, jobs: dict[Path, Path], root: Path, style: Path = STYLE, workers: int | None = None):
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.jobs, self.root, self.style = jobs, root, style
        self.todo = [p for p, stored in jobs.items() if not stored.exists()]
        self.pool, self.futures = None, {}
        workers = min(workers or os.cpu_count() or 1, len(self.todo))
        if workers > 1:
            self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_worker_init)
            # longest first would be ideal; file size is a fair proxy for work
            self.futures = {p: self.pool.submit(_run_and_store, p, root, style, jobs[p])
                            for p in sorted(self.todo, key=lambda p: -p.stat().st_size)}

    def results(self) -> dict[str, Result]:
        """Wait for every snippet; return all results keyed by path below ``root``, in the order given.

        The first failure, in that order, is raised.
        """
        try:
            if self.pool is not None:
                for p in self.todo:
                    self.futures[p].exception()  # wait for all, so every result is stored
                for p in self.todo:
                    self.futures[p].result()  # raise the first failure in the given order
            else:
                for p in self.todo:
                    _run_and_store(p, self.root, self.style, self.jobs[p])
        finally:
            self.stop()
        return {rel(p, self.root): Result.from_json(stored.read_text(encoding="utf-8"))
                for p, stored in self.jobs.items()}

    def stop(self) -> None:
        """Drop the snippets not started yet and wait for the running ones (a failed build)."""
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def run_all(jobs: dict[Path, Path], root: Path, style: Path = STYLE, workers: int | None = None) -> dict[str, Result]:
    """Run every snippet whose result is not stored yet; return all results (see ``Running``)."""
    return Running(jobs, root, style, workers).results()
