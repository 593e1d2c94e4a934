"""Explaining a 50-layer model in the browser (budget: under 50 ms).

Builds the site, opens docs/explain.md in headless Chromium, pastes a 50-layer
Keras 3 summary (printed now by Keras) and a 50-module PyTorch print, and
times a click on "Explain" until the browser has laid the result out:
reading, arithmetic and drawing, RUNS times each. Prints the median and the
range; exits 1 when a median is over the budget.

    python benchmarks/explain.py [--runs N] [--site DIR]

``--site`` reuses a built site instead of building one.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("KERAS_BACKEND", "torch")

import explain_fixtures as F  # noqa: E402

BUDGET_MS = 50.0
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"

TIME_ONE = """(text) => {
  const input = document.getElementById("explain-input");
  input.value = text;
  const t0 = performance.now();
  document.getElementById("explain-run").click();
  document.body.getBoundingClientRect();  // wait for the layout of what was drawn
  const ms = performance.now() - t0;
  return [ms, document.querySelectorAll(".explain-layer").length];
}"""


def torch_deep(n=50) -> str:
    from torch import nn

    layers = [[nn.LSTM, nn.GRU, nn.RNN][i % 3](32 if i else 16, 32, batch_first=True) for i in range(n - 1)]
    return str(nn.Sequential(*layers, nn.Linear(32, 4)))


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(runs: int, site: Path | None) -> int:
    from playwright.sync_api import sync_playwright

    texts = {"Keras 3 summary, 50 layers": F.keras_summary(F.keras_deep(50)),
             "PyTorch print(model), 50 modules": torch_deep(50)}
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=ROOT, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/explain/"
        status = 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url, wait_until="load")
            for label, text in texts.items():
                page.evaluate(TIME_ONE, text)  # a first run warms the JIT
                times, layers = [], 0
                for _ in range(runs):
                    ms, layers = page.evaluate(TIME_ONE, text)
                    times.append(ms)
                median = statistics.median(times)
                verdict = "ok" if median < BUDGET_MS else "OVER BUDGET"
                print(f"{label}: {layers} layers explained in {median:.1f} ms median "
                      f"({min(times):.1f} to {max(times):.1f} ms over {runs} runs; budget {BUDGET_MS:.0f} ms) {verdict}")
                status |= median >= BUDGET_MS
            browser.close()
        server.shutdown()
    return int(status)


if __name__ == "__main__":
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--runs", type=int, default=20)
    args.add_argument("--site", type=Path, default=None, help="a built site to reuse")
    ns = args.parse_args()
    sys.exit(main(ns.runs, ns.site))
