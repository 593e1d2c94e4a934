"""The gate conventions table, printed from the constants the converters use (tested against Keras and PyTorch)."""
from unrolled.convert import CONVENTIONS, ROLES

# --8<-- [start:show]
def gates(letters):                       # "ifo" -> "i, f, o"
    return ", ".join(letters)

def shapes(weights):                      # (("bias", ("4H",)), ...) -> "`bias` (4H,)"
    return "; ".join(f"`{name}` ({', '.join(s)}{',' if len(s) == 1 else ''})" for name, s in weights)

rows = ["| Layer | Blocks along the gate axis | Gates: sigmoid, Keras's `recurrent_activation` | "
        "Candidate: tanh, Keras's `activation` | Weights and biases |",
        "| --- | --- | --- | --- | --- |"]
for (framework, layer), c in CONVENTIONS.items():
    order = ", ".join(f"{k} ({ROLES[k]})" for k in c["order"])
    name = f"Keras `{layer}`" if framework == "keras" else f"PyTorch `nn.{layer}`"
    weights = shapes(c["weights"])
    if "weights_reset_before" in c:
        weights += f"; with `reset_after=False`: {shapes(c['weights_reset_before'][2:])}"
    rows.append(f"| {name} | {order} | {gates(c['recurrent_activation'])} | {c['activation']} | {weights} |")
table = "\n".join(rows)                 # Markdown, inserted into the page as its table
# --8<-- [end:show]

__all__ = ["table"]
