"""``python -m unrolled shapes ...`` and ``python -m unrolled explain [FILE]``.

``shapes``: the shapes of your own recurrent layer.

Prints a table of every weight and returned tensor with its shape and the
total parameter count, or with ``--json``::

    {"params": int, "weights": [{"name": str, "shape": [int, ...]}, ...],
     "outputs": [{"name": str, "shape": [int, ...]}, ...]}

plus "carried" (the state kept from batch to batch, with ``--stateful``) and
"mask" (with ``--masked``), in the same form, when there are any.

A configuration the framework does not have, or a bad size, prints one line
to stderr and exits with status 2.

``explain``: a pasted ``model.summary()`` or ``print(model)`` (from FILE, or
standard input when FILE is ``-`` or missing), every count taken apart; with
``--json`` the dict of ``unrolled.explain.explain``. Text that holds no model,
or a file that cannot be read, prints one line to stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from .calculator import CELLS, FRAMEWORKS, describe
from .explain import explain, report


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m unrolled", description="Unrolled's reference tools.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("shapes", help="weights, outputs and parameter count of a layer")
    p.add_argument("--framework", required=True, choices=FRAMEWORKS)
    p.add_argument("--cell", required=True, choices=CELLS)
    for flag, letter in (("units", "H"), ("features", "D"), ("steps", "T"), ("batch", "B")):
        p.add_argument(f"--{flag}", required=True, type=int, metavar=letter)
    p.add_argument("--layers", type=int, default=1, metavar="L")
    p.add_argument("--bidirectional", action="store_true")
    p.add_argument("--return-sequences", action="store_true")
    p.add_argument("--return-state", action="store_true")
    p.add_argument("--proj-size", type=int, default=0, metavar="P")
    p.add_argument("--reset-after", choices=("true", "false"), default="true")
    p.add_argument("--merge-mode", choices=("concat", "sum", "mul", "ave", "none"),
                   default="concat", help="Keras Bidirectional only; 'none' returns both halves")
    p.add_argument("--stateful", action="store_true",
                   help="list the state carried from one batch to the next")
    p.add_argument("--masked", action="store_true",
                   help="list the mask (Keras) or the lengths (PyTorch) the layer reads")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    e = sub.add_parser("explain", help="take apart every count of a printed Keras or PyTorch model")
    e.add_argument("file", nargs="?", default="-", metavar="FILE",
                   help="model.summary() or print(model) text; '-' or nothing reads standard input")
    e.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _explain(args) -> str:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.file, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as err:
            raise ValueError(f"FILE: cannot read {args.file!r}: "
                             f"{getattr(err, 'strerror', None) or err}") from None
    result = explain(text)
    return json.dumps(result) if args.json else report(result)


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "explain":
            print(_explain(args))
            return 0
        d = describe(args.framework, args.cell, units=args.units, features=args.features,
                     steps=args.steps, batch=args.batch, layers=args.layers,
                     bidirectional=args.bidirectional, return_sequences=args.return_sequences,
                     return_state=args.return_state, proj_size=args.proj_size,
                     reset_after=args.reset_after == "true",
                     merge_mode=None if args.merge_mode == "none" else args.merge_mode,
                     stateful=args.stateful, masked=args.masked)
    except (_UsageError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(d.to_dict()) if args.json else d.table())
    return 0
