"""The directive language: calls between double braces in a page, expanded into Markdown.

A directive stands alone on its line, or inline for ``value``, for instance
``{{ run("q3_model.py") }}``:

- ``run(file, section=None)``: the code a page shows, then its output and
  figures, all from one build-time run of ``snippets/<file>``.
- ``code(file, section=None)``, ``output(file)``, ``figure(file, n)``: one part.
- ``value(file, name, fmt="")``: a value the snippet exports in ``__all__``,
  formatted with Python's format spec (``","`` for thousands separators).
- ``glossary()``: the glossary, from ``data/glossary.yml``.
- ``question(id)``: the question restated; ``verdicts(question)``, ``claims()``: the verdicts, from ``data/claims.yml``.

A directive inside an inline code span or a fenced block is shown, not run.
A directive that does not parse, names an unknown file, section, figure or
value, or a snippet that failed, stops the build with the file and line to fix.
"""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import claims, glossary
from .results import Result, SnippetError, unplain
from .snippets import shown_code

DIRECTIVE = re.compile(r"\{\{(?P<body>.*?)\}\}")
WHOLE_LINE = re.compile(r"(?P<indent>[ \t]*)\{\{(?P<body>.*?)\}\}\s*")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\n`]*)$")
INLINE_CODE = re.compile(r"(`+[^`]*?`+)")


def parse(body: str, where: str) -> tuple[str, list, dict]:
    """``name(args...)`` as its name, positional and keyword arguments (literals only)."""
    try:
        call = ast.parse(body.strip(), mode="eval").body
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            raise ValueError("expected a call such as run(\"file.py\")")
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except (SyntaxError, ValueError) as exc:
        raise PluginError(f"{where}: cannot read directive {{{{{body}}}}}: {exc}") from None
    return call.func.id, args, kwargs


def fenced(language: str, text: str, title: str | None = None, *classes: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    attrs = " ".join([f".{language}", *(f".{c}" for c in classes)] + ([f'title="{title}"'] if title else []))
    return f"{fence}{{ {attrs} }}\n{text}\n{fence}"


class Directives:
    """The directives of one build: the snippets' results, the glossary and the claims.

    ``used`` collects the snippets a page has shown or quoted.
    """

    def __init__(self, results: dict[str, Result], root: Path, docs_dir: Path,
                 terms: list, figure_dir: str, claims_file: Path):
        self.results = results
        self.root = Path(root)
        self.docs_dir = Path(docs_dir)
        self.terms = terms
        self.figure_dir = figure_dir
        self.claims_file = claims_file
        self.used: set[str] = set()
        self.figures_on_page = 0  # counted by figure(), from 0 again for each page expand() reads
        self._claims = None
        self.handlers = {
            "question": self.question, "verdicts": self.verdicts, "claims": self.claims, "run": self.run, "code": self.code,
            "output": self.output, "figure": self.figure, "value": self.value, "glossary": self.glossary,
        }

    # --- expansion ---------------------------------------------------------------------

    def expand(self, markdown: str, page_uri: str) -> str:
        """The page's Markdown with every directive outside code replaced by what it makes."""
        source = f"docs/{page_uri}"
        self.figures_on_page = 0
        out = []
        in_fence = None
        for number, line in enumerate(markdown.splitlines(), start=1):
            fence = FENCE.match(line)
            if fence and in_fence is None:
                in_fence = fence["fence"]
            elif in_fence is not None and line.strip().startswith(in_fence) and not line.strip().strip(in_fence[0]):
                in_fence = None
                out.append(line)
                continue
            if in_fence is not None or "{{" not in line:
                out.append(line)
                continue
            where = f"{source}:{number}"
            whole = WHOLE_LINE.fullmatch(line)
            if whole:
                text = self.call(whole["body"], page_uri, where, block=True)
                out.extend((whole["indent"] + l) if l else l for l in text.split("\n"))
            else:
                out.append(self.inline(line, page_uri, where))
        return "\n".join(out)

    def inline(self, text: str, page_uri: str, where: str) -> str:
        """Inline directives expanded; inline code spans are left alone, so a page can show one."""
        return "".join(
            piece if piece.startswith("`") else DIRECTIVE.sub(
                lambda m: self.call(m["body"], page_uri, where, block=False), piece)
            for piece in INLINE_CODE.split(text)
        )

    def call(self, body: str, page_uri: str, where: str, block: bool) -> str:
        name, args, kwargs = parse(body, where)
        handler = self.handlers.get(name)
        if handler is None:
            raise PluginError(f"{where}: unknown directive '{name}' (known: {', '.join(sorted(self.handlers))})")
        if not block and name != "value":
            raise PluginError(f"{where}: {name}(...) must stand alone on its line")
        try:
            return handler(page_uri, *args, **kwargs)
        except TypeError as exc:
            raise PluginError(f"{where}: {name}(...): {exc}") from None
        except (KeyError, SnippetError) as exc:
            raise PluginError(f"{where}: {exc.args[0] if exc.args else exc}") from None

    def result(self, file: str) -> Result:
        key = f"snippets/{file}"
        if key not in self.results:
            raise KeyError(f"no snippet {key}")
        self.used.add(key)
        return self.results[key]

    # --- the directives ------------------------------------------------------------------

    def code(self, page_uri: str, file: str, section: str | None = None) -> str:
        self.result(file)
        shown = shown_code(self.root / "snippets" / file, section, self.root)
        return fenced("python", shown, f"snippets/{file}")

    def output(self, page_uri: str, file: str) -> str:
        stdout = self.result(file).stdout.rstrip("\n")
        if not stdout:
            raise KeyError(f"snippets/{file} prints nothing, so there is no output to show")
        # An output is read, not pasted: no copy button (the theme skips .no-copy
        # blocks), which also spares phones a button and a tooltip per output.
        return fenced("text", stdout, "Output", "no-copy")

    def figure(self, page_uri: str, file: str, n: int = 1) -> str:
        result = self.result(file)
        if not 1 <= n <= len(result.figures):
            raise KeyError(f"snippets/{file} draws {len(result.figures)} figure(s); there is no figure {n}")
        fig = result.figures[n - 1]
        uri = f"{self.figure_dir}/{Path(file).stem}-{n}.svg"
        target = posixpath.relpath(uri, posixpath.dirname(page_uri) or ".")
        alt = re.sub(r"\s+", " ", fig.alt).replace("[", "(").replace("]", ")")
        caption = f"\n  <figcaption>{fig.caption}</figcaption>" if fig.caption else ""
        # A page's first figure is often its largest paint on a phone: fetched at once and early
        # (Lighthouse fails a lazy-loaded largest paint); the figures after it wait to be scrolled to.
        self.figures_on_page += 1
        loading = "fetchpriority=high" if self.figures_on_page == 1 else "loading=lazy"
        return (
            f'<figure class="unrolled-figure" markdown="span">\n'
            f"  ![{alt}]({target}){{ width=\"{fig.width}\" height=\"{fig.height}\" {loading} }}"
            f"{caption}\n</figure>"
        )

    def run(self, page_uri: str, file: str, section: str | None = None) -> str:
        result = self.result(file)
        parts = [self.code(page_uri, file, section)]
        if result.stdout.strip():
            parts.append(self.output(page_uri, file))
        parts.extend(self.figure(page_uri, file, n) for n in range(1, len(result.figures) + 1))
        return "\n\n".join(parts)

    def value(self, page_uri: str, file: str, name: str, fmt: str = "") -> str:
        values = self.result(file).values
        if name not in values:
            raise KeyError(f"snippets/{file} does not export '{name}': a page may quote only "
                           f"the simple values its __all__ lists ({', '.join(values) or 'none'})")
        return format(unplain(values[name]), fmt)

    def glossary(self, page_uri: str) -> str:
        return glossary.render(self.terms, page_uri)

    def _claims_data(self):
        # Read once per build, not once per directive.
        if self._claims is None:
            try:
                self._claims = claims.load(self.claims_file)
            except claims.ClaimsError as exc:
                raise KeyError(str(exc)) from None
        return self._claims

    def question(self, page_uri: str, question: str) -> str:
        questions, _ = self._claims_data()
        where = f"data/claims.yml ({question})"
        return claims.render_restatement(questions, question, lambda text: self.inline(text, page_uri, where))

    def verdicts(self, page_uri: str, question: str) -> str:
        questions, items = self._claims_data()
        where = f"data/claims.yml ({question})"
        return claims.render_question(questions, items, question, page_uri, self.docs_dir,
                                      lambda text: self.inline(text, page_uri, where),
                                      lambda f: self.run(page_uri, f))

    def claims(self, page_uri: str) -> str:
        questions, items = self._claims_data()
        return claims.render_table(questions, items, page_uri, self.docs_dir,
                                   lambda text: self.inline(text, page_uri, "data/claims.yml"))
