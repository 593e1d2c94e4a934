"""NumPy reference recurrent cells and the shape arithmetic of Unrolled.

``unrolled.cells`` holds one-step cells, ``unrolled.layers`` the layers that
loop them (re-exported here), ``unrolled.convert`` the Keras and PyTorch
weight converters, ``unrolled.shapes`` the shape and parameter arithmetic,
``unrolled.train`` backpropagation through time with Adam;
``unrolled.stateful`` state carried across calls, ``unrolled.masking`` padding
and masks, ``unrolled.packing`` variable lengths the PyTorch way,
``unrolled.wiring`` step-wise Dense, RepeatVector and an encoder-decoder;
``unrolled.bidirectional`` merges two directions and finds their final states,
``unrolled.calculator`` adds merge mode, carried state and mask to the shapes,
``unrolled.inputs`` checks and builds (B, T, D) inputs.
"""

from . import cells, convert, layers, shapes, train
from . import masking, packing, stateful, wiring
from . import bidirectional, calculator, inputs
from .layers import GRU, LSTM, Bidirectional, SimpleRNN, Stacked, build
from .shapes import describe

__all__ = ["SimpleRNN", "LSTM", "GRU", "Bidirectional", "Stacked", "build", "describe",
           "cells", "convert", "layers", "shapes", "train",
           "masking", "packing", "stateful", "wiring",
           "bidirectional", "calculator", "inputs"]
__version__ = "0.1.0"
