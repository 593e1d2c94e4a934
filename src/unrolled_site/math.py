"""Formulas written as TeX between dollar signs become MathML when the site is built.

``pymdownx.arithmatex`` (generic mode) leaves each formula in the page as
``<span class="arithmatex">\\(TeX\\)</span>``. Here each one is converted to
MathML with ``latex2mathml``, so the browser draws it itself: no script runs
and no font is fetched to show a formula. A formula the converter cannot read
stops the build with the page and the formula to fix.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

__all__ = ["MathError", "to_mathml"]

# What arithmatex writes for $...$ (inline) and $$...$$ (display), with the TeX HTML-escaped.
SPAN = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>',
    re.S,
)

UNKNOWN = re.compile(r">(\\[A-Za-z]+)<")


class MathError(ValueError):
    """A formula the converter cannot read."""


def _convert(tex: str, display: bool, where: str) -> str:
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # noqa: BLE001 - the converter raises several kinds
        raise MathError(f"{where}: formula ${tex}$ cannot be converted to MathML: {exc}") from None
    unknown = UNKNOWN.search(mathml)
    if unknown:  # the converter keeps a command it does not know as text
        raise MathError(f"{where}: formula ${tex}$ uses {unknown[1]}, which has no MathML form here")
    return mathml


def to_mathml(page_html: str, where: str) -> str:
    """Every arithmatex formula in ``page_html`` as MathML; ``where`` names the page in errors."""

    def one(match: re.Match) -> str:
        display = match["block"] is not None
        tex = html.unescape(match["block"] if display else match["inline"]).strip()
        return _convert(tex, display, where)

    return SPAN.sub(one, page_html)
