"""The guards themselves: a wrong page must be impossible to publish.

Each test builds a small fixture project with our real plugin and breaks one
thing in it; the build (or the test that checks pages) must fail and name the
file to fix.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from unrolled_site import snippets as runner


def config(project: Path, jupyter: bool = False, nav: str = "") -> Path:
    plugins = "  - search\n"
    if jupyter:
        plugins += (
            "  - mkdocs-jupyter:\n"
            '      include: ["notebooks/*.py"]\n'
            "      execute: true\n"
            "      allow_errors: false\n"
        )
    plugins += "  - unrolled\n"
    text = textwrap.dedent("""\
        site_name: Fixture
        strict: true
        validation:
          links:
            not_found: warn
            anchors: warn
            unrecognized_links: warn
        plugins:
        """) + plugins + textwrap.dedent("""\
        markdown_extensions:
          - abbr
          - attr_list
          - md_in_html
          - pymdownx.superfences
          - pymdownx.snippets:
              base_path: [.]
              check_paths: true
        """) + nav
    path = project / "mkdocs.yml"
    path.write_text(text)
    return path


def build(project: Path, package: Path | None = None, **kwargs):
    """Build the fixture; with ``package``, against that copy of ``src`` instead of ours."""
    proc = mkdocs_build(config(project, **kwargs), project / "site", project / "cache", timeout=300,
                        pythonpath=package)
    return proc.returncode, proc.stdout + proc.stderr


def test_fixture_builds_when_nothing_is_broken(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    code, log = build(project)
    assert code == 0, log
    assert "fine" in (project / "site" / "index.html").read_text()


def test_failing_snippet_stops_the_build_naming_file_and_line(copy_project):
    project = copy_project("guarded")
    code, log = build(project)
    assert code != 0
    assert "snippets/broken.py:4" in log and "matmul" in log, log


def test_failing_snippet_fails_the_snippet_test_naming_file_and_line(copy_project):
    project = copy_project("guarded")
    with pytest.raises(runner.SnippetError, match=r"snippets/broken\.py:4: ValueError"):
        runner.run_snippet(project / "snippets" / "broken.py", project)


def test_missing_include_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    (project / "docs" / "index.md").write_text('# Fixture\n\n{{ run("fine.py") }}\n\n```python\n--8<-- "snippets/gone.py"\n```\n')
    code, log = build(project)
    assert code != 0
    assert "gone.py" in log, log


def test_directive_naming_a_missing_snippet_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    (project / "docs" / "index.md").write_text('# Fixture\n\n{{ run("fine.py") }}\n\n{{ run("gone.py") }}\n')
    code, log = build(project)
    assert code != 0
    assert "docs/index.md:5" in log and "snippets/gone.py" in log, log


def test_unknown_directive_and_missing_value_stop_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    page = project / "docs" / "index.md"
    page.write_text('# Fixture\n\n{{ run("fine.py") }}\n\n{{ rnu("fine.py") }}\n')
    code, log = build(project)
    assert code != 0 and "docs/index.md:5: unknown directive 'rnu'" in log, log
    page.write_text('# Fixture\n\n{{ run("fine.py") }}\n\nThere are {{ value("fine.py", "n") }} units.\n')
    code, log = build(project)
    assert code != 0 and "docs/index.md:5: snippets/fine.py does not export 'n'" in log, log


def test_a_page_may_quote_only_what_a_snippet_exports(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    snippet = project / "snippets" / "fine.py"
    snippet.write_text('__all__ = ["units"]\nunits = 4\nfor step in range(3):\n    pass\nprint("fine")\n')
    page = project / "docs" / "index.md"
    page.write_text('# F\n\n{{ run("fine.py") }}\n\nIt has {{ value("fine.py", "units") }} units.\n')
    code, log = build(project)
    assert code == 0, log
    assert "It has 4 units." in (project / "site" / "index.html").read_text()
    page.write_text('# F\n\n{{ run("fine.py") }}\n\nIt took {{ value("fine.py", "step") }} steps.\n')
    code, log = build(project)
    assert code != 0 and "does not export 'step'" in log, log
    snippet.write_text('__all__ = ["units", "rng"]\nimport random\nunits, rng = 4, random.Random(0)\nprint("fine")\n')
    code, log = build(project)
    assert code != 0 and "snippets/fine.py: __all__ lists 'rng', which is not a simple value" in log, log


def test_snippet_no_page_shows_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").write_text("print('nobody shows me')\n")
    code, log = build(project)
    assert code != 0 and "snippets/broken.py" in log and "no page shows" in log, log


def test_broken_link_and_anchor_stop_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    page = project / "docs" / "index.md"
    page.write_text('# Fixture\n\n{{ run("fine.py") }}\n\nSee [nowhere](nowhere.md).\n')
    code, log = build(project)
    assert code != 0 and "nowhere.md" in log, log
    page.write_text('# Fixture\n\n{{ run("fine.py") }}\n\nSee [here](#no-such-heading).\n')
    code, log = build(project)
    assert code != 0 and "no-such-heading" in log, log


def test_figure_without_alt_text_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").write_text(
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
    )
    (project / "docs" / "index.md").write_text('# F\n\n{{ run("fine.py") }}\n\n{{ run("broken.py") }}\n')
    code, log = build(project)
    assert code != 0 and "snippets/broken.py: figure 1 has no alt text" in log, log


def test_failing_notebook_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    code, log = build(project, jupyter=True, nav="nav:\n  - index.md\n  - notebooks/broken.py\n")
    assert code != 0 and "cell fails on purpose" in log, log


def test_notebook_figure_without_alt_text_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    notebook = project / "docs" / "notebooks" / "broken.py"
    notebook.write_text(
        "# %% [markdown]\n# # Plots\n\n# %%\nimport matplotlib.pyplot as plt\n\n"
        '# %% alt="A rising line."\nplt.plot([0, 1]);\n\n# %%\nplt.plot([1, 0]);\n'
    )
    nav = "nav:\n  - index.md\n  - notebooks/broken.py\n"
    code, log = build(project, jupyter=True, nav=nav)
    assert code != 0 and "2 figure(s) but 1 cell(s) with alt text" in log, log
    notebook.write_text(notebook.read_text().replace("# %%\nplt.plot([1, 0])", '# %% alt="A falling line."\nplt.plot([1, 0])'))
    code, log = build(project, jupyter=True, nav=nav)
    assert code == 0, log
    page = (project / "site" / "notebooks" / "broken" / "index.html").read_text()
    assert 'alt="A rising line."' in page and 'alt="A falling line."' in page and "data:image" not in page


def test_a_theme_script_tag_the_plugin_cannot_find_stops_the_build_naming_the_page():
    from mkdocs.exceptions import PluginError

    from unrolled_site import internals

    page = '<body><p>text</p><script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body>'
    assert internals.defer_theme_script(page, "q.md").endswith('bundle.a5f9d56c.min.js" defer></script></body>')
    for changed in (page.replace("bundle.", "main."), page + page):
        with pytest.raises(PluginError, match=r"^q\.md: .*THEME_SCRIPT"):
            internals.defer_theme_script(changed, "q.md")


# --- what the caches and the stored results depend on -----------------------------------


def package_copy(project: Path) -> Path:
    """A copy of our ``src`` and stored results inside the fixture, to edit freely; returns its ``src``."""
    shutil.copytree(ROOT / "src" / "unrolled", project / "src" / "unrolled",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data" / "experiments", project / "data" / "experiments")
    return project / "src"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1))


def test_a_stale_experiment_result_stops_the_build_naming_it(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    src = package_copy(project)
    code, log = build(project, package=src)
    assert code == 0, log
    edit(src / "unrolled" / "experiments" / "traces.py", "def compute(", "SCALE = 2.0\n\n\ndef compute(")
    code, log = build(project, package=src)
    assert code != 0, log
    assert "'traces'" in log and "make figures" in log, log
    assert "'units'" not in log, log


def test_caches_rerun_what_reads_an_edited_file_and_nothing_else(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    src = package_copy(project)
    (project / "snippets" / "cells.py").write_text(
        '__all__ = ["H"]\nfrom unrolled.convert import to_pytorch\nH = 3\nprint(to_pytorch.__name__)\n')
    (project / "snippets" / "plain.py").write_text('__all__ = []\nprint("no import of ours")\n')
    (project / "data" / "table.txt").write_text("first table\n")
    (project / "snippets" / "reader.py").write_text(
        '__all__ = []\nfrom pathlib import Path\nINPUTS = ["data/table.txt"]\n'
        'print((Path(__file__).resolve().parent.parent / INPUTS[0]).read_text())\n')
    (project / "docs" / "index.md").write_text(
        '# F\n\n{{ run("fine.py") }}\n\n{{ run("cells.py") }}\n\n{{ run("plain.py") }}\n\n{{ run("reader.py") }}\n')
    notebook = project / "docs" / "notebooks" / "broken.py"
    notebook.write_text("# %% [markdown]\n# # Cells\n\n# %%\nfrom unrolled.convert import to_pytorch\nprint(to_pytorch.__name__)\n")
    nav = "nav:\n  - index.md\n  - notebooks/broken.py\n"
    cache = project / "cache"

    def entries() -> tuple[set[str], set[str]]:
        snippets = {p.name for p in (cache / "snippets").iterdir()}
        return snippets, {p.name for p in (cache / "mkdocs-jupyter").iterdir()}

    code, log = build(project, package=src, jupyter=True, nav=nav)
    assert code == 0, log
    first, first_notebook = entries()
    assert len(first) == 4 and len(first_notebook) == 1

    # Prose only: a glossary definition; nothing reads it but the pages.
    edit(project / "data" / "glossary.yml", "One entry of the state vector.", "One number of the state vector.")
    code, log = build(project, package=src, jupyter=True, nav=nav)
    assert code == 0, log
    assert entries() == (first, first_notebook), "a glossary edit reran a snippet or the notebook"

    # A comment in code the snippet reads changes nothing it does.
    edit(src / "unrolled" / "convert.py", "\nimport", "\n# a comment\nimport")
    code, log = build(project, package=src, jupyter=True, nav=nav)
    assert code == 0, log
    assert entries() == (first, first_notebook), "a comment reran a snippet or the notebook"

    # Code the snippet and the notebook read (and no experiment): both run again, the others do not.
    edit(src / "unrolled" / "convert.py", "\nimport", "\nEDITED = True\nimport")
    code, log = build(project, package=src, jupyter=True, nav=nav)
    assert code == 0, log
    snippets, notebooks = entries()
    assert len(snippets) == 4 and len(first - snippets) == 1, "exactly cells.py reruns"
    assert notebooks != first_notebook

    # A data file a snippet declares in INPUTS: that snippet runs again, and shows the new text.
    edit(project / "data" / "table.txt", "first table", "second table")
    code, log = build(project, package=src, jupyter=True, nav=nav)
    assert code == 0, log
    after, after_notebook = entries()
    assert len(after) == 4 and len(snippets - after) == 1, "exactly reader.py reruns"
    assert after_notebook == notebooks
    assert "second table" in (project / "site" / "index.html").read_text()
