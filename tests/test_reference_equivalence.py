"""The NumPy layers give the same numbers as PyTorch and Keras (max abs error <= 1e-5).

Weights go through ``unrolled.convert`` in both directions, so these tests
protect the cells, the layers and the converters together.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import unrolled  # noqa: E402
from unrolled import cells, convert  # noqa: E402

pytestmark = pytest.mark.framework
TOL = 1e-5
B, T, D, H = 3, 7, 5, 6


def data(shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def max_err(a, b):
    a, b = np.asarray(a), np.asarray(b.detach().numpy() if hasattr(b, "detach") else b)
    assert a.shape == b.shape, f"shapes differ: {a.shape} vs {b.shape}"
    return float(np.max(np.abs(a - b)))


def load(module, sd):
    module.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()})


TORCH_CASES = [
    # id, torch class, kwargs, unrolled.build kwargs
    ("rnn-tanh", torch.nn.RNN, {}, {"cell": "rnn"}),
    ("rnn-relu", torch.nn.RNN, {"nonlinearity": "relu"}, {"cell": "rnn", "activation": "relu"}),
    ("lstm", torch.nn.LSTM, {}, {"cell": "lstm"}),
    ("gru", torch.nn.GRU, {}, {"cell": "gru"}),
    ("lstm-2layer-bidirectional", torch.nn.LSTM, {"num_layers": 2, "bidirectional": True},
     {"cell": "lstm", "layers": 2, "bidirectional": True}),
    ("gru-2layer-bidirectional", torch.nn.GRU, {"num_layers": 2, "bidirectional": True},
     {"cell": "gru", "layers": 2, "bidirectional": True}),
    ("rnn-2layer-bidirectional", torch.nn.RNN, {"num_layers": 2, "bidirectional": True},
     {"cell": "rnn", "layers": 2, "bidirectional": True}),
    ("lstm-proj", torch.nn.LSTM, {"proj_size": 4}, {"cell": "lstm", "proj_size": 4}),
    ("lstm-proj-2layer-bidirectional", torch.nn.LSTM,
     {"proj_size": 3, "num_layers": 2, "bidirectional": True},
     {"cell": "lstm", "proj_size": 3, "layers": 2, "bidirectional": True}),
]


def torch_run(module, x, h0=None):
    with torch.no_grad():
        return module(torch.from_numpy(x), h0)


@pytest.mark.parametrize("name,cls,kw,build", TORCH_CASES, ids=[c[0] for c in TORCH_CASES])
def test_layer_matches_pytorch_with_weights_from_pytorch(name, cls, kw, build):
    torch.manual_seed(0)
    module = cls(D, H, batch_first=True, **kw)
    ours = convert.from_pytorch(module)
    x = data((B, T, D))
    y_ref, state_ref = torch_run(module, x)
    y, *states = ours(x, return_state=True)
    assert max_err(y, y_ref) <= TOL
    # h_n is (layers * directions, B, P); ours are batch-first states in the same order
    hs = states if cls is not torch.nn.LSTM else states[0::2]
    assert max_err(np.stack(hs), state_ref[0] if cls is torch.nn.LSTM else state_ref) <= TOL
    if cls is torch.nn.LSTM:
        assert max_err(np.stack(states[1::2]), state_ref[1]) <= TOL


@pytest.mark.parametrize("name,cls,kw,build", TORCH_CASES, ids=[c[0] for c in TORCH_CASES])
def test_layer_matches_pytorch_with_weights_to_pytorch(name, cls, kw, build):
    ours = unrolled.build(features=D, units=H, convention="pytorch", seed=3, **build)
    module = cls(D, H, batch_first=True, **kw)
    sd = convert.to_pytorch(ours)
    assert list(sd) == [n for n, _ in module.named_parameters()]
    load(module, sd)
    x = data((B, T, D), seed=2)
    assert max_err(ours(x), torch_run(module, x)[0]) <= TOL


def test_keras_convention_layer_matches_pytorch():
    ours = unrolled.LSTM(D, H, seed=5)  # one Keras bias, unit_forget_bias
    ours.weights["b"][:] = data((4 * H,), seed=9)
    module = torch.nn.LSTM(D, H, batch_first=True)
    load(module, convert.to_pytorch(ours))
    x = data((B, T, D))
    assert max_err(ours(x), torch_run(module, x)[0]) <= TOL


def test_lstm_initial_state_matches_pytorch():
    torch.manual_seed(1)
    module = torch.nn.LSTM(D, H, batch_first=True)
    ours = convert.from_pytorch(module)
    x, h0, c0 = data((B, T, D)), data((1, B, H), 3), data((1, B, H), 4)
    y_ref, (h_ref, c_ref) = torch_run(module, x, (torch.from_numpy(h0), torch.from_numpy(c0)))
    y, h, c = ours(x, initial_state=[h0[0], c0[0]], return_state=True)
    assert max(max_err(y, y_ref), max_err(h, h_ref[0]), max_err(c, c_ref[0])) <= TOL


def test_cells_match_pytorch_cells():
    torch.manual_seed(2)
    x, h0, c0 = data((B, D)), data((B, H), 3), data((B, H), 4)
    tx, th, tc = map(torch.from_numpy, (x, h0, c0))
    with torch.no_grad():
        lstm = torch.nn.LSTMCell(D, H)
        gru = torch.nn.GRUCell(D, H)
        rnn = torch.nn.RNNCell(D, H)
        ref_lstm, ref_gru, ref_rnn = lstm(tx, (th, tc)), gru(tx, th), rnn(tx, th)

    def keras_layout(cell, gru=False):
        w = {k: v.detach().numpy() for k, v in cell.state_dict().items()}
        W_xh, W_hh, b = w["weight_ih"].T, w["weight_hh"].T, np.stack([w["bias_ih"], w["bias_hh"]])
        if gru:
            W_xh, W_hh, b = (convert._swap_zr(W_xh, 1), convert._swap_zr(W_hh, 1),
                             convert._swap_zr(b, 1))
        return W_xh, W_hh, b

    h, c = cells.lstm_cell(x, h0, c0, *keras_layout(lstm))
    assert max(max_err(h, ref_lstm[0]), max_err(c, ref_lstm[1])) <= TOL
    assert max_err(cells.gru_cell(x, h0, *keras_layout(gru, True)), ref_gru) <= TOL
    assert max_err(cells.rnn_cell(x, h0, *keras_layout(rnn)), ref_rnn) <= TOL


# --- Keras ------------------------------------------------------------------------

KERAS_CASES = [
    ("simple_rnn-tanh", lambda: keras.layers.SimpleRNN(H, return_sequences=True)),
    ("simple_rnn-relu", lambda: keras.layers.SimpleRNN(H, activation="relu",
                                                       return_sequences=True)),
    ("lstm-tanh", lambda: keras.layers.LSTM(H, return_sequences=True)),
    ("lstm-relu", lambda: keras.layers.LSTM(H, activation="relu", return_sequences=True)),
    ("gru-reset_after", lambda: keras.layers.GRU(H, return_sequences=True)),
    ("gru-reset_before", lambda: keras.layers.GRU(H, reset_after=False,
                                                  return_sequences=True)),
    ("gru-relu", lambda: keras.layers.GRU(H, activation="relu", return_sequences=True)),
    ("bidirectional-lstm", lambda: keras.layers.Bidirectional(
        keras.layers.LSTM(H, return_sequences=True))),
    ("bidirectional-gru-reset_before", lambda: keras.layers.Bidirectional(
        keras.layers.GRU(H, reset_after=False, return_sequences=True))),
    ("bidirectional-simple_rnn-relu", lambda: keras.layers.Bidirectional(
        keras.layers.SimpleRNN(H, activation="relu", return_sequences=True))),
]


def randomise(layer, seed):
    """Random weights everywhere, biases included (Keras starts them at zero)."""
    rng = np.random.default_rng(seed)
    layer.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype(np.float32)
                       for w in layer.get_weights()])


@pytest.mark.parametrize("name,make", KERAS_CASES, ids=[c[0] for c in KERAS_CASES])
def test_layer_matches_keras_with_weights_from_keras(name, make):
    layer = make()
    x = data((B, T, D))
    layer(x)
    randomise(layer, 4)
    ours = convert.from_keras(layer)
    assert max_err(ours(x), keras.ops.convert_to_numpy(layer(x))) <= TOL


@pytest.mark.parametrize("name,make", KERAS_CASES, ids=[c[0] for c in KERAS_CASES])
def test_layer_matches_keras_with_weights_to_keras(name, make):
    layer = make()
    x = data((B, T, D), seed=6)
    layer(x)
    ours = convert.from_keras(layer)  # same configuration...
    fresh = [np.random.default_rng(7).uniform(-0.5, 0.5, w.shape).astype(np.float32)
             for w in layer.get_weights()]
    ours = convert.from_keras(fresh, activation=ours.forward_layer.activation
                              if hasattr(ours, "forward_layer") else ours.activation,
                              bidirectional=hasattr(ours, "forward_layer"))
    layer.set_weights(convert.to_keras(ours))  # ...new weights, sent the other way
    assert max_err(ours(x), keras.ops.convert_to_numpy(layer(x))) <= TOL


def test_lstm_last_step_and_states_match_keras():
    layer = keras.layers.LSTM(H, activation="relu", return_state=True)
    x = data((B, T, D))
    layer(x)
    randomise(layer, 8)
    ref = [keras.ops.convert_to_numpy(a) for a in layer(x)]
    ours = convert.from_keras(layer)(x, return_sequences=False, return_state=True)
    assert max(max_err(a, b) for a, b in zip(ours, ref)) <= TOL


def test_bidirectional_last_step_and_states_match_keras():
    layer = keras.layers.Bidirectional(keras.layers.GRU(H, return_state=True))
    x = data((B, T, D))
    layer(x)
    randomise(layer, 9)
    ref = [keras.ops.convert_to_numpy(a) for a in layer(x)]
    ours = convert.from_keras(layer)(x, return_sequences=False, return_state=True)
    assert len(ours) == len(ref)
    assert max(max_err(a, b) for a, b in zip(ours, ref)) <= TOL


def test_stacked_keras_model_matches():
    model = keras.Sequential([keras.Input((T, D)),
                              keras.layers.LSTM(H, return_sequences=True),
                              keras.layers.GRU(4, reset_after=False)])
    x = data((B, T, D))
    randomise(model, 10)
    ours = convert.from_keras(model)
    assert isinstance(ours, unrolled.Stacked)
    got = ours(x, return_sequences=False)
    assert max_err(got, keras.ops.convert_to_numpy(model(x))) <= TOL
    assert all(np.array_equal(a, b) for a, b in zip(convert.to_keras(ours), model.get_weights()))
