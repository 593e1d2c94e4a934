"""NumPy reference recurrent cells and the shape arithmetic of Unrolled.

``unrolled.cells`` holds one-step cells, ``unrolled.layers`` the layers that
loop them (re-exported here), ``unrolled.convert`` the Keras and PyTorch
weight converters, ``unrolled.shapes`` the shape and parameter arithmetic,
``unrolled.train`` backpropagation through time with Adam;
``unrolled.stateful`` state carried across calls, ``unrolled.masking`` padding
and masks, ``unrolled.packing`` variable lengths the PyTorch way,
``unrolled.wiring`` step-wise Dense, RepeatVector and an encoder-decoder.
"""

from . import cells, convert, layers, shapes, train
from . import masking, packing, stateful, wiring
from .layers import GRU, LSTM, Bidirectional, SimpleRNN, Stacked, build
from .shapes import describe

__all__ = ["SimpleRNN", "LSTM", "GRU", "Bidirectional", "Stacked", "build", "describe",
           "cells", "convert", "layers", "shapes", "train",
           "masking", "packing", "stateful", "wiring"]
__version__ = "0.1.0"
