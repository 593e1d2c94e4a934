"""Shared set-up for the suite.

Under CI (the CI environment variable is set) a skipped test is a failure:
a missing browser or framework must turn the run red, never hide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

IN_CI = os.environ.get("CI", "").lower() not in {"", "0", "false"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run everything: {reason}"


def pytest_collectreport(report):
    if IN_CI and report.skipped:
        report.outcome = "failed"


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
    """The real site, built once for the session from a cold cache."""
    base = tmp_path_factory.mktemp("build-a")
    proc = mkdocs_build(ROOT / "mkdocs.yml", base / "site", base / "cache")
    if proc.returncode != 0:
        pytest.fail(f"strict build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return base / "site"


@pytest.fixture
def copy_project(tmp_path):
    """Copy a fixture project from tests/fixtures into a temp dir."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOT / "tests" / "fixtures" / name, target)
        return target

    return copy
