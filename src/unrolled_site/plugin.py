"""The MkDocs plugin that builds Unrolled: the events, in the order MkDocs calls them.

Listed in ``mkdocs.yml`` as ``unrolled`` (the ``mkdocs.plugins`` entry point
in ``pyproject.toml``). Each job lives in its own module; this one only wires
them to MkDocs' events and holds the state of one build, all on the instance:

- ``snippets``: runs ``snippets/*.py`` (a result per snippet, a process pool);
- ``cache``: the one cache, keyed on what the code reads, pruned each build;
- ``directives``: expands ``{{ run(...) }}``, ``{{ value(...) }}`` and the rest;
- ``notebook``: the notebook page (downloads, alt text, light page);
- ``glossary``, ``claims``: the two data files pages render;
- ``math``: formulas to MathML, drawn by the browser without a script;
- ``internals``: what depends on the theme's and mkdocs-jupyter's insides.

Configuration (all optional)::

    plugins:
      - unrolled:
          cache_dir: .cache          # below the project; UNROLLED_CACHE overrides it
          figure_style: ""           # a Matplotlib style file; empty: the house style
          figure_dir: assets/figures # where snippet figures are written in the site
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from unrolled.experiments import stale_results

from . import claims, glossary, internals, math, notebook, snippets
from .cache import Cache, environment, key
from .directives import Directives


class UnrolledConfig(base.Config):
    cache_dir = c.Type(str, default=".cache")
    figure_style = c.Type(str, default="")
    figure_dir = c.Type(str, default="assets/figures")


class UnrolledPlugin(BasePlugin[UnrolledConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        # UNROLLED_CACHE lets a test or benchmark build from a cold cache without touching ours.
        self.cache = Cache(os.environ.get("UNROLLED_CACHE") or self.root / self.config.cache_dir, self.root)
        style = self.config.figure_style
        self.style = (self.root / style).resolve() if style else snippets.STYLE
        if not self.style.is_file():
            raise PluginError(f"mkdocs.yml: unrolled: figure_style {style} is not a file")
        self.notebooks_running = None
        self.snippets_running = None
        self.directives = None
        stale = stale_results(self.cache.memo)
        if stale:
            raise PluginError("stale stored experiment results (their code, parameters or data changed): "
                              + "; ".join(stale) + ". Run `make figures` to recompute them.")
        self.material = config.theme.name == "material"  # fixture projects use mkdocs' own theme
        self.copy_label = internals.copy_label(config) if self.material else None
        if self.material:
            internals.cache_search_entries(config, self.cache)
        internals.remember_highlighted()
        try:
            self.terms = glossary.load(self.root / "data" / "glossary.yml")
        except glossary.GlossaryError as exc:
            raise PluginError(str(exc)) from None
        if "abbr" not in config.markdown_extensions:
            raise PluginError("mkdocs.yml: the glossary needs the abbr extension in markdown_extensions")
        config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary.abbreviations(self.terms)}
        jupyter = config.plugins.get("mkdocs-jupyter")
        # Notebooks must draw with Jupyter's inline backend: a backend forced
        # through the environment (MPLBACKEND=Agg) would silently drop every figure.
        os.environ.pop("MPLBACKEND", None)
        if jupyter is not None:
            for option, wanted in (("execute", True), ("allow_errors", False)):
                if jupyter.config[option] != wanted:
                    raise PluginError(f"mkdocs.yml: mkdocs-jupyter must set {option}: {str(wanted).lower()}")
            # The plugin keys its cache on the notebook alone; putting the digest
            # of what the notebooks read into the folder name makes any change
            # to that a cache miss, so no stale output can be served.
            notebooks = sorted((Path(config.docs_dir) / notebook.NOTEBOOKS).glob("*.py"))
            digest = key(*(self.cache.reads(p) for p in notebooks))
            jupyter.config["cache_dir"] = str(self.cache.entry("mkdocs-jupyter", digest[:16], suffix=""))
            # The cell ids are counted rather than random from here on.
            internals.number_cell_ids()
            # The notebook kernel is the longest job of a cold build. It starts
            # first, as soon as the configuration is known, runs while the
            # snippets and then the other pages render, and the build waits for
            # it only when it reaches a notebook page (on_pre_page), which is
            # why notebook pages are moved to the end (on_files).
            self.notebooks_running = internals.prewarm(jupyter, [
                File(p.relative_to(config.docs_dir).as_posix(), config.docs_dir, config.site_dir,
                     config.use_directory_urls) for p in notebooks])
        # The snippets start next, in their own processes, while MkDocs reads
        # the files and the nav; on_files collects their results.
        self.snippets_running = snippets.Running(self._snippet_jobs(), self.root, self.style)
        return config

    def _snippet_jobs(self) -> dict[Path, Path]:
        """Each snippet and the cache entry of its result."""
        env = environment(Path(snippets.__file__), self.style)
        folder = self.root / "snippets"
        paths = sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)
        return {p: self.cache.entry("snippets", key(env, snippets.rel(p, self.root), p.read_bytes(),
                                                    self.cache.reads(p)))
                for p in paths}

    def on_files(self, files, config):
        # .ipynb and .py downloads of every notebook and its parts
        files = notebook.add_downloads(files, config)
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None:
            last = [f for f in files if f.is_documentation_page() and jupyter.should_include(f)]
            files = Files([f for f in files if f not in last] + last)
        running, self.snippets_running = self.snippets_running, None
        try:
            results = running.results()
        except snippets.SnippetError as exc:
            self._wait_for_notebooks()
            raise PluginError(f"snippet failed: {exc}") from None
        for name, result in results.items():
            for index, fig in enumerate(result.figures, start=1):
                uri = f"{self.config.figure_dir}/{Path(name).stem}-{index}.svg"
                files.append(File.generated(config, uri, content=fig.svg.encode("utf-8")))
        self.directives = Directives(results, self.root, Path(config.docs_dir), self.terms,
                                     self.config.figure_dir, self.root / "data" / "claims.yml")
        return files

    def _wait_for_notebooks(self) -> None:
        running, self.notebooks_running = self.notebooks_running, None
        if running is not None:
            running.join()

    def on_pre_page(self, page, config, files):
        # mkdocs-jupyter reads its cache when it renders the page, after this.
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and jupyter.should_include(page.file):
            self._wait_for_notebooks()
        return page

    def on_build_error(self, error):
        running, self.snippets_running = self.snippets_running, None
        if running is not None:
            running.stop()
        self._wait_for_notebooks()

    def on_env(self, env, config, files):
        # MkDocs parses and compiles every theme template on each build (about
        # 0.4 s). Jinja's bytecode cache keys each entry on the template's name
        # and a hash of its source, so an edited template is always recompiled.
        from jinja2 import FileSystemBytecodeCache

        folder = self.cache.folder / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_page_markdown(self, markdown, page, config, files):
        return self.directives.expand(markdown, page.file.src_uri)

    def on_page_content(self, html, page, config, files):
        try:
            content = math.to_mathml(html, page.file.src_uri)
        except math.MathError as exc:
            raise PluginError(str(exc)) from None
        content = glossary.first_in_each_section(content)
        return internals.code_blocks(content, self.copy_label) if self.material else content

    def on_post_template(self, output, template_name, config):
        """The 404 page is a theme template, not a page: its script is deferred here."""
        if self.material and template_name == "404.html":
            output = internals.defer_theme_script(output, template_name)
        return output

    def on_post_page(self, output, page, config):
        if self.material:
            output = internals.defer_theme_script(output, page.file.src_uri)
        return notebook.finish_page(output, page, config.site_dir, self.cache)

    def on_post_build(self, config):
        self._wait_for_notebooks()
        # Entries made for other code can never be served again: do not let them pile up.
        self.cache.prune("snippets", "mkdocs-jupyter", "css", "search")
        unused = sorted(set(self.directives.results) - self.directives.used)
        if unused:
            raise PluginError(
                "snippets that no page shows (use them with {{ run(...) }} or delete them): "
                + ", ".join(unused)
            )
