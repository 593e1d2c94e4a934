"""The timing helpers the figures use return sensible numbers (this is not a timed test)."""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import pytest  # noqa: E402

from unrolled.bench import compare, time_forward  # noqa: E402


def test_time_forward_returns_seconds_for_both_frameworks():
    for framework in ("numpy", "pytorch"):
        t = time_forward(8, batch=2, steps=3, features=4, repeats=1, framework=framework)
        assert isinstance(t, float) and 0 < t < 5


def test_compare_reports_both_times_and_their_ratio():
    r = compare(8, batch=2, steps=3, features=4, repeats=2)
    assert set(r) == {"units", "numpy", "pytorch", "ratio", "best_ratio"}
    assert r["units"] == 8 and r["numpy"] > 0 and r["pytorch"] > 0 and r["ratio"] > 0


def test_time_forward_rejects_unknown_framework():
    with pytest.raises(ValueError, match="^framework: must be one of 'numpy', 'pytorch'"):
        time_forward(8, framework="jax")
