"""Log-axis tick labels as plain Unicode text (10⁻⁶², 2×10¹, 2⁸) instead of mathtext.

Matplotlib labels a log axis with mathtext (``$\\mathdefault{10^{2}}$``), and
parsing mathtext is the largest single cost of drawing our figures: about
11 ms a label, a second or more per build in the snippets and as much again
in the notebook. The labels below are the ones Matplotlib chooses (same
ticks, same minor-tick rule); only the way they are written changes.
Drawing only: nothing here can change a stored result.
"""

from __future__ import annotations

import functools
import re

SUPERSCRIPT = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")
MATH = re.compile(r"^\$\\mathdefault\{(?P<body>.*)\}\$$")
POWER = re.compile(r"\^\{(?P<exp>-?[0-9.]+)\}")


def unicode_label(label: str) -> str:
    """``$\\mathdefault{2\\times10^{-3}}$`` -> ``2×10⁻³``; anything else is returned unchanged."""
    match = MATH.match(label)
    if not match:
        return label
    body = match["body"].replace(r"\times", "×")
    body = POWER.sub(lambda m: m["exp"].translate(SUPERSCRIPT), body)
    return label if ("\\" in body or "{" in body or "$" in body) else body


@functools.cache
def _formatter():
    """The formatter class, made once (Matplotlib is imported only when drawing)."""
    from matplotlib.ticker import Formatter

    class UnicodeLogFormatter(Formatter):
        """Matplotlib's own log formatter, its labels rewritten as plain text."""

        def __init__(self, inner):
            self.inner = inner

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def set_locs(self, locs):
            super().set_locs(locs)
            self.inner.set_locs(locs)

        def __call__(self, x, pos=None):
            return unicode_label(self.inner(x, pos))

        def format_data(self, value):
            return unicode_label(self.inner.format_data(value))

        def format_data_short(self, value):
            return self.inner.format_data_short(value)

    return UnicodeLogFormatter


def plain_log_ticks(fig):
    """Rewrite the tick labels of every log axis of ``fig`` as plain text; return ``fig``."""
    from matplotlib.ticker import LogFormatterMathtext

    for ax in fig.get_axes():
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() != "log":
                continue
            for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                             (axis.get_minor_formatter, axis.set_minor_formatter)):
                if isinstance(get(), LogFormatterMathtext):  # not yet rewritten
                    put(_formatter()(get()))
    return fig
