"""`make test` checks what pip cannot install before anything else (.ci/prereqs).

Each run here strips the PATH of the tools under test and sets
PREREQS_CHECK_ONLY=1, so the script never installs or removes anything, even as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / ".ci" / "prereqs"
TOOLS = ("sh", "id", "sed", "grep", "dirname", "tr", "rm", "cat")


@pytest.fixture
def bare_path(tmp_path) -> Path:
    """A bin folder with the shell tools the script uses, and no node, npm or chromium."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, f"{tool} is needed to run .ci/prereqs"
        (bin_dir / tool).symlink_to(found)
    return bin_dir


def fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


def prereqs(bin_dir: Path, *goals: str) -> subprocess.CompletedProcess:
    env = {"PATH": str(bin_dir), "PYTHON": sys.executable, "PREREQS_CHECK_ONLY": "1", "HOME": str(bin_dir)}
    start = time.monotonic()
    proc = subprocess.run([str(bin_dir / "sh"), str(SCRIPT), *goals], env=env, capture_output=True, text=True,
                          timeout=30)
    proc.seconds = time.monotonic() - start
    return proc


def test_missing_browser_and_node_stop_with_one_line(bare_path):
    proc = prereqs(bare_path, "test")
    assert proc.returncode == 1, proc
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    assert "missing node 18.16+ with npm, chromium" in lines[0], lines[0]
    assert "install with:" in lines[0] and "chromium" in lines[0].split("install with:")[1], lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.seconds < 10, f"the check took {proc.seconds:.1f} s"


def test_an_old_node_counts_as_missing(bare_path):
    fake(bare_path, "node", 'case "$1" in -e) exit 1 ;; *) echo v16.20.0 ;; esac')
    fake(bare_path, "npm", "echo 8.0.0")
    fake(bare_path, "chromium", "exit 0")
    proc = prereqs(bare_path, "test")
    assert proc.returncode == 1 and "missing node 18.16+ with npm;" in proc.stdout, proc


def test_nothing_is_said_when_everything_is_there(bare_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: install Node 18.16+ (sudo apt-get install nodejs npm)", pytrace=False)
    (bare_path / "node").symlink_to(node)
    fake(bare_path, "npm", "echo 10.0.0")
    fake(bare_path, "chromium", "exit 0")
    proc = prereqs(bare_path, "test")
    assert proc.returncode == 0 and proc.stdout == "", proc


def test_serving_needs_no_browser(bare_path):
    proc = prereqs(bare_path, "serve")
    assert proc.returncode == 0 and proc.stdout == "", proc


def test_a_python_without_venv_is_named(bare_path, tmp_path):
    # An interpreter whose standard library lacks ensurepip, as on Debian without python3-venv.
    env_python = tmp_path / "py"
    env_python.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = -c ] && echo "$2" | grep -q ensurepip; then exit 1; fi\nexec {sys.executable} "$@"\n',
        encoding="utf-8")
    env_python.chmod(0o755)
    env = {"PATH": str(bare_path), "PYTHON": str(env_python), "PREREQS_CHECK_ONLY": "1"}
    proc = subprocess.run([str(bare_path / "sh"), str(SCRIPT), "serve"], env=env, capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 1 and len(proc.stdout.strip().splitlines()) == 1, proc
    assert f"missing venv and ensurepip for {env_python};" in proc.stdout and "venv" in proc.stdout.split("install with:")[1], proc.stdout


def test_an_old_python_is_refused(bare_path, tmp_path):
    old = tmp_path / "python3.10"
    old.write_text('#!/bin/sh\ncase "$2" in *version_info\\[:2\\]*) echo 3.10 ;; *) exit 1 ;; esac\n', encoding="utf-8")
    old.chmod(0o755)
    env = {"PATH": str(bare_path), "PYTHON": str(old), "PREREQS_CHECK_ONLY": "1"}
    proc = subprocess.run([str(bare_path / "sh"), str(SCRIPT), "serve"], env=env, capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 1 and "Python 3.11 or newer is needed" in proc.stdout, proc
