"""Train a small spaCy text classifier on Causal News Corpus train (subtask 1), on CPU.

It is a reference row for ``benchmarks/causal.py --textcat DIR``: what a plain supervised
bag-of-n-grams model reaches on the same dev split as our rules. The weights are written to
``--output`` (outside the repository by default) and are never committed; newsgraph does not use
them.

Usage: ``python benchmarks/train_causal_textcat.py [--shared ../shared] [--output DIR]
[--epochs N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from thinc.api import fix_random_seed

REPO_ROOT = Path(__file__).resolve().parents[1]
LABELS = ("CAUSAL", "NOT_CAUSAL")
MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
}


def _causal() -> ModuleType:
    """The sibling benchmark module (for its reader), loaded by path under a unique name."""
    name = "newsgraph_bench_causal"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("causal.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def train(
    texts: Sequence[str], labels: Sequence[int], *, epochs: int = 10, seed: int = 0
) -> Language:
    """A blank English pipeline with one exclusive ``textcat`` (CAUSAL / NOT_CAUSAL)."""
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": MODEL})
    assert isinstance(textcat, TextCategorizer)
    for label in LABELS:
        textcat.add_label(label)
    examples = [
        Example.from_dict(
            nlp.make_doc(text), {"cats": {"CAUSAL": float(y == 1), "NOT_CAUSAL": float(y != 1)}}
        )
        for text, y in zip(texts, labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples), 32):
            nlp.update(examples[start : start + 32], sgd=optimizer)
    return nlp


def predict(nlp: Language, texts: Sequence[str]) -> list[int]:
    """1 where the classifier gives CAUSAL at least 0.5."""
    return [int(doc.cats.get("CAUSAL", 0.0) >= 0.5) for doc in nlp.pipe(texts)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--output", type=Path, default=Path("/tmp/newsgraph-causal-textcat"))
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    causal = _causal()
    path = args.shared / causal.BENCH / "train_subtask1.csv"
    if not path.is_file():
        print(f"training file {path} is absent", file=sys.stderr)
        return 3
    rows = causal.read_subtask1(path)
    nlp = train([r.text for r in rows], [r.label for r in rows], epochs=args.epochs, seed=args.seed)
    nlp.to_disk(args.output)
    print(f"trained on {len(rows)} sentences; model written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
