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
