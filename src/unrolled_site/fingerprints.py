"""Fingerprints of the question threads, so pages can be checked for copying.

The repository never holds a thread's text. It holds, per thread, the hashes
of every run of ``RUN`` consecutive words (data/thread-fingerprints.json).
A page copies a thread when one of its own runs, hashed the same way, is in
that set.

Words are normalised the same way on both sides:

- Unicode NFKC, lower case, typographic quotes made plain;
- web addresses dropped (``https://...``, ``www.x.org/...``, ``x.org/wiki/...``);
- every number (``1024``, ``1e-5``, ``40,800``, ``0.5``) becomes ``0``, also inside
  a name (``batch1`` -> ``batch0``), so a sentence with other numbers still matches;
- code is cut into its names: a word is a run of letters, digits, ``_`` and
  ``'``, so ``model.add(LSTM(100, activation='relu'))`` reads as
  ``model add lstm 0 activation relu``; operators and brackets vanish.

Regenerate the data file (the thread texts are read, never stored)::

    python -m unrolled_site.fingerprints q1.txt q2.txt ... > data/thread-fingerprints.json

Each file is named after its question id (``q4.txt``) and starts with a
header, then a blank line, then the thread's text (question, answers and
comments, as plain text)::

    url: https://stackoverflow.com/questions/...
    covers: the question, the top answer and its first comment

Errors go to stderr as one line, with a non-zero exit.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

RUN = 10  # words in a row that count as copying
DIGEST_BYTES = 6  # 48-bit hashes: a chance collision is about 1 in 10^8 per page run per thread
NOTE = (
    "Fingerprints of the question threads, never their text. For each thread: the hashes "
    "(first {bytes} bytes of BLAKE2b, hex) of every run of {run} consecutive words, after the "
    "normalisation in src/unrolled_site/fingerprints.py (lower case, web addresses dropped, every "
    "number read as 0, code cut into its names). The texts were the thread pages' question, "
    "answers and comments as stored by a public web archive; 'covers' says which parts each "
    "fingerprint holds. Regenerate with: python -m unrolled_site.fingerprints q1.txt ... q9.txt "
    "> data/thread-fingerprints.json"
)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|io|ai|edu|pdf)(?:/\S*)?", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:e[-+]?\d+)?", re.I)
_WORD = re.compile(r"[a-z0-9_']+")


class FingerprintError(ValueError):
    pass


def words(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _ADDRESS.sub(" ", text)
    text = _NUMBER.sub("0", text)
    found = (w.strip("'_") for w in _WORD.findall(text))
    return [w for w in found if w]


def digest(run: list[str] | tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


def runs(text: str, n: int = RUN) -> list[tuple[str, ...]]:
    """Every run of n consecutive normalised words (overlapping)."""
    w = words(text)
    return [tuple(w[i:i + n]) for i in range(len(w) - n + 1)]


def fingerprint(text: str, n: int = RUN) -> list[str]:
    """Sorted, distinct hashes of a text's runs."""
    return sorted({digest(r) for r in runs(text, n)})


def copied_runs(page_text: str, hashes, n: int = RUN) -> list[str]:
    """The page's runs (as text) whose hash is in a thread's fingerprint."""
    wanted = set(hashes)
    return sorted({" ".join(r) for r in runs(page_text, n) if digest(r) in wanted})


def read_thread(path: Path) -> tuple[str, dict]:
    """(question id, entry) for one thread file: its header, then its text."""
    qid = path.stem
    if not re.fullmatch(r"q\d+", qid):
        raise FingerprintError(f"{path}: name the file after its question id, e.g. q4.txt")
    header, sep, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    missing = [k for k in ("url", "covers") if not fields.get(k)]
    if missing or not sep or not body.strip():
        raise FingerprintError(f"{path}: needs a header with url: and covers:, a blank line, then the text")
    return qid, {"url": fields["url"], "covers": fields["covers"], "words": len(words(body)),
                 "runs": fingerprint(body)}


def build(paths: list[Path]) -> dict:
    threads = {}
    for path in paths:
        qid, entry = read_thread(path)
        if qid in threads:
            raise FingerprintError(f"{path}: {qid} is given twice")
        threads[qid] = entry
    order = sorted(threads, key=lambda q: int(q[1:]))
    return {"note": NOTE.format(bytes=DIGEST_BYTES, run=RUN), "run": RUN, "digest_bytes": DIGEST_BYTES,
            "threads": {q: threads[q] for q in order}}


def load(path: Path) -> dict:
    """The stored fingerprints; checks the run length matches this module's."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("run") != RUN or data.get("digest_bytes") != DIGEST_BYTES:
        raise FingerprintError(f"{path}: made with run={data.get('run')}, digest_bytes={data.get('digest_bytes')}; "
                               f"this checker uses {RUN} and {DIGEST_BYTES}: regenerate it")
    return data


def dumps(data: dict) -> str:
    """JSON with one line per field and each thread's hashes on one line (short diffs, small file)."""
    lines = ["{", f' "note": {json.dumps(data["note"])},', f' "run": {data["run"]},',
             f' "digest_bytes": {data["digest_bytes"]},', ' "threads": {']
    items = list(data["threads"].items())
    for i, (qid, t) in enumerate(items):
        lines += [f'  "{qid}": {{', f'   "url": {json.dumps(t["url"])},', f'   "covers": {json.dumps(t["covers"])},',
                  f'   "words": {t["words"]},', f'   "runs": {json.dumps(t["runs"], separators=(",", ":"))}',
                  "  }" + ("," if i < len(items) - 1 else "")]
    return "\n".join(lines + [" }", "}"]) + "\n"


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[0] + "\nusage: python -m unrolled_site.fingerprints q1.txt [q2.txt ...]",
              file=sys.stderr)
        return 2
    try:
        missing = [a for a in argv if not Path(a).is_file()]
        if missing:
            raise FingerprintError(f"no such file: {missing[0]}")
        data = build([Path(a) for a in argv])
    except (FingerprintError, UnicodeDecodeError) as err:
        print(f"unrolled_site.fingerprints: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(dumps(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
