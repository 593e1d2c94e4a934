"""The stored experiments: what each took to compute, and whether it is fresh."""
__all__ = []  # what pages may quote with value(...)
# --8<-- [start:show]
import importlib
import json

from unrolled.experiments import EXPERIMENTS, fingerprint
from unrolled.experiments._store import DATA

print(f"{'experiment':12} {'seconds':>8}  fresh")
for name in EXPERIMENTS:
    module = importlib.import_module(f"unrolled.experiments.{name}")
    stored = json.loads((DATA / f"{name}.json").read_text())
    fresh = stored["fingerprint"] == fingerprint(module)
    print(f"{name:12} {stored['seconds']:8.1f}  {'yes' if fresh else 'NO: run make figures'}")
# --8<-- [end:show]
