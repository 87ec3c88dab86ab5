"""The ``jsonld`` and ``turtle`` exports: the graph as RDF in schema.org and PROV-O terms.

Entities become schema.org things (classes from ``data/export_rdf.json``) with ``schema:sameAs``
their Wikidata item. Each relation is written twice: as a direct schema.org triple where schema.org
has a property (``work schema:director person``), and as a ``newsgraph:Claim`` (also an
``rdf:Statement``) that carries its support and, per source, a ``newsgraph:Evidence`` node with the
sentence text, derived (``prov:wasDerivedFrom``) from a ``schema:NewsArticle``. Events are
``schema:Event`` nodes and reasons ``newsgraph:Reason`` nodes, sourced the same way.

The JSON-LD ``@context`` is always written inline: a remote context URL would make every JSON-LD
reader (rdflib included) fetch it over the network.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SDO

from newsgraph.errors import ConfigError
from newsgraph.export.graph_data import ExportGraph, fact_ids
from newsgraph.nlp.lexicon import load_json

DEFAULT_BASE = "https://newsgraph.invalid/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_DATA_FILE = "export_rdf.json"
# Characters that may stay as they are in an IRI path segment (RFC 3987 iunreserved, sub-delims,
# ":" and "@"); everything else is percent-encoded as UTF-8.
_IRI_SAFE = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")
_DATE_TYPES = {
    "day": (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    "month": (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    "year": (re.compile(r"\d{4}"), XSD.gYear),
}


@dataclass(frozen=True)
class RelationMap:
    """How one newsgraph predicate is written: a schema.org or newsgraph property, maybe inverse."""

    local_name: str
    schema: bool
    inverse: bool


@dataclass(frozen=True)
class RdfVocabulary:
    """The validated content of ``data/export_rdf.json``."""

    entity_classes: dict[str, str]
    subtype_classes: dict[str, dict[str, str]]
    relations: dict[str, RelationMap]


@cache
def load_vocabulary() -> RdfVocabulary:
    """The schema.org mapping, refusing empty or malformed tables (ConfigError)."""
    data = load_json(_DATA_FILE)
    classes = data.get("entity_classes")
    subtypes = data.get("subtype_classes")
    relations = data.get("relations")
    if not isinstance(classes, dict) or not classes:
        raise ConfigError(f"{_DATA_FILE}: entity_classes is empty or not a mapping")
    if not isinstance(subtypes, dict) or not all(isinstance(v, dict) for v in subtypes.values()):
        raise ConfigError(f"{_DATA_FILE}: subtype_classes must map types to mappings")
    if not isinstance(relations, dict) or not relations:
        raise ConfigError(f"{_DATA_FILE}: relations is empty or not a mapping")
    rels: dict[str, RelationMap] = {}
    for pred, spec in relations.items():
        if not isinstance(spec, dict) or ("property" in spec) == ("vocab" in spec):
            raise ConfigError(f"{_DATA_FILE}: relation {pred!r} needs one of property/vocab")
        name = spec.get("property") or spec.get("vocab")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name):
            raise ConfigError(f"{_DATA_FILE}: relation {pred!r} has a bad term {name!r}")
        rels[pred] = RelationMap(name, "property" in spec, bool(spec.get("inverse", False)))
    return RdfVocabulary(
        {str(k): str(v) for k, v in classes.items()},
        {str(t): {str(k): str(v) for k, v in m.items()} for t, m in subtypes.items()},
        rels,
    )


def _iri_segment(text: str) -> str:
    return "".join(
        ch if _IRI_SAFE.fullmatch(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in text
    )


class _Namer:
    """IRIs of our own nodes under one base: ``id/``, ``article/``, ``fact/`` and ``vocab#``."""

    def __init__(self, base: str) -> None:
        if not re.match(r"https?://[^/\s]+/", base) or not base.endswith("/"):
            raise ConfigError(f"RDF base IRI must be an http(s) URL ending in '/': {base!r}")
        self.base = base
        self.vocab = Namespace(base + "vocab#")
        self.ids = base + "id/"

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(self.ids + _iri_segment(entity_id))

    def article(self, article_id: str) -> URIRef:
        return URIRef(self.base + "article/" + _iri_segment(article_id))

    def fact(self, fid: str) -> URIRef:
        return URIRef(self.base + "fact/" + _iri_segment(fid))


def jsonld_context(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The inline JSON-LD context: prefixes only, never a URL to fetch."""
    return {
        "schema": str(SDO),
        "prov": str(PROV),
        "rdf": str(RDF),
        "xsd": str(XSD),
        "ng": base + "vocab#",
        "ngid": base + "id/",
        "ngfact": base + "fact/",
        "ngart": base + "article/",
        "wd": WIKIDATA_ENTITY,
    }


def _date_literal(value: str | None, precision: str | None) -> Literal | None:
    if not value:
        return None
    for name in (precision, "day", "month", "year"):
        if name in _DATE_TYPES:
            pattern, dtype = _DATE_TYPES[name]
            if pattern.fullmatch(value):
                return Literal(value, datatype=dtype)
    return Literal(value)


def build_rdf(graph: ExportGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """The export as an rdflib Graph (prefixes bound), reproducible for the same input."""
    vocab = load_vocabulary()
    names = _Namer(base)
    ng = names.vocab
    g = Graph()
    for prefix, iri in jsonld_context(base).items():
        g.bind(prefix, Namespace(iri), override=True, replace=True)

    used_articles: set[str] = set()
    entity_names = {e["id"]: str(e["name"]) for e in graph.section("entities")}

    def add_sources(node: URIRef, fact: dict[str, Any]) -> None:
        g.add((node, ng["support"], Literal(int(fact.get("support") or 0))))
        for n, src in enumerate(fact.get("sources") or [], start=1):
            article = names.article(src["article"])
            used_articles.add(src["article"])
            g.add((node, PROV.wasDerivedFrom, article))
            ev = URIRef(f"{node}/source/{n}")
            g.add((node, ng["evidence"], ev))
            g.add((ev, RDF.type, ng["Evidence"]))
            g.add((ev, PROV.wasDerivedFrom, article))
            g.add((ev, ng["text"], Literal(src.get("text") or "")))
            for key in ("sentence", "start", "end"):
                if src.get(key) is not None:
                    g.add((ev, ng[key], Literal(int(src[key]))))

    for entity in graph.section("entities"):
        node = names.entity(entity["id"])
        info = graph.entity_info(entity["id"])
        etype = str(entity.get("type") or "")
        cls = vocab.entity_classes.get(etype, "Thing")
        if info.subtype:
            cls = vocab.subtype_classes.get(etype, {}).get(info.subtype, cls)
            g.add((node, ng["subtype"], Literal(info.subtype)))
        g.add((node, RDF.type, SDO[cls]))
        g.add((node, ng["entityType"], Literal(etype)))
        g.add((node, SDO.identifier, Literal(entity["id"])))
        g.add((node, SDO.name, Literal(entity["name"])))
        for alias in entity.get("aliases") or []:
            if alias != entity["name"]:
                g.add((node, SDO.alternateName, Literal(alias)))
        if info.qid:
            g.add((node, SDO.sameAs, URIRef(WIKIDATA_ENTITY + info.qid)))

    ids = fact_ids(graph)
    for fid, rel in zip(ids.relations, graph.section("relations"), strict=True):
        s, o = names.entity(rel["s"]), names.entity(rel["o"])
        spec = vocab.relations.get(rel["p"])
        if spec is None:
            prop = ng[_camel(rel["p"])]
        else:
            prop = SDO[spec.local_name] if spec.schema else ng[spec.local_name]
            if spec.inverse:
                s, o = o, s
        g.add((s, prop, o))
        claim = names.fact(fid)
        g.add((claim, RDF.type, RDF.Statement))
        g.add((claim, RDF.type, ng["Claim"]))
        g.add((claim, RDF.subject, s))
        g.add((claim, RDF.predicate, prop))
        g.add((claim, RDF.object, o))
        g.add((claim, ng["relation"], Literal(rel["p"])))
        add_sources(claim, rel)

    for fid, evt in zip(ids.events, graph.section("events"), strict=True):
        node = names.fact(fid)
        g.add((node, RDF.type, SDO.Event))
        g.add((node, ng["eventType"], Literal(evt["type"])))
        subject = evt.get("subject")
        label = evt["type"].replace("_", " ")
        if subject:
            g.add((node, SDO.about, names.entity(subject)))
            label = f"{label}: {entity_names.get(subject, subject)}"
        g.add((node, SDO.name, Literal(label)))
        date = _date_literal(evt.get("date"), evt.get("precision"))
        if date is not None:
            g.add((node, SDO.startDate, date))
        if evt.get("precision"):
            g.add((node, ng["datePrecision"], Literal(evt["precision"])))
        if evt.get("date_text"):
            g.add((node, ng["dateText"], Literal(evt["date_text"])))
        place = evt.get("place")
        if place:
            known = place in entity_names
            g.add((node, SDO.location, names.entity(place) if known else Literal(place)))
        add_sources(node, evt)

    for fid, rsn in zip(ids.reasons, graph.section("reasons"), strict=True):
        node = names.fact(fid)
        g.add((node, RDF.type, ng["Reason"]))
        if rsn.get("agent"):
            g.add((node, ng["agent"], names.entity(rsn["agent"])))
        g.add((node, ng["effect"], Literal(rsn["effect"])))
        g.add((node, ng["cause"], Literal(rsn["cause"])))
        if rsn.get("kind"):
            g.add((node, ng["kind"], Literal(rsn["kind"])))
        if rsn.get("cue"):
            g.add((node, ng["cue"], Literal(rsn["cue"])))
        if rsn.get("attributed_to"):
            g.add((node, PROV.wasAttributedTo, names.entity(rsn["attributed_to"])))
        add_sources(node, rsn)

    for article_id in sorted(used_articles | set(graph.articles)):
        art = graph.article(article_id)
        node = names.article(article_id)
        g.add((node, RDF.type, SDO.NewsArticle))
        g.add((node, SDO.identifier, Literal(article_id)))
        if art.url:
            g.add((node, SDO.url, Literal(art.url, datatype=XSD.anyURI)))
        if art.title:
            g.add((node, SDO.headline, Literal(art.title)))
        published = _date_literal(art.published, "day")
        if published is not None:
            g.add((node, SDO.datePublished, published))
    return g


def _camel(predicate: str) -> str:
    head, *rest = predicate.split("_")
    return head + "".join(w.capitalize() for w in rest)


def to_jsonld(graph: ExportGraph, *, base: str = DEFAULT_BASE) -> str:
    """JSON-LD text with the inline context, ending in a newline."""
    text = build_rdf(graph, base=base).serialize(
        format="json-ld", context=jsonld_context(base), indent=2
    )
    return text if text.endswith("\n") else text + "\n"


def to_turtle(graph: ExportGraph, *, base: str = DEFAULT_BASE) -> str:
    """Turtle text of the same RDF graph as :func:`to_jsonld`."""
    return build_rdf(graph, base=base).serialize(format="turtle")


def read_rdf(text: str, fmt: str) -> Graph:
    """Parse our JSON-LD (``json-ld``) or Turtle (``turtle``) back into an rdflib Graph.

    rdflib 7.6's JSON-LD parser builds a ConjunctiveGraph internally and warns about its own
    deprecated class; that warning says nothing about the input, so it is silenced here only.
    """
    g = Graph()
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        g.parse(data=text, format=fmt)
    return g
