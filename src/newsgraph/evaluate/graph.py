"""B-cubed scoring of cross-article entity resolution over an ``export --format json`` object.

Items are (article id, gold entity id) pairs, one per gold entity of each gold article. Each item
is assigned to the global entity whose mentions *in that article* share the most normalised strings
with the gold entity's mentions; ties go to an entity of the gold type, then to the first in export
order (so a person "Kai" and an album "Kai" in one article can both be placed). Several gold
entities may land on the same global entity: that is a wrong merge and B-cubed precision is meant
to punish it. Items no global entity matches stay alone (singleton clusters).

Gold clusters group items with the same gold id across articles; predicted clusters group items
assigned to the same global id. Per item, precision = |pred ∩ gold| / |pred| and
recall = |pred ∩ gold| / |gold|; the figures are the means over all items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.evaluate.extraction import mention_keys
from newsgraph.evaluate.gold import GoldArticle
from newsgraph.evaluate.text import normalise_mention

__all__ = ["GraphScores", "assign_items", "bcubed", "score_graph"]

Item = tuple[str, str]


@dataclass(frozen=True)
class GraphScores:
    """B-cubed precision, recall and F1 over ``items`` (article, gold entity) pairs."""

    precision: float
    recall: float
    items: int
    assigned: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def assign_items(
    gold_articles: Sequence[GoldArticle], export: Mapping[str, Any]
) -> dict[Item, str | None]:
    """Global entity id of every (article, gold entity) item, ``None`` when nothing matches.

    A mention's ``article`` may be the gold article id or its url.
    """
    by_article: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for entity in export.get("entities") or []:
        if not isinstance(entity, Mapping):
            continue
        texts: dict[str, set[str]] = defaultdict(set)
        for mention in entity.get("mentions") or []:
            if isinstance(mention, Mapping) and isinstance(mention.get("text"), str):
                key = normalise_mention(mention["text"])
                if key:
                    texts[str(mention.get("article"))].add(key)
        for article, keys in texts.items():
            by_article[article].append((str(entity.get("id")), str(entity.get("type")), keys))

    assignment: dict[Item, str | None] = {}
    for gold in gold_articles:
        candidates = by_article.get(gold.id, [])
        url = gold.data.get("url")
        if url and url != gold.id:
            candidates = candidates + by_article.get(str(url), [])
        for entity in gold.entities:
            item = (gold.id, str(entity["id"]))
            if item in assignment:
                continue
            gold_keys = mention_keys(entity)
            best: str | None = None
            best_score = (0, False)
            for global_id, global_type, global_keys in candidates:
                score = (len(gold_keys & global_keys), global_type == entity.get("type"))
                if score[0] and score > best_score:
                    best, best_score = global_id, score
            assignment[item] = best
    return assignment


def bcubed(
    gold_of: Mapping[Item, str], predicted_of: Mapping[Item, str | None]
) -> tuple[float, float]:
    """Mean per-item B-cubed (precision, recall); ``None`` predictions are singletons."""
    items = list(gold_of)
    if not items:
        return (0.0, 0.0)
    gold_clusters: dict[str, set[Item]] = defaultdict(set)
    pred_clusters: dict[str, set[Item]] = defaultdict(set)
    for item in items:
        gold_clusters[gold_of[item]].add(item)
        predicted = predicted_of.get(item)
        if predicted is not None:
            pred_clusters[predicted].add(item)
    precision = recall = 0.0
    for item in items:
        gold_cluster = gold_clusters[gold_of[item]]
        predicted = predicted_of.get(item)
        pred_cluster = pred_clusters[predicted] if predicted is not None else {item}
        common = len(gold_cluster & pred_cluster)
        precision += common / len(pred_cluster)
        recall += common / len(gold_cluster)
    return (precision / len(items), recall / len(items))


def score_graph(gold_articles: Sequence[GoldArticle], export: Mapping[str, Any]) -> GraphScores:
    """B-cubed P/R/F1 of how the graph at ``export`` groups the gold entities across articles."""
    assignment = assign_items(gold_articles, export)
    gold_of = {item: item[1] for item in assignment}
    precision, recall = bcubed(gold_of, assignment)
    return GraphScores(
        precision=precision,
        recall=recall,
        items=len(assignment),
        assigned=sum(1 for v in assignment.values() if v is not None),
    )
