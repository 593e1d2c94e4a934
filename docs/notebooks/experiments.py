# %% [markdown]
# # Experiments notebook
#
# Every experiment of this site, one part each, drawn from the results that `make figures` stored
# with a hash of their code and parameters (`get` refuses a stale one; `get(name, rerun=True)`
# recomputes instead). It needs only NumPy, Matplotlib and the `unrolled` package.
#
# Download the whole notebook as [experiments.ipynb](experiments.ipynb) or [experiments.py](experiments.py);
# each part below can also be downloaded on its own.

# %% tags=["setup"]
import matplotlib.pyplot as plt
import numpy as np

from unrolled.experiments import activations, characters, cost, get, gradients, memory, picture, stateful, traces, units

plt.rcParams["figure.constrained_layout.use"] = True
plt.rcParams["svg.fonttype"] = "none"  # text stays text: lighter figures
plt.rcParams["svg.hashsalt"] = "unrolled"  # the same ids in every run, so the same bytes
np.set_printoptions(precision=4, suppress=True)
try:  # in Jupyter, draw figures as SVG (sharp, and light once compressed)
    get_ipython().run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
    # as laid out (constrained layout), not measured and cropped again: one pass less per figure
    get_ipython().run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")
except NameError:  # run as a plain script
    pass

# %% [markdown] part="unrolled-picture"
# ## The unrolled picture
#
# Q2's model at full size, run for real, and drawn as one cell repeated over time with the shapes the run created.
#
# This part alone: [unrolled-picture.ipynb](unrolled-picture.ipynb) or [unrolled-picture.py](unrolled-picture.py).
# The page that explains it: [The unrolled picture](../../experiments/unrolled-picture/).

# %% part="unrolled-picture"
r = get("picture")  # get("picture", rerun=True) recomputes (about a minute)
for name, shape in r["shapes"].items():
    print(f"{name:7} {tuple(shape)}")
print("layer output vs the cell looped by hand, largest difference:", r["loop_error"])

# %% part="unrolled-picture" alt="Diagram of one GRU cell repeated over the time steps, labelled with the shapes of the input, the state and the weights from the run above."
fig = picture.plot(r)

# %% [markdown] part="q2-characters"
# ## Q2: characters to states
#
# A sentence's characters become embeddings, then GRU states of Q2's width, one per character, for an untrained and a briefly trained model.
#
# This part alone: [q2-characters.ipynb](q2-characters.ipynb) or [q2-characters.py](q2-characters.py).
# The page that explains it: [Q2: characters to states](../../experiments/q2-characters/).

# %% part="q2-characters"
r = get("characters")  # get("characters", rerun=True) retrains it (several minutes)
print(repr(r["sentence"]))
print("embeddings", r["embedding_after"].shape, " states", r["h_after"].shape)

# %% part="q2-characters" alt="Heatmaps with one row per character of the sentence: its embedding, the GRU state before training and the GRU state after training."
fig = characters.plot_states(r)

# %% part="q2-characters" alt="Line chart of the training loss per update, falling below the loss of guessing uniformly."
fig = characters.plot_loss(r)

# %% [markdown] part="state-traces"
# ## State traces and gates
#
# The asker's model from Q3, an LSTM with relu units and a dense head, trained on the windows of the series; h, c, the three gates and the candidate of every unit at every step.
#
# This part alone: [state-traces.ipynb](state-traces.ipynb) or [state-traces.py](state-traces.py).
# The page that explains it: [State traces and gates](../../experiments/state-traces/).

# %% part="state-traces"
r = get("traces")  # get("traces", rerun=True) retrains it (seconds)
print({k: r[k].shape for k in ("i", "f", "g", "o", "c", "h")})
print("final training loss:", round(r["final_loss"], 4), " units that never fire:", r["dead_units"])

# %% part="state-traces" alt="Heatmaps of the input, forget, candidate and output gate activations of the trained LSTM, one row per unit, one column per time step."
fig = traces.plot_heatmaps(r)

# %% part="state-traces" alt="Line charts of the hidden state h and the cell state c of each unit over the time steps."
fig = traces.plot_lines(r)

# %% [markdown] part="how-many-units"
# ## How many units?
#
# Q3's task trained with widths from one unit up, several seeds, validated on the continuation of the series; and one LSTM unit against the best linear model on the product of the two inputs.
#
# This part alone: [how-many-units.ipynb](how-many-units.ipynb) or [how-many-units.py](how-many-units.py).
# The page that explains it: [How many units?](../../experiments/how-many-units/).

# %% part="how-many-units"
r = get("units")  # get("units", rerun=True) reruns the whole sweep (about a minute)
print("train MSE (median over seeds):", np.round(np.median(r["train"], axis=1), 3))
print("valid MSE (median over seeds):", np.round(np.median(r["val"], axis=1), 3))

# %% part="how-many-units" alt="Training and validation loss against the number of LSTM units, one point per seed, on logarithmic axes."
fig = units.plot_sweep(r, units.PARAMS["units"])

# %% part="how-many-units" alt="Predictions of the best linear model and of one-unit LSTMs against a product target that no linear model can fit."
print("best linear model:", round(r["linear_mse"], 4), " one LSTM unit:", r["one_unit_mse"])
fig = units.plot_product(r)

# %% part="how-many-units"
m = get("memory")  # get("memory", rerun=True) retrains the memory task (minutes)
print("recall error, median over seeds (lags down, widths across):")
print(np.round(m["median"], 2))

# %% part="how-many-units" alt="Recall error against the lag k, one line per width, one dot per seed."
fig = memory.plot_error(m, memory.PARAMS["lags"], memory.PARAMS["units"], memory.PARAMS["good"])

# %% [markdown] part="relu-vs-tanh"
# ## ReLU against tanh
#
# How large h and c become over long constant inputs in an untrained LSTM, with relu and with tanh.
#
# This part alone: [relu-vs-tanh.ipynb](relu-vs-tanh.ipynb) or [relu-vs-tanh.py](relu-vs-tanh.py).
# The page that explains it: [ReLU against tanh](../../experiments/relu-vs-tanh/).

# %% part="relu-vs-tanh"
r = get("activations")  # get("activations", rerun=True) reruns it (a few seconds)
print("largest |h| with tanh:", r["tanh_max_h"], " with relu and the larger input:", r["relu_max_h_10"])

# %% part="relu-vs-tanh" alt="Largest absolute hidden and cell state over a long constant input, tanh against ReLU, on a logarithmic axis."
fig = activations.plot(r, activations.PARAMS["inputs"])

# %% [markdown] part="relu-vs-tanh"
# The trained Q3 model's own states, on its training windows and on the continuation:

# %% part="relu-vs-tanh"
t = get("traces")
print("largest |h| on the training windows:", t["max_h_train"], " on the continuation:", t["max_h_next"])

# %% [markdown] part="gradients-through-time"
# ## Gradients through time
#
# The norm of dL/dh_t at the first step relative to the last, against sequence length: simple RNN and LSTM, few units and many.
#
# This part alone: [gradients-through-time.ipynb](gradients-through-time.ipynb) or [gradients-through-time.py](gradients-through-time.py).
# The page that explains it: [Gradients through time](../../experiments/gradients-through-time/).

# %% part="gradients-through-time"
r = get("gradients")  # get("gradients", rerun=True) reruns it (a minute or two)
P = gradients.PARAMS
print("median ratio at the longest T:", {k: v for k, v in r.items() if k.startswith("median_")})

# %% part="gradients-through-time" alt="Gradient norm at the first state relative to the last, against sequence length, for simple RNNs and LSTMs with few and many units."
fig = gradients.plot_ratio(r, P["cells"], P["units"], P["steps"])

# %% part="gradients-through-time" alt="Gradient norm with respect to each time step's hidden state, from the last step back to the first."
fig = gradients.plot_profile(r, P["cells"], P["units"], P["profile_steps"])

# %% [markdown] part="cost-of-units"
# ## The cost of units
#
# Parameters against units for both frameworks' conventions (exact), and the forward time of an LSTM measured by `make figures` on one machine.
#
# This part alone: [cost-of-units.ipynb](cost-of-units.ipynb) or [cost-of-units.py](cost-of-units.py).
# The page that explains it: [The cost of units](../../experiments/cost-of-units/).

# %% part="cost-of-units"
r = get("cost")  # get("cost", rerun=True) measures again on your machine (a few minutes)
print("measured on:", r.machine)
for H, s in zip(cost.PARAMS["timed_units"], r["seconds"]):
    print(f"{H:5} units: {s * 1000:8.1f} ms")

# %% part="cost-of-units" alt="Parameter count against units for simple RNN, GRU and LSTM layers in the Keras and PyTorch conventions."
P = cost.PARAMS
fig = cost.plot_params(r, P["units"], P["cells"], P["frameworks"])

# %% part="cost-of-units" alt="Measured forward time of an LSTM layer against units on the machine that ran the experiment."
fig = cost.plot_time(r, P["timed_units"])

# %% [markdown] part="state-across-batches"
# ## State carried across batches
#
# The Q4 illustration's LSTM trained on windows whose answer lies one window back: stateless, stateful, and stateful without a cue inside the first window.
#
# This part alone: [state-across-batches.ipynb](state-across-batches.ipynb) or [state-across-batches.py](state-across-batches.py).
# The page that explains it: [State across batches](../../experiments/state-across-batches/).

# %% part="state-across-batches"
r = get("stateful")  # get("stateful", rerun=True) trains again (a few minutes)
print("final validation MSE, stateless:", r["stateless_final"])
print("stateful:", r["stateful_final"], " stateful without a cue:", r["uncued_final"])

# %% part="state-across-batches" alt="Validation loss against epoch for a stateless LSTM, a stateful one, and a stateful one without a cue, several seeds each."
fig = stateful.plot_curves(r, stateful.PARAMS["seeds"])
# %% [markdown]
# ## Q8: Keras's two GRU forms, trained alike
#
# The same task, data, seeds and optimiser for `reset_after=True` (PyTorch's and cuDNN's form) and `reset_after=False`.
# The page that uses it: [Q8](../../questions/q8-weights-across-frameworks/#training).

# %%
from unrolled.experiments import gru_forms  # noqa: E402

r = get("gru_forms")  # get("gru_forms", rerun=True) trains again (about twenty seconds)
print("final training MSE, reset after: ", r["final_after_mean"], "±", r["final_after_std"])
print("final training MSE, reset before:", r["final_before_mean"], "±", r["final_before_std"])

# %% alt="Training loss against epochs for several seeds of each GRU form; the two bundles of lines overlap."
fig = gru_forms.plot(r)

# %% [markdown]
# ## Q7: one-way against bidirectional, trained
#
# The same two models, one-way and bidirectional, trained to predict the next token and to tag each word by its neighbours, several seeds.
# The page that uses it: [Q7](../../questions/q7-bidirectional/#training).

# %%
from unrolled.experiments import directions  # noqa: E402

r = get("directions")  # get("directions", rerun=True) trains again (under a minute)
print("next token, training loss per seed (one-way, bidirectional):", r["next_train"].mean(-1))
print("accuracy with the future withheld:", r["next_prefix"].mean(-1))
print("tagging accuracy per seed:", r["tag_acc"].mean(-1))

# %% alt="Training loss and test accuracy of one-way and bidirectional next-token models; the bidirectional one copies the future and loses its edge once the future is withheld."
fig = directions.plot_next_token(r)

# %% alt="Tagging accuracy at each word position for one-way and bidirectional models; the bidirectional one is right everywhere, the one-way one near one half."
fig = directions.plot_tagging(r)
