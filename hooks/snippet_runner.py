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

Inline code blocks in Markdown pages are checked by ``run_block``: lines that
start with ``#>`` state what the line above them prints, and a fresh run must
print exactly that.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import os
import random
import re
import sys
import time
import traceback
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
PACKAGE = ROOT / "src" / "unrolled"
STYLE = Path(__file__).resolve().parent / "figures.mplstyle"
SEED = 0

SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
OUTPUT_LINE = re.compile(r"^(\s*)#>(?: (.*))?$")


class SnippetError(Exception):
    """A snippet or code block failed; the message starts with file:line."""


@dataclass
class Figure:
    svg: str
    alt: str
    caption: str | None
    width: int  # px at 96 dpi
    height: int


@dataclass
class Result:
    path: str  # relative to the repository root
    stdout: str
    figures: list[Figure] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Result":
        data = json.loads(text)
        data["figures"] = [Figure(**f) for f in data["figures"]]
        return cls(**data)


def configure(root: Path) -> None:
    """Point the runner at another project (the guard tests build fixtures)."""
    global ROOT, SNIPPETS
    ROOT = Path(root).resolve()
    SNIPPETS = ROOT / "snippets"


def rel(path: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


def sections(path: Path) -> dict[str, tuple[int, str]]:
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
                raise SnippetError(f"{rel(path)}:{number}: section '{name}' starts twice")
            open_at[name] = number
        else:
            if name not in open_at:
                raise SnippetError(f"{rel(path)}:{number}: section '{name}' ends but never starts")
            start = open_at.pop(name)
            body = [l for l in lines[start : number - 1] if not SECTION.match(l)]
            found[name] = (start + 1, "\n".join(body).strip("\n"))
    if open_at:
        name, number = next(iter(open_at.items()))
        raise SnippetError(f"{rel(path)}:{number}: section '{name}' never ends")
    return found


def shown_code(path: Path, section: str | None = None) -> str:
    """The code a page displays: a named section, or the file without markers."""
    found = sections(path)
    if section is None:
        section = "show" if "show" in found else None
    if section is None:
        text = Path(path).read_text(encoding="utf-8")
        return "\n".join(l for l in text.splitlines() if not SECTION.match(l)).strip("\n")
    if section not in found:
        names = ", ".join(sorted(found)) or "none"
        raise SnippetError(f"{rel(path)}: no section '{section}' (sections: {names})")
    return found[section][1]


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def _reset_state() -> None:
    """Seed every generator and restore Matplotlib's defaults and our style."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    import numpy as np

    plt.close("all")
    matplotlib.rcdefaults()
    plt.style.use(STYLE)
    random.seed(SEED)
    np.random.seed(SEED)


def _where(exc: BaseException, filename: str) -> str:
    """file:line of the deepest frame in `filename`, else of the deepest frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return f"{rel(Path(filename)) if os.path.isabs(filename) else filename}:{exc.lineno}"
    ours = [f for f in frames if f.filename == filename]
    frame = ours[-1] if ours else (frames[-1] if frames else None)
    if frame is None:
        return filename
    name = rel(Path(frame.filename)) if os.path.isabs(frame.filename) else frame.filename
    return f"{name}:{frame.lineno}"


def _execute(source: str, filename: str, workdir: Path, namespace: dict) -> str:
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
        where = _where(exc, filename)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        raise SnippetError(f"{where}: {detail}") from exc
    finally:
        os.chdir(old_cwd)
    mine = [w for w in caught if w.filename == filename]
    if mine:
        w = mine[0]
        name = rel(Path(filename)) if os.path.isabs(filename) else filename
        raise SnippetError(f"{name}:{w.lineno}: {w.category.__name__}: {w.message}")
    return buffer.getvalue()


def _plain(value):
    """A JSON-safe copy of a simple value, or None when it is not simple."""
    import numpy as np

    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (tuple, list)) and len(value) <= 64:
        items = [_plain(v) for v in value]
        if all(i is not None or v is None for i, v in zip(items, value)):
            return items if isinstance(value, list) else {"__tuple__": items}
    if isinstance(value, dict) and len(value) <= 64 and all(isinstance(k, str) for k in value):
        items = {k: _plain(v) for k, v in value.items()}
        if all(items[k] is not None or value[k] is None for k in value):
            return items
    return None


def unplain(value):
    """Undo _plain's tuple wrapping."""
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(unplain(v) for v in value["__tuple__"])
        return {k: unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unplain(v) for v in value]
    return value


def _as_list(value, count: int, what: str, path: Path) -> list:
    if value is None:
        return [None] * count
    items = [value] if isinstance(value, str) else list(value)
    if len(items) != count:
        raise SnippetError(
            f"{rel(path)}: {what} has {len(items)} entr{'y' if len(items) == 1 else 'ies'} "
            f"but the snippet drew {count} figure{'s' if count != 1 else ''}"
        )
    return items


def run_snippet(path: Path, workdir: Path | None = None) -> Result:
    """Run one snippet as a reader would and collect its output and figures."""
    import tempfile

    import matplotlib.pyplot as plt

    path = Path(path).resolve()
    sections(path)  # markers must be well formed before anything runs
    source = path.read_text(encoding="utf-8")
    _reset_state()
    namespace = {"__name__": "__main__", "__file__": str(path)}
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="snippet-")))
        stdout = _execute(source, str(path), workdir, namespace)
        figures = [plt.figure(n) for n in plt.get_fignums()]
        alts = _as_list(namespace.get("ALT"), len(figures), "ALT", path)
        captions = _as_list(namespace.get("CAPTION"), len(figures), "CAPTION", path)
        drawn = []
        for index, (fig, alt, caption) in enumerate(zip(figures, alts, captions), start=1):
            if not alt or not str(alt).strip():
                raise SnippetError(f"{rel(path)}: figure {index} has no alt text (set ALT)")
            drawn.append(_to_svg(fig, f"{path.stem}-{index}", str(alt), caption))
        plt.close("all")
    seconds = time.perf_counter() - started
    values = {}
    for name, value in namespace.items():
        if name.startswith("_") or name in {"ALT", "CAPTION"}:
            continue
        plain = _plain(value)
        if plain is not None:
            values[name] = plain
    return Result(rel(path), stdout, drawn, values, round(seconds, 3))


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
# Cache: a result is reused only when nothing it could depend on changed
# --------------------------------------------------------------------------


def _environment_digest() -> str:
    # Versions from package metadata: importing matplotlib only to read its
    # version would cost a warm rebuild a third of a second.
    from importlib.metadata import version

    hasher = hashlib.sha256()
    hasher.update(sys.version.encode())
    hasher.update(version("numpy").encode() + version("matplotlib").encode())
    hasher.update(Path(__file__).read_bytes())
    hasher.update(STYLE.read_bytes())
    for file in sorted(PACKAGE.rglob("*.py")):
        hasher.update(file.relative_to(PACKAGE).as_posix().encode())
        hasher.update(file.read_bytes())
    for file in sorted((ROOT / "requirements").glob("*.lock")):  # the versions tested_versions.py quotes
        hasher.update(file.read_bytes())
    for file in sorted(p for p in (ROOT / "data").rglob("*") if p.is_file()):  # stored results, glossary
        hasher.update(file.relative_to(ROOT).as_posix().encode())
        hasher.update(file.read_bytes())
    return hasher.hexdigest()


def source_digest() -> str:
    """Hash of everything a snippet or notebook imports from this repository."""
    return _environment_digest()


def run_cached(path: Path, cache_dir: Path | None, env_digest: str | None = None) -> Result:
    """run_snippet, reusing a stored result keyed on the snippet and its imports."""
    path = Path(path).resolve()
    if cache_dir is None:
        return run_snippet(path)
    env_digest = env_digest or _environment_digest()
    stored = _stored(path, cache_dir, env_digest)
    if stored.exists():
        return Result.from_json(stored.read_text(encoding="utf-8"))
    result = run_snippet(path)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(result.to_json(), encoding="utf-8")
    return result


def _stored(path: Path, cache_dir: Path, env_digest: str) -> Path:
    return Path(cache_dir) / f"{hashlib.sha256(env_digest.encode() + path.read_bytes() + rel(path).encode()).hexdigest()}.json"


def _worker_init(hooks_dir: str, root: str) -> None:
    # One BLAS thread per worker: the workers already use every core.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    sys.path.insert(0, hooks_dir)
    os.environ.setdefault("MPLBACKEND", "Agg")
    configure(Path(root))


def run_all(paths: list[Path], cache_dir: Path, env_digest: str, workers: int | None = None) -> dict[str, Result]:
    """run_cached for many snippets, the uncached ones spread over processes.

    Results come back keyed by path relative to the root, in the order given.
    The first failure, in that order, is raised.
    """
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    paths = [Path(p).resolve() for p in paths]
    todo = [p for p in paths if not _stored(p, cache_dir, env_digest).exists()]
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers > 1:
        hooks_dir = str(Path(__file__).resolve().parent)
        if hooks_dir not in sys.path:  # spawned workers start from a copy of sys.path
            sys.path.insert(0, hooks_dir)
        with ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=_worker_init, initargs=(hooks_dir, str(ROOT))
        ) as pool:
            # longest first would be ideal; file size is a fair proxy for work
            futures = {p: pool.submit(run_cached, p, cache_dir, env_digest) for p in sorted(todo, key=lambda p: -p.stat().st_size)}
            for p in todo:
                futures[p].exception()  # wait for all, so every result is stored
            for p in todo:
                futures[p].result()  # raise the first failure in the given order
    results = {rel(p): run_cached(p, cache_dir, env_digest) for p in paths}
    # Keep the cache to what this build used, so it cannot grow without end.
    used = {_stored(p, cache_dir, env_digest) for p in paths}
    for stale in Path(cache_dir).glob("*.json"):
        if stale not in used:
            stale.unlink(missing_ok=True)
    return results


def all_snippets() -> list[Path]:
    return sorted(p for p in SNIPPETS.rglob("*.py") if "__pycache__" not in p.parts)


# --------------------------------------------------------------------------
# Inline code blocks in Markdown
# --------------------------------------------------------------------------

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\n`]*)$")


@dataclass
class Block:
    page: str  # relative to the repository root
    line: int  # first line of code, 1-based
    code: str

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def python_blocks(markdown: str, page: str) -> list[Block]:
    """Fenced blocks whose language is python or py, with their first line."""
    blocks = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"].strip()
        language = info.split()[0].lstrip(".{").rstrip("}") if info else ""
        body, j = [], i + 1
        while j < len(lines) and not re.match(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}\s*$", lines[j]):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        if language in {"python", "py"}:
            blocks.append(Block(page, i + 2, _resolve_includes(body, page, i + 2)))
        i = j + 1
    return blocks


INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')


def _resolve_includes(body: list[str], page: str, first_line: int) -> str:
    """Replace pymdownx.snippets include lines with the code they include."""
    out = []
    for offset, line in enumerate(body):
        match = INCLUDE.match(line)
        if not match:
            out.append(line)
            continue
        target = ROOT / match["path"]
        if not target.is_file():
            raise SnippetError(f"{page}:{first_line + offset}: included file {match['path']} not found")
        out.append(shown_code(target, match["section"]) if match["section"] else target.read_text(encoding="utf-8"))
    return "\n".join(out)


def split_outputs(code: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """Code with `#>` lines removed, and the stated output after each code line.

    Returns (code, [(line in the stripped code, [stated lines]), ...]).
    """
    kept: list[str] = []
    stated: list[tuple[int, list[str]]] = []
    for line in code.splitlines():
        match = OUTPUT_LINE.match(line)
        if match:
            text = match.group(2) or ""
            if stated and stated[-1][0] == len(kept):
                stated[-1][1].append(text)
            else:
                stated.append((len(kept), [text]))
        else:
            kept.append(line)
    return "\n".join(kept), stated


def run_block(block: Block, workdir: Path) -> list[tuple[int, list[str]]]:
    """Run an inline block; return what each line printed, keyed by line number.

    The number is the last line of the statement that printed, counted in the
    block without its `#>` lines. Raises SnippetError naming page and line.
    """
    code, _ = split_outputs(block.code)
    filename = f"<{block.page}:{block.line}>"
    try:
        tree = ast.parse(code, filename)
    except SyntaxError as exc:
        raise SnippetError(f"{block.page}:{block.line + (exc.lineno or 1) - 1}: SyntaxError: {exc.msg}") from exc
    statement_end = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt):
            for n in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                # the innermost simple statement wins: walk visits outer ones first
                statement_end[n] = node.end_lineno or node.lineno
    printed: dict[int, list[str]] = {}

    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None:
            return print(*args, sep=sep, end=end, file=file, flush=flush)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != filename:
            frame = frame.f_back
        line = statement_end.get(frame.f_lineno, frame.f_lineno) if frame else 0
        text = sep.join(str(a) for a in args) + end
        printed.setdefault(line, []).append(text)

    _reset_state()
    namespace = {"__name__": "__main__", "print": recording_print}
    try:
        _execute(code, filename, workdir, namespace)
    except SnippetError as exc:
        message = str(exc)
        match = re.match(rf"^<{re.escape(block.page)}:{block.line}>:(\d+): (.*)$", message, re.S)
        if match:
            message = f"{block.page}:{block.line + int(match.group(1)) - 1}: {match.group(2)}"
        raise SnippetError(message) from exc
    return [(line, "".join(texts).rstrip("\n").split("\n")) for line, texts in sorted(printed.items())]


def check_block(block: Block, workdir: Path) -> None:
    """Fail unless every `#>` line equals what a fresh run prints there."""
    code, stated = split_outputs(block.code)
    actual = run_block(block, workdir)
    stated_map = {line: text for line, text in stated}
    actual_map = dict(actual)
    for line in sorted(set(stated_map) | set(actual_map)):
        want, got = stated_map.get(line), actual_map.get(line)
        if want != got:
            page_line = block.line + _page_offset(block.code, line) - 1
            raise SnippetError(
                f"{block.page}:{page_line}: stated output differs from a fresh run\n"
                f"  stated: {want!r}\n  actual: {got!r}\n"
                f"  fix: run `make outputs` to rewrite the #> lines from a real run"
            )


def _page_offset(code_with_outputs: str, stripped_line: int) -> int:
    """Line number in the block (with #> lines) of the stripped code's line."""
    kept = 0
    for number, line in enumerate(code_with_outputs.splitlines(), start=1):
        if not OUTPUT_LINE.match(line):
            kept += 1
            if kept == stripped_line:
                return number
    return max(1, len(code_with_outputs.splitlines()))


def rewrite_outputs(block: Block, workdir: Path) -> str:
    """The block's code with its `#>` lines regenerated from a fresh run."""
    code, _ = split_outputs(block.code)
    printed = dict(run_block(block, workdir))
    out = []
    for number, line in enumerate(code.splitlines(), start=1):
        out.append(line)
        if number in printed:
            indent = re.match(r"^\s*", line).group(0)
            out.extend(f"{indent}#> {t}".rstrip() for t in printed[number])
    return "\n".join(out)
