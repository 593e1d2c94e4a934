"""Search finds the page a reader needs: API names, plain words and pasted error messages.

Each query runs through Material for MkDocs' own search worker (the file the
built site serves, byte for byte the installed theme's), loaded in node on the
built ``search/search_index.json``, exactly as a browser's worker gets it:
a setup message with the index, then one query message per query. No part of
the search is reimplemented here. Each query names the page that must come
first, or within the first three pages of results.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE = shutil.which("node")

# Loads the worker in a sandbox that plays the browser's worker scope, then
# answers [query, ...] on stdin with the result pages of each, best first.
HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const [workerPath, indexPath] = process.argv.slice(1);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", async () => {
  const listeners = [];
  const replies = [];
  const scope = {
    console, setTimeout, clearTimeout,
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
    postMessage: (msg) => { replies.push(msg); },
    importScripts: () => { throw new Error("importScripts: the site is English only"); },
  };
  scope.self = scope;
  vm.createContext(scope);
  vm.runInContext(fs.readFileSync(workerPath, "utf8"), scope, { filename: workerPath });
  const send = async (data) => {
    const before = replies.length;
    for (const fn of listeners) await fn({ data });
    while (replies.length === before) await new Promise((r) => setTimeout(r, 0));
    return replies[replies.length - 1];
  };
  const index = JSON.parse(fs.readFileSync(indexPath, "utf8"));
  // SETUP (0) as the theme's client sends it; READY (1) back; QUERY (2) -> RESULT (3)
  const ready = await send({ type: 0, data: { config: index.config, docs: index.docs,
                                              options: { suggest: true } } });
  if (ready.type !== 1) throw new Error("the search worker did not report ready");
  const pages = [];
  for (const q of JSON.parse(input)) {
    const res = await send({ type: 2, data: q });
    if (res.type !== 3) throw new Error("no result message for " + q);
    pages.push(res.data.items.map((group) => group[0].location.split("#")[0]));
  }
  process.stdout.write(JSON.stringify(pages));
});
"""

# (query, page that must be found, how high: 1 = first, 3 = among the first three)
QUERIES = [
    # Q7: bidirectional layers
    ("difference between a bidirectional LSTM and an LSTM", "questions/q7-bidirectional/", 1),
    ("bidirectional", "questions/q7-bidirectional/", 3),
    ("merge_mode", "concepts/stacking-and-bidirectional/", 3),
    ("merge mode concat sum mul ave", "concepts/stacking-and-bidirectional/", 3),
    ("go_backwards", "questions/q7-bidirectional/", 3),
    ("h_n forward backward final state", "questions/q7-bidirectional/", 3),
    ("backward direction final state first step", "questions/q7-bidirectional/", 3),
    ("Bidirectional return_state", "questions/q7-bidirectional/", 3),
    # Q8: weights across frameworks
    ("cuDNN", "questions/q8-weights-across-frameworks/", 1),
    ("CuDNNLSTM", "questions/q8-weights-across-frameworks/", 1),
    ("reset_after", "questions/q8-weights-across-frameworks/", 3),
    ("GRU PyTorch TensorFlow different", "questions/q8-weights-across-frameworks/", 1),
    ("convert Keras weights to PyTorch", "questions/q8-weights-across-frameworks/", 3),
    ("GRU gate order", "questions/q8-weights-across-frameworks/", 3),
    ("two biases bias_ih bias_hh", "questions/q8-weights-across-frameworks/", 3),
    ("Cho original GRU paper", "questions/q8-weights-across-frameworks/", 3),
    # Q9: input shapes
    ("expected ndim=3, found ndim=2", "questions/q9-input-shapes/", 3),
    ("expected ndim=3, found ndim=2", "concepts/input-shapes/", 3),
    ("batch_input_shape", "concepts/input-shapes/", 3),
    ("input_shape", "concepts/input-shapes/", 3),
    ("input_dim", "questions/q9-input-shapes/", 3),
    ("batch_first", "concepts/input-shapes/", 3),
    ("batch_shape", "concepts/input-shapes/", 3),
    ("reshape 2D data to 3D for LSTM", "concepts/input-shapes/", 3),
    ("transpose not reshape time major", "concepts/input-shapes/", 3),
    ("what do units and input_shape mean in Keras", "questions/q9-input-shapes/", 3),
    # Q4: state across batches
    ("stateful", "questions/q4-stateful/", 3),
    ("stateful LSTM batch size", "questions/q4-stateful/", 3),
    ("reset_states", "concepts/statefulness/", 3),
    ("state carried from one batch to the next", "concepts/statefulness/", 3),
    # Q5: sequence wiring
    ("TimeDistributed", "questions/q5-return-sequences-timedistributed/", 3),
    ("TimeDistributed Dense", "questions/q5-return-sequences-timedistributed/", 3),
    ("many-to-many", "concepts/sequence-wiring/", 3),
    ("many to one", "concepts/sequence-wiring/", 3),
    ("one-to-many RepeatVector", "concepts/sequence-wiring/", 3),
    ("encoder-decoder", "concepts/sequence-wiring/", 3),
    # Q6: padding, masking, packing
    ("pack_padded_sequence", "concepts/padding-masking-packing/", 3),
    ("pad_packed_sequence", "concepts/padding-masking-packing/", 3),
    ("pre-padding or post-padding", "questions/q6-padding/", 3),
    ("mask_zero", "concepts/padding-masking-packing/", 3),
    ("Masking layer", "concepts/padding-masking-packing/", 3),
    ("sequences of different lengths", "questions/q6-padding/", 3),
    # the first questions and the tools
    ("rnn_units", "questions/q2-rnn-units/", 1),
    ("cell layer neuron", "questions/q1-cell-layer-neuron/", 3),
    ("why more units than features", "questions/q3-units-vs-features/", 3),
    ("shape calculator", "calculator/", 1),
]


def search(site: Path, queries: list[str]) -> list[list[str]]:
    if NODE is None:
        pytest.skip("node is not installed; the theme's search worker cannot run")
    import material

    installed = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts"
                        / "workers").glob("search.*.min.js"))
    served = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(installed) == len(served) == 1, (installed, served)
    assert served[0].read_bytes() == installed[0].read_bytes(), "the site serves another search worker"
    proc = subprocess.run([NODE, "-e", HARNESS, str(served[0]), str(site / "search" / "search_index.json")],
                          input=json.dumps(queries), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"the search worker failed in node:\n{proc.stderr}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def results(built_site) -> dict[str, list[str]]:
    queries = sorted({q for q, _, _ in QUERIES})
    return dict(zip(queries, search(built_site, queries)))


def test_enough_queries_of_every_kind():
    assert len(QUERIES) >= 40
    pages = {page for _, page, _ in QUERIES}
    for needed in ("questions/q4-stateful/", "questions/q5-return-sequences-timedistributed/",
                   "questions/q6-padding/", "questions/q7-bidirectional/",
                   "questions/q8-weights-across-frameworks/", "questions/q9-input-shapes/",
                   "concepts/input-shapes/", "concepts/statefulness/", "concepts/sequence-wiring/",
                   "concepts/padding-masking-packing/"):
        assert needed in pages, f"no query must find {needed}"


@pytest.mark.parametrize("query,page,rank", QUERIES, ids=[f"{q} -> {p}" for q, p, _ in QUERIES])
def test_search_finds_the_page(results, built_site, query, page, rank):
    assert (built_site / page / "index.html").is_file(), f"the expected page {page} was not built"
    found = results[query]
    assert page in found[:rank], (
        f"search for {query!r}: {page} should be {'first' if rank == 1 else f'in the first {rank}'}, "
        f"got {found[:5]}")


def test_the_harness_can_fail(built_site):
    nothing, something = search(built_site, ["zzqxvw", "bidirectional"])
    assert nothing == [] and len(something) >= 3
