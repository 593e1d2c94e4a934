"""Characters for Q2's model: our own small corpus, its vocabulary, ids and windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parents[3] / "data" / "experiments" / "corpus.txt"

__all__ = ["CORPUS", "corpus", "vocabulary", "encode", "sentence"]


def corpus() -> str:
    """The text (lines joined by spaces): sentences written for this site."""
    return " ".join(CORPUS.read_text(encoding="utf-8").split("\n")).strip()


def vocabulary(text: str) -> list[str]:
    """Every distinct character of the text, sorted: id k is vocabulary[k]."""
    return sorted(set(text))


def encode(text: str, vocab: list[str]) -> np.ndarray:
    index = {ch: k for k, ch in enumerate(vocab)}
    return np.array([index[ch] for ch in text], dtype=np.int64)  # (len(text),)


def sentence(text: str, number: int) -> str:
    """The sentence with that index (0-based), with its full stop."""
    return [s.strip() + "." for s in text.split(".") if s.strip()][number]
