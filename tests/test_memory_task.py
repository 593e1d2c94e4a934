"""The memory task behind Q3's claim about longer sequences: its data, its result's structure,
and the verdict that quotes it."""

import numpy as np
import yaml
from conftest import ROOT

from unrolled.experiments import _store, memory


def test_target_is_the_value_read_lag_steps_earlier():
    x, y = memory.sequences(5, 9, 3, np.random.default_rng(0))  # (5, 9, 1) each
    assert x.shape == y.shape == (5, 9, 1)
    assert np.array_equal(y[:, 3:], x[:, :6]) and not y[:, :3].any()
    assert np.abs(x).max() <= 1


def test_a_small_run_has_the_stored_structure():
    P = dict(lags=[1, 3], units=[2, 4], seeds=[0, 1], steps=6, samples=16, val_samples=16, epochs=1,
             lr=0.01, batch_size=8, good=0.5)
    r = memory.compute(**P)
    assert r["error"].shape == (2, 2, 2)
    assert r["median"].shape == r["low"].shape == r["high"].shape == (2, 2)
    assert np.all(r["low"] <= r["median"]) and np.all(r["median"] <= r["high"])
    assert len(r["needed"]) == 2 and set(r["needed"]) <= {0, 2, 4}
    again = memory.compute(**P)  # seeded: the same numbers twice
    assert np.array_equal(again["error"], r["error"])


def test_stored_result_agrees_with_itself_and_its_parameters():
    r = _store.load(memory)
    P = memory.PARAMS
    assert r["error"].shape == (len(P["lags"]), len(P["units"]), len(P["seeds"]))
    med = np.median(r["error"], axis=-1)
    assert np.allclose(med, r["median"])
    needed = [next((H for b, H in enumerate(P["units"]) if med[a, b] < P["good"]), 0)
              for a in range(len(P["lags"]))]
    assert needed == list(r["needed"])


def test_q3_verdict_on_longer_sequences_quotes_the_memory_run():
    claims = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))["claims"]
    c1 = next(c for c in claims if c["id"] == "q3-c1")
    assert 'value("fig_memory.py", "memory_verdict")' in c1["reason"]
    assert {"snippet": "fig_memory.py"} in c1["evidence"]
    snippet = (ROOT / "snippets" / "fig_memory.py").read_text(encoding="utf-8")
    assert 'get("memory")' in snippet
