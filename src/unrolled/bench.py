"""Timing the forward pass of an LSTM layer, ours (NumPy) or PyTorch's.

``time_forward(1024)`` is the median wall time, in seconds, of the forward
pass of an LSTM with 1024 units over x (64, 100, 256), float32, no gradients.
``framework="pytorch"`` times ``torch.nn.LSTM(batch_first=True)`` on the same
input (PyTorch is imported only then). Both use the machine's thread count
unless the environment says otherwise (``OMP_NUM_THREADS``,
``OPENBLAS_NUM_THREADS``). ``benchmarks/lstm_forward.py`` prints the table.
"""

from __future__ import annotations

import time

import numpy as np

from . import _checks
from .layers import LSTM

__all__ = ["time_forward", "compare"]

# BLAS and OpenMP worker threads spin for a while after a call (up to ~200 ms);
# timing one library while the other's threads spin would charge it their CPU.
PAUSE = 0.3


def _runner(framework, units, batch, steps, features, seed):
    x = np.random.default_rng(seed).standard_normal((batch, steps, features)).astype(np.float32)
    if framework == "numpy":
        layer = LSTM(features, units, seed=seed)
        return lambda: layer(x)
    import torch  # test extra; only needed to time PyTorch

    torch.manual_seed(seed)
    module = torch.nn.LSTM(features, units, batch_first=True)
    xt = torch.from_numpy(x)

    def run():
        with torch.no_grad():
            return module(xt)

    return run


def _timed(fn, pause=PAUSE) -> float:
    time.sleep(pause)  # let the other library's idle threads stop spinning first
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def time_forward(units, *, batch=64, steps=100, features=256, repeats=5, framework="numpy",
                 seed=0) -> float:
    """Median seconds of ``repeats`` forward passes (after one warm-up pass)."""
    _checks.one_of("framework", framework, ("numpy", "pytorch"))
    repeats = _checks.positive_int("repeats", repeats)
    run = _runner(framework, _checks.positive_int("units", units), batch, steps, features, seed)
    run()
    return float(np.median([_timed(run) for _ in range(repeats)]))


def compare(units, *, batch=64, steps=100, features=256, repeats=5, seed=0) -> dict:
    """Ours and PyTorch's times, measured alternately so both see the same machine load.

    Returns {"units", "numpy", "pytorch", "ratio", "best_ratio"}: median
    seconds of each, the median of the per-pair ratios numpy / pytorch, and
    the ratio of the fastest runs (least disturbed by other processes).
    """
    ours = _runner("numpy", units, batch, steps, features, seed)
    theirs = _runner("pytorch", units, batch, steps, features, seed)
    ours(), theirs()
    pairs = [(_timed(ours), _timed(theirs)) for _ in range(_checks.positive_int("repeats", repeats))]
    a, b = np.array(pairs).T
    return {"units": units, "numpy": float(np.median(a)), "pytorch": float(np.median(b)),
            "ratio": float(np.median(a / b)), "best_ratio": float(a.min() / b.min())}
