"""BPTT gradients equal PyTorch autograd's (relative error <= 1e-5), and training trains.

The reference is written here with torch operations from the same formulas
(Keras's), in float64, with every h_t kept so autograd gives dL/dh_t.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import unrolled  # noqa: E402
from unrolled import convert  # noqa: E402
from unrolled.train import Regressor, bptt, forward_cache  # noqa: E402

pytestmark = pytest.mark.framework
REL = 1e-5
B, T, D, H = 4, 6, 3, 5

TORCH_ACT = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
             "hard_sigmoid": lambda a: torch.clamp(a + 3, 0, 6) / 6}


def torch_layer(layer, W, x):
    """The layer's forward in torch ops; returns (outputs (B, T, H), [h_t with grads kept])."""
    act = TORCH_ACT[layer.activation]
    rec = TORCH_ACT[layer.recurrent_activation]
    b = W["b"]
    b_x, b_h = (b[0], b[1]) if b.dim() == 2 else (b, None)
    h = torch.zeros(x.shape[0], layer.units, dtype=x.dtype)
    c = torch.zeros_like(h)
    hs = []
    for t in range(x.shape[1]):
        xw = x[:, t] @ W["W_xh"] + b_x
        if layer.kind == "rnn":
            a = xw + h @ W["W_hh"] + (0 if b_h is None else b_h)
            h = act(a)
        elif layer.kind == "lstm":
            z = xw + h @ W["W_hh"] + (0 if b_h is None else b_h)
            i, f, g, o = z.split(layer.units, dim=1)
            c = rec(f) * c + rec(i) * act(g)
            h = rec(o) * act(c)
        else:
            xz, xr, xn = xw.split(layer.units, dim=1)
            Wz, Wr, Wn = W["W_hh"].split(layer.units, dim=1)
            if layer.reset_after:
                hb = [0, 0, 0] if b_h is None else b_h.split(layer.units)
                z = rec(xz + h @ Wz + hb[0])
                r = rec(xr + h @ Wr + hb[1])
                n = act(xn + r * (h @ Wn + hb[2]))
            else:
                z, r = rec(xz + h @ Wz), rec(xr + h @ Wr)
                n = act(xn + (r * h) @ Wn)
            h = z * h + (1 - z) * n
        h.retain_grad()
        hs.append(h)
    return torch.stack(hs, dim=1), hs


def torch_gradients(model, x, y):
    params = {k: torch.tensor(v, requires_grad=True) for k, v in model.params.items()}
    h = torch.tensor(x)
    kept = []
    for k, layer in enumerate(model.layers):
        W = {n: params[f"layer{k}.{n}"] for n in layer.weights}
        h, hs = torch_layer(layer, W, h)
        kept.append(hs)
    feats = h if model.return_sequences else h[:, -1]
    pred = feats @ params["dense.W_hy"] + params["dense.b_y"]
    loss = torch.mean((pred - torch.tensor(y)) ** 2)
    loss.backward()
    grads = {k: p.grad.numpy() for k, p in params.items()}
    dhs = [np.stack([h.grad.numpy() for h in hs], axis=1) for hs in kept]
    return loss.item(), grads, dhs


def rel_err(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-30))


CASES = [
    dict(cell="rnn", activation="tanh"),
    dict(cell="rnn", activation="relu"),
    dict(cell="lstm", activation="tanh"),
    dict(cell="lstm", activation="relu"),
    dict(cell="gru", activation="tanh", reset_after=True),
    dict(cell="gru", activation="tanh", reset_after=False),
    dict(cell="gru", activation="relu", reset_after=True, convention="pytorch"),
    dict(cell="lstm", activation="tanh", convention="pytorch"),
    dict(cell="lstm", activation="tanh", layers=2),
    dict(cell="gru", activation="tanh", layers=2, return_sequences=True, outputs=2),
    dict(cell="rnn", activation="tanh", layers=3, reset_after=True),
]


def make_model(case, seed=0):
    case = dict(case)
    if case["cell"] != "gru":
        case.pop("reset_after", None)
    model = Regressor(features=D, units=H, seed=seed, dtype=np.float64, **case)
    rng = np.random.default_rng(seed + 100)
    for p in model.params.values():  # nonzero biases, so bias gradients are tested too
        p += rng.uniform(-0.3, 0.3, p.shape)
    return model


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(f"{v}" for v in c.values()))
def test_bptt_gradients_match_torch_autograd(case):
    model = make_model(case)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((B, T, D))
    y = rng.standard_normal((B, T, model.outputs) if model.return_sequences
                            else (B, model.outputs))
    loss, grads, dhs = model.loss_and_gradients(x, y)
    ref_loss, ref_grads, ref_dhs = torch_gradients(model, x, y)
    assert abs(loss - ref_loss) <= 1e-12 * max(1, abs(ref_loss))
    assert set(grads) == set(ref_grads)
    for name in grads:
        assert grads[name].shape == model.params[name].shape, name
        assert rel_err(grads[name], ref_grads[name]) <= REL, name
    for k, (dh, ref) in enumerate(zip(dhs, ref_dhs)):
        assert rel_err(dh, ref) <= REL, f"dL/dh_t of layer {k}"


def test_q3_gradients_match_torch_nn_lstm():
    """The asker's model, through torch.nn.LSTM itself, weights via unrolled.convert."""
    model = Regressor("lstm", 1, 100, activation="tanh", seed=0, dtype=np.float64)
    layer = model.layers[0]
    layer.weights["b"] += np.random.default_rng(2).uniform(-0.2, 0.2, 400)
    seq = np.arange(1, 11, dtype=np.float64) / 10
    x = np.stack([seq[i:i + 2] for i in range(8)])[..., None]  # (8, 2, 1)
    y = seq[2:, None]  # (8, 1)
    _, grads, _ = model.loss_and_gradients(x, y)

    lstm = torch.nn.LSTM(1, 100, batch_first=True).double()
    lstm.load_state_dict({k: torch.from_numpy(v) for k, v in convert.to_pytorch(layer).items()})
    head = torch.nn.Linear(100, 1).double()
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(model.dense["W_hy"].T))
        head.bias.copy_(torch.from_numpy(model.dense["b_y"]))
    out, _ = lstm(torch.from_numpy(x))
    loss = torch.mean((head(out[:, -1]) - torch.from_numpy(y)) ** 2)
    loss.backward()
    grad_layer = layer.clone()
    grad_layer.weights = {k: grads[f"layer0.{k}"] for k in layer.weights}
    ours = convert.to_pytorch(grad_layer)
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0"):
        assert rel_err(ours[name], getattr(lstm, name).grad.numpy()) <= REL, name
    # one Keras bias feeds both of PyTorch's: each gets the same gradient
    assert rel_err(ours["bias_ih_l0"], lstm.bias_hh_l0.grad.numpy()) <= REL
    assert rel_err(grads["dense.W_hy"].T, head.weight.grad.numpy()) <= REL


def test_forward_cache_outputs_equal_the_layer():
    for layer in [unrolled.LSTM(D, H, seed=1), unrolled.GRU(D, H, reset_after=False, seed=2),
                  unrolled.SimpleRNN(D, H, activation="relu", seed=3)]:
        x = np.random.default_rng(0).standard_normal((B, T, D)).astype(np.float32)
        assert np.max(np.abs(forward_cache(layer, x)["h"] - layer(x))) <= 1e-6


def test_bptt_rejects_wrong_upstream_gradient_shape():
    layer = unrolled.LSTM(D, H)
    cache = forward_cache(layer, np.zeros((B, T, D), np.float32))
    with pytest.raises(ValueError, match=r"dh_out: expected shape \(4, 6, 5\)"):
        bptt(layer, cache, np.zeros((B, T, H + 1)))


def test_q3_model_trains_in_seconds():
    """Q3: LSTM(100, relu) + Dense(1) on windows of 1..10 learns to predict the next value."""
    seq = np.arange(1, 11, dtype=np.float32)
    x = np.stack([seq[i:i + 2] for i in range(8)])[..., None]  # (8, 2, 1)
    y = seq[2:]  # (8,)
    model = Regressor("lstm", features=1, units=100, activation="relu", seed=0)
    before = model.evaluate(x, y)
    history = model.fit(x, y, epochs=300, lr=1e-3)
    assert len(history["loss"]) == 300
    assert history["loss"][-1] < before / 20
    assert abs(model.predict(np.array([[[9.0], [10.0]]], np.float32))[0, 0] - 11) < 1.5
