"""The ``quickstatements`` export: relations as Wikidata QuickStatements V1 commands.

Only relations whose two entities both have a Wikidata id (QID) and whose predicate has a Wikidata
property in ``data/export_wikidata.json`` are written. Each line is one statement with one
reference: the article's URL (S854) and the day it was retrieved (S813), so a fact stated by three
articles becomes three lines (QuickStatements adds them as three references of one statement).
Everything else is skipped and counted by reason, never dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from newsgraph.errors import ConfigError
from newsgraph.export.graph_data import ExportGraph
from newsgraph.nlp.lexicon import load_json

_DATA_FILE = "export_wikidata.json"
_PROPERTY = re.compile(r"[PS][1-9][0-9]*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

SKIP_NO_PROPERTY = "no_wikidata_property"
SKIP_NO_QID = "no_qid"
SKIP_NO_URL = "no_article_url"


@dataclass(frozen=True)
class WikidataMap:
    """The validated content of ``data/export_wikidata.json``: predicate → (property, carrier)."""

    relations: dict[str, tuple[str, str]]
    reference_url: str
    retrieved: str


@cache
def load_wikidata_map() -> WikidataMap:
    """The property map, refusing empty or malformed entries (ConfigError)."""
    data = load_json(_DATA_FILE)
    relations = data.get("relations")
    if not isinstance(relations, dict) or not relations:
        raise ConfigError(f"{_DATA_FILE}: relations is empty or not a mapping")
    out: dict[str, tuple[str, str]] = {}
    for pred, spec in relations.items():
        prop = spec.get("property") if isinstance(spec, dict) else None
        on = spec.get("on") if isinstance(spec, dict) else None
        if not isinstance(prop, str) or not _PROPERTY.fullmatch(prop) or not prop.startswith("P"):
            raise ConfigError(f"{_DATA_FILE}: relation {pred!r} has a bad property {prop!r}")
        if on not in ("subject", "object"):
            raise ConfigError(f"{_DATA_FILE}: relation {pred!r}: 'on' must be subject or object")
        out[str(pred)] = (prop, str(on))
    refs = (data.get("reference_url"), data.get("retrieved"))
    for ref in refs:
        if not isinstance(ref, str) or not _PROPERTY.fullmatch(ref) or not ref.startswith("S"):
            raise ConfigError(f"{_DATA_FILE}: bad source property {ref!r}")
    return WikidataMap(out, str(refs[0]), str(refs[1]))


@dataclass(frozen=True)
class QuickStatements:
    """The command lines, and how many relations were left out, by reason."""

    lines: tuple[str, ...]
    exported: int
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def text(self) -> str:
        """The batch as pasted into QuickStatements: one tab-separated command per line."""
        return "".join(line + "\n" for line in self.lines)

    def summary(self) -> str:
        """One line for a human: what was written and what was skipped, and why."""
        parts = [f"{n} {reason}" for reason, n in sorted(self.skipped.items())]
        skipped = f"; skipped {sum(self.skipped.values())} ({', '.join(parts)})" if parts else ""
        return f"quickstatements: {self.exported} relations as {len(self.lines)} lines{skipped}"


def _string(value: str) -> str:
    # QuickStatements strings are double-quoted with no escape syntax: keep URLs on one field.
    clean = value.replace('"', "%22").replace("\t", "%09").replace("\n", "").replace("\r", "")
    return f'"{clean.replace(" ", "%20")}"'


def _time(day: str) -> str:
    return f"+{day}T00:00:00Z/11"


def quickstatements(graph: ExportGraph, *, retrieved: date | None = None) -> QuickStatements:
    """QuickStatements V1 for the relations Wikidata can take.

    ``retrieved`` overrides the S813 date; by default it is the day each article was ingested
    (today when that is unknown).
    """
    wd = load_wikidata_map()
    today = (retrieved or date.today()).isoformat()
    lines: list[str] = []
    seen: set[str] = set()
    skipped: Counter[str] = Counter()
    exported = 0
    for rel in graph.section("relations"):
        spec = wd.relations.get(rel["p"])
        if spec is None:
            skipped[SKIP_NO_PROPERTY] += 1
            continue
        prop, on = spec
        s_qid, o_qid = graph.entity_info(rel["s"]).qid, graph.entity_info(rel["o"]).qid
        if s_qid is None or o_qid is None:
            skipped[SKIP_NO_QID] += 1
            continue
        item, value = (s_qid, o_qid) if on == "subject" else (o_qid, s_qid)
        refs = []
        for article_id in sorted({s["article"] for s in rel.get("sources") or []}):
            info = graph.article(article_id)
            if not info.url:
                continue
            day = today if retrieved is not None else (info.retrieved or today)
            if not _DAY.fullmatch(day):
                day = today
            refs.append(f"{wd.reference_url}\t{_string(info.url)}\t{wd.retrieved}\t{_time(day)}")
        if not refs:
            skipped[SKIP_NO_URL] += 1
            continue
        exported += 1
        for ref in refs:
            line = f"{item}\t{prop}\t{value}\t{ref}"
            if line not in seen:
                seen.add(line)
                lines.append(line)
    return QuickStatements(tuple(lines), exported, skipped)
