"""Every place the build relies on how Material, mkdocs-jupyter, nbconvert or nbformat work inside.

Each adaptation below depends on something those projects do not promise
(a private function, the shape of their HTML, a placeholder text). Each is
guarded by a test in ``tests/test_internals.py`` that fails when an upgrade
changes what it relies on, and the code that cannot find what it expects
stops the build rather than publish a page it did not fix.

Material:

- ``copy_label``: the copy button's label, in the theme's words for the site's language;
- ``code_blocks``: the theme's code blocks as they will stand once loaded;
- ``defer_theme_script``: the theme's script, deferred;
- ``cache_search_entries``: the search plugin's entries for a page, kept in the build's cache.

pymdownx.highlight:

- ``remember_highlighted``: a code block already highlighted in this process is not highlighted again.

mkdocs-jupyter (pinned at 0.26.3), nbconvert and nbformat:

- ``prewarm``: executes notebooks into the plugin's own cache while snippets run;
- ``NO_ALT``: the placeholder alt text nbconvert writes for every figure;
- ``number_cell_ids``: counted cell ids instead of random ones.
"""

from __future__ import annotations

import html
import json
import logging
import re
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.unrolled")


# --- Material --------------------------------------------------------------------------


def copy_label(config) -> str:
    """The label of Material's copy button, from its language partial."""
    return html.unescape(config.theme.get_env().from_string(
        '{% import "partials/language.html" as lang with context %}{{ lang.t("clipboard.copy") }}'
    ).render(config=config).strip())


CODE_BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)"(?P<attrs>[^>]*)>'
    r'(?P<title><span class="filename">[^<]*</span>)?'
    r'<pre(?P<pre>[^>]*)>(?P<lead>(?:<span></span>)?)<code\b')
NAME_TOKEN = re.compile(r'<span class="n">([^<]*)</span>')


def code_blocks(content: str, label: str) -> str:
    """Each of the theme's code blocks as it will stand once loaded, in one pass over the page.

    - Its copy button is written here. The theme would insert it once the
      page has loaded and read the block's width right after, so each block
      cost a phone a fresh style and layout pass. The theme's clipboard
      handler serves any ``data-clipboard-target``, tooltips.js shows any
      ``title``, and the theme skips blocks marked ``no-copy``, as outputs
      already are. The block is named by ``data-code``, not the theme's ``data-copy``,
      which would replace the text that is copied.
    - Its names (Pygments' ``n`` tokens) are plain text. The theme colours a
      name as the code around it, so the span changed nothing a reader sees,
      yet it was a fifth of a question page's elements, each parsed, styled
      and laid out. tests/test_browser.py checks the colours.
    """
    parts, done, count = [], 0, 0
    for block in CODE_BLOCK.finditer(content):
        head = block[0]
        if "no-copy" not in block["cls"].split():
            count += 1
            head = (f'<div class="{block["cls"]} no-copy"{block["attrs"]}>{block["title"] or ""}'
                    f'<pre{block["pre"]} data-code="{count}"><nav class="md-code__nav">'
                    f'<button class="md-code__button" title="{html.escape(label, quote=True)}" '
                    f'data-clipboard-target="pre[data-code=\'{count}\'] > code" data-md-type="copy"></button></nav>'
                    f'{block["lead"]}<code')
        end = content.find("</code>", block.end())
        parts += [content[done:block.start()], head, NAME_TOKEN.sub(r"\1", content[block.end():end])]
        done = end
    return "".join(parts) + content[done:]


THEME_SCRIPT = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_theme_script(output: str, where: str) -> str:
    """Run the theme's script once the page is parsed, not where the parser meets it.

    The theme puts its script at the end of <body> without ``defer``, so the
    parser evaluates it (43 ms at full speed in a Lighthouse trace here,
    four times that on Lighthouse's phone), and the browser often painted
    a question page's text only after it and the theme's start-up.
    Deferred, the text was painted first in most runs (benchmarks/README.md).
    The site's own scripts are deferred too and keep their order after it;
    the head's inline scripts do not need it.
    """
    output, found = THEME_SCRIPT.subn(r'<script src="\g<src>" defer></script>', output)
    if found != 1:
        raise PluginError(f"{where}: expected the theme's script tag once, found it {found} times; "
                          "has a theme update changed it? (unrolled_site/internals.py, THEME_SCRIPT)")
    return output


def cache_search_entries(config, cache) -> None:
    """Keep the search plugin's entries for each page in the build's cache.

    Material's search plugin reads every page's HTML again with Python's
    ``html.parser`` to cut it into sections, on every build; on a rebuild
    while serving that was about a third of the CPU time. A page's entries
    depend only on its HTML, address, title, metadata and table of contents,
    and on the plugin's version: with all of them in the key, an entry
    from the cache is the list the plugin would make, and a changed page
    is a cache miss.
    """
    from importlib.metadata import version

    from .cache import key

    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is None:  # the plugin is off, or a theme without it
        return
    if not callable(getattr(index, "add_entry_from_context", None)) or not isinstance(
            getattr(index, "entries", None), list):
        raise PluginError("Material's search index no longer has add_entry_from_context and entries; "
                          "has a theme update changed it? (unrolled_site/internals.py, cache_search_entries)")
    add = index.add_entry_from_context
    material = version("mkdocs-material")

    def cached(page):
        stored = cache.entry("search", key(
            material, page.url, str(page.title), json.dumps(page.meta, sort_keys=True, default=str),
            json.dumps(_toc(page.toc)), page.content or ""))
        if stored.exists():
            index.entries.extend(json.loads(stored.read_text(encoding="utf-8")))
            return
        before = len(index.entries)
        add(page)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(index.entries[before:]), encoding="utf-8")

    index.add_entry_from_context = cached


def _toc(items) -> list:
    """A table of contents as plain data: what a search entry's address is taken from."""
    return [[item.id, item.title, item.url, _toc(item.children)] for item in items]


# --- pymdownx.highlight -----------------------------------------------------------------

HIGHLIGHT_ARGS = ("src", "language", "css_class", "hl_lines", "linestart", "linestep", "linespecial",
                  "inline", "classes", "id_value", "attrs", "title", "code_block_count")
_highlighted: dict = {}


def remember_highlighted() -> None:
    """Remember each code block's highlighted HTML for the rest of the process.

    ``mkdocs serve`` rebuilds every page after a save, in the same process,
    and Pygments tokenising and formatting the site's code blocks again was
    a quarter of a rebuild. The HTML of a block depends only on the block
    (its source and the fence's options, all of ``Highlight.highlight``'s
    arguments) and on the extension's configuration (the ``Highlight``
    object's settings), which together are the key. Inline code returns a
    new element each time and a title written as HTML goes through the
    page's own stash, so both are left to the extension.
    """
    import inspect

    from pymdownx.highlight import Highlight

    highlight = Highlight.highlight
    if getattr(highlight, "remembers", False):
        return
    if tuple(inspect.signature(highlight).parameters)[1:] != HIGHLIGHT_ARGS:
        raise PluginError("pymdownx.highlight's Highlight.highlight takes other arguments than "
                          f"{HIGHLIGHT_ARGS}; has an update changed it? (unrolled_site/internals.py)")

    def remembered(self, *args, **kwargs):
        bound = inspect.signature(highlight).bind(self, *args, **kwargs)
        bound.apply_defaults()
        given = dict(list(bound.arguments.items())[1:])
        if given["inline"] or self.title_mode == "html":
            return highlight(self, *args, **kwargs)
        settings = {k: v for k, v in vars(self).items() if k != "md"}
        key = repr((sorted(settings.items()), sorted(given.items())))
        if key not in _highlighted:
            if len(_highlighted) > 10_000:  # a long session of edits
                _highlighted.clear()
            _highlighted[key] = highlight(self, *args, **kwargs)
        return _highlighted[key]

    remembered.remembers = True
    Highlight.highlight = remembered


# --- mkdocs-jupyter, nbconvert, nbformat ------------------------------------------------

# The alt text nbconvert's templates write for every figure, whatever the cell says.
NO_ALT = 'alt="No description has been provided for this image"'

# The rendering options mkdocs-jupyter passes to nb2html, by config key.
OPTIONS = (
    "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
    "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url",
)


def prewarm(plugin, files) -> threading.Thread | None:
    """Start executing every notebook that has no entry in mkdocs-jupyter's cache; return the thread.

    mkdocs-jupyter executes each notebook when it renders the page, one after
    the other, once the snippets are done. This fills the plugin's own cache
    entry for each notebook in a background thread started before the
    snippets run, so a cold build runs both at once. The entry is exactly
    what the plugin would write itself (same key, same content); when a
    notebook fails here nothing is written, and the plugin runs it again and
    reports the failure in its own words.
    """
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jp

    config = plugin.config
    if not (config["execute"] and config["cache"]) or config["execute_ignore"]:
        return None
    todo = []
    for file in files:
        if not plugin.should_include(file):
            continue
        key = jp._compute_cache_key(file.abs_src_path, config, True)
        target = jp._get_cache_path(config["cache_dir"], key)
        if not target.exists():
            todo.append((file.abs_src_path, target))
    if not todo:
        return None

    def work():
        for source, target in todo:
            try:
                body = convert.nb2html(source, execute=True, **{k: config[k] for k in OPTIONS})
            except Exception:  # noqa: BLE001 - the plugin reruns it and reports the error
                log.debug("pre-execution of %s failed; the plugin will report it", source)
                continue
            toc_tokens, title = jp._get_nb_toc_tokens(source, config["toc_depth"])
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(
                json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8"
            )

    thread = threading.Thread(target=work, name="notebook-prewarm", daemon=True)
    thread.start()
    return thread


def number_cell_ids() -> None:
    """Give every notebook jupytext reads ids counted from its first cell.

    mkdocs-jupyter reads each ``.py`` with jupytext, and nbformat gives every
    new cell a random id, which lands in the page's HTML (``id="cell-id=..."``):
    two builds of the same commit would differ.
    The ids must not depend on what the process read before either: a counter
    shared by the process gave the page ``cell-60`` onwards when the notebook
    ran ahead of the snippets, and later numbers when that run failed (a
    kernel slow to start on a loaded machine) and the notebook was read
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
