"""Input shapes: the package's helpers, and the Q7-Q9 pages' numbers, against Keras and PyTorch."""

import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from conftest import ROOT
from test_content import snippet_values  # noqa: E402

from unrolled import inputs  # noqa: E402

pytestmark = pytest.mark.framework
sys.path.insert(0, str(ROOT / "hooks"))




def test_a_table_into_a_recurrent_layer_fails_in_keras_as_the_page_says():
    v = snippet_values("q9_ndim.py")
    table = np.zeros(v["table_shape"], np.float32)
    model = keras.Sequential([keras.Input(v["input_shape"]), keras.layers.LSTM(4)])
    with pytest.raises(ValueError):
        model.predict(table, verbose=0)
    with pytest.raises(ValueError, match=v["keras_error"]):
        keras.layers.LSTM(4)(keras.Input((v["D"],)))
    with pytest.raises(ValueError, match=v["keras_error"]):
        keras.Sequential([keras.layers.LSTM(4, input_dim=v["D"])])
    dense = keras.Sequential([keras.layers.Dense(4, input_dim=v["D"])])
    assert tuple(dense.inputs[0].shape) == v["input_dim_shape"]
    # the three fixes all run, and the windows are what input_shape describes
    for shape in (v["one_step_shape"], v["one_feature_shape"], v["windows_shape"]):
        out = keras.layers.LSTM(4)(np.zeros(shape, np.float32))
        assert tuple(out.shape) == (shape[0], 4)
    with pytest.raises(ValueError, match="^x: expected ndim=3"):
        inputs.check_sequences(table)


def test_keras_batch_axes_as_the_pages_say():
    with pytest.raises(ValueError, match="batch_input_shape"):
        keras.layers.LSTM(4, batch_input_shape=(2, 5, 3))
    fixed = keras.Input(batch_shape=(2, 5, 3))
    assert tuple(keras.layers.LSTM(4)(fixed).shape) == (2, 4)
    assert tuple(keras.Input(shape=(5, 3), batch_size=2).shape) == (2, 5, 3)
    # the input "layer": listed by a functional model, not by a sequential one, never counted
    inp = keras.Input((5, 3))
    functional = keras.Model(inp, keras.layers.LSTM(4)(inp))
    sequential = keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4)])
    assert type(functional.layers[0]).__name__ == "InputLayer"
    assert functional.layers[0].count_params() == 0
    assert [type(layer).__name__ for layer in sequential.layers] == ["LSTM"]
    assert functional.count_params() == sequential.count_params()


def test_pytorch_layouts_transpose_not_reshape():
    torch.manual_seed(0)
    x = np.random.default_rng(0).standard_normal((4, 5, 3)).astype(np.float32)
    first = torch.nn.LSTM(3, 4, batch_first=True)
    time_major = torch.nn.LSTM(3, 4)
    time_major.load_state_dict(first.state_dict())
    with torch.no_grad():
        ref, (h_ref, _) = first(torch.from_numpy(x))
        good, (h_good, _) = time_major(torch.from_numpy(np.ascontiguousarray(inputs.time_major(x))))
        bad, _ = time_major(torch.from_numpy(x.reshape(5, 4, 3)))
    assert np.abs(inputs.batch_first(good.numpy()) - ref.numpy()).max() <= 1e-6
    assert tuple(h_ref.shape) == tuple(h_good.shape) == (1, 4, 4)  # h_n never batch-first
    assert np.abs(inputs.batch_first(bad.numpy()) - ref.numpy()).max() > 1e-2
    assert inputs.reshape_is_not_transpose(x)["sequences_mixed"] == 4


def test_input_helpers_refuse_bad_arguments():
    with pytest.raises(ValueError, match="^x: "):
        inputs.keras_input_shape(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="^x: expected ndim=3 .* found ndim=4"):
        inputs.check_sequences(np.zeros((1, 2, 3, 4)))
    with pytest.raises(ValueError, match="^x: "):
        inputs.check_sequences(np.zeros((2, 3, 4)), features=5)
    with pytest.raises(ValueError, match="^steps: "):
        inputs.windows(np.arange(5), 5)
    with pytest.raises(ValueError, match="^table: "):
        inputs.one_step(np.zeros(3))
    x, y = inputs.windows(np.arange(10), 3)
    assert x.shape == (7, 3, 1) and y.shape == (7, 1) and x[2, :, 0].tolist() == [2, 3, 4]


# --- the Q7, Q8 and Q9 pages' counts and shapes, in the real frameworks ----------------------


def test_q7_counts_and_shapes_match_keras_and_pytorch():
    v, p = snippet_values("q7_keras.py"), snippet_values("q7_pytorch.py")
    for mode, shape in (("concat", v["concat_shape"]), ("sum", v["sum_shape"])):
        inp = keras.Input((v["T"], v["D"]), batch_size=v["B"])
        bi = keras.layers.Bidirectional(keras.layers.LSTM(v["H"], return_sequences=True),
                                        merge_mode=mode)
        out = bi(inp)
        dense = keras.layers.TimeDistributed(keras.layers.Dense(v["C"]))
        dense(out)
        assert bi.count_params() == v["params"] and tuple(out.shape) == shape
        assert dense.count_params() == (v["dense_concat"] if mode == "concat" else v["dense_sum"])
    names = [w.path for w in bi.weights]
    assert any("forward_" in n for n in names) and any("backward_" in n for n in names)
    lstm = torch.nn.LSTM(v["D"], v["H"], batch_first=True, bidirectional=True)
    assert sum(w.numel() for w in lstm.parameters()) == p["params"]
    assert any(n.endswith("_reverse") for n, _ in lstm.named_parameters())
    out, (h_n, _) = lstm(torch.zeros(2, v["T"], v["D"]))
    assert tuple(out.shape)[1:] == p["output_shape"][1:] and tuple(h_n.shape)[::2] == p["h_n_shape"][::2]
    inp = keras.Input((v["T"], v["D"]))
    returned = keras.layers.Bidirectional(keras.layers.LSTM(v["H"], return_state=True))(inp)
    assert len(returned) == 5


def test_q8_counts_match_keras_and_pytorch():
    v, p = snippet_values("q8_keras.py"), snippet_values("q8_pytorch.py")
    D, H = v["D"], v["H"]

    def count(layer, d=D):
        layer.build((None, 5, d))
        return layer.count_params()

    assert count(keras.layers.GRU(H)) == v["gru_after"]
    assert count(keras.layers.GRU(H, reset_after=False)) == v["gru_before"]
    assert count(keras.layers.LSTM(H)) == v["lstm_params"]
    assert count(keras.layers.GRU(v["tiny_H"]), v["tiny_D"]) == v["tiny_after"]
    assert count(keras.layers.GRU(v["tiny_H"], reset_after=False), v["tiny_D"]) == v["tiny_before"]
    gru = keras.layers.GRU(H)
    gru.build((None, 5, D))
    assert [tuple(w.shape) for w in gru.weights] == [v["kernel_shape"], v["recurrent_shape"], v["bias_after"]]
    assert sum(w.numel() for w in torch.nn.GRU(D, H).parameters()) == p["gru_params"]
    assert sum(w.numel() for w in torch.nn.LSTM(D, H).parameters()) == p["lstm_params"] == p["cudnn_params"]
    assert tuple(torch.nn.GRU(D, H).weight_ih_l0.shape) == p["weight_ih_shape"]


def test_q9_counts_match_keras_and_pytorch():
    v, p, d3 = snippet_values("q9_keras.py"), snippet_values("q9_pytorch.py"), snippet_values("q9_dense_3d.py")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(4),
                              keras.layers.Dense(1)])
    assert [layer.count_params() for layer in model.layers] == v["dense_params"]
    assert model.count_params() == v["dense_total"]
    assert str(tuple(model.layers[0].compute_output_shape((None, 3)))) == v["last_shape"]
    for seq, shape in ((False, v["last_shape"]), (True, v["seq_shape"])):
        m = keras.Sequential([keras.Input((v["T"], v["D"])), keras.layers.LSTM(v["H"], return_sequences=seq)])
        assert str(tuple(m.outputs[0].shape)) == shape and m.count_params() == v["lstm_params"]
    cell = m.layers[0].cell
    assert (tuple(cell.kernel.shape), tuple(cell.recurrent_kernel.shape)) == (v["kernel_shape"], v["recurrent_shape"])
    lstm = torch.nn.LSTM(v["D"], v["H"], batch_first=True)
    assert sum(w.numel() for w in lstm.parameters()) == p["lstm_params"]
    out, (h_n, _) = lstm(torch.zeros(2, v["T"], v["D"]))
    assert tuple(out.shape) == p["output_shape"] and tuple(h_n.shape) == p["h_n_shape"]
    x = np.zeros((2, 5, 3), np.float32)
    assert tuple(keras.layers.Dense(d3["units_dense"])(x).shape) == d3["dense_shape"]
    assert tuple(keras.layers.LSTM(4)(x).shape) == d3["lstm_shape"]
