"""Q7's training runs: the bidirectional model's forward and gradients, its data, and what the
stored result (and a smaller rerun) shows about next-token prediction and tagging."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from conftest import ROOT

from unrolled.experiments import _store, directions
from unrolled.layers import LSTM, Bidirectional


def _model64(V, H, C, bidirectional, seed=0):
    """The experiment's model in float64, for finite differences."""
    model = directions.make_model(V, H, C, bidirectional, seed)
    seeds = [seed, [seed, 1]][:len(model["layers"])]  # forward, then backward
    model["layers"] = [LSTM(V, H, seed=s, dtype=np.float64) for s in seeds]
    for layer in model["layers"]:
        layer.weights["b"] += np.random.default_rng(5).normal(scale=0.3, size=layer.weights["b"].shape)
    model["W_hy"] = model["W_hy"].astype(np.float64)
    model["b_y"] = np.random.default_rng(6).normal(size=C)
    return model


def test_bidirectional_forward_is_the_cross_checked_bidirectional_layer():
    """Forward LSTM, backward LSTM on the reversed input, flipped back and joined: Bidirectional's output."""
    V, H, C = 6, 5, 4
    model = directions.make_model(V, H, C, True, seed=3)
    x = directions.one_hot(np.random.default_rng(0).integers(V, size=(3, 7)), V)  # (B, T, V)
    logits, feats, _ = directions.forward(model, x)  # (B, T, C), (B, T, 2H)
    reference = Bidirectional(*model["layers"])(x)  # (B, T, 2H); tested against PyTorch and Keras
    np.testing.assert_allclose(feats, reference, atol=1e-6)
    np.testing.assert_allclose(logits, reference @ model["W_hy"] + model["b_y"], atol=1e-6)


@pytest.mark.parametrize("bidirectional", [False, True])
def test_gradients_match_finite_differences(bidirectional):
    V, H, C = 5, 4, 3
    rng = np.random.default_rng(1)
    x = directions.one_hot(rng.integers(V, size=(2, 6)), V).astype(np.float64)  # (B, T, V)
    targets = rng.integers(C, size=(2, 6))  # (B, T)
    model = _model64(V, H, C, bidirectional)
    _, grads = directions.loss_and_gradients(model, x, targets)
    params = directions.params(model)
    assert set(grads) == set(params)
    eps = 1e-6
    for name, p in params.items():
        for idx in list(np.ndindex(p.shape))[::max(1, p.size // 7)]:
            keep = p[idx]
            p[idx] = keep + eps
            up = directions.cross_entropy(directions.forward(model, x)[0], targets)[0]
            p[idx] = keep - eps
            down = directions.cross_entropy(directions.forward(model, x)[0], targets)[0]
            p[idx] = keep
            numeric = (up - down) / (2 * eps)
            assert abs(grads[name][idx] - numeric) < 1e-6 + 1e-5 * abs(numeric), (name, idx)


def test_data_follow_their_definitions():
    V = 8
    tokens = directions.markov_tokens(200, 9, V, np.random.default_rng(0))  # (N, T+1)
    P = directions.transitions(V)
    assert np.all(P[tokens[:, :-1], tokens[:, 1:]] == 0.5), "every step is one of the two successors"
    np.testing.assert_allclose(P.sum(1), 1)
    words, labels = directions.tag_data(1, 4, V, np.random.default_rng(0))
    high = (words[0] >= V // 2).astype(int)  # (T,)
    expected = np.r_[0, high[:-1]] + np.r_[high[1:], 0]  # word before + word after
    np.testing.assert_array_equal(labels[0], expected)


def test_a_smaller_run_shows_the_same_directions():
    r = directions.compute(vocab=8, steps=6, units=8, train=128, test=256, batch=32, updates=150,
                           lr=0.03, seeds=[0])
    one, bi = 0, 1
    floor = r["floor"]
    assert np.isclose(floor, np.log(2)) and r["best_acc"] == 0.5
    assert r["next_train"][bi].mean() < 0.5 * floor < 0.9 * floor < r["next_train"][one].mean()
    assert r["next_seen"][bi].min() > 0.75, "with the future in view it copies the answer"
    # the one-way model cannot see the future, so withholding it changes nothing
    np.testing.assert_array_equal(r["next_prefix"][one], r["next_zeroed"][one])
    np.testing.assert_allclose(r["next_prefix"][one].mean(-1), r["next_seen"][one])
    for how in ("next_prefix", "next_zeroed"):
        assert r[how][bi].mean() < r["best_acc"] + 0.1, "without the future it cannot beat the data"
    assert r["tag_acc"][bi].mean() > r["tag_acc"][one].mean() + 0.3


def test_stored_result_shows_copying_and_tagging_gains():
    r = _store.load(directions)
    P = directions.PARAMS
    S, T = len(P["seeds"]), P["steps"]
    assert r["next_train"].shape == (2, S, T) and r["tag_acc"].shape == (2, S, T)
    one, bi = 0, 1
    train = r["next_train"].mean(-1)  # (model, seed)
    assert np.all(train[bi] < 0.2 * r["floor"]), "the bidirectional model copies the next token"
    assert np.all(train[one] > 0.95 * r["floor"]), "the one-way model stays at the data's uncertainty"
    assert np.all(r["next_train"][bi, :, :-1] < 0.05), "near zero wherever the answer is in the input"
    assert np.all(r["next_seen"][bi] > 0.9)
    for how in ("next_prefix", "next_zeroed"):
        acc = r[how].mean(-1)  # (model, seed)
        assert np.all(np.abs(acc[bi] - r["best_acc"]) < 0.05), how
        assert np.all(np.abs(acc[bi] - acc[one]) < 0.05), how
    tag = r["tag_acc"][:, :, :-1].mean(-1)  # (model, seed), steps that have a next word
    assert np.all(tag[bi] > 0.99) and np.all(tag[one] < 0.56)
    assert np.all(r["tag_acc"][one].mean(-1) < r["one_way_ceiling"] + 0.03)


@pytest.mark.parametrize("claim_id, snippet, anchor", [
    ("q7-c2", "fig_q7_next_token.py", "#next-token"),
    ("q7-c3", "fig_q7_tagging.py", "#tagging"),
])
def test_q7_verdicts_quote_the_trained_runs(claim_id, snippet, anchor):
    claims = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))["claims"]
    claim = next(c for c in claims if c["id"] == claim_id)
    assert f'value("{snippet}"' in claim["reason"] and f'value("{snippet}"' in claim["setting"]
    assert {"page": f"questions/q7-bidirectional.md{anchor}"} in claim["evidence"]
    page = (ROOT / "docs" / "questions" / "q7-bidirectional.md").read_text(encoding="utf-8")
    assert f'run("{snippet}")' in page and f"{{ {anchor} }}" in page
