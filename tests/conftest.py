"""Shared set-up for the suite.

Under CI (the CI environment variable is set) a skipped test is a failure:
a missing browser or framework must turn the run red, never hide.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # `make test` runs a pytest-xdist worker per core: one thread for PyTorch's and NumPy's maths,
    # and for the builds and scripts the tests start. Each library's default (a thread per core
    # in every worker) makes the workers' threads wait on one another and costs more CPU time.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")

IN_CI = os.environ.get("CI", "").lower() not in {"", "0", "false"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run everything: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    # Changed as the report is made, before pytest (or pytest-xdist's controller) counts it:
    # a module skipped as a whole fails the run too.
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run everything: {reason}"


def mkdocs_build(config: Path, site_dir: Path, cache_dir: Path | None = None, timeout: int = 600,
                 pythonpath: Path | None = None):
    """Run a strict build in a subprocess; return the CompletedProcess.

    ``pythonpath`` puts a folder before the installed packages, for a build
    against an edited copy of ``src``.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    if cache_dir is not None:
        env["UNROLLED_CACHE"] = str(cache_dir)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for the run from a cold cache.

    Under pytest-xdist (``make test`` runs two workers) the workers share one
    build: the first to need it builds it under a lock in the run's temporary
    folder, the others wait and read the same files. A failed build fails
    every test that needs it, on every worker.
    """
    from filelock import FileLock

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    # Under xdist every worker's basetemp sits in one folder made for this run.
    shared = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    base = shared / "built-site"
    done, failed = base / "built", base / "failed.log"
    with FileLock(str(shared / "built-site.lock")):
        if not done.exists() and not failed.exists():
            base.mkdir(exist_ok=True)
            proc = mkdocs_build(ROOT / "mkdocs.yml", base / "site", base / "cache")
            if proc.returncode == 0:
                done.touch()
            else:
                failed.write_text(f"{proc.stdout}\n{proc.stderr}", encoding="utf-8")
    if failed.exists():
        pytest.fail(f"strict build failed:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return base / "site"


@pytest.fixture
def copy_project(tmp_path):
    """Copy a fixture project from tests/fixtures into a temp dir."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOT / "tests" / "fixtures" / name, target)
        return target

    return copy


# --------------------------------------------------------------------------
# A local server and a browser, one of each for the whole session: Playwright's
# sync API can run only one instance per thread, so every browser test shares it.
# --------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # Nothing can leave the machine: every host but ours fails to resolve.
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 at a free port, for the session."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # A missing browser fails: a skipped browser test would hide a broken page.
        pytest.fail(f"no Chromium at {CHROMIUM}: install it (sudo apt-get install chromium), "
                    "or set CHROMIUM to a Chromium binary", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
