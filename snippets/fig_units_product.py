"""One LSTM unit against the best linear model, on y = x_1 * x_2 (stored)."""
__all__ = [  # what pages may quote with value(...)
    "linear_mse",
    "linear_share",
    "n_seeds",
    "relu_best",
    "relu_worst",
    "tanh_best",
]
# --8<-- [start:show]
from unrolled.experiments import get, units

r = get("units")
print(f"best linear model:        MSE {r['linear_mse']:.3f}")
print(f"1 LSTM unit, tanh, seeds: MSE {[round(v, 3) for v in r['one_unit_mse']['tanh']]}")
print(f"1 LSTM unit, relu, seeds: MSE {[round(v, 3) for v in r['one_unit_mse']['relu']]}")
fig = units.plot_product(r)
# --8<-- [end:show]

P = units.PARAMS["product"]
samples = P["samples"]
linear_mse = r["linear_mse"]
variance = r["target_variance"]
tanh_best = r["one_unit_best_tanh"]
relu_best = r["one_unit_best_relu"]
tanh_worst = max(r["one_unit_mse"]["tanh"])
relu_worst = max(r["one_unit_mse"]["relu"])
n_seeds = len(P["seeds"])
linear_share = linear_mse / variance
tanh_factor = linear_mse / tanh_worst
ALT = (f"Horizontal bars of mean squared error on y = x_1 times x_2: best linear model {linear_mse:.3f}, "
       f"almost the variance of y ({variance:.3f}); one tanh LSTM unit {tanh_best:.3f}; "
       f"one relu LSTM unit {relu_best:.3f}.")
CAPTION = (f"{samples} samples, x uniform in [{P['low']:g}, {P['high']:g}]. Least squares leaves {linear_share:.0%} of the variance "
           f"unexplained; every one of {n_seeds} tanh seeds fits at least {tanh_factor:.0f} times better.")
