"""MkDocs hook: run the snippets, expand the page directives, keep the guards.

Page directives (one per line, or inline for ``value``) are calls written
between double braces, for instance ``{{ run("q3_model.py") }}``:

- ``run(file, section=None)``: the code a page shows, then its output and
  figures, all from one build-time run of ``snippets/<file>``.
- ``code(file, section=None)``, ``output(file)``, ``figure(file, n)``: one part.
- ``value(file, name, fmt="")``: a value the snippet left at module level,
  formatted with Python's format spec (``","`` for thousands separators).
- ``glossary()``: the glossary, from ``data/glossary.yml``.

A directive inside an inline code span is shown, not run.
A directive that does not parse, names an unknown file, section, figure or
value, or a snippet that fails, stops the build with the file and line to fix.
Inline ``python`` code blocks run too; their ``#>`` lines must match the run.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claims  # noqa: E402  (verdicts as data: data/claims.yml)
import css_purge  # noqa: E402
import glossary  # noqa: E402
import notebook_prewarm  # noqa: E402
import notebooks  # noqa: E402
import snippet_runner as runner  # noqa: E402

log = logging.getLogger("mkdocs.hooks.unrolled")

FIGURE_DIR = "assets/figures"
DIRECTIVE = re.compile(r"\{\{(?P<body>.*?)\}\}")

_state: dict = {}


# --------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------


def on_config(config):
    global CACHE
    root = Path(config.config_file_path).resolve().parent
    runner.configure(root)
    # UNROLLED_CACHE lets a test build from a cold cache without touching ours.
    CACHE = Path(os.environ.get("UNROLLED_CACHE", root / ".cache")).resolve()
    _state.clear()
    _state["digest"] = runner.source_digest()
    _state["used"] = set()
    _state["material"] = config.theme.name == "material"  # fixture projects use mkdocs' own theme
    # Copy buttons are Material's; their label is in its words for the site's language.
    _state["copy_label"] = html.unescape(config.theme.get_env().from_string(
        '{% import "partials/language.html" as lang with context %}{{ lang.t("clipboard.copy") }}'
    ).render(config=config).strip()) if _state["material"] else None
    try:
        _state["terms"] = glossary.load(root / "data" / "glossary.yml")
    except glossary.GlossaryError as exc:
        raise PluginError(str(exc)) from None
    jupyter = config.plugins.get("mkdocs-jupyter")
    # Notebooks must draw with Jupyter's inline backend: a backend forced
    # through the environment (MPLBACKEND=Agg) would silently drop every figure.
    os.environ.pop("MPLBACKEND", None)
    if jupyter is not None:
        for key, wanted in (("execute", True), ("allow_errors", False)):
            if jupyter.config[key] != wanted:
                raise PluginError(f"mkdocs.yml: mkdocs-jupyter must set {key}: {str(wanted).lower()}")
        # The plugin keys its cache on the notebook alone; putting the hash of
        # the code notebooks import into the folder name makes any change to
        # that code a cache miss, so no stale output can be served.
        jupyter.config["cache_dir"] = str(CACHE / "mkdocs-jupyter" / _state["digest"][:16])
    return config


def on_files(files, config):
    # .ipynb and .py downloads of every notebook and its parts; this also makes
    # notebook cell ids counted rather than random, so it must come first.
    files = notebooks.add_downloads(files, config)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        # The notebook kernel is the longest job of a cold build. It starts
        # first, runs while the snippets and then the other pages render, and
        # the build waits for it only when it reaches a notebook page
        # (on_pre_page), which is why notebook pages are moved to the end.
        _state["notebooks_running"] = notebook_prewarm.start(jupyter, files)
        last = [f for f in files if f.is_documentation_page() and jupyter.should_include(f)]
        files = Files([f for f in files if f not in last] + last)
    try:
        results = runner.run_all(runner.all_snippets(), CACHE / "snippets", _state["digest"])
    except runner.SnippetError as exc:
        _wait_for_notebooks()
        raise PluginError(f"snippet failed: {exc}") from None
    for key, result in results.items():
        for index, fig in enumerate(result.figures, start=1):
            uri = f"{FIGURE_DIR}/{Path(key).stem}-{index}.svg"
            files.append(File.generated(config, uri, content=fig.svg.encode("utf-8")))
    _state["results"] = results
    return files


def _wait_for_notebooks() -> None:
    running = _state.pop("notebooks_running", None)
    if running is not None:
        running.join()


def on_pre_page(page, config, files):
    # mkdocs-jupyter reads its cache when it renders the page, after this.
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and jupyter.should_include(page.file):
        _wait_for_notebooks()
    return page


def on_build_error(error):
    _wait_for_notebooks()


def on_env(env, config, files):
    # MkDocs parses and compiles every theme template on each build (about
    # 0.4 s). Jinja's bytecode cache keys each entry on the template's name
    # and a hash of its source, so an edited template is always recompiled.
    from jinja2 import FileSystemBytecodeCache

    folder = CACHE / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown, page, config, files):
    source = f"docs/{page.file.src_uri}"
    _check_blocks(markdown, source)
    expanded = _expand(markdown, page, source)
    return expanded + "\n\n" + glossary.abbreviations(_state["terms"]) + "\n"


def on_page_content(html, page, config, files):
    content = glossary.first_in_each_section(html)
    return _code_blocks(content, _state["copy_label"]) if _state["material"] else content


CODE_BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)"(?P<attrs>[^>]*)>'
    r'(?P<title><span class="filename">[^<]*</span>)?'
    r'<pre(?P<pre>[^>]*)>(?P<lead>(?:<span></span>)?)<code\b')
NAME_TOKEN = re.compile(r'<span class="n">([^<]*)</span>')


def _code_blocks(content: str, label: str) -> str:
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


INLINE_IMAGE = re.compile(r'src="data:image/(?P<kind>svg\+xml|png|jpeg);base64,(?P<data>[A-Za-z0-9+/=]{4000,})"')
SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="(?P<w>[0-9.]+)pt"\s+height="(?P<h>[0-9.]+)pt"')  # Matplotlib's, in points
INLINE_STYLE = re.compile(r'<style type="text/css">(?P<css>.{20000,}?)</style>', re.S)


THEME_SCRIPT = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def _defer_theme_script(output: str, where: str) -> str:
    """Run the theme's script once the page is parsed, not where the parser meets it.

    The theme puts its script at the end of <body> without ``defer``, so the
    parser evaluates it (43 ms at full speed in a Lighthouse trace here,
    four times that on Lighthouse's phone), and the browser often painted
    a question page's text only after it and the theme's start-up.
    Deferred, the text was painted first in most runs (docs/contributing.md).
    The site's own scripts are deferred too and keep their order after it;
    the head's inline scripts do not need it.
    """
    output, found = THEME_SCRIPT.subn(r'<script src="\g<src>" defer></script>', output)
    if found != 1:
        raise PluginError(f"{where}: expected the theme's script tag once, found it {found} times; "
                          "has a theme update changed it? (hooks/unrolled_hooks.py, THEME_SCRIPT)")
    return output


def on_post_template(output, template_name, config):
    """The 404 page is a theme template, not a page: its script is deferred here."""
    if _state["material"] and template_name == "404.html":
        output = _defer_theme_script(output, template_name)
    return output


def on_post_page(output, page, config):
    """Make pages light and accessible.

    The theme's script is deferred (``_defer_theme_script``).

    mkdocs-jupyter inlines Jupyter's whole stylesheet and every figure as
    base64 into the page; both become shared files, fetched once and cached,
    and the stylesheet keeps only the rules the page can use (css_purge).
    Figures get their cells' alt text, and scrolling code cells a tab stop.
    """

    def to_file(name: str, data: bytes) -> str:
        """Write data once under the site; return its URL relative to this page."""
        target = Path(config.site_dir) / name
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

    if _state["material"]:
        output = _defer_theme_script(output, page.file.src_uri)
    output = _notebook_alt_text(output, page)
    output = output.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    # JupyterLab's whole sheet is 580 KB; this page uses a few percent of it
    sheets = [m["css"] for m in INLINE_STYLE.finditer(output)]
    slim = dict(zip(sheets, _slim_stylesheets(sheets, output))) if sheets else {}
    output = INLINE_STYLE.sub(stylesheet, output)
    # Text SVG compresses once served as a file; base64 inside HTML does not.
    return INLINE_IMAGE.sub(image, output)


def _slim_stylesheets(sheets: list[str], output: str) -> list[str]:
    """css_purge on a page's inline sheets, cached on everything the result depends on."""
    classes = css_purge.page_classes(output)
    rest = INLINE_STYLE.sub("", output)
    key = hashlib.sha256("\0".join([
        Path(css_purge.__file__).read_text(encoding="utf-8"), *sheets,
        " ".join(sorted(classes)), " ".join(sorted(set(css_purge.VAR_REF.findall(rest)))),
    ]).encode()).hexdigest()
    stored = CACHE / "css" / f"{key}.json"
    _state.setdefault("css_used", set()).add(stored)
    if stored.exists():
        return json.loads(stored.read_text(encoding="utf-8"))
    slim = css_purge.drop_unused_variables([css_purge.purge(css, classes) for css in sheets], rest)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_text(json.dumps(slim), encoding="utf-8")
    return slim


NO_ALT = 'alt="No description has been provided for this image"'


def _notebook_alt_text(output: str, page) -> str:
    """Give a notebook's figures the alt text of their cells (`alt` in the cell's metadata).

    nbconvert's templates ignore that metadata and write a placeholder; every
    figure must have a real description, so a missing one stops the build.
    """
    if not page.file.src_uri.endswith(".py"):
        return output
    cells = notebooks.read(Path(page.file.abs_src_path).read_text(encoding="utf-8")).cells
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


def on_post_build(config):
    _wait_for_notebooks()
    # Notebook results made with other package code can never be served
    # again (the folder name is that code's hash): do not let them pile up.
    current = CACHE / "mkdocs-jupyter" / _state["digest"][:16]
    for folder in current.parent.glob("*"):
        if folder.is_dir() and folder != current:
            shutil.rmtree(folder, ignore_errors=True)
    for stale in set((CACHE / "css").glob("*.json")) - _state.get("css_used", set()):
        stale.unlink(missing_ok=True)
    unused = sorted(set(_state.get("results", {})) - _state["used"])
    if unused:
        raise PluginError(
            "snippets that no page shows (use them with {{ run(...) }} or delete them): "
            + ", ".join(unused)
        )


# --------------------------------------------------------------------------
# Directives
# --------------------------------------------------------------------------


def _expand(markdown: str, page, source: str) -> str:
    out = []
    in_fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = runner.FENCE.match(line)
        if fence and in_fence is None:
            in_fence = fence["fence"]
        elif in_fence is not None and line.strip().startswith(in_fence) and not line.strip().strip(in_fence[0]):
            in_fence = None
            out.append(line)
            continue
        if in_fence is not None or "{{" not in line:
            out.append(line)
            continue
        whole = re.fullmatch(r"(?P<indent>[ \t]*)\{\{(?P<body>.*?)\}\}\s*", line)
        if whole:
            text = _directive(whole["body"], page, f"{source}:{number}", block=True)
            out.extend((whole["indent"] + l) if l else l for l in text.split("\n"))
        else:
            # Inline code spans are left alone, so a page can show a directive.
            pieces = re.split(r"(`+[^`]*?`+)", line)
            out.append("".join(
                piece if piece.startswith("`") else DIRECTIVE.sub(
                    lambda m: _directive(m["body"], page, f"{source}:{number}", block=False), piece
                )
                for piece in pieces
            ))
    return "\n".join(out)


def _directive(body: str, page, where: str, block: bool) -> str:
    try:
        call = ast.parse(body.strip(), mode="eval").body
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            raise ValueError("expected a call such as run(\"file.py\")")
        name = call.func.id
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except (SyntaxError, ValueError) as exc:
        raise PluginError(f"{where}: cannot read directive {{{{{body}}}}}: {exc}") from None
    handler = DIRECTIVES.get(name)
    if handler is None:
        known = ", ".join(sorted(DIRECTIVES))
        raise PluginError(f"{where}: unknown directive '{name}' (known: {known})")
    if not block and name != "value":
        raise PluginError(f"{where}: {name}(...) must stand alone on its line")
    try:
        return handler(page, *args, **kwargs)
    except TypeError as exc:
        raise PluginError(f"{where}: {name}(...): {exc}") from None
    except (KeyError, runner.SnippetError) as exc:
        raise PluginError(f"{where}: {exc.args[0] if exc.args else exc}") from None


def _result(file: str) -> runner.Result:
    key = f"snippets/{file}"
    if key not in _state["results"]:
        raise KeyError(f"no snippet {key}")
    _state["used"].add(key)
    return _state["results"][key]


def _fenced(language: str, text: str, title: str | None = None, *classes: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    attrs = " ".join([f".{language}", *(f".{c}" for c in classes)] + ([f'title="{title}"'] if title else []))
    return f"{fence}{{ {attrs} }}\n{text}\n{fence}"


def d_code(page, file: str, section: str | None = None) -> str:
    _result(file)
    return _fenced("python", runner.shown_code(runner.SNIPPETS / file, section), f"snippets/{file}")


def d_output(page, file: str) -> str:
    stdout = _result(file).stdout.rstrip("\n")
    if not stdout:
        raise KeyError(f"snippets/{file} prints nothing, so there is no output to show")
    # An output is read, not pasted: no copy button (the theme skips .no-copy
    # blocks), which also spares phones a button and a tooltip per output.
    return _fenced("text", stdout, "Output", "no-copy")


def d_figure(page, file: str, n: int = 1) -> str:
    result = _result(file)
    if not 1 <= n <= len(result.figures):
        raise KeyError(f"snippets/{file} draws {len(result.figures)} figure(s); there is no figure {n}")
    fig = result.figures[n - 1]
    stem = Path(file).stem
    target = posixpath.relpath(f"{FIGURE_DIR}/{stem}-{n}.svg", posixpath.dirname(page.file.src_uri) or ".")
    alt = re.sub(r"\s+", " ", fig.alt).replace("[", "(").replace("]", ")")
    caption = f"\n  <figcaption>{fig.caption}</figcaption>" if fig.caption else ""
    return (
        f'<figure class="unrolled-figure" markdown="span">\n'
        f"  ![{alt}]({target}){{ width=\"{fig.width}\" height=\"{fig.height}\" loading=lazy }}"
        f"{caption}\n</figure>"
    )


def d_run(page, file: str, section: str | None = None) -> str:
    result = _result(file)
    parts = [d_code(page, file, section)]
    if result.stdout.strip():
        parts.append(d_output(page, file))
    parts.extend(d_figure(page, file, n) for n in range(1, len(result.figures) + 1))
    return "\n\n".join(parts)


def d_value(page, file: str, name: str, fmt: str = "") -> str:
    values = _result(file).values
    if name not in values:
        raise KeyError(f"snippets/{file} leaves no simple value named '{name}' at module level")
    return format(runner.unplain(values[name]), fmt)


def d_glossary(page) -> str:
    return glossary.render(_state["terms"], page.file.src_uri)


def _claims_data():
    # Read once per build (on_config clears _state), not once per directive.
    if "claims" not in _state:
        try:
            _state["claims"] = claims.load(runner.ROOT / "data" / "claims.yml")
        except claims.ClaimsError as exc:
            raise KeyError(str(exc)) from None
    return claims, *_state["claims"]


def _inline(page, where):
    return lambda text: DIRECTIVE.sub(lambda m: _directive(m["body"], page, where, block=False), text)


def d_verdicts(page, question: str) -> str:
    mod, questions, items = _claims_data()
    where = f"data/claims.yml ({question})"
    return mod.render_question(questions, items, question, page.file.src_uri,
                               _inline(page, where), lambda f: d_run(page, f))


def d_question(page, question: str) -> str:
    mod, questions, _ = _claims_data()
    return mod.render_restatement(questions, question, _inline(page, f"data/claims.yml ({question})"))


def d_claims(page) -> str:
    mod, questions, items = _claims_data()
    return mod.render_table(questions, items, page.file.src_uri, _inline(page, "data/claims.yml"))


DIRECTIVES = {
    "question": d_question,
    "verdicts": d_verdicts,
    "claims": d_claims,
    "run": d_run,
    "code": d_code,
    "output": d_output,
    "figure": d_figure,
    "value": d_value,
    "glossary": d_glossary,
}


# --------------------------------------------------------------------------
# Inline code blocks
# --------------------------------------------------------------------------


def _check_blocks(markdown: str, source: str) -> None:
    try:
        blocks = runner.python_blocks(markdown, source)
    except runner.SnippetError as exc:
        raise PluginError(str(exc)) from None
    if not blocks:
        return
    cache = CACHE / "blocks"
    for block in blocks:
        key = hashlib.sha256((_state["digest"] + block.code).encode()).hexdigest()
        stamp = cache / key
        if stamp.exists():
            continue
        with tempfile.TemporaryDirectory(prefix="block-") as workdir:
            try:
                runner.check_block(block, Path(workdir))
            except runner.SnippetError as exc:
                raise PluginError(f"code block failed: {exc}") from None
        cache.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps({"block": block.id}))
