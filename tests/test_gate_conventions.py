"""The gate conventions table (unrolled.convert.CONVENTIONS) against the real frameworks.

For each layer the test builds it in Keras or PyTorch with random weights, runs one
step from a random state, and recomputes that step with the textbook formulas, reading
the weight blocks in every possible order: the framework's output must match the
documented order, and no other. Keras layers run with activation="relu", so the test
also sees where ``activation`` and ``recurrent_activation`` act.
"""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from unrolled.convert import CONVENTIONS, ROLES  # noqa: E402

pytestmark = pytest.mark.framework
B, D, H = 3, 5, 4
TOL = 1e-5


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def relu(a):
    return np.maximum(a, 0)


def role(letter: str) -> str:
    return {"candidate": "cand"}.get(ROLES[letter], ROLES[letter])


def blocks(a: np.ndarray, order, axis=-1) -> dict:
    """Split the gate axis into named blocks: {"input gate": ..., "cand": ...}."""
    return {role(k): part for k, part in zip(order, np.split(a, len(order), axis=axis))}


def lstm_step(xw, hw, c0, act):
    """Textbook LSTM step from the per-block pre-activations (input and state parts)."""
    pre = {k: xw[k] + hw[k] for k in xw}
    i, f, o = (sigmoid(pre[k]) for k in ("input gate", "forget gate", "output gate"))
    c = f * c0 + i * act(pre["cand"])
    return o * act(c)


def gru_step(xw, hw, h0, act, reset_after=True, W_hn=None):
    """Textbook GRU step; with reset_after=False, ``hw`` is h0's product without the candidate."""
    z = sigmoid(xw["update gate"] + hw["update gate"])
    r = sigmoid(xw["reset gate"] + hw["reset gate"])
    if reset_after:
        n = act(xw["cand"] + r * hw["cand"])
    else:
        n = act(xw["cand"] + (r * h0) @ W_hn)
    return z * h0 + (1 - z) * n


def only_documented_order_matches(run, documented: str, want: np.ndarray):
    matches = [p for p in itertools.permutations(documented) if np.abs(run(p) - want).max() < TOL]
    assert matches == [tuple(documented)], (
        f"the framework's output matches block orders {[''.join(m) for m in matches]}, "
        f"the table says {documented}")


def data(*shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


def eval_shape(shape) -> tuple:
    return tuple(int(s[:-1] or 1) * H if s.endswith("H") else D if s == "D" else int(s) for s in shape)


@pytest.mark.parametrize("layer", ["LSTM", "GRU"])
def test_pytorch_blocks_and_biases_are_as_the_table_says(layer):
    c = CONVENTIONS["pytorch", layer]
    module = {"LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[layer](D, H, batch_first=True)
    assert [(n, tuple(p.shape)) for n, p in module.named_parameters()] == \
        [(n, eval_shape(s)) for n, s in c["weights"]]
    sd = {n: data(*p.shape, seed=k) for k, (n, p) in enumerate(module.named_parameters())}
    module.load_state_dict({n: torch.from_numpy(v) for n, v in sd.items()})
    x, h0, c0 = data(B, 1, D, seed=10), data(1, B, H, seed=11), data(1, B, H, seed=12)
    with torch.no_grad():
        if layer == "LSTM":
            out, _ = module(torch.from_numpy(x), (torch.from_numpy(h0), torch.from_numpy(c0)))
        else:
            out, _ = module(torch.from_numpy(x), torch.from_numpy(h0))
    want = out[:, 0].numpy()
    xw = x[:, 0] @ sd["weight_ih_l0"].T + sd["bias_ih_l0"]  # (B, G*H)
    hw = h0[0] @ sd["weight_hh_l0"].T + sd["bias_hh_l0"]  # (B, G*H)

    def run(order):
        if layer == "LSTM":
            return lstm_step(blocks(xw, order), blocks(hw, order), c0[0], np.tanh)
        return gru_step(blocks(xw, order), blocks(hw, order), h0[0], np.tanh)

    only_documented_order_matches(run, c["order"], want)


@pytest.mark.parametrize("layer,reset_after", [("LSTM", None), ("GRU", True), ("GRU", False)])
def test_keras_blocks_biases_and_activations_are_as_the_table_says(layer, reset_after):
    c = CONVENTIONS["keras", layer]
    keras.backend.clear_session()
    kw = {} if reset_after is None else {"reset_after": reset_after}
    rnn = {"LSTM": keras.layers.LSTM, "GRU": keras.layers.GRU}[layer](
        H, activation="relu", recurrent_activation="sigmoid", **kw)
    x, h0, c0 = data(B, 1, D, seed=10), data(B, H, seed=11), data(B, H, seed=12)
    state = [h0, c0] if layer == "LSTM" else [h0]
    rnn(x, initial_state=state)  # builds the weights
    weights = c["weights"] if reset_after in (None, True) else c["weights_reset_before"]
    assert [(w.path.split("/")[-1], tuple(w.shape)) for w in rnn.weights] == \
        [(n, eval_shape(s)) for n, s in weights]
    W_x, W_h, b = (data(*w.shape, seed=k) for k, w in enumerate(rnn.weights))
    rnn.set_weights([W_x, W_h, b])
    want = keras.ops.convert_to_numpy(rnn(x, initial_state=state))
    b_x, b_h = (b[0], b[1]) if b.ndim == 2 else (b, 0 * b)
    xw = x[:, 0] @ W_x + b_x  # (B, G*H)

    def run(order):
        if layer == "LSTM":
            return lstm_step(blocks(xw, order), blocks(h0 @ W_h + b_h, order), c0, relu)
        if reset_after:
            return gru_step(blocks(xw, order), blocks(h0 @ W_h + b_h, order), h0, relu)
        W_hn = blocks(W_h, order)["cand"]
        return gru_step(blocks(xw, order), blocks(h0 @ W_h, order), h0, relu, reset_after=False, W_hn=W_hn)

    only_documented_order_matches(run, c["order"], want)


def test_the_table_names_where_each_activation_acts():
    for (framework, layer), c in CONVENTIONS.items():
        gates = {role(k) for k in c["order"]} - {"cand"}
        assert {role(k) for k in c["recurrent_activation"]} == gates, (framework, layer)
        candidate = next(k for k in c["order"] if role(k) == "cand")
        assert c["activation"].startswith(candidate), (framework, layer)
