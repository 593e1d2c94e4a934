"""State across batches, masking, packing and step-wise wiring match Keras and PyTorch (<= 1e-5).

Covers ``unrolled.stateful``, ``unrolled.masking``, ``unrolled.packing`` and
``unrolled.wiring``; weights move between frameworks with ``unrolled.convert``.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from unrolled import convert, masking, packing, stateful, wiring  # noqa: E402
from unrolled.layers import GRU, LSTM, SimpleRNN  # noqa: E402

pytestmark = pytest.mark.framework
TOL = 1e-5
B, T, D, H = 3, 5, 4, 6


def data(shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def npy(a):
    return a.detach().numpy() if hasattr(a, "detach") else keras.ops.convert_to_numpy(a)


def max_err(a, b):
    a, b = np.asarray(a), np.asarray(npy(b) if not isinstance(b, np.ndarray) else b)
    assert a.shape == b.shape, f"shapes differ: {a.shape} vs {b.shape}"
    return float(np.max(np.abs(a - b)))


def torch_lstm(layer):
    module = torch.nn.LSTM(layer.features, layer.units, batch_first=True)
    module.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v))
                            for k, v in convert.to_pytorch(layer).items()})
    return module


def keras_copy(make, ours, x_shape):
    layer = make()
    layer.build(x_shape)
    layer.set_weights(convert.to_keras(ours))
    return layer


# --------------------------------------------------------------------------- stateful


@pytest.mark.parametrize("cls,make", [
    (LSTM, lambda: keras.layers.LSTM(H, stateful=True, return_sequences=True)),
    (GRU, lambda: keras.layers.GRU(H, stateful=True, return_sequences=True)),
    (SimpleRNN, lambda: keras.layers.SimpleRNN(H, stateful=True, return_sequences=True)),
], ids=["lstm", "gru", "simple_rnn"])
def test_stateful_layer_matches_keras_row_by_row(cls, make):
    ours = cls(D, H, seed=2)
    inp = keras.Input(batch_shape=(B, T, D))
    layer = make()
    model = keras.Model(inp, layer(inp))
    layer.set_weights(convert.to_keras(ours))
    carried = stateful.Stateful(ours)
    batches = data((3, B, T, D))
    for k, x in enumerate(batches):
        if k == 2:
            layer.reset_state()
            carried.reset_state()
        assert max_err(carried(x), model(x)) <= TOL
        for s_ours, s_keras in zip(carried.states, layer.states):
            assert max_err(s_ours, s_keras) <= TOL
    # the carried state is batch k's final state: one long run over both windows agrees
    long_run = ours(np.concatenate(list(batches[:2]), axis=1))  # (B, 2T, H)
    fresh = stateful.Stateful(ours)
    fresh(batches[0])
    assert max_err(fresh(batches[1]), long_run[:, T:]) <= TOL


def test_stateful_layer_refuses_another_batch_size():
    carried = stateful.Stateful(LSTM(D, H))
    carried(data((B, T, D)))
    with pytest.raises(ValueError, match=r"^x: .*B=3"):
        carried(data((B + 1, T, D)))
    with pytest.raises(ValueError, match="^return_sequences:"):
        carried(data((B, T, D)), return_sequences="yes")
    with pytest.raises(ValueError, match="^layer:"):
        stateful.Stateful("lstm")
    with pytest.raises(ValueError, match="^steps:"):
        stateful.stream_batches(data((B, 7, D)), 3)


def test_stream_batches_put_consecutive_windows_in_the_same_row():
    streams = np.arange(2 * 6 * 1, dtype=np.float32).reshape(2, 6, 1)
    batches = stateful.stream_batches(streams, 3)  # (2, 2, 3, 1)
    assert batches.shape == (2, 2, 3, 1)
    np.testing.assert_array_equal(np.concatenate([batches[0], batches[1]], axis=1), streams)


def test_gradient_stops_at_the_batch_boundary_as_in_pytorch():
    ours = LSTM(D, H, convention="pytorch", seed=4)
    x1, x2, dy2 = data((B, T, D), 1), data((B, T, D), 2), data((B, T, H), 3)
    g = stateful.gradient_across_boundary(ours, x1, x2, dy2)
    module = torch_lstm(ours)
    for detach in (True, False):
        t1 = torch.from_numpy(x1).requires_grad_()
        t2 = torch.from_numpy(x2).requires_grad_()
        _, (h, c) = module(t1)
        state = (h.detach(), c.detach()) if detach else (h, c)
        y2, _ = module(t2, state)
        (y2 * torch.from_numpy(dy2)).sum().backward()
        want = np.zeros_like(x1) if t1.grad is None else t1.grad.numpy()
        assert max_err(g["truncated" if detach else "full"], want) <= TOL
        assert max_err(g["dx2_truncated" if detach else "dx2_full"], t2.grad) <= TOL
    assert np.abs(g["full"]).max() > 1e-3  # without the cut the gradient does reach batch 1
    assert (g["outputs_moved"] > 1e-3).all()  # and batch 1's values do reach batch 2


def test_second_backward_without_detach_fails_in_pytorch():
    module = torch_lstm(LSTM(D, H, convention="pytorch"))
    state = None
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        for k in range(2):
            y, state = module(torch.from_numpy(data((B, T, D), k)), state)
            y.sum().backward()
    state, opt = None, torch.optim.SGD(module.parameters(), lr=0.1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        for k in range(2):  # retain_graph: the old graph now meets weights the step has changed
            y, state = module(torch.from_numpy(data((B, T, D), k)), state)
            opt.zero_grad()
            y.sum().backward(retain_graph=True)
            opt.step()


# --------------------------------------------------------------------------- masking


@pytest.mark.parametrize("padding", ["pre", "post"])
@pytest.mark.parametrize("zero_output", [False, True])
def test_embedding_mask_zero_matches_keras(padding, zero_output):
    V, lengths = 9, [5, 2, 3]
    rng = np.random.default_rng(0)
    seqs = [rng.integers(1, V, n) for n in lengths]
    ids = masking.pad_sequences(seqs, padding=padding)  # (B, T)
    np.testing.assert_array_equal(ids, keras.utils.pad_sequences(seqs, padding=padding))
    ours = LSTM(D, H, seed=5)
    ours.weights["b"] += data(ours.weights["b"].shape, 9)  # nonzero bias: a pad step would move the state
    embed = keras.layers.Embedding(V, D, mask_zero=True)
    lstm = keras.layers.LSTM(H, return_sequences=True, return_state=True,
                             zero_output_for_mask=zero_output)
    inp = keras.Input((ids.shape[1],))
    model = keras.Model(inp, lstm(embed(inp)))
    lstm.set_weights(convert.to_keras(ours))
    y_ref, h_ref, c_ref = model(ids)
    x = npy(embed.embeddings)[ids]  # (B, T, D)
    y, h, c = masking.masked_forward(ours, x, masking.mask_from_ids(ids), return_state=True,
                                     zero_output_for_mask=zero_output)
    assert max_err(y, y_ref) <= TOL and max_err(h, h_ref) <= TOL and max_err(c, c_ref) <= TOL
    # the final state is the state at each sequence's last word, wherever the pads are
    alone = [ours(npy(embed.embeddings)[s][None], return_sequences=False)[0] for s in seqs]
    assert max_err(h, np.stack(alone)) <= TOL


@pytest.mark.parametrize("padding", ["pre", "post"])
def test_masking_layer_matches_keras(padding):
    lengths = [5, 2, 4]
    seqs = [data((n, D), 10 + n) for n in lengths]
    x = masking.pad_sequences(seqs, padding=padding, dtype="float32")  # (B, T, D)
    x[0, 1, 0] = 0.0  # one zero feature alone does not mask a step
    ours = GRU(D, H, seed=6)
    ours.weights["b"] += data(ours.weights["b"].shape, 8)
    inp = keras.Input((x.shape[1], D))
    masked = keras.layers.Masking(mask_value=0.0)(inp)
    gru = keras.layers.GRU(H, return_sequences=True)
    model = keras.Model(inp, gru(masked))
    gru.set_weights(convert.to_keras(ours))
    x_masked, mask = masking.mask_from_values(x, 0.0)
    assert mask.sum(axis=1).tolist() == lengths
    assert max_err(masking.masked_forward(ours, x_masked, mask), model(x)) <= TOL


def test_masking_errors_name_the_argument():
    with pytest.raises(ValueError, match="^padding:"):
        masking.pad_sequences([[1, 2]], padding="middle")
    with pytest.raises(ValueError, match="^mask:"):
        masking.masked_forward(LSTM(D, H), data((B, T, D)), np.ones((B, T + 1), bool))
    with pytest.raises(ValueError, match="^mask:"):
        masking.masked_forward(LSTM(D, H), data((B, T, D)), np.ones((B, T)))
    with pytest.raises(ValueError, match="^layer:"):
        masking.masked_forward(None, data((B, T, D)), np.ones((B, T), bool))
    with pytest.raises(ValueError, match="^zero_output_for_mask:"):
        masking.masked_forward(LSTM(D, H), data((B, T, D)), np.ones((B, T), bool), zero_output_for_mask=1)


# --------------------------------------------------------------------------- packing


def test_packed_run_matches_pack_padded_sequence():
    lengths = np.array([5, 2, 3])
    ours = LSTM(D, H, convention="pytorch", seed=7)
    x = data((B, T, D))
    x[np.arange(T)[None, :] >= lengths[:, None]] = 0  # post-padding
    module = torch_lstm(ours)
    packed = torch.nn.utils.rnn.pack_padded_sequence(torch.from_numpy(x), torch.from_numpy(lengths),
                                                     batch_first=True, enforce_sorted=False)
    with torch.no_grad():
        out_p, (h_n, c_n) = module(packed)
        out_ref, _ = torch.nn.utils.rnn.pad_packed_sequence(out_p, batch_first=True, total_length=T)
        out_padded, (h_pad, _) = module(torch.from_numpy(x))
    y, h, c = packing.run_packed(ours, x, lengths)
    assert max_err(y, out_ref) <= TOL
    assert max_err(h, h_n[0]) <= TOL and max_err(c, c_n[0]) <= TOL
    # unpacked: the last real state must be gathered; output[:, -1] is the state after the pads
    assert max_err(packing.last_valid(npy(out_padded), lengths), h_n[0]) <= TOL
    short = lengths < T
    gap = np.abs(npy(out_padded)[:, -1] - npy(h_n[0])).max(axis=1)
    assert (gap[short] > 1e-3).all() and (gap[~short] <= TOL).all()
    assert max_err(npy(out_padded)[:, -1], h_pad[0]) <= TOL


def test_lengths_are_checked():
    with pytest.raises(ValueError, match="^lengths:"):
        packing.last_valid(data((B, T, H)), [5, 0, 2])
    with pytest.raises(ValueError, match="^lengths:"):
        packing.run_packed(LSTM(D, H), data((B, T, D)), [5, 6, 2])
    with pytest.raises(ValueError, match="^lengths:"):
        packing.last_valid(data((B, T, H)), [5, 2])


# --------------------------------------------------------------------------- wiring


def test_time_distributed_dense_equals_dense_on_3d_in_keras():
    K = 3
    ours = wiring.Dense(H, K, seed=1)
    ours.weights["b"][:] = data((K,), 2)
    x = data((B, T, H))
    dense, wrapped = keras.layers.Dense(K), keras.layers.TimeDistributed(keras.layers.Dense(K))
    dense.build((None, T, H))
    wrapped.build((None, T, H))
    for layer in (dense, wrapped):
        layer.set_weights([ours.weights["W"], ours.weights["b"]])
        assert layer.count_params() == ours.num_params
        assert max_err(ours(x), layer(x)) <= TOL
        assert max_err(wiring.time_distributed(ours, x), layer(x)) <= TOL
    linear = torch.nn.Linear(H, K)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(ours.weights["W"].T))
        linear.bias.copy_(torch.from_numpy(ours.weights["b"]))
        assert max_err(ours(x), linear(torch.from_numpy(x))) <= TOL


def test_encoder_decoder_matches_keras():
    T_out, K = 4, 3
    ours = wiring.EncoderDecoder(D, H, K, T_out, seed=3)
    for part in (ours.encoder, ours.decoder):
        part.weights["b"] += data(part.weights["b"].shape, 5)
    ours.dense.weights["b"][:] = data((K,), 6)
    model = keras.Sequential([keras.Input((T, D)), keras.layers.LSTM(H), keras.layers.RepeatVector(T_out),
                              keras.layers.LSTM(H, return_sequences=True),
                              keras.layers.TimeDistributed(keras.layers.Dense(K))])
    model.set_weights(convert.to_keras(ours.encoder) + convert.to_keras(ours.decoder)
                      + [ours.dense.weights["W"], ours.dense.weights["b"]])
    x = data((B, T, D))
    assert model.count_params() == ours.num_params
    assert max_err(ours(x), model(x)) <= TOL
    h = ours.encoder(x, return_sequences=False)
    assert max_err(wiring.repeat_vector(h, T_out), keras.layers.RepeatVector(T_out)(h)) <= TOL


def test_wiring_errors_name_the_argument():
    with pytest.raises(ValueError, match="^x:"):
        wiring.time_distributed(wiring.Dense(D, 2), data((B, D)))
    with pytest.raises(ValueError, match="^n:"):
        wiring.repeat_vector(data((B, H)), 0)
    with pytest.raises(ValueError, match="^x:"):
        wiring.Dense(D, 2)(data((B, T, D + 1)))
    with pytest.raises(ValueError, match="^steps_out:"):
        wiring.EncoderDecoder(D, H, 2, 0)


def test_keras_never_resets_a_stateful_layer_on_its_own():
    inp = keras.Input(batch_shape=(B, T, D))
    lstm = keras.layers.LSTM(H, stateful=True, use_cudnn=False)
    model = keras.Model(inp, keras.layers.Dense(1)(lstm(inp)))
    model.compile(optimizer="sgd", loss="mse")
    seen = []

    class Record(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            seen.append(float(np.abs(npy(lstm.states[0])).max()))

    x, y = data((2 * B, T, D)), data((2 * B, 1), 2)
    model.fit(x, y, batch_size=B, epochs=2, shuffle=False, verbose=0, callbacks=[Record()])
    assert seen[0] == 0 and seen[1] > 0  # epoch two begins from epoch one's final state
    before = npy(lstm.states[0]).copy()
    model.predict(x[:B], batch_size=B, verbose=0)
    assert np.abs(npy(lstm.states[0]) - before).max() > 0  # predict moves the state too
    lstm.reset_state()
    assert np.abs(npy(lstm.states[0])).max() == 0


def test_keras_refuses_a_stateful_layer_without_a_fixed_batch_size():
    with pytest.raises(ValueError, match="batch"):
        keras.layers.LSTM(H, stateful=True)(keras.Input((T, D)))


def test_keras_torch_backend_trains_a_stateful_lstm_only_without_the_fused_kernel():
    # Keras's fused path updates the stored state in place while autograd still needs it
    # (keras-team/keras#23462); the page tells readers to pass use_cudnn=False.
    for use_cudnn, works in (("auto", False), (False, True)):
        inp = keras.Input(batch_shape=(B, T, D))
        lstm = keras.layers.LSTM(H, stateful=True, use_cudnn=use_cudnn)
        model = keras.Model(inp, keras.layers.Dense(1)(lstm(inp)))
        model.compile(optimizer="sgd", loss="mse")
        try:
            for k in range(2):
                model.train_on_batch(data((B, T, D), k), data((B, 1), 5))
            trained = True
        except RuntimeError as err:
            assert "modified by an inplace operation" in str(err)
            trained = False
        assert trained is works, f"use_cudnn={use_cudnn!r}: expected training to {'work' if works else 'fail'}"
