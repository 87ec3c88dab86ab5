"""Write one :class:`~newsgraph.model.Extraction` into the graph, merging it with what is there.

Runs inside the caller's transaction. Every choice it makes is order-independent: entities join by
shared match keys (connected components, see :mod:`newsgraph.resolve.names`), and where two stored
copies of a fact disagree on a detail (a reason's wording, an event's precision) the smallest value
wins, so ingesting A then B gives the same graph as B then A.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select, text, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from newsgraph.model import SYMMETRIC_RELATIONS, Entity, Evidence, Extraction
from newsgraph.resolve.names import (
    choose_canonical,
    clean_alias,
    disambiguated_id,
    global_id_base,
    match_keys,
    name_key,
    text_key,
)
from newsgraph.store.schema import (
    FTS_TABLE,
    AliasRow,
    ArticleEntityRow,
    ArticleRow,
    EntityRow,
    EventRow,
    EventSourceRow,
    MentionRow,
    QuoteRow,
    QuoteSourceRow,
    ReasonRow,
    ReasonSourceRow,
    RelationRow,
    RelationSourceRow,
    SentenceRow,
)

log = logging.getLogger(__name__)

_S = TypeVar("_S", RelationSourceRow, EventSourceRow, ReasonSourceRow, QuoteSourceRow)


def pick(a: str | None, b: str | None) -> str | None:
    """The smaller of two optional details, ignoring blanks: commutative, so order-free."""
    present = [v for v in (a, b) if v]
    return min(present) if present else (a if a is not None else b)


def eq(column: InstrumentedAttribute[Any], value: object) -> ColumnElement[bool]:
    """``column = value`` that also matches NULL to None."""
    return column.is_(None) if value is None else column == value


class ArticleWriter:
    """Adds one extraction's rows; call :meth:`run` once inside an open transaction."""

    def __init__(self, session: Session, extraction: Extraction, *, fts: bool) -> None:
        self.session = session
        self.x = extraction
        self.article_id = extraction.article.id
        self.fts = fts
        self.redirect: dict[int, int] = {}
        self.local: dict[str, int] = {}
        self.touched: set[int] = set()
        self.touched_bases: set[str] = set()

    # ----------------------------------------------------------------- driver

    def run(self) -> None:
        self._add_article()
        for entity in self.x.entities:
            self._add_entity(entity)
        self.session.flush()
        self._rename_entities()
        self._add_facts()
        self.session.flush()

    def find(self, pk: int) -> int:
        """The surviving entity for ``pk`` after any merges made during this article."""
        while pk in self.redirect:
            pk = self.redirect[pk]
        return pk

    def entity_of(self, local_id: str | None) -> int | None:
        if local_id is None or local_id not in self.local:
            return None
        return self.find(self.local[local_id])

    # ---------------------------------------------------------- article, text

    def _add_article(self) -> None:
        a = self.x.article
        self.session.add(
            ArticleRow(
                id=a.id,
                url=a.url,
                title=a.title,
                published=a.published.isoformat() if a.published else None,
                source=a.source,
                text=a.text,
                ingested_at=datetime.now(UTC),
            )
        )
        self.session.flush()
        sentences = self._sentences()
        for idx, (start, end, sent) in sorted(sentences.items()):
            self.session.add(SentenceRow(article_id=a.id, idx=idx, start=start, end=end, text=sent))
        self.session.flush()
        if self.fts:
            for idx, (_, _, sent) in sorted(sentences.items()):
                self.session.execute(
                    text(
                        f"INSERT INTO {FTS_TABLE} (text, article_id, sentence) "
                        "VALUES (:text, :article, :sentence)"
                    ),
                    {"text": sent, "article": a.id, "sentence": idx},
                )

    def _sentences(self) -> dict[int, tuple[int, int, str]]:
        """Sentence spans: the extraction's own, or else those its evidence quotes."""
        body = self.x.article.text
        if self.x.sentences:
            return {i: (s, e, body[s:e]) for i, (s, e) in enumerate(self.x.sentences)}
        found: dict[int, tuple[int, int, str]] = {}
        for ev in self._all_evidence():
            if ev.sentence in found or not ev.text:
                continue
            pos = body.find(ev.text)
            start = pos if pos >= 0 else ev.start
            found[ev.sentence] = (start, start + len(ev.text), ev.text)
        return found

    def _all_evidence(self) -> Iterable[Evidence]:
        for facts in (self.x.relations, self.x.events, self.x.reasons, self.x.quotes):
            for fact in facts:
                yield from fact.evidence

    # --------------------------------------------------------------- entities

    def _add_entity(self, entity: Entity) -> None:
        keys = match_keys(entity)
        usable = sorted(k for k, ok in keys.items() if ok)
        candidates: list[int] = []
        if usable:
            rows = self.session.scalars(
                select(AliasRow.entity_pk)
                .join(EntityRow, EntityRow.pk == AliasRow.entity_pk)
                .where(
                    AliasRow.key.in_(usable),
                    AliasRow.matchable.is_(True),
                    EntityRow.type == entity.type,
                )
                .distinct()
            )
            candidates = sorted({self.find(pk) for pk in rows})
        if candidates:
            pk = candidates[0]
            for other in candidates[1:]:
                self._merge(other, pk)
            row = self.session.get_one(EntityRow, pk)
            row.subtype = pick(row.subtype, entity.subtype)
            row.external_ids = _merge_ids(row.external_ids, entity.external_ids)
        else:
            row = EntityRow(
                gid=f"~new-{uuid.uuid4().hex}",
                base="",
                name=clean_alias(entity.name),
                type=entity.type,
                subtype=entity.subtype,
                external_ids=_merge_ids("{}", entity.external_ids),
            )
            self.session.add(row)
            self.session.flush()
            pk = row.pk
        self._add_aliases(pk, entity, keys)
        if entity.id not in self.local:
            self.local[entity.id] = pk
            self.session.add(
                ArticleEntityRow(
                    article_id=self.article_id,
                    local_id=entity.id,
                    entity_pk=pk,
                    name=clean_alias(entity.name),
                    type=entity.type,
                )
            )
        else:  # the same local id twice: fold the second into the first
            first = self.find(self.local[entity.id])
            if first != pk:
                self._merge(pk, first)
                pk = first
        for m in entity.mentions:
            self.session.add(
                MentionRow(
                    entity_pk=pk,
                    article_id=self.article_id,
                    local_id=entity.id,
                    text=m.text,
                    start=m.start,
                    end=m.end,
                    sentence=m.sentence,
                )
            )
        self.touched.add(pk)
        self.session.flush()

    def _add_aliases(self, pk: int, entity: Entity, keys: dict[str, bool]) -> None:
        existing = {
            a.alias: a
            for a in self.session.scalars(select(AliasRow).where(AliasRow.entity_pk == pk))
        }
        for surface in sorted({clean_alias(a) for a in (entity.name, *entity.aliases)}):
            key = name_key(surface)
            if not key:
                continue
            matchable = keys.get(key, False)
            if surface in existing:
                existing[surface].matchable = existing[surface].matchable or matchable
            else:
                row = AliasRow(entity_pk=pk, alias=surface, key=key, matchable=matchable)
                self.session.add(row)
                existing[surface] = row

    def _merge(self, loser: int, keeper: int) -> None:
        """Fold global entity ``loser`` into ``keeper``: its aliases, mentions and facts."""
        s = self.session
        s.flush()
        self.redirect[loser] = keeper
        gone = s.get_one(EntityRow, loser)
        kept = s.get_one(EntityRow, keeper)
        self.touched_bases.add(gone.base)
        kept.subtype = pick(kept.subtype, gone.subtype)
        kept.external_ids = _merge_ids(
            kept.external_ids, tuple(json.loads(gone.external_ids).items())
        )
        kept_aliases = {
            a.alias: a for a in s.scalars(select(AliasRow).where(AliasRow.entity_pk == keeper))
        }
        for alias in s.scalars(select(AliasRow).where(AliasRow.entity_pk == loser)).all():
            same = kept_aliases.get(alias.alias)
            if same is not None:
                same.matchable = same.matchable or alias.matchable
                s.delete(alias)
            else:
                alias.entity_pk = keeper
        s.flush()
        s.execute(update(MentionRow).where(MentionRow.entity_pk == loser).values(entity_pk=keeper))
        s.execute(
            update(ArticleEntityRow)
            .where(ArticleEntityRow.entity_pk == loser)
            .values(entity_pk=keeper)
        )
        s.execute(
            update(EventSourceRow).where(EventSourceRow.place_pk == loser).values(place_pk=keeper)
        )
        s.execute(
            update(ReasonSourceRow)
            .where(ReasonSourceRow.attributed_pk == loser)
            .values(attributed_pk=keeper)
        )
        for rel in s.scalars(
            select(RelationRow).where(or_(RelationRow.s_pk == loser, RelationRow.o_pk == loser))
        ).all():
            new_s = keeper if rel.s_pk == loser else rel.s_pk
            new_o = keeper if rel.o_pk == loser else rel.o_pk
            twin = self._find_relation(new_s, rel.p, new_o, exclude=rel.pk)
            if twin is None:
                rel.s_pk, rel.o_pk = new_s, new_o
            else:
                self._fold(RelationSourceRow, rel, twin)
            s.flush()
        for ev in s.scalars(select(EventRow).where(EventRow.subject_pk == loser)).all():
            twin_ev = self._find_event(ev.type, keeper, ev.date, ev.scope, exclude=ev.pk)
            if twin_ev is None:
                ev.subject_pk = keeper
            else:
                twin_ev.precision = pick(twin_ev.precision, ev.precision)
                twin_ev.date_text = pick(twin_ev.date_text, ev.date_text)
                twin_ev.place_text = pick(twin_ev.place_text, ev.place_text)
                self._fold(EventSourceRow, ev, twin_ev)
            s.flush()
        for rs in s.scalars(select(ReasonRow).where(ReasonRow.agent_pk == loser)).all():
            twin_rs = self._find_reason(keeper, rs.cause_key, rs.effect_key, exclude=rs.pk)
            if twin_rs is None:
                rs.agent_pk = keeper
            else:
                _pick_reason_text(twin_rs, rs.effect, rs.cause, rs.kind, rs.cue)
                self._fold(ReasonSourceRow, rs, twin_rs)
            s.flush()
        for q in s.scalars(select(QuoteRow).where(QuoteRow.speaker_pk == loser)).all():
            twin_q = self._find_quote(keeper, q.text_key, exclude=q.pk)
            if twin_q is None:
                q.speaker_pk = keeper
            else:
                twin_q.text = pick(twin_q.text, q.text) or twin_q.text
                twin_q.cue = pick(twin_q.cue, q.cue) or ""
                self._fold(QuoteSourceRow, q, twin_q)
            s.flush()
        s.delete(gone)
        s.flush()
        self.touched.discard(loser)
        self.touched.add(keeper)

    def _fold(self, source_cls: type[_S], fact: Any, twin: Any) -> None:
        """Move ``fact``'s sources onto ``twin`` (dropping duplicates), then delete ``fact``."""
        s = self.session
        for src in s.scalars(select(source_cls).where(source_cls.fact_pk == fact.pk)).all():
            if self._has_source(
                source_cls, twin.pk, src.article_id, src.sentence, src.start, src.end
            ):
                s.delete(src)
            else:
                src.fact_pk = twin.pk
        s.flush()
        s.delete(fact)
        s.flush()

    def _rename_entities(self) -> None:
        """Give touched entities their order-free canonical name, and every affected id."""
        s = self.session
        pks = sorted({self.find(pk) for pk in self.touched})
        if not pks:
            return
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        rows = s.execute(
            select(
                ArticleEntityRow.entity_pk,
                ArticleEntityRow.name,
                func.count(func.distinct(ArticleEntityRow.article_id)),
            )
            .where(ArticleEntityRow.entity_pk.in_(pks))
            .group_by(ArticleEntityRow.entity_pk, ArticleEntityRow.name)
        )
        for pk, name, n in rows:
            counts[pk][name] = n
        for pk in pks:
            row = s.get_one(EntityRow, pk)
            if counts[pk]:
                row.name = choose_canonical(counts[pk])
            self.touched_bases.add(row.base)
            row.base = global_id_base(row.name, row.type)
            self.touched_bases.add(row.base)
        s.flush()
        self._assign_ids(self.touched_bases - {""})

    def _assign_ids(self, bases: set[str]) -> None:
        s = self.session
        if not bases:
            return
        rows = s.scalars(select(EntityRow).where(EntityRow.base.in_(sorted(bases)))).all()
        groups: dict[str, list[EntityRow]] = defaultdict(list)
        for row in rows:
            groups[row.base].append(row)
        wanted: dict[int, str] = {}
        for base, members in groups.items():
            if len(members) == 1:
                wanted[members[0].pk] = base
                continue
            chosen: dict[int, str] = {}
            for row in members:
                keys = s.scalars(select(AliasRow.key).where(AliasRow.entity_pk == row.pk))
                chosen[row.pk] = disambiguated_id(base, keys)
            clashes = Counter(chosen.values())
            for row in members:
                if clashes[chosen[row.pk]] > 1:
                    # Same aliases, kept apart (generic names): the articles tell them apart.
                    articles = s.scalars(
                        select(ArticleEntityRow.article_id).where(
                            ArticleEntityRow.entity_pk == row.pk
                        )
                    )
                    chosen[row.pk] = disambiguated_id(chosen[row.pk], articles)
            wanted.update(chosen)
        changed = [r for r in rows if r.gid != wanted[r.pk]]
        for row in changed:
            row.gid = f"~{row.pk}"
        s.flush()
        for row in changed:
            row.gid = wanted[row.pk]
        s.flush()

    # ------------------------------------------------------------------ facts

    def _add_facts(self) -> None:
        for rel in self.x.relations:
            s_pk, o_pk = self.entity_of(rel.s), self.entity_of(rel.o)
            if s_pk is None or o_pk is None:
                log.warning(
                    "%s: relation %s names an unknown entity; dropped", self.article_id, rel
                )
                continue
            row = self._find_relation(s_pk, rel.p, o_pk)
            if row is None:
                row = RelationRow(s_pk=s_pk, p=rel.p, o_pk=o_pk)
                self.session.add(row)
                self.session.flush()
            self._add_sources(RelationSourceRow, row.pk, rel.evidence)
        for ev in self.x.events:
            subject = self.entity_of(ev.subject)
            scope = "" if subject is not None else self.article_id
            place_pk = self.entity_of(ev.place)
            place_text = None if place_pk is not None else ev.place
            erow = self._find_event(ev.type, subject, ev.date, scope)
            if erow is None:
                erow = EventRow(
                    type=ev.type,
                    subject_pk=subject,
                    date=ev.date,
                    scope=scope,
                    precision=ev.precision,
                    date_text=ev.date_text,
                    place_text=place_text,
                )
                self.session.add(erow)
                self.session.flush()
            else:
                erow.precision = pick(erow.precision, ev.precision)
                erow.date_text = pick(erow.date_text, ev.date_text)
                erow.place_text = pick(erow.place_text, place_text)
            self._add_sources(EventSourceRow, erow.pk, ev.evidence, place_pk=place_pk)
        for rs in self.x.reasons:
            agent = self.entity_of(rs.agent)
            cause_key, effect_key = text_key(rs.cause), text_key(rs.effect)
            rrow = self._find_reason(agent, cause_key, effect_key)
            if rrow is None:
                rrow = ReasonRow(
                    agent_pk=agent,
                    effect=rs.effect,
                    cause=rs.cause,
                    effect_key=effect_key,
                    cause_key=cause_key,
                    kind=rs.kind,
                    cue=rs.cue,
                )
                self.session.add(rrow)
                self.session.flush()
            else:
                _pick_reason_text(rrow, rs.effect, rs.cause, rs.kind, rs.cue)
            self._add_sources(
                ReasonSourceRow,
                rrow.pk,
                rs.evidence,
                attributed_pk=self.entity_of(rs.attributed_to),
            )
        for qt in self.x.quotes:
            speaker = self.entity_of(qt.speaker)
            key = text_key(qt.text)
            qrow = self._find_quote(speaker, key)
            if qrow is None:
                qrow = QuoteRow(speaker_pk=speaker, text=qt.text, text_key=key, cue=qt.cue)
                self.session.add(qrow)
                self.session.flush()
            else:
                qrow.text = pick(qrow.text, qt.text) or qrow.text
                qrow.cue = pick(qrow.cue, qt.cue) or ""
            self._add_sources(QuoteSourceRow, qrow.pk, qt.evidence)

    def _add_sources(
        self, cls: type[_S], fact_pk: int, evidence: tuple[Evidence, ...], **extra: int | None
    ) -> None:
        spans: list[tuple[int | None, int | None, int | None, str]] = [
            (e.sentence, e.start, e.end, e.text) for e in evidence
        ] or [(None, None, None, "")]
        for sentence, start, end, quote in spans:
            if self._has_source(cls, fact_pk, self.article_id, sentence, start, end):
                continue
            self.session.add(
                cls(
                    fact_pk=fact_pk,
                    article_id=self.article_id,
                    sentence=sentence,
                    start=start,
                    end=end,
                    text=quote,
                    **extra,
                )
            )
            self.session.flush()

    def _has_source(
        self,
        cls: type[_S],
        fact_pk: int,
        article_id: str,
        sentence: int | None,
        start: int | None,
        end: int | None,
    ) -> bool:
        found = self.session.scalar(
            select(cls.pk).where(
                cls.fact_pk == fact_pk,
                cls.article_id == article_id,
                eq(cls.sentence, sentence),
                eq(cls.start, start),
                eq(cls.end, end),
            )
        )
        return found is not None

    def _find_relation(
        self, s_pk: int, p: str, o_pk: int, exclude: int | None = None
    ) -> RelationRow | None:
        same = and_(RelationRow.s_pk == s_pk, RelationRow.o_pk == o_pk)
        if p in SYMMETRIC_RELATIONS:
            same = or_(same, and_(RelationRow.s_pk == o_pk, RelationRow.o_pk == s_pk))
        query = select(RelationRow).where(RelationRow.p == p, same)
        if exclude is not None:
            query = query.where(RelationRow.pk != exclude)
        return self.session.scalars(query.order_by(RelationRow.pk)).first()

    def _find_event(
        self,
        type_: str,
        subject: int | None,
        date: str | None,
        scope: str,
        exclude: int | None = None,
    ) -> EventRow | None:
        query = select(EventRow).where(
            EventRow.type == type_,
            eq(EventRow.subject_pk, subject),
            eq(EventRow.date, date),
            EventRow.scope == scope,
        )
        if exclude is not None:
            query = query.where(EventRow.pk != exclude)
        return self.session.scalars(query.order_by(EventRow.pk)).first()

    def _find_reason(
        self, agent: int | None, cause_key: str, effect_key: str, exclude: int | None = None
    ) -> ReasonRow | None:
        query = select(ReasonRow).where(
            eq(ReasonRow.agent_pk, agent),
            ReasonRow.cause_key == cause_key,
            ReasonRow.effect_key == effect_key,
        )
        if exclude is not None:
            query = query.where(ReasonRow.pk != exclude)
        return self.session.scalars(query.order_by(ReasonRow.pk)).first()

    def _find_quote(
        self, speaker: int | None, key: str, exclude: int | None = None
    ) -> QuoteRow | None:
        query = select(QuoteRow).where(eq(QuoteRow.speaker_pk, speaker), QuoteRow.text_key == key)
        if exclude is not None:
            query = query.where(QuoteRow.pk != exclude)
        return self.session.scalars(query.order_by(QuoteRow.pk)).first()


def _pick_reason_text(row: ReasonRow, effect: str, cause: str, kind: str, cue: str) -> None:
    row.effect = pick(row.effect, effect) or row.effect
    row.cause = pick(row.cause, cause) or row.cause
    row.kind = pick(row.kind, kind) or row.kind
    row.cue = pick(row.cue, cue) or ""


def _merge_ids(stored: str, extra: Iterable[tuple[str, str]]) -> str:
    """External ids as sorted JSON; on a clash for one scheme the smaller id wins."""
    ids: dict[str, str] = json.loads(stored) if stored else {}
    for scheme, value in extra:
        ids[scheme] = pick(ids.get(scheme), value) or value
    return json.dumps(dict(sorted(ids.items())), ensure_ascii=False)
