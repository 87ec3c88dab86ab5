"""An :class:`~newsgraph.model.Extraction` to JSON and back, losslessly, for graph rebuilds.

``Extraction.to_json`` is the public ``extract --json`` contract and drops what the store needs
(mention types, evidence as tuples, sentence spans), so the store keeps its own round-trip form.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from newsgraph.model import (
    Article,
    Count,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Reason,
    Relation,
)

__all__ = ["dumps", "loads", "loads_counts"]


def dumps(extraction: Extraction) -> str:
    """The extraction as compact JSON (dates as ISO strings)."""
    data = asdict(extraction)
    published = extraction.article.published
    data["article"]["published"] = published.isoformat() if published else None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in items)


def _counts(items: list[dict[str, Any]]) -> tuple[Count, ...]:
    return tuple(Count(**{**c, "evidence": _evidence(c["evidence"])}) for c in items)


def loads_counts(text: str) -> tuple[Count, ...]:
    """Only the counts of what :func:`dumps` wrote: a popular entity's profile reads hundreds of
    stored extractions for their counts, and building the rest of each is most of the cost."""
    return _counts(json.loads(text).get("counts", []))


def loads(text: str) -> Extraction:
    """The extraction :func:`dumps` wrote."""
    data = json.loads(text)
    a = dict(data["article"])
    a["published"] = date.fromisoformat(a["published"]) if a.get("published") else None
    entities = tuple(
        Entity(
            id=e["id"],
            name=e["name"],
            type=e["type"],
            aliases=tuple(e["aliases"]),
            mentions=tuple(Mention(**m) for m in e["mentions"]),
            subtype=e.get("subtype"),
            external_ids=tuple((str(k), str(v)) for k, v in e.get("external_ids", ())),
        )
        for e in data["entities"]
    )
    return Extraction(
        article=Article(**a),
        entities=entities,
        relations=tuple(
            Relation(r["s"], r["p"], r["o"], _evidence(r["evidence"])) for r in data["relations"]
        ),
        events=tuple(
            Event(**{**ev, "evidence": _evidence(ev["evidence"])}) for ev in data["events"]
        ),
        reasons=tuple(
            Reason(**{**r, "evidence": _evidence(r["evidence"])}) for r in data["reasons"]
        ),
        quotes=tuple(Quote(**{**q, "evidence": _evidence(q["evidence"])}) for q in data["quotes"]),
        counts=_counts(data.get("counts", [])),
        sentences=tuple((int(s), int(e)) for s, e in data["sentences"]),
    )
