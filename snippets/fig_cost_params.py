"""Parameters against units, both frameworks, three cells (exact, computed now)."""
__all__ = ["growth_100_200", "lstm_keras_100", "lstm_pytorch_100"]  # what pages may quote with value(...)
# --8<-- [start:show]
from unrolled.shapes import describe

for cell in ("rnn", "gru", "lstm"):
    keras = describe("keras", cell, units=100, features=1, steps=2, batch=1).params
    torch = describe("pytorch", cell, units=100, features=1, steps=2, batch=1).params
    print(f"{cell:5} 100 units, 1 feature: Keras {keras:6,}  PyTorch {torch:6,}")
# --8<-- [end:show]

from unrolled.experiments import cost, get  # noqa: E402

r = get("cost")
P = cost.PARAMS
fig = cost.plot_params(r, P["units"], P["cells"], P["frameworks"])
H_q3 = 100
lstm_keras_100 = describe("keras", "lstm", units=H_q3, features=1, steps=2, batch=1).params
lstm_pytorch_100 = describe("pytorch", "lstm", units=H_q3, features=1, steps=2, batch=1).params
lstm_keras_200 = describe("keras", "lstm", units=2 * H_q3, features=1, steps=2, batch=1).params
growth_100_200 = lstm_keras_200 / lstm_keras_100
lstm_keras_1024 = int(r["params"][0, P["cells"].index("lstm"), P["units"].index(1024)])
assert lstm_keras_100 == r["lstm_keras_100"]
ALT = (f"Log-log plot of trainable parameters against units from {P['units'][0]} to {P['units'][-1]} for "
       f"simple RNN, GRU and LSTM, Keras (solid) and PyTorch (dashed). Beyond a few units the lines rise "
       f"with the square of the units; an LSTM of {P['units'][-1]} units holds {lstm_keras_1024:,} parameters "
       f"in Keras.")
CAPTION = (f"One input feature (Q3). Doubling an LSTM from {H_q3} to {2 * H_q3} units multiplies its parameters by "
           f"{growth_100_200:.2f}. PyTorch's second bias adds one number per gate unit.")
