"""Bad input raises ValueError naming the argument, what was expected and what was received."""

import re

import numpy as np
import pytest

import unrolled
from unrolled import cells, convert
from unrolled.shapes import describe
from unrolled.train import Regressor

Q3 = dict(units=100, features=1, steps=2, batch=8)


def raises(message, fn, *args, **kwargs):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        fn(*args, **kwargs)


def test_layer_sizes_must_be_positive_integers():
    raises("units: must be a positive integer, got 0", unrolled.LSTM, features=1, units=0)
    raises("features: must be a positive integer, got -2", unrolled.GRU, -2, 3)
    raises("units: must be a positive integer, got 2.5", unrolled.SimpleRNN, 1, 2.5)
    raises("units: must be a positive integer, got True", unrolled.SimpleRNN, 1, True)


def test_layer_input_shape_is_checked():
    layer = unrolled.LSTM(features=3, units=6)
    raises("x: expected shape (B, T, 3) with D=3 features, got (4, 5, 2)",
           layer, np.zeros((4, 5, 2)))
    raises("x: expected shape (B, T, 3) with D=3 features, got (5, 3)", layer, np.zeros((5, 3)))
    raises("x: expected shape (B, T, 3) with D=3 features, got (0, 5, 3)",
           layer, np.zeros((0, 5, 3)))


def test_initial_state_is_checked():
    layer = unrolled.LSTM(3, 6)
    x = np.zeros((4, 5, 3))
    raises("initial_state[c]: expected shape (4, 6) with B=4 matching x, got (3, 6)",
           layer, x, initial_state=[np.zeros((4, 6)), np.zeros((3, 6))])
    raises("initial_state: expected 2 array(s) (h, c), got 1", layer, x,
           initial_state=[np.zeros((4, 6))])


def test_weights_that_do_not_fit_are_rejected():
    layer = unrolled.LSTM(3, 6)
    bad = dict(layer.weights, W_hh=np.zeros((24, 6)))
    raises("weights['W_hh']: expected shape (6, 24), got (24, 6)", layer.set_weights, bad)
    raises("weights: expected names ['W_hh', 'W_xh', 'b']", layer.set_weights, {"W": 1})


def test_cells_check_their_arguments():
    W_xh, W_hh, b = np.zeros((3, 24)), np.zeros((6, 24)), np.zeros(24)
    raises("h_prev: expected shape (2, 6) with B=2 and H=6, got (2, 5)",
           cells.lstm_cell, np.zeros((2, 3)), np.zeros((2, 5)), np.zeros((2, 6)), W_xh, W_hh, b)
    raises("b: expected shape (24,) or (2, 24), got (23,)",
           cells.lstm_cell, np.zeros((2, 3)), np.zeros((2, 6)), np.zeros((2, 6)), W_xh, W_hh,
           np.zeros(23))
    raises("activation: must be one of", cells.rnn_cell, np.zeros((2, 3)), np.zeros((2, 6)),
           np.zeros((3, 6)), np.zeros((6, 6)), np.zeros(6), activation="gelu")


def test_describe_rejects_bad_sizes_and_combinations():
    raises("units: must be a positive integer, got 0", describe, "keras", "lstm",
           **{**Q3, "units": 0})
    raises("steps: must be a positive integer, got -1", describe, "keras", "lstm",
           **{**Q3, "steps": -1})
    raises("framework: must be one of 'keras', 'pytorch', got 'tf'", describe, "tf", "lstm", **Q3)
    raises("cell: must be one of 'rnn', 'lstm', 'gru', got 'LSTM'", describe, "keras", "LSTM",
           **Q3)
    raises("proj_size: Keras has no projected LSTM", describe, "keras", "lstm", proj_size=10,
           **Q3)
    raises("proj_size: must be smaller than units=100, got 100", describe, "pytorch", "lstm",
           proj_size=100, **Q3)
    raises("proj_size: only an LSTM has a projection", describe, "pytorch", "gru", proj_size=3,
           **Q3)
    raises("reset_after: PyTorch's GRU always resets after", describe, "pytorch", "gru",
           reset_after=False, **Q3)


def test_layers_reject_combinations_a_framework_lacks():
    raises("proj_size: needs convention='pytorch'", unrolled.LSTM, 3, 6, proj_size=2)
    raises("reset_after: PyTorch's GRU always resets", unrolled.GRU, 3, 6, reset_after=False,
           convention="pytorch")
    raises("layers[1]: expected features=6", unrolled.Stacked,
           [unrolled.LSTM(3, 6), unrolled.LSTM(5, 6)])


def test_converters_refuse_what_has_no_exact_equivalent():
    raises("reset_after: PyTorch's nn.GRU has no reset_after=False form", convert.to_pytorch,
           unrolled.GRU(3, 6, reset_after=False))
    raises("activation: PyTorch's nn.LSTM is fixed to tanh and sigmoid", convert.to_pytorch,
           unrolled.LSTM(3, 6, activation="relu"))
    raises("proj_size: Keras's LSTM has no projection", convert.to_keras,
           unrolled.LSTM(3, 6, proj_size=2, convention="pytorch"))
    raises("state_dict: unexpected key 'weight'", convert.from_pytorch,
           {"weight": np.zeros((2, 2))})
    raises("weights: expected [kernel, recurrent_kernel, bias] per layer", convert.from_keras,
           [np.zeros((3, 24))])
    raises("weights[1]: expected shape (H, 24), got (6, 20)", convert.from_keras,
           [np.zeros((3, 24)), np.zeros((6, 20)), np.zeros(24)])


def test_regressor_checks_targets():
    model = Regressor("lstm", features=1, units=4)
    raises("y: expected shape (8, 1) to match x and outputs, got (7, 1)", model.fit,
           np.zeros((8, 2, 1)), np.zeros(7), epochs=1)
