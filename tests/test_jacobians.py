"""Why the LSTM keeps gradients: the cell path's Jacobian is the product of the forget gates."""

import numpy as np
import pytest

import unrolled
from unrolled.jacobians import cell_path, forget_products, lstm_dc_dc0, rnn_dh_dh0

B, T, D, H = 3, 12, 2, 5


def x(steps=T, seed=0):
    return np.random.default_rng(seed).standard_normal((B, steps, D))


def test_one_lstm_step_from_c0_is_diag_of_the_forget_gate():
    layer = unrolled.LSTM(D, H, seed=1, dtype=np.float64)
    layer.weights["b"][:] = np.random.default_rng(2).standard_normal(4 * H)
    J = lstm_dc_dc0(layer, x(1))  # (B, H, H), finite differences of the real layer
    f1 = forget_products(layer, x(1))[:, 0]  # (B, H)
    assert np.abs(J - f1[:, :, None] * np.eye(H)).max() < 1e-8


def test_cell_path_jacobian_is_the_product_of_forget_gates():
    layer = unrolled.LSTM(D, H, seed=3, dtype=np.float64)
    tr = layer.trace(x())
    f, g_in = tr["f"], tr["i"] * tr["g"]  # (B, T, H): the gates the layer computed
    eps, c0 = 1e-6, np.random.default_rng(4).standard_normal((B, H))
    J = np.empty((B, H, H))
    for m in range(H):
        d = np.zeros((B, H))
        d[:, m] = eps
        J[:, :, m] = (cell_path(f, g_in, c0 + d)[:, -1] - cell_path(f, g_in, c0 - d)[:, -1]) / (2 * eps)
    prod = forget_products(layer, x())[:, -1]  # (B, H)
    assert np.abs(J - prod[:, :, None] * np.eye(H)).max() < 1e-8
    assert np.allclose(prod, np.prod(f, axis=1))


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_rnn_product_of_jacobians_matches_finite_differences(act):
    layer = unrolled.SimpleRNN(D, H, activation=act, seed=5, dtype=np.float64)
    J = rnn_dh_dh0(layer, x())[:, -1]  # (B, H, H)
    eps, h0 = 1e-6, np.zeros((B, H))
    for m in range(H):
        d = np.zeros((B, H))
        d[:, m] = eps
        fd = (layer(x(), initial_state=[h0 + d])[:, -1] - layer(x(), initial_state=[h0 - d])[:, -1]) / (2 * eps)
        assert np.abs(fd - J[:, :, m]).max() < 1e-7


def test_wrong_layer_or_shapes_fail_clearly():
    with pytest.raises(ValueError, match="layer"):
        forget_products(unrolled.GRU(D, H), x())
    with pytest.raises(ValueError, match="layer"):
        rnn_dh_dh0(unrolled.LSTM(D, H), x())
    with pytest.raises(ValueError, match="f, g_in, c0"):
        cell_path(np.ones((B, T, H)), np.ones((B, T, H)), np.ones((B, H + 1)))
