"""Q3's ReLU LSTM in PyTorch: nn.LSTM has no activation, a hand-written cell does it,
and that cell, our package's relu LSTM and Keras's LSTM(activation='relu') agree."""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

import unrolled  # noqa: E402
from unrolled import convert  # noqa: E402

pytestmark = pytest.mark.framework
TOL = 1e-5
B, T, D, H = 3, 2, 1, 100  # Q3's sizes: windows of 2 values, 1 feature, 100 units


class ReLULSTM(torch.nn.Module):
    """Keras's LSTM(units, activation="relu") in PyTorch: nn.LSTM's weights, ReLU where nn.LSTM has tanh."""

    def __init__(self, features, units):
        super().__init__()
        self.cell = torch.nn.LSTMCell(features, units)  # weight_ih (4H, D), weight_hh (4H, H)

    def forward(self, x):  # x (B, T, D), batch first
        B, T, _ = x.shape
        h = x.new_zeros(B, self.cell.hidden_size)  # (B, H)
        c = x.new_zeros(B, self.cell.hidden_size)  # (B, H)
        w = self.cell
        out = []
        for t in range(T):
            z = x[:, t] @ w.weight_ih.T + w.bias_ih + h @ w.weight_hh.T + w.bias_hh  # (B, 4H)
            i, f, g, o = z.chunk(4, dim=1)  # (B, H) each, PyTorch's order i, f, g, o
            i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)  # gates in (0, 1)
            g = torch.relu(g)  # candidate: relu instead of tanh
            c = f * c + i * g  # (B, H)
            h = o * torch.relu(c)  # (B, H): relu instead of tanh
            out.append(h)
        return torch.stack(out, dim=1)  # (B, T, H)


def data(seed=1):
    return np.random.default_rng(seed).uniform(1, 10, (B, T, D)).astype(np.float32)


def max_err(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


def test_nn_lstm_has_no_activation_argument():
    with pytest.raises(TypeError, match="activation"):
        torch.nn.LSTM(D, H, batch_first=True, activation="relu")


def test_hand_written_relu_cell_matches_our_relu_lstm():
    torch.manual_seed(0)
    module = ReLULSTM(D, H)
    sd = {k.replace("cell.", "") + "_l0": v for k, v in module.state_dict().items()}
    ours = convert.from_pytorch(sd)
    ours.activation = "relu"
    x = data()
    with torch.no_grad():
        ref = module(torch.from_numpy(x)).numpy()
    assert max_err(ours(x), ref) <= TOL
    tanh = convert.from_pytorch(sd)  # the same weights with nn.LSTM's tanh differ
    assert max_err(tanh(x), ref) > 1e-2


def test_our_relu_lstm_matches_keras_relu_lstm():
    layer = keras.layers.LSTM(H, activation="relu", return_sequences=True)
    x = data(2)
    layer(x)
    rng = np.random.default_rng(3)
    layer.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype(np.float32) for w in layer.get_weights()])
    ours = convert.from_keras(layer)
    assert ours.activation == "relu"
    assert max_err(ours(x), keras.ops.convert_to_numpy(layer(x))) <= TOL
    same = unrolled.LSTM(D, H, activation="relu")
    same.weights.update(ours.weights)  # the package's own relu LSTM with those weights
    assert max_err(same(x), keras.ops.convert_to_numpy(layer(x))) <= TOL
