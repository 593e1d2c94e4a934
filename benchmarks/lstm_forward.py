"""LSTM forward pass: ours (NumPy) against PyTorch on the CPU, same threads, same input.

Prints, for x (64, 100, 256) float32, the median time of each and the ratio
(target: ours <= 1.2 x PyTorch at 1024 units), then the same for 96, 100,
128, 1000 and 1024 units (the "multiples of 32" claim of Q3).

    python benchmarks/lstm_forward.py [--threads N] [--repeats R]

The timing functions live in ``unrolled.bench`` (``time_forward``,
``compare``) so pages and figures can import them; this file re-exports them.
"""

from __future__ import annotations

import argparse
import os
import sys

if __name__ == "__main__":
    _args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _args.add_argument("--threads", type=int, default=os.cpu_count(),
                       help="threads for both NumPy's BLAS and PyTorch (default: all cores)")
    _args.add_argument("--repeats", type=int, default=7)
    ARGS = _args.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(ARGS.threads)  # before NumPy or PyTorch start their pools

from unrolled.bench import compare, time_forward  # noqa: E402

__all__ = ["compare", "time_forward", "UNITS", "main"]

UNITS = (96, 100, 128, 1000, 1024)
TARGET = 1.2


def main(threads: int, repeats: int) -> int:
    import torch

    torch.set_num_threads(threads)
    print(f"LSTM forward, x (64, 100, 256) float32, {threads} thread(s) for NumPy's BLAS "
          f"and PyTorch ({torch.get_num_threads()}), median of {repeats} alternating runs")
    head = compare(1024, repeats=repeats)
    verdict = "within" if head["ratio"] <= TARGET else "OVER"
    print(f"\nH=1024: ours {head['numpy']:.3f} s, PyTorch {head['pytorch']:.3f} s, "
          f"ratio {head['ratio']:.2f} (fastest runs {head['best_ratio']:.2f}): "
          f"{verdict} the {TARGET}x target\n")
    print(f"{'units':>6}  {'ours (s)':>9}  {'PyTorch (s)':>11}  {'ratio':>5}  {'fastest':>7}")
    for units in UNITS:
        r = compare(units, repeats=repeats)
        print(f"{units:>6}  {r['numpy']:>9.4f}  {r['pytorch']:>11.4f}  {r['ratio']:>5.2f}"
              f"  {r['best_ratio']:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS.threads, ARGS.repeats))
