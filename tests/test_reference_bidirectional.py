"""Bidirectional bookkeeping against PyTorch and Keras: final states, h_n's layout, merge modes, go_backwards."""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import unrolled  # noqa: E402
from unrolled import bidirectional as bd  # noqa: E402
from unrolled import convert  # noqa: E402

pytestmark = pytest.mark.framework
TOL = 1e-5
B, T, D, H = 3, 7, 5, 4


def data(shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def err(a, b):
    a, b = np.asarray(a), np.asarray(b.detach().numpy() if hasattr(b, "detach") else b)
    assert a.shape == b.shape, f"shapes differ: {a.shape} vs {b.shape}"
    return float(np.max(np.abs(a - b)))


@pytest.mark.parametrize("cls", [torch.nn.LSTM, torch.nn.GRU])
@pytest.mark.parametrize("layers", [1, 2])
def test_h_n_layout_and_final_state_slices_match_pytorch(cls, layers):
    torch.manual_seed(layers)
    module = cls(D, H, num_layers=layers, bidirectional=True, batch_first=True)
    ours = convert.from_pytorch(module)
    x = data((B, T, D))
    with torch.no_grad():
        output, state = module(torch.from_numpy(x))
    h_n = state[0] if cls is torch.nn.LSTM else state
    # which slice of output holds each direction's final state (top layer)
    fw, bw = bd.final_states(output.numpy(), H)
    assert err(fw, h_n[-2]) <= TOL and err(bw, h_n[-1]) <= TOL
    assert err(output[:, -1, H:], h_n[-1]) > 1e-3, "the last step's backward half is not the final state"
    # h_n as (layers, directions, B, H), and built from our batch-first states
    assert err(bd.split_h_n(h_n.numpy(), layers), h_n.view(layers, 2, B, H)) == 0.0
    y, *states = ours(x, return_state=True)
    hs = states[0::2] if cls is torch.nn.LSTM else states
    assert err(bd.h_n_from_states(hs, layers), h_n) <= TOL
    assert err(y, output) <= TOL


def keras_bidirectional(mode, return_sequences, ours):
    layer = keras.layers.Bidirectional(
        keras.layers.LSTM(H, return_sequences=return_sequences, return_state=True), merge_mode=mode)
    layer.build((B, T, D))
    layer.set_weights(convert.to_keras(ours))
    return layer


@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("mode", bd.MERGE_MODES)
def test_merge_modes_match_keras(mode, return_sequences):
    ours = unrolled.build("lstm", features=D, units=H, bidirectional=True, seed=4)
    x = data((B, T, D), seed=5)
    ref = keras_bidirectional(mode, return_sequences, ours)(x)
    got = bd.run(ours, x, mode, return_sequences=return_sequences, return_state=True)
    ref = [np.asarray(keras.ops.convert_to_numpy(r)) for r in ref]
    # the merged output (or both halves for None), then forward h, c, then backward h, c
    assert len(got) == len(ref) == (6 if mode is None else 5)
    for a, b in zip(got, ref):
        assert err(a, b) <= TOL
    width = bd.merged_size(mode, H)
    assert got[0].shape[-1] == width


def test_go_backwards_returns_reversed_time_and_the_wrapper_flips_it():
    ours = unrolled.LSTM(D, H, seed=6)
    ref = keras.layers.LSTM(H, return_sequences=True, go_backwards=True)
    ref.build((B, T, D))
    ref.set_weights(convert.to_keras(ours))
    x = data((B, T, D), seed=7)
    y_ref = keras.ops.convert_to_numpy(ref(x))
    assert err(bd.go_backwards(ours, x), y_ref) <= TOL
    # the two-LSTM recipe with a sum: right only once the backward output is flipped
    left = unrolled.LSTM(D, H, seed=8)
    summed = bd.run(unrolled.Bidirectional(left, ours), x, "sum")
    assert err(left(x) + y_ref[:, ::-1], summed) <= TOL
    assert err(left(x) + y_ref, summed) > 1e-2


def test_bad_bidirectional_arguments_name_the_argument():
    bi = unrolled.build("gru", features=D, units=H, bidirectional=True)
    x = data((B, T, D))
    with pytest.raises(ValueError, match="^merge_mode: "):
        bd.run(bi, x, "average")
    with pytest.raises(ValueError, match="^merge_mode: "):
        bd.merge(x, x, "max")
    with pytest.raises(ValueError, match="^layer: "):
        bd.run(unrolled.GRU(D, H), x)
    with pytest.raises(ValueError, match="^output: "):
        bd.final_states(data((B, T, H)), H)
    with pytest.raises(ValueError, match="^h_n: "):
        bd.split_h_n(data((3, B, H)), 2)
    with pytest.raises(ValueError, match="^states: "):
        bd.h_n_from_states([data((B, H))], 1)
    with pytest.raises(ValueError, match="^y_backward: "):
        bd.merge(x, x[:, :2])
