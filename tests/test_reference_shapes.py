"""Shape and parameter arithmetic equals what the frameworks and our own layers report.

A seeded grid of configurations is described by ``unrolled.shapes.describe``
and then built for real three times: in PyTorch, in Keras 3, and with
``unrolled.build``. Every weight name and shape, every output shape and
every parameter count must agree.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import unrolled  # noqa: E402
from unrolled.shapes import describe  # noqa: E402

pytestmark = pytest.mark.framework


def grid(framework, n, seed):
    """n random small configurations valid in ``framework``, seeded."""
    rng = np.random.default_rng(seed)
    configs = []
    for _ in range(n):
        cell = str(rng.choice(["rnn", "lstm", "gru"]))
        units = int(rng.integers(1, 9))
        cfg = dict(cell=cell, units=units, features=int(rng.integers(1, 7)),
                   steps=int(rng.integers(1, 5)), batch=int(rng.integers(1, 4)),
                   layers=int(rng.integers(1, 4)), bidirectional=bool(rng.random() < 0.4),
                   return_sequences=bool(rng.random() < 0.5),
                   return_state=bool(rng.random() < 0.5))
        if framework == "pytorch" and cell == "lstm" and units > 1 and rng.random() < 0.4:
            cfg["proj_size"] = int(rng.integers(1, units))
        if framework == "keras" and cell == "gru":
            cfg["reset_after"] = bool(rng.random() < 0.5)
        configs.append(cfg)
    return configs


TORCH_GRID = grid("pytorch", 130, seed=0)
KERAS_GRID = grid("keras", 110, seed=1)


def cfg_id(cfg):
    return "-".join(f"{k}={v}" for k, v in cfg.items())


def torch_module(cfg):
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cfg["cell"]]
    kw = {"proj_size": cfg["proj_size"]} if cfg.get("proj_size") else {}
    return cls(cfg["features"], cfg["units"], num_layers=cfg["layers"],
               bidirectional=cfg["bidirectional"], batch_first=True, **kw)


def keras_model(cfg):
    keras.backend.clear_session()  # layer names restart at "lstm", as in a fresh session
    cls = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM,
           "gru": keras.layers.GRU}[cfg["cell"]]
    kw = {"reset_after": cfg["reset_after"]} if "reset_after" in cfg else {}
    inputs = keras.Input((cfg["steps"], cfg["features"]), batch_size=cfg["batch"])
    x = inputs
    for k in range(cfg["layers"]):
        last = k == cfg["layers"] - 1
        layer = cls(cfg["units"], return_sequences=cfg["return_sequences"] or not last,
                    return_state=last and cfg["return_state"], **kw)
        if cfg["bidirectional"]:
            layer = keras.layers.Bidirectional(layer)
        x = layer(x)
    return keras.Model(inputs, x)


def as_shapes(tensors):
    return [(t.name, tuple(t.shape)) for t in tensors]


@pytest.mark.parametrize("cfg", TORCH_GRID, ids=cfg_id)
def test_describe_matches_pytorch(cfg):
    d = describe("pytorch", **cfg)
    module = torch_module(cfg)
    assert as_shapes(d.weights) == [(n, tuple(p.shape)) for n, p in module.named_parameters()]
    assert d.params == sum(p.numel() for p in module.parameters())
    x = torch.zeros(cfg["batch"], cfg["steps"], cfg["features"])
    with torch.no_grad():
        out, state = module(x)
    state = list(state) if isinstance(state, tuple) else [state]
    assert [o.shape for o in d.outputs] == [tuple(t.shape) for t in [out, *state]]


@pytest.mark.parametrize("cfg", KERAS_GRID, ids=cfg_id)
def test_describe_matches_keras(cfg):
    d = describe("keras", **cfg)
    model = keras_model(cfg)
    assert as_shapes(d.weights) == [(w.path, tuple(w.shape)) for w in model.weights]
    assert d.params == model.count_params()
    x = np.zeros((cfg["batch"], cfg["steps"], cfg["features"]), np.float32)
    outs = model(x)
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    assert [o.shape for o in d.outputs] == [tuple(o.shape) for o in outs]


def our_output_shapes(framework, cfg):
    """Shapes of a real run of ``unrolled.build``, arranged as the framework returns them."""
    kw = {k: v for k, v in cfg.items() if k in ("cell", "units", "features", "layers",
                                                "bidirectional", "proj_size", "reset_after")}
    model = unrolled.build(convention=framework, seed=0, **kw)
    x = np.ones((cfg["batch"], cfg["steps"], cfg["features"]), np.float32)
    lstm = cfg["cell"] == "lstm"
    if framework == "pytorch":
        y, *states = model(x, return_sequences=True, return_state=True)
        hs = states[0::2] if lstm else states
        shapes = [y.shape, np.stack(hs).shape]
        if lstm:
            shapes.append(np.stack(states[1::2]).shape)
        return model, shapes
    y, *states = model(x, return_sequences=cfg["return_sequences"], return_state=True)
    per_direction = 2 if lstm else 1
    last = per_direction * (2 if cfg["bidirectional"] else 1)
    kept = states[-last:] if cfg["return_state"] else []
    return model, [y.shape, *[s.shape for s in kept]]


@pytest.mark.parametrize("framework,cfg", [("pytorch", c) for c in TORCH_GRID[:60]]
                         + [("keras", c) for c in KERAS_GRID[:60]], ids=lambda v: str(v))
def test_describe_matches_weights_we_create_and_shapes_we_return(framework, cfg):
    d = describe(framework, **cfg)
    model, shapes = our_output_shapes(framework, cfg)
    assert model.num_params == d.params
    parts = model.layers if isinstance(model, unrolled.Stacked) else [model]
    created = []
    for part in parts:
        for layer in ([part.forward_layer, part.backward_layer]
                      if isinstance(part, unrolled.Bidirectional) else [part]):
            created += [w.size for w in layer.weights.values()]
    assert sum(created) == d.params == sum(w.size for w in d.weights)
    assert d.params_per_layer == [part.num_params for part in parts]
    assert shapes == [o.shape for o in d.outputs]


def test_q3_model_counts():
    """The asker's model in Q3: LSTM(100) on 1 feature has 40,800 parameters in Keras."""
    assert describe("keras", "lstm", units=100, features=1, steps=2, batch=1).params == 40_800
    assert describe("pytorch", "lstm", units=100, features=1, steps=2, batch=1).params == 41_200
    assert unrolled.LSTM(features=1, units=100, activation="relu").num_params == 40_800


def test_to_dict_is_plain_json():
    d = describe("pytorch", "gru", units=4, features=3, steps=5, batch=2)
    assert d.to_dict() == {
        "params": 3 * (3 * 4 + 4 * 4 + 2 * 4),
        "weights": [{"name": "weight_ih_l0", "shape": [12, 3]},
                    {"name": "weight_hh_l0", "shape": [12, 4]},
                    {"name": "bias_ih_l0", "shape": [12]},
                    {"name": "bias_hh_l0", "shape": [12]}],
        "outputs": [{"name": "output", "shape": [2, 5, 4]},
                    {"name": "h_n", "shape": [1, 2, 4]}],
    }
