"""An embedding is a table lookup: the same as multiplying a one-hot vector by the table."""
__all__ = ["table_params"]  # what pages may quote with value(...)
import numpy as np

# --8<-- [start:show]
V, E = 66, 256                              # vocabulary (Q2's), embedding width
text = "to be"
ids = np.array([[ord(ch) % V for ch in text]])  # (B, T) = (1, 5): toy ids for the characters
table = np.random.default_rng(0).normal(size=(V, E))  # (V, E): the embedding's only weights

x = table[ids]                              # (B, T, E): one row of the table per id
one_hot = np.eye(V)[ids]                    # (B, T, V)
print("ids", ids.shape, "-> x", x.shape, "; table params", table.size)
print("lookup == one-hot @ table:", np.allclose(x, one_hot @ table))
# --8<-- [end:show]

table_params = table.size
