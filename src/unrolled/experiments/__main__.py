"""``python -m unrolled.experiments [name ...] [--force]``: recompute stale stored results.

Without names, every experiment. A result whose stored fingerprint matches the
current code and parameters is kept unless ``--force``. Prints each one's time.
"""

from __future__ import annotations

import importlib
import sys
import time

from . import EXPERIMENTS
from ._store import fingerprint, run_and_save, stored_fingerprint


def main(argv: list[str]) -> int:
    force = "--force" in argv
    names = [a for a in argv if not a.startswith("--")] or list(EXPERIMENTS)
    unknown = sorted(set(names) - set(EXPERIMENTS))
    if unknown:
        print(f"unknown experiment(s): {', '.join(unknown)} (known: {', '.join(EXPERIMENTS)})")
        return 2
    for name in names:
        module = importlib.import_module(f"unrolled.experiments.{name}")
        if not force and stored_fingerprint(module.NAME) == fingerprint(module):
            print(f"{name:12} fresh, kept")
            continue
        started = time.perf_counter()
        run_and_save(module)
        print(f"{name:12} recomputed in {time.perf_counter() - started:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
