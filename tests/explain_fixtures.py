"""Models printed by the real frameworks, for the tests of "Explain a model".

Each Keras builder returns a built Keras 3 model; each PyTorch builder an
``nn.Module``. ``keras_summary`` and ``torch_print`` print them the way a
reader does. ``expected_keras`` and ``expected_torch`` read what the
frameworks themselves report for each layer (count, units, input width), so
no number here is typed by hand. Keras 2 layouts cannot be printed here: they
are files in tests/fixtures/explain/, each paired with the Keras 3 or PyTorch
model that holds the same layers (``KERAS2_FILES``).

Imported by tests/test_explain.py, tests/test_explain_page.py and
benchmarks/explain.py; Keras and PyTorch are imported only when called.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "torch")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "explain"
LINE_LENGTH = 110  # summary() cuts its table to the console's width unless told one


# --------------------------------------------------------------------------
# Keras 3
# --------------------------------------------------------------------------


def _k():
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    return keras, keras.layers


def keras_q3():
    """The asker's model from Q3: LSTM(100, relu) on 2 steps of 1 feature, then Dense(1)."""
    keras, L = _k()
    return keras.Sequential([keras.Input((2, 1)), L.LSTM(100, activation="relu"), L.Dense(1)])


def keras_tutorial():
    """Embedding -> GRU -> Dense, as in TensorFlow's text-generation tutorial."""
    keras, L = _k()
    return keras.Sequential([keras.Input((None,), dtype="int32"), L.Embedding(66, 256),
                             L.GRU(1024, return_sequences=True), L.Dense(66)])


def keras_stacked():
    keras, L = _k()
    return keras.Sequential([keras.Input((20, 8)), L.LSTM(32, return_sequences=True),
                             L.LSTM(16, return_sequences=True), L.SimpleRNN(8), L.Dense(1)])


def keras_bidirectional():
    keras, L = _k()
    return keras.Sequential([keras.Input((12, 5)), L.Bidirectional(L.LSTM(10, return_sequences=True)),
                             L.Bidirectional(L.GRU(6)), L.Dense(3)])


def keras_bidirectional_sum():
    keras, L = _k()
    return keras.Sequential([keras.Input((5, 3)), L.Bidirectional(L.SimpleRNN(4), merge_mode="sum")])


def keras_gru_forms():
    """Both Keras GRU layouts, in a functional model (its summary prints the input)."""
    keras, L = _k()
    x = keras.Input((7, 4))
    h = L.GRU(5, reset_after=False, return_sequences=True)(x)
    h = L.GRU(5)(h)
    return keras.Model(x, L.Dense(2)(h))


def keras_gru_alone():
    """A GRU first in a Sequential model: nothing printed before it to decide its layout."""
    keras, L = _k()
    return keras.Sequential([keras.Input((5, 3)), L.GRU(4)])


def keras_time_distributed():
    keras, L = _k()
    return keras.Sequential([keras.Input((6, 3)), L.SimpleRNN(4, return_sequences=True),
                             L.TimeDistributed(L.Dense(2))])


def keras_return_state():
    keras, L = _k()
    x = keras.Input((10, 8))
    out, h, c = L.LSTM(16, return_state=True)(x)
    return keras.Model(x, [L.Dense(1)(out), h])


def keras_deep(n=50):
    """A 50-layer stack for the benchmark."""
    keras, L = _k()
    layers = [keras.Input((30, 16))]
    for i in range(n - 1):
        layers.append([L.LSTM, L.GRU, L.SimpleRNN][i % 3](32, return_sequences=True))
    layers.append(L.Dense(4))
    return keras.Sequential(layers)


KERAS3 = {f.__name__: f for f in (keras_q3, keras_tutorial, keras_stacked, keras_bidirectional,
                                   keras_bidirectional_sum, keras_gru_forms, keras_gru_alone,
                                   keras_time_distributed, keras_return_state)}


def keras_summary(model, line_length=LINE_LENGTH) -> str:
    """What model.summary() prints on a console line_length wide.

    The table is drawn line_length wide, and the console (rich, which reads
    COLUMNS) cuts every line at its own width: both are set.
    """
    lines = []
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(line_length)
    try:
        model.summary(line_length=line_length, print_fn=lambda s, **kw: lines.append(s))
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    return "\n".join(lines)


def _keras_input_width(layer):
    try:
        shape = layer.input.shape
    except (AttributeError, ValueError):
        return None
    return shape[-1]


def expected_keras(model) -> list[dict]:
    """What Keras reports for each layer the summary prints (input layers left out)."""
    out = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        inner = getattr(layer, "forward_layer", None) or layer
        cls = type(inner).__name__
        e = {"name": layer.name, "params": layer.count_params(), "units": None, "features": None,
             "cell": None}
        if cls in ("SimpleRNN", "LSTM", "GRU"):
            e.update(units=inner.units, features=_keras_input_width(layer),
                     cell={"SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}[cls],
                     reset_after=inner.reset_after if cls == "GRU" else None,
                     bidirectional=inner is not layer,
                     merge=getattr(layer, "merge_mode", None))
        out.append(e)
    return out


# --------------------------------------------------------------------------
# PyTorch
# --------------------------------------------------------------------------


def torch_tutorial():
    from torch import nn

    class CharModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(66, 256)
            self.gru = nn.GRU(256, 1024, batch_first=True)
            self.dense = nn.Linear(1024, 66)

    return CharModel()


def torch_stacked_bidirectional():
    from torch import nn

    return nn.LSTM(8, 32, num_layers=3, batch_first=True, bidirectional=True, dropout=0.1)


def torch_projected():
    from torch import nn

    return nn.Sequential(nn.LSTM(10, 20, num_layers=2, proj_size=5), nn.Linear(5, 1))


def torch_nested():
    from torch import nn

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.RNN(4, 8, nonlinearity="relu", batch_first=True)
            self.drop = nn.Dropout(0.2)
            self.blocks = nn.ModuleList([nn.GRU(8, 8, batch_first=True) for _ in range(3)])
            self.cell = nn.LSTMCell(8, 6)
            self.norm = nn.LayerNorm(6)
            self.head = nn.Linear(6, 2, bias=False)

    return nn.Sequential(Encoder(), nn.Tanh())


def torch_bare_gru():
    from torch import nn

    return nn.GRU(3, 7, bias=False)


TORCH = {f.__name__: f for f in (torch_tutorial, torch_stacked_bidirectional, torch_projected,
                                  torch_nested, torch_bare_gru)}


def torch_print(model) -> str:
    return str(model)


def expected_torch(model) -> list[dict]:
    """Each leaf module as print(model) names it, with PyTorch's own numbers."""
    from torch import nn

    leaves = [(name, m) for name, m in model.named_modules() if not list(m.children())]
    out = []
    for name, m in leaves:
        e = {"name": name or type(m).__name__, "params": sum(p.numel() for p in m.parameters()),
             "units": None, "features": None, "cell": None, "known": True}
        if isinstance(m, (nn.RNNBase, nn.RNNCellBase)):
            e.update(units=m.hidden_size, features=m.input_size,
                     cell={"RNN": "rnn", "LSTM": "lstm", "GRU": "gru"}[type(m).__name__.replace("Cell", "")])
        elif not isinstance(m, (nn.Embedding, nn.Linear)) and e["params"]:
            e["known"] = False  # PyTorch prints no count for it; the explanation leaves it out
        out.append(e)
    return _collapse(out)


def _collapse(out):
    """Repeated modules print once as "(0-2): 3 x GRU(...)": sum them under that name."""
    merged = []
    for e in out:
        head, _, last = e["name"].rpartition(".")
        prev = merged[-1] if merged else None
        if prev and last.isdigit() and prev.get("_head") == head and prev["_sig"] == e.get("_sig", _sig(e)) \
                and int(last) == prev["_last"] + 1:
            first = prev["_first"]
            prev.update(name=(head + "." if head else "") + f"{first}-{last}", _last=int(last),
                        params=prev["params"] + e["params"])
            continue
        merged.append(dict(e, _head=head, _sig=_sig(e), _first=last, _last=int(last) if last.isdigit() else -2))
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in merged]


def _sig(e):
    return (e["params"], e["units"], e["features"], e["cell"])


# --------------------------------------------------------------------------
# Keras 2 layouts: files, each with the model that holds the same layers
# --------------------------------------------------------------------------


def _cudnn_twin():
    """CuDNNLSTM and CuDNNGRU keep two biases per gate block, as PyTorch's layers do."""
    from torch import nn

    class Twin(nn.Module):
        def __init__(self):
            super().__init__()
            self.cu_dnnlstm = nn.LSTM(12, 64, batch_first=True)
            self.cu_dnngru = nn.GRU(64, 32, batch_first=True)
            self.dense = nn.Linear(32, 3)

    return Twin()


def _keras2_underscores():
    keras, L = _k()
    return keras.Sequential([keras.Input((10,), dtype="int32"), L.Embedding(1000, 64),
                             L.Bidirectional(L.LSTM(64, return_sequences=True)),
                             L.GRU(32, reset_after=False, return_sequences=True),
                             L.TimeDistributed(L.Dense(5))])


def _keras2_blank_lines():
    keras, L = _k()
    return keras.Sequential([keras.Input((60, 3)), L.LSTM(50, return_sequences=True),
                             L.Bidirectional(L.GRU(20)), L.Dense(10), L.Dense(1)])


def _keras2_tutorial_multiple():
    return keras_tutorial()


# file -> (builder of the model with the same layers, which framework built it)
KERAS2_FILES = {
    "keras2_underscores.txt": (_keras2_underscores, "keras"),
    "keras2_blank_lines.txt": (_keras2_blank_lines, "keras"),
    "keras2_tutorial_multiple.txt": (_keras2_tutorial_multiple, "keras"),
    "keras2_cudnn.txt": (_cudnn_twin, "torch"),
}


def keras2_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def all_texts() -> dict[str, str]:
    """Every fixture as the text a reader pastes."""
    texts = {name: keras_summary(build()) for name, build in KERAS3.items()}
    texts.update({name: torch_print(build()) for name, build in TORCH.items()})
    texts.update({name: keras2_text(name) for name in KERAS2_FILES})
    return texts


def expected(name: str) -> list[dict]:
    if name in KERAS3:
        return expected_keras(KERAS3[name]())
    if name in TORCH:
        return expected_torch(TORCH[name]())
    build, framework = KERAS2_FILES[name]
    return expected_keras(build()) if framework == "keras" else expected_torch(build())


def strip_comment(text: str) -> str:
    return re.sub(r"^#.*\n", "", text, flags=re.M)
