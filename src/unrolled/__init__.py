"""NumPy reference recurrent cells and the shape arithmetic of Unrolled."""
