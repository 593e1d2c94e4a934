"""Rewrite the `#>` lines of every inline python block in docs/ from a real run.

Usage: `make outputs` (or `python hooks/update_outputs.py [page.md ...]`).
Nobody types an output by hand: write the code, run this, review the diff.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import snippet_runner as runner


def update(page: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    changed = False
    blocks = runner.python_blocks(text, page.relative_to(runner.ROOT).as_posix())
    for block in reversed(blocks):  # from the bottom, so earlier line numbers stay valid
        if any(runner.INCLUDE.match(l) for l in lines[block.line - 1 : block.line - 1 + len(block.code.splitlines())]):
            continue
        first = block.line - 1
        count = len(block.code.split("\n")) if block.code else 0
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        with tempfile.TemporaryDirectory() as workdir:
            new = runner.rewrite_outputs(block, Path(workdir))
        new_lines = [(indent + l) if l else l for l in new.split("\n")]
        if lines[first : first + count] != new_lines:
            lines[first : first + count] = new_lines
            changed = True
    if changed:
        page.write_text("\n".join(lines), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    pages = [Path(a).resolve() for a in argv] or sorted((runner.ROOT / "docs").rglob("*.md"))
    for page in pages:
        try:
            if update(page):
                print(f"rewrote {page.relative_to(runner.ROOT)}")
        except runner.SnippetError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
