"""The Keras and PyTorch code shown in the question pages' tabs runs, and agrees with the page.

The site build never imports Keras or PyTorch: a tab shows a file of
``frameworks/`` as code, next to the package's run of the same
configuration. These tests run each of those files for real (Keras 3 on
the torch backend, PyTorch) and compare what it computed with the values
the page quotes from the matching snippet.
"""

from __future__ import annotations

import runpy
import warnings

import pytest
from conftest import ROOT
from test_content import snippet_values as snippet

pytestmark = pytest.mark.framework
FRAMEWORKS = ROOT / "frameworks"


def run_framework(name: str) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return runpy.run_path(str(FRAMEWORKS / name), run_name="__main__")




def test_every_framework_file_is_shown_on_a_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    for path in sorted(FRAMEWORKS.glob("*.py")):
        assert f'--8<-- "frameworks/{path.name}:show"' in pages, \
            f"frameworks/{path.name}: no page shows it"


def test_q4_keras_tab():
    ran, page = run_framework("q4_keras.py"), snippet("q4_keras.py")
    assert ran["lstm_params"] == page["lstm_params"]
    assert ran["dense_params"] == page["dense_params"]
    assert tuple(ran["state_shape"]) == tuple(page["state_shape"])


def test_q4_pytorch_tab():
    ran, page = run_framework("q4_pytorch.py"), snippet("q4_pytorch.py")
    assert ran["lstm_params"] == page["lstm_params"]
    assert ran["dense_params"] == page["linear_params"]
    assert tuple(ran["state_shape"]) == tuple(page["h_n_shape"])


def test_q5_keras_tab():
    ran, page = run_framework("q5_keras.py"), snippet("q5_keras.py")
    assert ran["lstm_params"] == page["lstm_params"]
    assert ran["dense_params"] == page["dense_params"]
    assert tuple(ran["out_shape"])[1:] == tuple(page["out_shape"])[1:]
    assert ran["gap"] <= 1e-5


def test_q5_pytorch_tab():
    ran, page = run_framework("q5_pytorch.py"), snippet("q5_pytorch.py")
    assert ran["lstm_params"] == page["lstm_params"]
    assert ran["linear_params"] == page["linear_params"]
    assert tuple(ran["output_shape"]) == tuple(page["output_shape"])


def test_q6_keras_tab():
    ran, page = run_framework("q6_keras.py"), snippet("q6_keras.py")
    assert ran["lstm_params"] == page["lstm_params"]


def test_q6_pytorch_tab():
    ran, page = run_framework("q6_pytorch.py"), snippet("q6_pytorch.py")
    assert ran["lstm_params"] == page["lstm_params"]
    assert tuple(ran["h_n_shape"]) == tuple(page["h_n_shape"])
    assert ran["last_gap"] <= 1e-5 < ran["wrong_gap"]
