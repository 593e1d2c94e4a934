"""The guards themselves: a wrong page must be impossible to publish.

Each test builds a small fixture project with our real hook and breaks one
thing in it; the build (or the test that checks pages) must fail and name the
file to fix.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import snippet_runner as runner
from conftest import ROOT, mkdocs_build

HOOK = ROOT / "hooks" / "unrolled_hooks.py"


def config(project: Path, jupyter: bool = False, nav: str = "") -> Path:
    plugins = "  - search\n"
    if jupyter:
        plugins += (
            "  - mkdocs-jupyter:\n"
            '      include: ["notebooks/*.py"]\n'
            "      execute: true\n"
            "      allow_errors: false\n"
        )
    text = textwrap.dedent(f"""\
        site_name: Fixture
        strict: true
        validation:
          links:
            not_found: warn
            anchors: warn
            unrecognized_links: warn
        hooks:
          - {HOOK}
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


def build(project: Path, **kwargs):
    proc = mkdocs_build(config(project, **kwargs), project / "site", project / "cache", timeout=300)
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
    runner.configure(project)
    try:
        with pytest.raises(runner.SnippetError, match=r"snippets/broken\.py:4: ValueError"):
            runner.run_snippet(project / "snippets" / "broken.py")
    finally:
        runner.configure(ROOT)


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
    assert code != 0 and "no simple value named 'n'" in log, log


def test_snippet_no_page_shows_stops_the_build(copy_project):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").write_text("print('nobody shows me')\n")
    code, log = build(project)
    assert code != 0 and "snippets/broken.py" in log and "no page shows" in log, log


def test_wrong_stated_output_fails_the_tests_and_the_build(copy_project, tmp_path):
    project = copy_project("guarded")
    (project / "snippets" / "broken.py").unlink()
    page = project / "docs" / "index.md"
    page.write_text('# Fixture\n\n{{ run("fine.py") }}\n\n```python\nx = 2\nprint(x * 3)\n#> 7\n```\n')
    (block,) = runner.python_blocks(page.read_text(), "docs/index.md")
    with pytest.raises(runner.SnippetError, match=r"docs/index\.md:7: stated output differs"):
        runner.check_block(block, tmp_path)
    code, log = build(project)
    assert code != 0 and "docs/index.md:7" in log, log
    page.write_text(page.read_text().replace("#> 7", "#> 6"))
    code, log = build(project)
    assert code == 0, log


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


def test_cache_key_sees_a_change_in_the_package(tmp_path, monkeypatch):
    package = tmp_path / "src" / "unrolled"
    package.mkdir(parents=True)
    (package / "cells.py").write_text("X = 1\n")
    monkeypatch.setattr(runner, "PACKAGE", package)
    before = runner.source_digest()
    (package / "cells.py").write_text("X = 2\n")
    assert runner.source_digest() != before


def test_make_outputs_rewrites_stated_output_from_a_real_run(copy_project, tmp_path):
    import update_outputs

    project = copy_project("guarded")
    page = project / "docs" / "index.md"
    page.write_text('# F\n\n=== "Tab"\n\n    ```python\n    for n in range(2):\n        print(n * 5)\n    #> stale\n    ```\n')
    runner.configure(project)
    try:
        assert update_outputs.update(page)
        assert "        print(n * 5)\n        #> 0\n        #> 5\n" in page.read_text()
        (block,) = runner.python_blocks(page.read_text(), "docs/index.md")
        runner.check_block(block, tmp_path)
        assert not update_outputs.update(page), "a second run must change nothing"
    finally:
        runner.configure(ROOT)


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


def test_a_theme_script_tag_the_hook_cannot_find_stops_the_build_naming_the_page():
    import unrolled_hooks
    from mkdocs.exceptions import PluginError

    page = '<body><p>text</p><script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body>'
    assert unrolled_hooks._defer_theme_script(page, "q.md").endswith('bundle.a5f9d56c.min.js" defer></script></body>')
    for changed in (page.replace("bundle.", "main."), page + page):
        with pytest.raises(PluginError, match=r"^q\.md: .*THEME_SCRIPT"):
            unrolled_hooks._defer_theme_script(changed, "q.md")
