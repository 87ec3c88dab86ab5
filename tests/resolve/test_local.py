"""The resolution view of one article's entities, and its signature."""

from __future__ import annotations

from dataclasses import replace

from newsgraph.model import Article, Entity, Extraction
from newsgraph.resolve.local import LocalEntity, local_entities


def _views(article_id: str, *entities: Entity) -> list[LocalEntity]:
    return local_entities(Extraction(Article(article_id, "text."), entities))


def test_local_signature_ignores_the_article_and_local_id() -> None:
    first = _views("a", Entity("e1", "Odile Marchetti", "PERSON", ("Odile Marchetti",)))[0]
    again = _views("b", Entity("e7", "Odile Marchetti", "PERSON", ("Odile Marchetti",)))[0]
    assert first.ref != again.ref
    assert first.signature() == again.signature()


def test_local_signature_changes_with_what_linking_compares() -> None:
    view = _views("a", Entity("e1", "Lantern Bay", "WORK", ("Lantern Bay",)))[0]
    assert replace(view, subtype="film").signature() != view.signature()
    assert replace(view, qid="Q5").signature() != view.signature()
    assert replace(view, context=(("GROUP", ("silverline",)),)).signature() != view.signature()
