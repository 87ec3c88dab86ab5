"""Write one :class:`~newsgraph.model.Extraction` into the graph, merging it with what is there.

Runs inside the caller's transaction. Every choice it makes is order-independent. Each local entity
is stored with its resolution view (:class:`~newsgraph.resolve.local.LocalEntity`); it joins every
global entity holding a local entity it links to (:func:`~newsgraph.resolve.link.link`), which is
the connected component :func:`~newsgraph.resolve.link.cluster` would build. When that plain union
is not safe (it would join two Wikidata ids or two subtypes, or it touches a cluster shaped by a
refusal or a user decision), the writer raises :class:`NeedsRebuild` and :func:`rebuild_graph`
re-clusters every local entity and replays every stored extraction, in article-id order. Where two
stored copies of a fact disagree on a detail (a reason's wording, an event's precision) the smallest
value wins, so ingesting A then B gives the same graph as B then A.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, text, tuple_, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from newsgraph.errors import StorageError
from newsgraph.model import SYMMETRIC_RELATIONS, Entity, Evidence, Extraction
from newsgraph.resolve.link import (
    Block,
    Decision,
    Edge,
    Link,
    ResolveRules,
    cluster,
    kruskal_blocks,
    link,
)
from newsgraph.resolve.local import LocalEntity, local_entities, ref_of
from newsgraph.resolve.names import (
    choose_canonical,
    clean_alias,
    disambiguated_id,
    global_id_base,
    match_keys,
    name_key,
    text_key,
)
from newsgraph.store import codec
from newsgraph.store.schema import (
    FTS_TABLE,
    AliasRow,
    ArticleEntityRow,
    ArticleRow,
    DecisionRow,
    EntityCountRow,
    EntityRow,
    EventRow,
    EventSourceRow,
    ExtractionRow,
    LocalEntityRow,
    LocalKeyRow,
    MentionRow,
    MergeReasonRow,
    QuoteRow,
    QuoteSourceRow,
    ReasonRow,
    ReasonSourceRow,
    RelationRow,
    RelationSourceRow,
    SentenceRow,
    SigEntityRow,
    SigKeyRow,
    ViewSigRow,
)
from newsgraph.store.sql import in_batches

log = logging.getLogger(__name__)

_S = TypeVar("_S", RelationSourceRow, EventSourceRow, ReasonSourceRow, QuoteSourceRow)


def pick(a: str | None, b: str | None) -> str | None:
    """The smaller of two optional details, ignoring blanks: commutative, so order-free."""
    present = [v for v in (a, b) if v]
    return min(present) if present else (a if a is not None else b)


def eq(column: InstrumentedAttribute[Any], value: object) -> ColumnElement[bool]:
    """``column = value`` that also matches NULL to None."""
    return column.is_(None) if value is None else column == value


class NeedsRebuild(Exception):
    """Raised by :meth:`ArticleWriter.run` when a plain union would not give the canonical
    clusters; the caller then runs :func:`rebuild_graph` in the same transaction."""


def resolution_view(extraction: Extraction) -> list[LocalEntity]:
    """The resolution view of every local entity of ``extraction``, with the bundled rules."""
    rules = ResolveRules.load()
    return local_entities(
        extraction,
        stopwords=rules.token_stopwords,
        min_words=rules.fuzzy_min_words,
        min_chars=rules.fuzzy_min_chars,
    )


class ArticleWriter:
    """Adds one extraction's rows; call :meth:`run` once inside an open transaction.

    With ``plan`` (local ref -> cluster root, from :func:`cluster`) the writer replays an article
    already stored: it only re-adds entities and facts, putting each local entity in the global
    entity of its cluster (``cluster_pks`` is shared by the articles of one replay).
    """

    def __init__(
        self,
        session: Session,
        extraction: Extraction,
        *,
        fts: bool,
        plan: Mapping[str, str] | None = None,
        cluster_pks: dict[str, int] | None = None,
        decisions: Sequence[Decision] = (),
    ) -> None:
        self.session = session
        self.x = extraction
        self.article_id = extraction.article.id
        self.fts = fts
        self.replay = plan is not None
        self.plan = plan
        self.cluster_pks = cluster_pks if cluster_pks is not None else {}
        self.decisions = decisions
        self.redirect: dict[int, int] = {}
        self.local: dict[str, int] = {}
        self.touched: set[int] = set()
        self.recount: set[int] = set()  # entities that absorbed another: count afresh
        self.touched_bases: set[str] = set()
        self.views: dict[str, LocalEntity] = {}
        self.sigs: dict[str, str] = {}
        # Links inside this article (local id -> (other view, link)), and to other articles'
        # signatures (local id -> (representative view, link, global entities holding it)).
        self.links: dict[str, list[tuple[LocalEntity, Link]]] = defaultdict(list)
        self.sig_links: dict[str, list[tuple[LocalEntity, Link, frozenset[int]]]] = defaultdict(
            list
        )
        self.reasons: list[tuple[str, str, Link]] = []
        self.sourced: set[tuple[str, int, int | None, int | None, int | None]] = set()

    # ----------------------------------------------------------------- driver

    def run(self) -> None:
        self.views = {v.local: v for v in resolution_view(self.x)}
        if self.replay:  # the signatures stored with the article
            self.sigs = {
                local: sig
                for local, sig in self.session.execute(
                    select(LocalEntityRow.local_id, LocalEntityRow.sig).where(
                        LocalEntityRow.article_id == self.article_id
                    )
                )
            }
        else:
            self.sigs = {local: v.signature() for local, v in self.views.items()}
        if not self.replay:
            self._add_article()
            self._add_locals()
            self._find_links()
            unsafe = self._unsafe_unions()
            if unsafe and not self._recluster_component(unsafe):
                raise NeedsRebuild(self.article_id)
        for entity in self.x.entities:
            self._add_entity(entity)
        self.session.flush()
        if not self.replay:
            self._add_merge_reasons()
        self._rename_entities()
        self._add_facts()
        self.session.flush()

    # ------------------------------------------------------------ resolution

    def _add_locals(self) -> None:
        s = self.session
        s.add(ExtractionRow(article_id=self.article_id, data=codec.dumps(self.x)))
        known = set(
            s.scalars(select(ViewSigRow.sig).where(ViewSigRow.sig.in_(set(self.sigs.values()))))
        )
        for view in self.views.values():
            sig = self.sigs[view.local]
            data = json.dumps(view.to_json(), ensure_ascii=False)
            s.add(
                LocalEntityRow(article_id=self.article_id, local_id=view.local, data=data, sig=sig)
            )
            for key in view.index_keys():
                s.add(LocalKeyRow(key=key, article_id=self.article_id, local_id=view.local))
            if sig not in known:
                known.add(sig)
                s.add(ViewSigRow(sig=sig, data=data))
                s.flush()
                for key in view.index_keys():
                    s.add(SigKeyRow(key=key, sig=sig))
        s.flush()

    def _find_links(self) -> None:
        """Every local entity each new one links to: in this article pair by pair, in other
        articles by signature (one comparison per distinct view, whatever its article count)."""
        rules = ResolveRules.load()
        views = sorted(self.views.values(), key=lambda v: v.ref)
        for view in views:
            keys = set(view.index_keys())
            for other in views:
                if other is not view and keys.intersection(other.index_keys()):
                    found = link(view, other, rules)
                    if found is not None:
                        self.links[view.local].append((other, found))
        sigs_of_key = self._sigs_sharing({k for v in views for k in v.index_keys()})
        wanted = {sig for sigs in sigs_of_key.values() for sig in sigs}
        holders = self._sig_globals(wanted)
        reps = self._sig_views(set(holders))  # only signatures stored articles hold
        for view in views:
            candidates = {sig for k in view.index_keys() for sig in sigs_of_key.get(k, ())}
            for sig in sorted(candidates & set(reps)):
                found = link(view, reps[sig], rules)
                if found is not None:
                    self.sig_links[view.local].append((reps[sig], found, holders[sig]))

    def _sigs_sharing(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """Lookup key -> signatures indexed under it."""
        out: dict[str, set[str]] = defaultdict(set)
        wanted = sorted(set(keys))
        for part in in_batches(wanted, 400):
            rows = self.session.execute(
                select(SigKeyRow.key, SigKeyRow.sig).where(SigKeyRow.key.in_(part))
            )
            for key, sig in rows:
                out[key].add(sig)
        return out

    def _sig_globals(self, sigs: Iterable[str]) -> dict[str, frozenset[int]]:
        """Signature -> the global entities holding its stored local entities (if any)."""
        found: dict[str, set[int]] = defaultdict(set)
        wanted = sorted(set(sigs))
        for part in in_batches(wanted, 400):
            rows = self.session.execute(
                select(SigEntityRow.sig, SigEntityRow.entity_pk).where(SigEntityRow.sig.in_(part))
            )
            for sig, pk in rows:
                found[sig].add(pk)
        return {sig: frozenset(pks) for sig, pks in found.items()}

    def _sig_views(self, sigs: Iterable[str]) -> dict[str, LocalEntity]:
        """Signature -> the view it was first stored with."""
        out: dict[str, LocalEntity] = {}
        wanted = sorted(set(sigs))
        for part in in_batches(wanted, 400):
            rows = self.session.execute(
                select(ViewSigRow.sig, ViewSigRow.data).where(ViewSigRow.sig.in_(part))
            )
            for sig, data in rows:
                out[sig] = LocalEntity.from_json(json.loads(data))
        return out

    def _unsafe_unions(self) -> set[str]:
        """The new local entities for which joining everything they link to may not be the
        canonical clustering: their group would hold two Wikidata ids or two subtypes, or it
        touches a cluster shaped by a refusal or a user decision. Empty when the plain union
        is right for every new entity."""
        rules = ResolveRules.load()
        for d in self.decisions:
            if d.kind == "split" and any(d.selects(v) for v in self.views.values()):
                return set(self.views)
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                x = parent[x]
            return x

        linked: set[int] = set()
        for view in self.views.values():
            nodes = [f"L:{other.local}" for other, _ in self.links[view.local]]
            for _, _, holders in self.sig_links[view.local]:
                nodes.extend(f"G:{pk}" for pk in holders)
                linked.update(holders)
            for node in [f"L:{view.local}", *nodes]:
                a, b = find(f"L:{view.local}"), find(node)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        pks = sorted(linked)
        unsafe = {find(f"G:{pk}") for pk in self._constrained(pks)}
        qids: dict[str, set[str]] = defaultdict(set)
        subtypes: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for view in self.views.values():
            group = find(f"L:{view.local}")
            if view.qid:
                qids[group].add(view.qid)
            if view.subtype and view.type in rules.subtype_types:
                subtypes[group].add((view.type, view.subtype))
        for pk in pks:
            row = self.session.get_one(EntityRow, pk)
            group = find(f"G:{pk}")
            qid = json.loads(row.external_ids or "{}").get("wikidata")
            if qid:
                qids[group].add(str(qid))
            if row.subtype and row.type in rules.subtype_types:
                subtypes[group].add((row.type, row.subtype))
        unsafe.update(group for group, q in qids.items() if len(q) > 1)
        unsafe.update(group for group, st in subtypes.items() if len({t for t, _ in st}) != len(st))
        return {local for local in self.views if find(f"L:{local}") in unsafe}

    def _constrained(self, pks: Sequence[int]) -> set[int]:
        """Those of the global entities ``pks`` whose cluster was shaped by a refusal. Clustering
        marks whole clusters, and a global entity is one cluster, so one member tells."""
        found: set[int] = set()
        for pk in pks:
            flag = self.session.scalar(
                select(LocalEntityRow.constrained)
                .join(
                    ArticleEntityRow,
                    and_(
                        ArticleEntityRow.article_id == LocalEntityRow.article_id,
                        ArticleEntityRow.local_id == LocalEntityRow.local_id,
                    ),
                )
                .where(ArticleEntityRow.entity_pk == pk)
                .limit(1)
            )
            if flag:
                found.add(pk)
        return found

    def _component_sigs(self, start: Iterable[str]) -> set[str]:
        """The signatures reachable by links from these new local entities (a closed set: any
        view of them links only to views of them, in this article or another)."""
        rules = ResolveRules.load()
        reps = {self.sigs[local]: self.views[local] for local in start}
        frontier = set(reps)
        seen = set(reps)
        while frontier:
            keys_of: dict[str, set[str]] = defaultdict(set)
            wanted = sorted(frontier)
            for part in in_batches(wanted, 400):
                for key, sig in self.session.execute(
                    select(SigKeyRow.key, SigKeyRow.sig).where(SigKeyRow.sig.in_(part))
                ):
                    keys_of[sig].add(key)
            sharing = self._sigs_sharing({k for keys in keys_of.values() for k in keys})
            fresh = {t for sigs in sharing.values() for t in sigs} - seen
            reps.update(self._sig_views(fresh))
            reached: set[str] = set()
            for sig in frontier:
                for t in {t for k in keys_of[sig] for t in sharing.get(k, ())} & fresh:
                    if t not in reached and _may_link(reps[sig], reps[t], rules):
                        reached.add(t)
            seen |= reached
            frontier = reached
        return seen

    def _recluster_component(self, start: set[str]) -> bool:
        """Cluster the part of the graph this article's entities reach (what :func:`cluster`
        would give there, as links never leave it) and plan where each new entity goes. False
        when that changes a stored cluster, or when there are user decisions: then the whole
        graph is rebuilt."""
        if self.decisions:
            return False
        rules = ResolveRules.load()
        sigs = self._component_sigs(start)
        reps = self._sig_views(sigs)
        reps.update({self.sigs[v.local]: v for v in self.views.values()})
        members: list[LocalEntity] = []
        sig_of: dict[str, str] = {}
        flags: dict[str, bool] = {}
        wanted = sorted(sigs)
        for part in in_batches(wanted, 400):
            for article, local, sig, constrained in self.session.execute(
                select(
                    LocalEntityRow.article_id,
                    LocalEntityRow.local_id,
                    LocalEntityRow.sig,
                    LocalEntityRow.constrained,
                ).where(LocalEntityRow.sig.in_(part))
            ):
                members.append(replace(reps[sig], article=article, local=local))
                sig_of[ref_of(article, local)] = sig
                flags[ref_of(article, local)] = bool(constrained)
        blocks, edges = _component_links(members, sig_of, reps, rules)
        clustering = kruskal_blocks(members, blocks, edges, rules)
        new_refs = {m.ref for m in members if m.article == self.article_id}
        old = {m.ref: m for m in members if m.ref not in new_refs}
        stored = self._stored_globals((m.article, m.local) for m in old.values())
        pk_of_root: dict[str, int] = {}
        root_of_pk: dict[int, str] = {}
        for ref, pk in stored.items():
            root = clustering.root[ref]
            if pk_of_root.setdefault(root, pk) != pk or root_of_pk.setdefault(pk, root) != root:
                return False
        self.plan = clustering.root
        self.cluster_pks = pk_of_root
        for ref, flag in flags.items():
            if flag != (ref in clustering.constrained):
                article, _, local = ref.rpartition("#")
                self.session.execute(
                    update(LocalEntityRow)
                    .where(LocalEntityRow.article_id == article, LocalEntityRow.local_id == local)
                    .values(constrained=not flag)
                )
        for a_ref, b_ref, found in clustering.links:
            if a_ref in new_refs or b_ref in new_refs:
                self.reasons.append((a_ref, b_ref, found))
        return True

    def _stored_globals(self, refs: Iterable[tuple[str, str]]) -> dict[str, int]:
        """Global entity pk of stored local refs (those already written)."""
        wanted = sorted(set(refs))
        out: dict[str, int] = {}
        for chunk in in_batches(wanted, 400):
            rows = self.session.execute(
                select(
                    ArticleEntityRow.article_id,
                    ArticleEntityRow.local_id,
                    ArticleEntityRow.entity_pk,
                ).where(tuple_(ArticleEntityRow.article_id, ArticleEntityRow.local_id).in_(chunk))
            )
            for a, lid, pk in rows:
                out[ref_of(a, lid)] = pk
        return out

    def _add_merge_reasons(self) -> None:
        """Why each new local entity joined: one link to each signature it matched, or the links
        the re-clustering accepted."""
        rows: list[tuple[str, str, str, str, Link]] = []
        for a_ref, b_ref, found in self.reasons:
            a_article, _, a_local = a_ref.rpartition("#")
            b_article, _, b_local = b_ref.rpartition("#")
            rows.append((b_article, b_local, a_article, a_local, found))
        planned = self.plan or {}
        for view in self.views.values():
            if view.ref not in planned:
                for other, found in self.links[view.local]:
                    if other.local > view.local:  # a pair inside one article is recorded once
                        rows.append(
                            (self.article_id, view.local, other.article, other.local, found)
                        )
                for rep, found, _ in self.sig_links[view.local]:
                    rows.append((self.article_id, view.local, rep.article, rep.local, found))
        for article, local, other_article, other_local, found in rows:
            self.session.add(
                MergeReasonRow(
                    article_id=article,
                    local_id=local,
                    other_article=other_article,
                    other_local=other_local,
                    rule=found.rule,
                    score=found.score,
                    detail=found.detail,
                )
            )

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

    def _candidates(self, entity: Entity) -> list[int]:
        """The global entities this local entity joins: by the replay plan, or by its links."""
        ref = ref_of(self.article_id, entity.id)
        if self.plan is not None and (self.replay or ref in self.plan):
            root = self.plan.get(ref)
            pk = self.cluster_pks.get(root) if root is not None else None
            return [self.find(pk)] if pk is not None else []
        pks = {
            self.local[o.local] for o, _ in self.links.get(entity.id, []) if o.local in self.local
        }
        for _, _, holders in self.sig_links.get(entity.id, []):
            pks.update(holders)
        return sorted({self.find(pk) for pk in pks})

    def _add_entity(self, entity: Entity) -> None:
        keys = match_keys(entity)
        candidates = self._candidates(entity)
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
            sig = self.sigs.get(entity.id)
            if sig and self.session.get(SigEntityRow, (sig, pk)) is None:
                self.session.add(SigEntityRow(sig=sig, entity_pk=pk))
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
        if self.plan is not None:
            root = self.plan.get(ref_of(self.article_id, entity.id))
            if root is not None:
                self.cluster_pks[root] = pk
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
        self.recount.add(keeper)
        s.execute(delete(EntityCountRow).where(EntityCountRow.entity_pk == loser))
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
        for held in s.scalars(select(SigEntityRow).where(SigEntityRow.entity_pk == loser)).all():
            if s.get(SigEntityRow, (held.sig, keeper)) is None:
                s.add(SigEntityRow(sig=held.sig, entity_pk=keeper))
            s.delete(held)
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
        self._update_counts(pks)
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        types: dict[int, dict[str, int]] = defaultdict(dict)
        for pk, kind, value, n in s.execute(
            select(
                EntityCountRow.entity_pk,
                EntityCountRow.kind,
                EntityCountRow.value,
                EntityCountRow.articles,
            ).where(EntityCountRow.entity_pk.in_(pks))
        ):
            (counts if kind == "name" else types)[pk][value] = n
        for pk in pks:
            row = s.get_one(EntityRow, pk)
            if counts[pk]:
                row.name = choose_canonical(counts[pk])
            if len(types[pk]) > 1:  # joined across types by a Wikidata id: most articles win
                row.type = min(types[pk], key=lambda t: (-types[pk][t], t))
            self.touched_bases.add(row.base)
            row.base = global_id_base(row.name, row.type)
            self.touched_bases.add(row.base)
        s.flush()
        self._assign_ids(self.touched_bases - {""})

    def _update_counts(self, pks: Sequence[int]) -> None:
        """Bring ``entity_counts`` of the touched entities up to date: this article adds one to
        each (entity, name) and (entity, type) it holds; an entity that absorbed another is
        counted afresh from its article-local entities (an article may sit on both sides)."""
        s = self.session
        fresh = sorted({self.find(pk) for pk in self.recount} & set(pks))
        if fresh:
            s.execute(delete(EntityCountRow).where(EntityCountRow.entity_pk.in_(fresh)))
            for kind, column in (("name", ArticleEntityRow.name), ("type", ArticleEntityRow.type)):
                for pk, value, n in s.execute(
                    select(
                        ArticleEntityRow.entity_pk,
                        column,
                        func.count(func.distinct(ArticleEntityRow.article_id)),
                    )
                    .where(ArticleEntityRow.entity_pk.in_(fresh))
                    .group_by(ArticleEntityRow.entity_pk, column)
                ):
                    s.add(EntityCountRow(entity_pk=pk, kind=kind, value=value, articles=n))
            s.flush()
        rest = sorted(set(pks) - set(fresh))
        if not rest:
            return
        mine: set[tuple[int, str, str]] = set()
        wanted = set(rest)
        # By article alone: the primary key, never the entity index (a popular entity's members).
        for pk, name, etype in s.execute(
            select(ArticleEntityRow.entity_pk, ArticleEntityRow.name, ArticleEntityRow.type).where(
                ArticleEntityRow.article_id == self.article_id
            )
        ):
            if pk in wanted:
                mine.update({(pk, "name", name), (pk, "type", etype)})
        stored = {
            (row.entity_pk, row.kind, row.value): row
            for row in s.scalars(select(EntityCountRow).where(EntityCountRow.entity_pk.in_(rest)))
        }
        for key in sorted(mine):
            row = stored.get(key)
            if row is not None:
                row.articles += 1
            else:
                pk, kind, value = key
                s.add(EntityCountRow(entity_pk=pk, kind=kind, value=value, articles=1))
        s.flush()

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
            # The article's sources are all written here, after every merge: no query needed.
            seen = (cls.__tablename__, fact_pk, sentence, start, end)
            if seen in self.sourced:
                continue
            self.sourced.add(seen)
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


def _apart(a: LocalEntity, b: LocalEntity) -> tuple[LocalEntity, LocalEntity]:
    """The two views as if from two different articles (what a signature link assumes)."""
    return replace(a, article="\x00a", local="a"), replace(b, article="\x00b", local="b")


def _may_link(a: LocalEntity, b: LocalEntity, rules: ResolveRules) -> bool:
    """Whether views like ``a`` and ``b`` link, in two articles or in one."""
    x, y = _apart(a, b)
    return (
        link(x, y, rules) is not None or link(x, replace(y, article=x.article), rules) is not None
    )


def _component_links(
    members: Sequence[LocalEntity],
    sig_of: Mapping[str, str],
    reps: Mapping[str, LocalEntity],
    rules: ResolveRules,
) -> tuple[list[Block], list[Edge]]:
    """Every link :func:`cluster` would find among ``members`` (a closed part of the graph):
    across articles one :func:`link` per pair of signatures, as a :class:`Block` of all their
    members' links, and inside an article pair by pair."""
    by_sig: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_article: dict[str, list[LocalEntity]] = defaultdict(list)
    for m in members:
        ref = m.ref
        by_sig[sig_of[ref]].append((ref, m.article))
        by_article[m.article].append(m)
    sigs_of_key: dict[str, list[str]] = defaultdict(list)
    for sig in sorted(by_sig):
        for key in reps[sig].index_keys():
            sigs_of_key[key].append(sig)
    pairs = {(s, t) for sigs in sigs_of_key.values() for s in sigs for t in sigs if s <= t}
    blocks: list[Block] = []
    for s, t in sorted(pairs):
        x, y = _apart(reps[s], reps[t])
        forward, backward = link(x, y, rules), link(y, x, rules)
        if forward is None and backward is None:
            continue
        left, right = tuple(sorted(by_sig[s])), tuple(sorted(by_sig[t]))
        blocks.append(Block(left, () if s == t else right, forward, backward, same=s == t))
    edges: list[Edge] = []
    for together in by_article.values():
        ordered = sorted(together, key=lambda v: v.ref)
        for i, first in enumerate(ordered):
            keys = set(first.index_keys())
            for second in ordered[i + 1 :]:
                if keys.intersection(second.index_keys()):
                    found = link(first, second, rules)
                    if found is not None:
                        edges.append((found.rank(), first.ref, second.ref, found))
    return blocks, edges


# ------------------------------------------------------------------------------- rebuilding


def load_views(session: Session, refs: Sequence[tuple[str, str]]) -> list[LocalEntity]:
    """The stored resolution views of these (article, local id) refs."""
    wanted = sorted(set(refs))
    out: list[LocalEntity] = []
    for chunk in in_batches(wanted, 400):
        for (data,) in session.execute(
            select(LocalEntityRow.data).where(
                tuple_(LocalEntityRow.article_id, LocalEntityRow.local_id).in_(chunk)
            )
        ):
            out.append(LocalEntity.from_json(json.loads(data)))
    return out


def load_decisions(session: Session) -> list[Decision]:
    """Every user decision, oldest first."""
    return [
        Decision(d.pk, d.kind, d.anchor, d.other, d.selector, d.value)
        for d in session.scalars(select(DecisionRow).order_by(DecisionRow.pk))
    ]


_DERIVED = (
    RelationSourceRow,
    EventSourceRow,
    ReasonSourceRow,
    QuoteSourceRow,
    RelationRow,
    EventRow,
    ReasonRow,
    QuoteRow,
    MentionRow,
    ArticleEntityRow,
    AliasRow,
    MergeReasonRow,
    SigEntityRow,
    EntityCountRow,
    EntityRow,
)


def _partition(assignment: Mapping[str, Any]) -> set[frozenset[str]]:
    groups: dict[Any, set[str]] = defaultdict(set)
    for ref, group in assignment.items():
        groups[group].add(ref)
    return {frozenset(g) for g in groups.values()}


def rebuild_graph(session: Session, *, fts: bool, force: bool = False) -> bool:
    """Re-cluster every stored local entity (with the user's decisions) and, when the clusters
    differ from the stored ones (or ``force``), replay every stored extraction in article-id order.

    Returns whether the graph was replayed. Articles, sentences, extractions and decisions stay.
    """
    views = [
        LocalEntity.from_json(json.loads(d)) for d in session.scalars(select(LocalEntityRow.data))
    ]
    decisions = load_decisions(session)
    clustering = cluster(views, decisions)
    current = {
        ref_of(a, lid): pk
        for a, lid, pk in session.execute(
            select(
                ArticleEntityRow.article_id, ArticleEntityRow.local_id, ArticleEntityRow.entity_pk
            )
        )
    }
    session.execute(update(LocalEntityRow).values(constrained=False))
    for ref in sorted(clustering.constrained):
        article, _, local = ref.rpartition("#")
        session.execute(
            update(LocalEntityRow)
            .where(LocalEntityRow.article_id == article, LocalEntityRow.local_id == local)
            .values(constrained=True)
        )
    if not force and _partition(current) == _partition(clustering.root):
        return False
    stored = dict(session.execute(select(ExtractionRow.article_id, ExtractionRow.data)).all())
    missing = sorted(set(session.scalars(select(ArticleRow.id))) - set(stored))
    if missing:
        raise StorageError(
            f"cannot re-resolve the graph: {len(missing)} article(s) (first {missing[0]!r}) were "
            "stored by an older newsgraph without their extraction; re-ingest them into a new "
            "database"
        )
    for model in _DERIVED:
        session.execute(delete(model))
    session.flush()
    cluster_pks: dict[str, int] = {}
    for article_id in sorted(stored):
        ArticleWriter(
            session,
            codec.loads(stored[article_id]),
            fts=fts,
            plan=clustering.root,
            cluster_pks=cluster_pks,
            decisions=decisions,
        ).run()
    for a_ref, b_ref, found in clustering.links:
        a_article, _, a_local = a_ref.rpartition("#")
        b_article, _, b_local = b_ref.rpartition("#")
        session.add(
            MergeReasonRow(
                article_id=b_article,
                local_id=b_local,
                other_article=a_article,
                other_local=a_local,
                rule=found.rule,
                score=found.score,
                detail=found.detail,
            )
        )
    session.flush()
    return True
