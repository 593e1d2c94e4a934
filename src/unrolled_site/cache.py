"""One cache for the build: snippet results, notebook runs, trimmed stylesheets, search entries.

Every entry is keyed on one digest, ``unrolled._reads.digest``, over exactly
what the code behind it reads: the code itself and the ``unrolled`` modules
it imports (followed through their imports), and the stored experiment
results when it loads them. Comments and docstrings do not count. A data file
the code never reads, such as the glossary or a claim's reason, is in no key,
so editing it reruns nothing.

The key also holds what the digest leaves out on purpose: the versions of
Python, NumPy and Matplotlib, and the code and style that run a snippet.

A build marks every entry it uses; ``prune`` then deletes the others, so
the cache holds one build's worth and cannot grow without end.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

from unrolled import _reads


class Cache:
    """The cache folder of one build, and the entries that build used."""

    def __init__(self, folder: Path, root: Path):
        self.folder = Path(folder).resolve()
        self.root = Path(root).resolve()
        self.used: set[Path] = set()
        self.memo = Memo(self.folder / "code.json")
        self.digests: dict[tuple[Path, ...], str] = {}  # many snippets read the same files
        self.modules = _reads.layout()

    def entry(self, kind: str, key: str, suffix: str = ".json") -> Path:
        """The file (or folder, with ``suffix=""``) of an entry, marked as used by this build."""
        path = self.folder / kind / f"{key}{suffix}"
        self.used.add(path)
        return path

    def reads(self, path: Path) -> str:
        """The digest of everything the code at ``path`` reads (``unrolled._reads``)."""
        files = tuple(_reads.reads(path, self.memo, self.modules))
        if files not in self.digests:
            self.digests[files] = _reads.digest(list(files), self.root, memo=self.memo)
        return self.digests[files]

    def prune(self, *kinds: str) -> None:
        """Delete every entry of these kinds that this build did not use, and save the memo."""
        self.memo.save()
        for kind in kinds:
            folder = self.folder / kind
            if not folder.is_dir():
                continue
            for stale in set(folder.iterdir()) - self.used:
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)


class Memo(dict):
    """What ``unrolled._reads.facts`` learnt about each file's text, kept on disk between builds.

    Parsing the code is most of what a digest costs; a file nobody edited is
    looked up by its text's hash instead. Only the entries a build used are saved.
    """

    def __init__(self, path: Path):
        self.path = path
        self.used: set[str] = set()
        try:
            super().__init__(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            super().__init__()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        self.used.add(key)
        super().__setitem__(key, value)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({k: self[k] for k in sorted(self.used)}), encoding="utf-8")


def key(*parts: str | bytes) -> str:
    """SHA-256 over the parts, each ended by a zero byte."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


def environment(*files: Path) -> str:
    """What a run depends on besides the code it reads: versions, and the files that run it."""
    # Versions from package metadata: importing Matplotlib only to read its
    # version would cost a warm rebuild a third of a second.
    from importlib.metadata import version

    return key(sys.version, version("numpy"), version("matplotlib"), *(Path(f).read_bytes() for f in files))
