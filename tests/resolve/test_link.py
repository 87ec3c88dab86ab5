"""Pairwise links and clusters of article-local entities, on hand-built extractions."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Article, Entity, Extraction
from newsgraph.resolve.link import (
    Block,
    Decision,
    ResolveRules,
    cluster,
    kruskal_blocks,
    link,
)
from newsgraph.resolve.local import LocalEntity, local_entities


def _article(article_id: str, *entities: Entity) -> list[LocalEntity]:
    x = Extraction(Article(article_id, " ".join(e.name for e in entities)), entities)
    rules = ResolveRules.load()
    return local_entities(x, stopwords=rules.token_stopwords)


def _e(local: str, name: str, etype: str = "PERSON", *aliases: str, **kw: object) -> Entity:
    qid = kw.get("qid")
    return Entity(
        local,
        name,
        etype,
        (name, *aliases),
        subtype=kw.get("subtype"),  # type: ignore[arg-type]
        external_ids=(("wikidata", str(qid)),) if qid else (),
    )


def test_link_press_spelling_joins_korean_names() -> None:
    a = _article("a", _e("1", "Eom Tae-hwa"))[0]
    b = _article("b", _e("1", "Um Taehwa"))[0]
    found = link(a, b)
    assert found is not None and found.rule == "press"


def test_link_exact_key_joins_spellings() -> None:
    a = _article("a", _e("1", "Kim Tae-hyung"))[0]
    b = _article("b", _e("1", "Kim Taehyung"))[0]
    found = link(a, b)
    assert found is not None and found.rule == "exact"


def test_link_one_word_name_needs_shared_context() -> None:
    band = _e("g", "Silverline", "GROUP")
    alone = _article("a", _e("1", "Taehyung"))[0]
    other = _article("b", _e("1", "Kim Taehyung"), _e("g", "Harbor Lights", "GROUP"))[0]
    assert link(alone, other) is None  # three idols answer to "Taehyung"
    with_band = _article("c", _e("1", "Taehyung"), band)[0]
    full_band = _article("d", _e("1", "Kim Taehyung"), band)[0]
    found = link(with_band, full_band)
    assert found is not None and found.rule == "context" and "silverline" in found.detail


def test_link_given_name_alone_of_two_people_needs_context() -> None:
    kim = _article("a", _e("1", "Kim Tae-hyung"))[0]
    lee = _article("b", _e("1", "Lee Tae-hyung"))[0]
    assert link(kim, lee) is None


def test_link_different_wikidata_ids_never_join() -> None:
    a = _article("a", _e("1", "Jin Park", qid="Q1"))[0]
    b = _article("b", _e("1", "Jin Park", qid="Q2"))[0]
    c = _article("c", _e("1", "J. Park", qid="Q1"))[0]
    assert link(a, b) is None
    found = link(a, c)
    assert found is not None and found.rule == "qid"


def test_link_work_subtypes_keep_song_and_video_apart() -> None:
    song = _article("a", _e("1", "Glass River", "WORK", subtype="song"))[0]
    video = _article("b", _e("1", "Glass River", "WORK", subtype="music_video"))[0]
    unknown = _article("c", _e("1", "Glass River", "WORK"))[0]
    assert link(song, video) is None
    assert link(song, unknown) is not None and link(video, unknown) is not None


def test_link_fuzzy_joins_misspellings_but_not_other_numbers() -> None:
    a = _article("a", _e("1", "Vikram Sehgal"))[0]
    b = _article("b", _e("1", "Vikram Sahgal"))[0]
    found = link(a, b)
    assert found is not None and found.rule == "fuzzy" and found.score >= 90
    s2 = _article("c", _e("1", "Dry County Season 2", "WORK"))[0]
    s3 = _article("d", _e("1", "Dry County Season 3", "WORK"))[0]
    assert link(s2, s3) is None


def test_link_generic_names_never_join() -> None:
    a = _article("a", _e("1", "music video", "WORK"))[0]
    b = _article("b", _e("1", "music video", "WORK"))[0]
    assert link(a, b) is None


def test_link_cross_type_needs_a_full_key_and_context() -> None:
    label = _e("l", "Harbor Nine Entertainment", "ORG")
    group = _article("a", _e("1", "Tidewell", "GROUP"), label)[0]
    org = _article("b", _e("1", "Tidewell", "ORG"), label)[0]
    lone = _article("c", _e("1", "Tidewell", "ORG"))[0]
    album = _article("d", _e("1", "Tidewell", "WORK"), label)[0]
    assert link(group, org) is not None
    assert link(group, lone) is None
    assert link(group, album) is None  # a group and its self-titled album


def _conflicting_corpus() -> list[LocalEntity]:
    return [
        *_article("a", _e("1", "Nara Cho", qid="Q10")),
        *_article("b", _e("1", "Nara Cho")),
        *_article("c", _e("1", "Nara Cho", qid="Q20")),
        *_article("d", _e("1", "Nara Cho", qid="Q10")),
    ]


def test_cluster_refuses_two_wikidata_ids_in_one_entity() -> None:
    result = cluster(_conflicting_corpus())
    assert result.root["a#1"] == result.root["d#1"]
    assert result.root["a#1"] != result.root["c#1"]
    assert "c#1" in result.constrained


@settings(deadline=None, max_examples=20)
@given(st.permutations(range(4)))
def test_cluster_depends_only_on_the_set(order: list[int]) -> None:
    items = _conflicting_corpus()
    assert cluster([items[i] for i in order]).root == cluster(items).root


def test_cluster_applies_merge_and_split_decisions() -> None:
    items = [
        *_article("a", _e("1", "Hana Seo", "PERSON", "Hana")),
        *_article("b", _e("1", "Hana Seo")),
        *_article("c", _e("1", "Mina Oh")),
    ]
    merged = cluster(items, [Decision(1, "merge", "a#1", "c#1")])
    assert len(set(merged.root.values())) == 1
    split = cluster(items, [Decision(2, "split", "a#1", selector="article", value="b")])
    assert split.root["a#1"] != split.root["b#1"]
    both = [Decision(1, "merge", "a#1", "c#1"), Decision(2, "split", "a#1", "", "article", "b")]
    for decisions in itertools.permutations(both):
        result = cluster(items, list(decisions))
        assert result.root["a#1"] == result.root["c#1"] != result.root["b#1"]


def test_local_entity_round_trips_json() -> None:
    for view in _article(
        "a", _e("1", "Kim Tae-hyung", "PERSON", "V"), _e("2", "Tidewell", "GROUP")
    ):
        assert LocalEntity.from_json(view.to_json()) == view


_VARIANTS = (
    {"subtype": "song"},
    {"subtype": "music_video"},
    {},
    {"qid": "Q1"},
    {"qid": "Q2", "subtype": "song"},
)


def _blocks(items: list[LocalEntity]) -> list[Block]:
    """Signature blocks of local entities that are alone in their articles."""
    by_sig: dict[str, list[LocalEntity]] = defaultdict(list)
    for e in items:
        by_sig[e.signature()].append(e)
    blocks = []
    for s, t in itertools.combinations_with_replacement(sorted(by_sig), 2):
        x = replace(by_sig[s][0], article="\x00a", local="a")
        y = replace(by_sig[t][0], article="\x00b", local="b")
        forward, backward = link(x, y), link(y, x)
        if forward is None and backward is None:
            continue
        left = tuple(sorted((e.ref, e.article) for e in by_sig[s]))
        right = () if s == t else tuple(sorted((e.ref, e.article) for e in by_sig[t]))
        blocks.append(Block(left, right, forward, backward, same=s == t))
    return blocks


@settings(deadline=None, max_examples=60)
@given(st.lists(st.integers(0, len(_VARIANTS) - 1), min_size=2, max_size=40))
def test_kruskal_blocks_gives_the_clusters_of_cluster(kinds: list[int]) -> None:
    """Linking by signature blocks (dropping blocks that can no longer change anything) gives
    the same clusters, marks and accepted links as clustering member by member."""
    items = [
        _article(f"art{i:02d}", _e("1", "Glass River", "WORK", **_VARIANTS[k]))[0]
        for i, k in enumerate(kinds)
    ]
    expected = cluster(items)
    got = kruskal_blocks(items, _blocks(items))
    assert got.root == expected.root
    assert got.constrained == expected.constrained
    assert got.links == expected.links
