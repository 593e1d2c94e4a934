"""A layer is its cell looped over time; traces, states and initialisation behave as documented."""

import numpy as np
import pytest

import unrolled
from unrolled import cells

B, T, D, H = 3, 6, 4, 5


def x_data(seed=0, shape=(B, T, D)):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def with_random_bias(layer, seed=1):
    b = layer.weights["b"]
    b[...] = np.random.default_rng(seed).uniform(-0.5, 0.5, b.shape)
    return layer


LAYERS = [
    lambda: unrolled.SimpleRNN(D, H, seed=1),
    lambda: unrolled.SimpleRNN(D, H, activation="relu", convention="pytorch", seed=1),
    lambda: unrolled.LSTM(D, H, seed=2),
    lambda: unrolled.LSTM(D, H, activation="relu", convention="pytorch", seed=2),
    lambda: unrolled.LSTM(D, H, proj_size=3, convention="pytorch", seed=2),
    lambda: unrolled.GRU(D, H, seed=3),
    lambda: unrolled.GRU(D, H, reset_after=False, seed=3),
]


def loop_cell(layer, x):
    """The textbook loop: call the layer's cell function once per step."""
    W = layer.weights
    h = np.zeros((x.shape[0], layer.output_size), np.float32)
    c = np.zeros((x.shape[0], layer.units), np.float32)
    hs = []
    for t in range(x.shape[1]):
        if layer.kind == "rnn":
            h = cells.rnn_cell(x[:, t], h, W["W_xh"], W["W_hh"], W["b"],
                               activation=layer.activation)
        elif layer.kind == "lstm":
            h, c = cells.lstm_cell(x[:, t], h, c, W["W_xh"], W["W_hh"], W["b"],
                                   activation=layer.activation, W_hr=W.get("W_hr"))
        else:
            h = cells.gru_cell(x[:, t], h, W["W_xh"], W["W_hh"], W["b"],
                               reset_after=layer.reset_after)
        hs.append(h)
    return np.stack(hs, axis=1)


@pytest.mark.parametrize("make", LAYERS, ids=lambda m: repr(m()))
def test_layer_equals_its_cell_looped_over_time(make):
    layer = with_random_bias(make())
    x = x_data()
    y = layer(x)
    assert y.dtype == np.float32 and y.shape == (B, T, layer.output_size)
    assert np.max(np.abs(y - loop_cell(layer, x))) <= 1e-6


@pytest.mark.parametrize("make", LAYERS, ids=lambda m: repr(m()))
def test_last_output_and_final_state_are_the_last_step(make):
    layer = with_random_bias(make())
    x = x_data(2)
    seq = layer(x)
    last, *states = layer(x, return_sequences=False, return_state=True)
    assert np.array_equal(last, seq[:, -1]) and np.array_equal(states[0], seq[:, -1])
    assert len(states) == (2 if layer.kind == "lstm" else 1)
    # continuing from the returned state is the same as running the whole sequence
    first = layer(x[:, :3], return_state=True)
    rest = layer(x[:, 3:], initial_state=first[1:])
    assert np.max(np.abs(rest - seq[:, 3:])) <= 1e-6


def test_lstm_trace_records_gates_and_memory():
    layer = with_random_bias(unrolled.LSTM(D, H, seed=4))
    x = x_data(3)
    tr = layer.trace(x)
    assert set(tr) == {"h", "c", "i", "f", "g", "o"}
    assert all(v.shape == (B, T, H) for v in tr.values())
    assert np.array_equal(tr["h"], layer(x))
    for k in "ifo":
        assert 0 <= tr[k].min() and tr[k].max() <= 1
    c_prev = np.concatenate([np.zeros((B, 1, H)), tr["c"][:, :-1]], axis=1)
    assert np.allclose(tr["c"], tr["f"] * c_prev + tr["i"] * tr["g"], atol=1e-6)
    assert np.allclose(tr["h"], tr["o"] * np.tanh(tr["c"]), atol=1e-6)


def test_gru_trace_records_gates():
    for reset_after in (True, False):
        layer = with_random_bias(unrolled.GRU(D, H, reset_after=reset_after, seed=5))
        x = x_data(4)
        tr = layer.trace(x)
        assert set(tr) == {"h", "z", "r", "n"} and tr["n"].shape == (B, T, H)
        h_prev = np.concatenate([np.zeros((B, 1, H)), tr["h"][:, :-1]], axis=1)
        assert np.allclose(tr["h"], tr["z"] * h_prev + (1 - tr["z"]) * tr["n"], atol=1e-6)


def test_bidirectional_reads_the_sequence_both_ways():
    bi = unrolled.Bidirectional(unrolled.GRU(D, H, seed=6))
    x = x_data(5)
    y = bi(x)
    assert y.shape == (B, T, 2 * H)
    assert np.array_equal(y[..., :H], bi.forward_layer(x))
    assert np.allclose(y[..., H:], bi.backward_layer(x[:, ::-1])[:, ::-1])
    last = bi(x, return_sequences=False)
    assert np.array_equal(last, np.concatenate([y[:, -1, :H], y[:, 0, H:]], axis=-1))
    tr = bi.trace(x)
    assert np.allclose(tr["backward"]["h"], y[..., H:])
    assert bi.num_params == 2 * unrolled.GRU(D, H).num_params


def test_stacked_feeds_each_layer_the_previous_output():
    stack = unrolled.build("lstm", features=D, units=H, layers=2, bidirectional=True)
    x = x_data(6)
    first = stack.layers[0](x)
    assert np.array_equal(stack(x), stack.layers[1](first))
    out, *states = stack(x, return_state=True)
    assert len(states) == 8 and out.shape == (B, T, 2 * H)


def test_keras_initialisation():
    layer = unrolled.LSTM(features=7, units=H, seed=0)
    W = layer.weights
    assert all(w.dtype == np.float32 for w in W.values())
    assert np.allclose(W["W_hh"] @ W["W_hh"].T, np.eye(H), atol=1e-5)  # orthogonal rows
    limit = np.sqrt(6 / (7 + 4 * H))
    assert np.abs(W["W_xh"]).max() <= limit and np.abs(W["W_xh"]).max() > 0.8 * limit
    assert np.array_equal(W["b"], np.r_[np.zeros(H), np.ones(H), np.zeros(2 * H)])
    same = unrolled.LSTM(features=7, units=H, seed=0).weights
    other = unrolled.LSTM(features=7, units=H, seed=1).weights
    assert np.array_equal(same["W_xh"], W["W_xh"]) and not np.array_equal(other["W_xh"], W["W_xh"])


def test_pytorch_initialisation_is_uniform_in_one_over_sqrt_h():
    layer = unrolled.GRU(D, 16, convention="pytorch", seed=0)
    for w in layer.weights.values():
        assert np.abs(w).max() <= 0.25 and np.abs(w).max() > 0.2
    assert layer.weights["b"].shape == (2, 48)


def test_float64_layers_compute_in_float64():
    layer = unrolled.LSTM(D, H, dtype=np.float64)
    assert layer(x_data()).dtype == np.float64
