"""``python -m unrolled shapes``: the table, the JSON and the one-line errors."""

import json
import os
import subprocess
import sys

import pytest

from unrolled.shapes import describe


def run(*args):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "unrolled", "shapes", *args],
                          capture_output=True, text=True, env=env, timeout=60)


Q3 = ["--framework", "keras", "--cell", "lstm", "--units", "100", "--features", "1",
      "--steps", "2", "--batch", "32"]


def test_cli_json_equals_describe():
    args = ["--framework", "pytorch", "--cell", "lstm", "--units", "8", "--features", "3",
            "--steps", "5", "--batch", "4", "--layers", "2", "--bidirectional",
            "--proj-size", "2", "--json"]
    res = run(*args)
    assert res.returncode == 0, res.stderr
    expected = describe("pytorch", "lstm", units=8, features=3, steps=5, batch=4, layers=2,
                        bidirectional=True, proj_size=2).to_dict()
    assert json.loads(res.stdout) == expected
    assert set(json.loads(res.stdout)) == {"params", "weights", "outputs"}


def test_cli_table_lists_every_weight_output_and_total():
    res = run(*Q3, "--return-sequences", "--return-state")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    for name, shape in [("lstm/lstm_cell/kernel", "(1, 400)"),
                        ("lstm/lstm_cell/recurrent_kernel", "(100, 400)"),
                        ("lstm/lstm_cell/bias", "(400,)"), ("output", "(32, 2, 100)"),
                        ("h", "(32, 100)"), ("c", "(32, 100)")]:
        assert any(name in line and shape in line for line in out.splitlines()), (name, out)
    assert "total parameters: 40,800" in out


def test_cli_reset_after_flag_reaches_keras_gru():
    args = ["--framework", "keras", "--cell", "gru", "--units", "4", "--features", "3",
            "--steps", "2", "--batch", "1", "--json"]
    after = json.loads(run(*args, "--reset-after", "true").stdout)
    before = json.loads(run(*args, "--reset-after", "false").stdout)
    assert after["params"] - before["params"] == 3 * 4
    assert before["weights"][2]["shape"] == [12]


@pytest.mark.parametrize("args,needle", [
    (Q3 + ["--proj-size", "10"], "proj_size"),
    (["--framework", "pytorch", "--cell", "gru", "--units", "4", "--features", "1",
      "--steps", "2", "--batch", "3", "--reset-after", "false"], "reset_after"),
    (Q3[:4] + ["--units", "0"] + Q3[6:], "units"),
    (Q3[:-1] + ["-3"], "batch"),
    (Q3[:2] + ["--cell", "transformer"] + Q3[4:], "--cell"),
    (Q3[:-2], "--batch"),
])
def test_cli_bad_configuration_exits_nonzero_with_one_line(args, needle):
    res = run(*args)
    assert res.returncode != 0
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert needle in lines[0] and "Traceback" not in res.stderr


def test_cli_merge_mode_carried_state_and_mask():
    from unrolled.calculator import describe as describe_returns

    args = ["--framework", "keras", "--cell", "lstm", "--units", "32", "--features", "13",
            "--steps", "99", "--batch", "8", "--bidirectional", "--return-sequences",
            "--return-state", "--merge-mode", "none", "--stateful", "--masked", "--json"]
    res = run(*args)
    assert res.returncode == 0, res.stderr
    expected = describe_returns("keras", "lstm", units=32, features=13, steps=99, batch=8,
                                bidirectional=True, return_sequences=True, return_state=True,
                                merge_mode=None, stateful=True, masked=True).to_dict()
    got = json.loads(res.stdout)
    assert got == expected
    assert [o["shape"] for o in got["outputs"][:2]] == [[8, 99, 32], [8, 99, 32]]
    assert [t["name"] for t in got["carried"]] == ["h_forward", "c_forward", "h_backward", "c_backward"]
    assert got["mask"] == [{"name": "input_mask", "shape": [8, 99]}, {"name": "output_mask", "shape": [8, 99]}]
    table = run(*args[:-1]).stdout
    assert "carried" in table and "input_mask" in table and "output_forward" in table


@pytest.mark.parametrize("extra,argument", [
    (["--framework", "pytorch", "--bidirectional", "--merge-mode", "sum"], "merge_mode"),
    (["--framework", "keras", "--merge-mode", "ave"], "merge_mode"),
    (["--framework", "keras", "--bidirectional", "--merge-mode", "max"], "merge-mode"),
])
def test_cli_refuses_a_merge_mode_it_cannot_build(extra, argument):
    base = ["--cell", "gru", "--units", "4", "--features", "3", "--steps", "5", "--batch", "2"]
    res = run(*base, *extra)
    assert res.returncode == 2 and res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and argument in lines[0] and "Traceback" not in res.stderr
