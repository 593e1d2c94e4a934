"""Formulas become MathML when the site is built; a formula that cannot be converted stops the build."""

from __future__ import annotations

import re

import pytest

from unrolled_site.math import MathError, to_mathml


def span(tex: str) -> str:
    """What pymdownx.arithmatex (generic mode) writes for $tex$."""
    return f'<p>so <span class="arithmatex">\\({tex}\\)</span>.</p>'


def test_an_inline_formula_becomes_mathml_with_its_symbols():
    out = to_mathml(span(r"h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b)"), "concepts/simple-rnn.md")
    assert out.startswith("<p>so <math ") and out.endswith("</math>.</p>")
    assert 'display="inline"' in out
    assert "<mi>tanh</mi>" in out
    assert re.search(r"<msub><mi>W</mi><mrow><mi>h</mi><mi>h</mi></mrow></msub>", out)
    assert "arithmatex" not in out and "\\(" not in out


def test_escaped_html_in_tex_is_read_as_tex():
    out = to_mathml(span("a &lt; b"), "x.md")
    assert "<mo>&#x0003C;</mo>" in out or "<mo>&lt;</mo>" in out


def test_a_display_formula_becomes_block_mathml():
    out = to_mathml('<div class="arithmatex">\\[G H (D + H + 1)\\]</div>', "explain.md")
    assert 'display="block"' in out and "arithmatex" not in out


def test_text_without_formulas_is_left_alone():
    page = "<p>cost: $5 and \\(not math\\) in prose</p>"
    assert to_mathml(page, "x.md") == page


@pytest.mark.parametrize("tex, said", [
    (r"\sigmoid(x)", r"\sigmoid"),     # an unknown command would be printed as its name
    (r"x_{", "cannot be converted"),   # unbalanced
])
def test_a_formula_that_cannot_be_converted_names_the_page_and_the_formula(tex, said):
    with pytest.raises(MathError) as caught:
        to_mathml(span(tex), "concepts/lstm.md")
    message = str(caught.value)
    assert message.startswith("concepts/lstm.md: formula $") and said in message
