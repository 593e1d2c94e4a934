"""Build and test timings, and the weight of every built page.

Prints, against the budgets (cold <= 20 s, warm rebuild <= 3 s, no page over
100 KB gzipped):

- cold build: a new ``mkdocs build`` with empty caches (snippets, notebook,
  templates), run COLD times;
- warm rebuild: what ``mkdocs serve`` does after a save, with nothing changed:
  load the config and build again in the same process, the way MkDocs' own
  ``serve`` command calls it (``load_config`` then ``build``), run WARM times;
- warm build, new process: ``mkdocs build`` again with full caches, which adds
  starting Python and importing MkDocs and its plugins (about 1.5 s here);
- each page's size raw and gzipped, and the test suite time.

This machine's speed drifts by up to half from one minute to the next (the
same cold build has taken from 24 s to 36 s of CPU), so each timing is run
several times and printed as median and range, with the CPU time it took.
Run with ``make bench``; ``--no-tests`` skips the suite.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = {"cold": 20.0, "warm": 3.0, "page_gz_kb": 100.0}
COLD, WARM = 3, 5

REBUILD = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

def once():
    config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    config.plugins.on_shutdown()

once()  # the build `mkdocs serve` makes when it starts
for _ in range(int(sys.argv[2])):  # and each rebuild after a save
    wall, cpu = time.perf_counter(), time.process_time()
    once()
    print(time.perf_counter() - wall, time.process_time() - cpu, flush=True)
"""


def env(cache: Path) -> dict:
    return dict(os.environ, UNROLLED_CACHE=str(cache), NO_MKDOCS_2_WARNING="1")


def build(site: Path, cache: Path) -> tuple[float, float]:
    """One `mkdocs build` in a new process: (wall seconds, CPU seconds of it and its children)."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env(cache), check=True)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def rebuilds(site: Path, cache: Path, n: int) -> list[tuple[float, float]]:
    out = subprocess.run([sys.executable, "-c", REBUILD, str(site), str(n)], cwd=ROOT, env=env(cache),
                         check=True, capture_output=True, text=True).stdout
    return [tuple(map(float, line.split())) for line in out.splitlines() if line.strip()]


def summary(name: str, runs: list[tuple[float, float]], budget: float | None) -> str:
    walls = [w for w, _ in runs]
    median = statistics.median(walls)
    cpu = statistics.median(c for _, c in runs)
    text = (f"{name:26} median {median:5.1f} s  (range {min(walls):.1f} to {max(walls):.1f}, "
            f"{len(runs)} runs, CPU {cpu:.1f} s)")
    if budget is not None:
        text += f"  budget {budget:.0f} s: {'ok' if median <= budget else 'OVER BUDGET'}"
    return text


def main() -> int:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = []
        for n in range(COLD):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            shutil.rmtree(tmp / "site", ignore_errors=True)
            cold.append(build(tmp / "site", tmp / "cache"))
        warm_process = [build(tmp / "site", tmp / "cache") for _ in range(WARM)]
        warm = rebuilds(tmp / "site", tmp / "cache", WARM)
        print(summary("cold build", cold, BUDGET["cold"]))
        print(summary("warm rebuild (serve)", warm, BUDGET["warm"]))
        print(summary("warm build, new process", warm_process, None))
        print()
        print(f"{'page':48} {'raw KB':>8} {'gzip KB':>8}")
        worst = 0.0
        for page in sorted((tmp / "site").rglob("*.html")):
            raw = page.read_bytes()
            gz = len(gzip.compress(raw, 9)) / 1024
            worst = max(worst, gz)
            print(f"{page.relative_to(tmp / 'site').as_posix():48} {len(raw) / 1024:8.1f} {gz:8.1f}")
        ok = worst <= BUDGET["page_gz_kb"]
        print(f"largest page {worst:.1f} KB gzipped (budget {BUDGET['page_gz_kb']:.0f})  {'ok' if ok else 'OVER BUDGET'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if "--no-tests" not in sys.argv:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "-n", "2", "--dist", "worksteal"], cwd=ROOT)
        print(f"\ntest suite (as `make test` runs it)  {time.perf_counter() - started:6.1f} s   (exit {proc.returncode})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
