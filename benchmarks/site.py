"""Build and test timings, and the weight of every built page.

Prints the cold build time (empty caches), the warm rebuild time (nothing
changed), the test suite time, and each page's size raw and gzipped, against
the budgets: cold <= 20 s, warm <= 3 s, no page over 300 KB gzipped.
Run with `make bench`.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = {"cold": 20.0, "warm": 3.0, "page_gz_kb": 300.0}


def build(site: Path, cache: Path) -> float:
    env = dict(os.environ, UNROLLED_CACHE=str(cache), NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT, env=env, check=True,
    )
    return time.perf_counter() - started


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = build(tmp / "site", tmp / "cache")
        warm = build(tmp / "site", tmp / "cache")
        print(f"cold build   {cold:6.1f} s   (budget {BUDGET['cold']:.0f} s)  {verdict(cold <= BUDGET['cold'])}")
        print(f"warm rebuild {warm:6.1f} s   (budget {BUDGET['warm']:.0f} s)  {verdict(warm <= BUDGET['warm'])}")
        print()
        print(f"{'page':48} {'raw KB':>8} {'gzip KB':>8}")
        worst = 0.0
        for page in sorted((tmp / "site").rglob("*.html")):
            raw = page.read_bytes()
            gz = len(gzip.compress(raw, 9)) / 1024
            worst = max(worst, gz)
            print(f"{page.relative_to(tmp / 'site').as_posix():48} {len(raw) / 1024:8.1f} {gz:8.1f}")
        print(f"largest page {worst:.1f} KB gzipped (budget {BUDGET['page_gz_kb']:.0f})  {verdict(worst <= BUDGET['page_gz_kb'])}")
        shutil.rmtree(tmp / "site")
    if "--no-tests" not in sys.argv:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT)
        print(f"\ntest suite   {time.perf_counter() - started:6.1f} s   (exit {proc.returncode})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
