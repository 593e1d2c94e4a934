"""Weights across frameworks: the recipes of unrolled.convert against Keras and PyTorch themselves."""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from unrolled import convert  # noqa: E402

pytestmark = pytest.mark.framework
TOL = 1e-5
B, T, D, H = 3, 7, 10, 20


def data(shape, seed=1, scale=1.0):
    return (scale * np.random.default_rng(seed).standard_normal(shape)).astype(np.float32)


def err(a, b):
    a, b = np.asarray(a), np.asarray(b.detach().numpy() if hasattr(b, "detach") else b)
    assert a.shape == b.shape, f"shapes differ: {a.shape} vs {b.shape}"
    return float(np.max(np.abs(a - b)))


def keras_layer(cls, weights, **kw):
    layer = cls(H, return_sequences=True, **kw)
    layer.build((B, T, D))
    layer.set_weights([np.asarray(w) for w in weights])
    return lambda x: keras.ops.convert_to_numpy(layer(x))


def torch_layer(cls, sd):
    module = cls(D, H, batch_first=True)
    module.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()})

    def run(x):
        with torch.no_grad():
            return module(torch.from_numpy(x))[0].numpy()
    return run, module


def random_keras_weights(G, two_rows, seed):
    bias = data((2, G * H) if two_rows else (G * H,), seed + 2, 0.5)
    return [data((D, G * H), seed, 0.3), data((H, G * H), seed + 1, 0.3), bias]


@pytest.mark.parametrize("cell,kcls,tcls,G", [("gru", keras.layers.GRU, torch.nn.GRU, 3),
                                              ("lstm", keras.layers.LSTM, torch.nn.LSTM, 4),
                                              ("rnn", keras.layers.SimpleRNN, torch.nn.RNN, 1)])
def test_keras_weights_run_identically_in_pytorch(cell, kcls, tcls, G):
    weights = random_keras_weights(G, cell == "gru", seed=3)
    x = data((B, T, D), seed=9)
    sd = convert.keras_to_pytorch_arrays(cell, *weights)
    run, module = torch_layer(tcls, sd)
    assert list(sd) == [n for n, _ in module.named_parameters()]
    assert err(run(x), keras_layer(kcls, weights)(x)) <= TOL


@pytest.mark.parametrize("cell,kcls,tcls", [("gru", keras.layers.GRU, torch.nn.GRU),
                                            ("lstm", keras.layers.LSTM, torch.nn.LSTM)])
def test_pytorch_weights_run_identically_in_keras(cell, kcls, tcls):
    torch.manual_seed(4)
    module = tcls(D, H, batch_first=True)
    w = {k: v.detach().numpy() for k, v in module.state_dict().items()}
    weights = convert.pytorch_to_keras_arrays(cell, w["weight_ih_l0"], w["weight_hh_l0"],
                                              w["bias_ih_l0"], w["bias_hh_l0"])
    x = data((B, T, D), seed=8)
    with torch.no_grad():
        ref = module(torch.from_numpy(x))[0].numpy()
    assert err(keras_layer(kcls, weights)(x), ref) <= TOL


def test_gate_order_matters_and_the_other_gru_has_no_pytorch_twin():
    weights = random_keras_weights(3, True, seed=5)
    x = data((B, T, D), seed=6)
    keras_run = keras_layer(keras.layers.GRU, weights)
    kernel, recurrent, bias = weights
    unordered = {"weight_ih_l0": kernel.T, "weight_hh_l0": recurrent.T,
                 "bias_ih_l0": bias[0], "bias_hh_l0": bias[1]}
    assert err(torch_layer(torch.nn.GRU, unordered)[0](x), keras_run(x)) > 0.05
    # Keras's reset_after=False GRU: refused, and it computes something else than nn.GRU
    before = [kernel, recurrent, bias[0] + bias[1]]
    with pytest.raises(ValueError, match="^bias: .*reset_after=False"):
        convert.keras_to_pytorch_arrays("gru", *before)
    y_before = keras_layer(keras.layers.GRU, before, reset_after=False)(x)
    y_torch = torch_layer(torch.nn.GRU, convert.keras_to_pytorch_arrays("gru", *weights))[0](x)
    assert err(y_before, y_torch) > 1e-2


def test_cudnn_two_bias_layouts_convert_exactly():
    torch.manual_seed(7)
    x = data((B, T, D), seed=2)
    for cell, tcls, kcls in (("lstm", torch.nn.LSTM, keras.layers.LSTM),
                             ("gru", torch.nn.GRU, keras.layers.GRU)):
        module = tcls(D, H, batch_first=True)
        w = {k: v.detach().numpy() for k, v in module.state_dict().items()}
        # Keras 2's CuDNNLSTM / CuDNNGRU: Keras's columns and gate order, one flat bias (input, recurrent)
        kernel, recurrent, two_rows = convert.pytorch_to_keras_arrays(
            "gru", *(w[k] for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))) \
            if cell == "gru" else (w["weight_ih_l0"].T, w["weight_hh_l0"].T,
                                   np.stack([w["bias_ih_l0"], w["bias_hh_l0"]]))
        flat = np.concatenate([two_rows[0], two_rows[1]])  # (2*G*H,)
        weights = convert.from_cudnn(cell, kernel, recurrent, flat)
        with torch.no_grad():
            ref = module(torch.from_numpy(x))[0].numpy()
        assert err(keras_layer(kcls, weights)(x), ref) <= TOL, cell
        assert weights[2].shape == ((4 * H,) if cell == "lstm" else (2, 3 * H))


def test_two_gru_biases_are_one_only_outside_the_candidate():
    torch.manual_seed(8)
    module = torch.nn.GRU(D, H, batch_first=True)
    x = torch.from_numpy(data((B, T, D), seed=4))
    with torch.no_grad():
        ref = module(x)[0].numpy()
        moved = {}
        for name, rows in (("r", slice(0, H)), ("n", slice(2 * H, 3 * H))):  # PyTorch order r, z, n
            copy = torch.nn.GRU(D, H, batch_first=True)
            copy.load_state_dict(module.state_dict())
            half = copy.bias_hh_l0[rows] / 2
            copy.bias_ih_l0[rows] += half
            copy.bias_hh_l0[rows] -= half
            moved[name] = err(copy(x)[0].numpy(), ref)
    assert moved["r"] <= TOL and moved["n"] > 1e-3


def test_gate_orders_and_bad_arguments():
    assert convert.GATE_ORDER["keras"]["gru"] == ("z", "r", "h")
    assert convert.GATE_ORDER["pytorch"]["gru"] == ("r", "z", "n")
    assert convert.GATE_ORDER["keras"]["lstm"][:2] == convert.GATE_ORDER["pytorch"]["lstm"][:2]
    w = random_keras_weights(4, False, 1)
    with pytest.raises(ValueError, match="^cell: "):
        convert.keras_to_pytorch_arrays("cnn", *w)
    with pytest.raises(ValueError, match="^recurrent_kernel: "):
        convert.keras_to_pytorch_arrays("lstm", w[0], w[1][:, :5], w[2])
    with pytest.raises(ValueError, match="^kernel: "):
        convert.keras_to_pytorch_arrays("gru", w[0], w[1], w[2])
    with pytest.raises(ValueError, match="^bias: "):
        convert.from_cudnn("lstm", w[0], w[1], w[2])
    with pytest.raises(ValueError, match="^cell: "):
        convert.from_cudnn("rnn", w[0], w[1], w[2])
    with pytest.raises(ValueError, match="^weight_hh: "):
        convert.pytorch_to_keras_arrays("lstm", w[0].T, w[0].T, w[2], w[2])
