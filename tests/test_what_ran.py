"""What ran, as the pages say it: the question pages' tables and the versions they quote.

The "asker's model, run" tables on Q1 and Q2 are computed by ``unrolled.shapes.describe``
in NumPy. The pages say that the test suite checks them against Keras and PyTorch at the
versions pinned in requirements/test.lock; these tests are that check.
"""

from __future__ import annotations

import os
import re

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_content import snippet_values  # noqa: E402
from test_reference_shapes import test_describe_matches_keras as keras_agrees  # noqa: E402
from test_reference_shapes import test_describe_matches_pytorch as pytorch_agrees  # noqa: E402

pytestmark = pytest.mark.framework


def pinned() -> dict[str, str]:
    text = (ROOT / "requirements" / "test.lock").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", text, flags=re.M))


def test_the_frameworks_tested_against_are_the_pinned_ones():
    pins = pinned()
    assert keras.__version__ == pins["keras"], f"Keras {keras.__version__} installed, {pins['keras']} pinned"
    assert torch.__version__.split("+")[0] == pins["torch"], \
        f"PyTorch {torch.__version__} installed, {pins['torch']} pinned"


def test_the_pages_quote_the_pinned_versions():
    quoted = snippet_values("tested_versions.py")
    assert (quoted["keras"], quoted["torch"]) == (keras.__version__, torch.__version__.split("+")[0])


def config(values, cell, features, **kw):
    return dict(cell=cell, units=values["H"], features=values[features], steps=values["T"],
                batch=values["B"], layers=1, bidirectional=False, **kw)


def test_q1_tables_match_keras_and_pytorch():
    keras_agrees(config(snippet_values("q1_keras.py"), "lstm", "D",
                        return_sequences=True, return_state=False))
    pytorch_agrees(config(snippet_values("q1_pytorch.py"), "lstm", "D"))


def test_q2_tables_match_keras_and_pytorch():
    keras_agrees(config(snippet_values("q2_keras.py"), "gru", "E",
                        return_sequences=True, return_state=True))
    pytorch_agrees(config(snippet_values("q2_pytorch.py"), "gru", "E"))
