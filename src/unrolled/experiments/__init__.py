"""The experiments behind the site's verdicts: computed once, stored, plotted twice.

Each module computes one experiment (``compute``), with its parameters in
``PARAMS``, and draws its figures (``plot_*``). A page's snippet and the
matching notebook both load the stored result with ``get(name)`` and call the
same plotting functions, so the logic lives in one place.

``python -m unrolled.experiments`` (``make figures``) recomputes every stored
result whose code or parameters changed; ``get(name, rerun=True)`` recomputes
one in the current process instead of reading the stored file.

=====================  ===========================================================
module                 what it computes
=====================  ===========================================================
``picture``            a GRU at Q2's sizes, run for real: every shape, every state
``traces``             the Q3 model trained; h, c and gates at every step
``units``              Q3's task with 1 to 128 units, several seeds; one unit
                       against the best linear model on a product target
``activations``        largest |h| and |c| over long inputs, ReLU against tanh
``gradients``          dL/dh_t at early steps, against sequence length
``cost``               parameters against units; measured forward time
``characters``         Q2's model reading a sentence, untrained and briefly trained
``memory``             recall the value read k steps earlier: error by lag and width
``stateful``           Q4: a sign one window back, stateful against stateless
``gru_forms``          Keras's two GRU forms trained alike on one task, several seeds
``directions``         Q7: one-way against bidirectional, next token and tagging
=====================  ===========================================================
"""

from ._store import StaleResult, fingerprint, get, load, run_and_save, stale_results

EXPERIMENTS = ("picture", "traces", "units", "activations", "gradients", "cost", "characters",
               "memory", "stateful", "gru_forms", "directions")

__all__ = ["EXPERIMENTS", "StaleResult", "fingerprint", "get", "load", "run_and_save", "stale_results"]
