"""Notebook downloads: ``.ipynb`` and ``.py`` for each notebook and for each of its parts.

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
Called from ``unrolled_hooks.on_files``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

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


def _number_cell_ids():
    """Give every notebook jupytext reads ids counted from its first cell, in this process.

    mkdocs-jupyter reads each ``.py`` with jupytext, and nbformat gives every
    new cell a random id, which lands in the page's HTML (``id="cell-id=..."``):
    two builds of the same commit would differ.
    The ids must not depend on what the process read before either: a counter
    shared by the process gave the page ``cell-60`` onwards when the notebook
    ran ahead of the snippets, and later numbers when that run failed (a
    kernel slow to start on a loaded machine) and the plugin read the notebook
    again, so two clean builds differed now and then.
    Numbering each notebook's cells from ``cell-0`` as it is read keeps them identical.
    """
    import itertools

    import jupytext
    from nbformat.v4 import nbbase

    if getattr(jupytext.read, "numbers_cells", False):
        return
    counter = itertools.count()
    nbbase.random_cell_id = lambda: f"cell-new-{next(counter)}"  # replaced below for every notebook read

    def numbered(read):
        def wrapper(*args, **kwargs):
            notebook = read(*args, **kwargs)
            for number, cell in enumerate(notebook.cells):
                cell["id"] = f"cell-{number}"
            return notebook

        wrapper.numbers_cells = True
        return wrapper

    jupytext.read = numbered(jupytext.read)
    jupytext.reads = numbered(jupytext.reads)


def add_downloads(files, config):
    """Append the generated downloads for every ``docs/notebooks/*.py``; return ``files``."""
    _number_cell_ids()
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


add_ipynb = add_downloads  # the name unrolled_hooks calls
