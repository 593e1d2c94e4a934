"""The Keras and PyTorch versions the test suite checks the package against, read from its pinned lock file."""
import re
from pathlib import Path

INPUTS = ["requirements/test.lock"]  # the build reruns this snippet when the lock changes
LOCK = Path(__file__).resolve().parent.parent / INPUTS[0]
pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", LOCK.read_text(encoding="utf-8"), flags=re.M))

__all__ = ["keras", "torch"]
keras, torch = pins["keras"], pins["torch"]
