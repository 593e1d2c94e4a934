"""Lighthouse scores of the built site: one page of every kind (home, the first and last questions, a concept, an experiment, the notebook, the glossary, the calculator, the explain page).

Builds the site strictly into a temporary folder (or takes ``--site DIR``),
serves it on 127.0.0.1 at a free port, and runs Lighthouse (npm, pinned in
package-lock.json) with Debian's Chromium, mobile profile (Lighthouse's
default: a mid-range phone on a throttled 4G link, simulated). The server
gzips text, as GitHub Pages does. Prints the performance and accessibility
scores of each page (the median of five runs, with the range of the
performance score), and Lighthouse's CPU benchmark index of this machine;
exits 1 if a median is below the target (95). Five runs, because
Lighthouse's docs/variability.md finds that the median of five about halves
the spread of single runs; on this machine single runs of one build span
more than ten points.

Lighthouse slows the CPU down 4x, which its docs/throttling.md calibrates
for a high-end desktop host (index 1500 to 2000). On a slower host the
same 4x emulates a slower phone than intended; the docs' table gives 2x
(range 1 to 5) for a low-end desktop host (1000 to 1500). ``--cpu-slowdown``
sets the multiplier; the default scores are the ones to quote.

    make lighthouse
    .venv/bin/python benchmarks/lighthouse.py --site site --runs 9
    .venv/bin/python benchmarks/lighthouse.py --site site --cpu-slowdown 2
    .venv/bin/python benchmarks/lighthouse.py --site site --kinds concept,experiment
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility")
TARGET = 95
CHROME_FLAGS = " ".join([
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # nothing leaves the machine
])


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text gzipped on request, cacheable for 10 minutes."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        if path.suffix not in self.TEXT or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build(target: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", UNROLLED_CACHE=str(target / "cache"))
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(target / "site")], env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"strict build failed:\n{proc.stdout}{proc.stderr}")
    return target / "site"


KINDS = ("home", "question", "newest question", "concept", "experiment", "notebook", "glossary", "calculator", "explain")


def pick_pages(site: Path) -> dict[str, str]:
    """The page of each kind to measure, as a URL path; a kind the site lacks is an error."""
    def found(folder: str) -> list[str]:
        pages = sorted(p for p in (site / folder).glob("*/index.html")) if (site / folder).is_dir() else []
        if not pages:
            sys.exit(f"no built page under {folder}/ to measure")
        return [p.parent.relative_to(site).as_posix() + "/" for p in pages]

    def single(path: str) -> str:
        if not (site / path / "index.html").is_file():
            sys.exit(f"no built page {path}/ to measure")
        return path + "/"

    # One page of every kind; for questions the oldest and the newest. The concept
    # page is the one with the most formulas (MathML), the glossary the longest list.
    questions = found("questions")
    return {"home": "", "question": questions[0], "newest question": questions[-1],
            "concept": single("concepts/gru"), "experiment": found("experiments")[0],
            "notebook": found("notebooks")[0], "glossary": single("glossary"),
            "calculator": single("calculator"), "explain": single("explain")}


def score(url: str, cpu_slowdown: float | None = None) -> dict[str, float]:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    calibrated = [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:g}"] if cpu_slowdown else []
    proc = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
                           "--disable-full-page-screenshot", *calibrated],
                          env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        sys.exit(f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    if report.get("runtimeError"):
        sys.exit(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    # Lighthouse's CPU speed estimate of this machine: its mobile throttling assumes
    # a fast host (about 1000+); below that, performance is understated.
    scores["host"] = report["environment"]["benchmarkIndex"]
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one now)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default 5); the median is printed")
    parser.add_argument("--cpu-slowdown", type=float, metavar="X",
                        help="CPU slowdown instead of Lighthouse's default 4x, calibrated to this machine's "
                             "host index as Lighthouse's docs/throttling.md describes; the scores then say so")
    parser.add_argument("--kinds", help="only these kinds of page, comma-separated (default: every kind)")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in (args.kinds or "").split(",") if k.strip()]
    if args.kinds is not None and (not kinds or set(kinds) - set(KINDS)):
        parser.error(f"--kinds: unknown kind in {args.kinds!r}; the kinds are {', '.join(KINDS)}")
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    if args.cpu_slowdown is not None and not 1 <= args.cpu_slowdown <= 20:
        parser.error(f"--cpu-slowdown must be between 1 and 20, got {args.cpu_slowdown:g}")
    for tool, hint in ((LIGHTHOUSE, "run `make node_modules`"), (Path(CHROMIUM), "apt-get install chromium")):
        if not tool.exists():
            sys.exit(f"{tool} is missing: {hint}")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        low = []
        slowdown = f"CPU slowdown {args.cpu_slowdown:g}x (calibrated)" if args.cpu_slowdown else "CPU slowdown 4x (default)"
        print(f"Lighthouse, mobile profile, {slowdown}, median of {args.runs} run(s); target {TARGET} each")
        print(f"{'page':<16} {'performance':>12} {'range':>8} {'accessibility':>14} {'host index':>11}  url")
        try:
            chosen = pick_pages(site)
            for kind, path in ({k: chosen[k] for k in kinds} if kinds else chosen).items():
                runs = [score(base + path, args.cpu_slowdown) for _ in range(args.runs)]
                median = {c: statistics.median(r[c] for r in runs) for c in (*CATEGORIES, "host")}
                low += [f"{kind} {c} {median[c]:g}" for c in CATEGORIES if median[c] < TARGET]
                spread = f"{min(r['performance'] for r in runs):g}-{max(r['performance'] for r in runs):g}"
                print(f"{kind:<16} {median['performance']:>12g} {spread:>8} {median['accessibility']:>14g} "
                      f"{median['host']:>11g}  /{path}", flush=True)
        finally:
            server.shutdown()
    if low:
        print("below target: " + ", ".join(low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
