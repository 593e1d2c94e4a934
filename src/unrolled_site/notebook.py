"""The notebook page: downloads, alt text, and a light page.

Downloads: ``.ipynb`` and ``.py`` for each notebook and for each of its parts.

Notebooks live in ``docs/notebooks/`` as jupytext percent-format ``.py`` files;
mkdocs-jupyter executes them at build and, with ``include_source``, copies the
``.py`` next to the page (``notebooks/<name>/<name>.py``). This module adds,
in the same folder:

- ``<name>.ipynb``: the whole notebook, unexecuted, converted by jupytext;
- ``<part>.ipynb`` and ``<part>.py`` for every part: the cells whose metadata
  say ``part="<part>"``, after the cells tagged ``setup`` (the imports), so a
  reader can take one experiment alone.

Every experiment could have been a notebook page of its own, but each page
starts a kernel (about two seconds on two cores), which the build budget cannot
afford seven times; one executed page with downloadable parts can.

The page itself is made light and accessible by ``finish_page``: figures get
their cells' alt text, and Jupyter's inline stylesheet and figures become
shared files. The notebook runs ahead of its page, while the snippets run
(``internals.prewarm``, since it relies on mkdocs-jupyter's own cache).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import css_purge
from .internals import NO_ALT

NOTEBOOKS = "notebooks"
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def read(source: str):
    """A percent-format notebook's text as a notebook, with the site's kernel."""
    import jupytext

    notebook = jupytext.reads(source, fmt="py:percent")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = KERNEL
    return notebook


def _ipynb(notebook) -> str:
    import jupytext

    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"  # nbformat would draw random ids
    return jupytext.writes(notebook, fmt="ipynb")


def _py(notebook) -> str:
    import jupytext

    return jupytext.writes(notebook, fmt="py:percent")


def parts(source: str) -> dict:
    """``{part: notebook}``: each part's cells after the setup cells, in order."""
    import copy

    notebook = read(source)
    setup = [c for c in notebook.cells if "setup" in c.metadata.get("tags", [])]
    names = []
    for cell in notebook.cells:
        name = cell.metadata.get("part")
        if name and name not in names:
            names.append(name)
    out = {}
    for name in names:
        cells = [c for c in notebook.cells if c.metadata.get("part") == name]
        part = copy.deepcopy(notebook)
        part.cells = copy.deepcopy(cells[:1] + setup + cells[1:])  # its heading first
        for cell in part.cells:
            cell.metadata.pop("part", None)
        if part.cells[0].cell_type == "markdown" and part.cells[0].source.startswith("## "):
            part.cells[0].source = part.cells[0].source[1:]  # the part's heading is now the title
        out[name] = part
    return out


def ipynb_text(source: str) -> str:
    """The whole percent-format notebook as .ipynb JSON (no outputs; same text, same bytes)."""
    return _ipynb(read(source))


def add_downloads(files, config):
    """Append the generated downloads for every ``docs/notebooks/*.py``; return ``files``."""
    docs = Path(config["docs_dir"])
    for path in sorted((docs / NOTEBOOKS).glob("*.py")):
        folder = f"{NOTEBOOKS}/{path.stem}"
        source = path.read_text(encoding="utf-8")
        generated = {f"{folder}/{path.stem}.ipynb": ipynb_text(source)}
        for name, part in parts(source).items():
            generated[f"{folder}/{name}.py"] = _py(part)
            generated[f"{folder}/{name}.ipynb"] = _ipynb(part)
        for uri, text in generated.items():
            files.append(File.generated(config, uri, content=text.encode("utf-8")))
    return files


# --- the page ---------------------------------------------------------------------------

INLINE_IMAGE = re.compile(r'src="data:image/(?P<kind>svg\+xml|png|jpeg);base64,(?P<data>[A-Za-z0-9+/=]{4000,})"')
SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="(?P<w>[0-9.]+)pt"\s+height="(?P<h>[0-9.]+)pt"')  # Matplotlib's, in points
INLINE_STYLE = re.compile(r'<style type="text/css">(?P<css>.{20000,}?)</style>', re.S)


def finish_page(output: str, page, site_dir: str, cache) -> str:
    """Make a page light and accessible.

    mkdocs-jupyter inlines Jupyter's whole stylesheet and every figure as
    base64 into the page; both become shared files, fetched once and cached,
    and the stylesheet keeps only the rules the page can use (css_purge).
    Figures get their cells' alt text, and scrolling code cells a tab stop.
    """

    def to_file(name: str, data: bytes) -> str:
        """Write data once under the site; return its URL relative to this page."""
        target = Path(site_dir) / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        base = posixpath.dirname(page.url.rstrip("/") + "/index.html") if page.url else "."
        return posixpath.relpath(name, base)

    def stylesheet(match):
        css = slim[match["css"]].encode("utf-8")
        href = to_file(f"assets/stylesheets/jupyter-{hashlib.sha256(css).hexdigest()[:12]}.css", css)
        return f'<link rel="stylesheet" href="{href}">'

    def image(match):
        kind, data = match["kind"], base64.b64decode(match["data"])
        ext = {"svg+xml": "svg", "png": "png", "jpeg": "jpg"}[kind]
        src = to_file(f"assets/notebook-figures/{hashlib.sha256(data).hexdigest()[:16]}.{ext}", data)
        # Off-screen figures load when scrolled to (the browser lays out an
        # SVG's text on the main thread); a known size reserves their space.
        size = SVG_SIZE.search(data[:2000].decode("utf-8", "replace")) if ext == "svg" else None
        box = f' width="{round(float(size["w"]) * 4 / 3)}" height="{round(float(size["h"]) * 4 / 3)}"' if size else ""
        return f'src="{src}"{box} loading="lazy" decoding="async"'

    no_stderr(output, page)
    output = alt_text(output, page)
    output = output.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    # JupyterLab's whole sheet is 580 KB; this page uses a few percent of it
    sheets = [m["css"] for m in INLINE_STYLE.finditer(output)]
    slim = dict(zip(sheets, _slim_stylesheets(sheets, output, cache))) if sheets else {}
    output = INLINE_STYLE.sub(stylesheet, output)
    # Text SVG compresses once served as a file; base64 inside HTML does not.
    return INLINE_IMAGE.sub(image, output)


def _slim_stylesheets(sheets: list[str], output: str, cache) -> list[str]:
    """css_purge on a page's inline sheets, cached on everything the result depends on."""
    from .cache import key

    classes = css_purge.page_classes(output)
    rest = INLINE_STYLE.sub("", output)
    stored = cache.entry("css", key(
        Path(css_purge.__file__).read_text(encoding="utf-8"), *sheets,
        " ".join(sorted(classes)), " ".join(sorted(set(css_purge.VAR_REF.findall(rest)))),
    ))
    if stored.exists():
        return json.loads(stored.read_text(encoding="utf-8"))
    slim = css_purge.drop_unused_variables([css_purge.purge(css, classes) for css in sheets], rest)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(slim), encoding="utf-8")
    return slim


STDERR = re.compile(r'data-mime-type="application/vnd\.jupyter\.stderr"[^>]*>\s*<pre>(?P<text>.*?)</pre>', re.S)


def no_stderr(output: str, page) -> None:
    """Stop the build if a cell wrote to stderr (a warning, a log line).

    ``allow_errors: false`` catches exceptions only; a warning would be
    published as an output, with the builder's file paths in it.
    """
    found = STDERR.search(output)
    if found:
        text = html.unescape(re.sub(r"<[^>]+>", "", found["text"])).strip()
        raise PluginError(f"docs/{page.file.src_uri}: a cell wrote to stderr, which the page would show; "
                          f"fix what it reports: {text.splitlines()[0] if text else '(empty)'}")


def alt_text(output: str, page) -> str:
    """Give a notebook's figures the alt text of their cells (`alt` in the cell's metadata).

    nbconvert's templates ignore that metadata and write a placeholder; every
    figure must have a real description, so a missing one stops the build.
    """
    if not page.file.src_uri.endswith(".py"):
        return output
    cells = read(Path(page.file.abs_src_path).read_text(encoding="utf-8")).cells
    alts = [c.metadata["alt"] for c in cells if c.cell_type == "code" and c.metadata.get("alt")]
    found = output.count(NO_ALT)
    if found != len(alts):
        raise PluginError(
            f"docs/{page.file.src_uri}: {found} figure(s) but {len(alts)} cell(s) with alt text; "
            'give each cell that draws a figure alt="..." in its "# %%" line'
        )
    for alt in alts:
        output = output.replace(NO_ALT, f'alt="{html.escape(alt, quote=True)}"', 1)
    return output
