from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SDO

from newsgraph.errors import ConfigError
from newsgraph.export import (
    DEFAULT_BASE,
    EntityInfo,
    ExportGraph,
    build_rdf,
    fact_ids,
    from_export,
    jsonld_context,
    load_graph,
    read_rdf,
    to_jsonld,
    to_turtle,
)
from newsgraph.store import GraphStore

NG = Namespace(DEFAULT_BASE + "vocab#")
ID = Namespace(DEFAULT_BASE + "id/")
ART = Namespace(DEFAULT_BASE + "article/")
WD = Namespace("http://www.wikidata.org/entity/")


def _parse(text: str, fmt: str) -> Graph:
    return read_rdf(text, fmt)


def test_rdf_export_jsonld_and_turtle_round_trip(store: GraphStore) -> None:
    graph = load_graph(store)
    expected = build_rdf(graph)
    assert len(expected) > 50
    assert isomorphic(_parse(to_jsonld(graph), "json-ld"), expected)
    assert isomorphic(_parse(to_turtle(graph), "turtle"), expected)


def test_rdf_export_entities_as_schema_org(store: GraphStore) -> None:
    g = build_rdf(load_graph(store))
    film, song = ID["work:paper-lanterns"], ID["work:night-ferry"]
    assert (film, RDF.type, SDO.Movie) in g
    assert (song, RDF.type, SDO.MusicRecording) in g
    assert (ID["group:blue-comet"], RDF.type, SDO.MusicGroup) in g
    assert (ID["org:harbor-records"], RDF.type, SDO.Organization) in g
    rina = ID["person:rina-okada"]
    assert (rina, RDF.type, SDO.Person) in g
    assert (rina, SDO.name, Literal("Rina Okada")) in g
    assert (rina, SDO.alternateName, Literal("Okada")) in g
    assert (rina, SDO.alternateName, Literal("Rina Okada")) not in g
    assert (rina, SDO.sameAs, WD.Q900001) in g
    assert not list(g.objects(song, SDO.sameAs))  # no QID, no sameAs


def test_rdf_export_relations_direct_and_reified(store: GraphStore) -> None:
    graph = load_graph(store)
    g = build_rdf(graph)
    film, rina, dev = ID["work:paper-lanterns"], ID["person:rina-okada"], ID["person:dev-malhotra"]
    sora, band = ID["person:sora-hayase"], ID["group:blue-comet"]
    assert (film, SDO.director, rina) in g  # director_of is written the schema.org way round
    assert (film, SDO.actor, dev) in g
    assert (ID["work:night-ferry"], SDO.byArtist, sora) in g
    assert (sora, SDO.memberOf, band) in g
    assert (band, SDO.affiliation, ID["org:harbor-records"]) in g
    assert (dev, NG.collaboratedWith, sora) in g

    claims = list(g.subjects(NG.relation, Literal("director_of")))
    assert len(claims) == 1
    claim = claims[0]
    assert (claim, RDF.type, RDF.Statement) in g and (claim, RDF.type, NG.Claim) in g
    assert (claim, RDF.subject, film) in g
    assert (claim, RDF.predicate, SDO.director) in g
    assert (claim, RDF.object, rina) in g
    assert (claim, NG.support, Literal(2)) in g
    assert set(g.objects(claim, PROV.wasDerivedFrom)) == {ART["film-1"], ART["film-3"]}
    texts = {str(g.value(ev, NG.text)) for ev in g.objects(claim, NG.evidence)}
    assert "Director Rina Okada cast Dev Malhotra in her film Paper Lanterns." in texts
    assert claim == URIRef(DEFAULT_BASE + "fact/" + fact_ids(graph).relations[3])


def test_rdf_export_events_reasons_and_articles(store: GraphStore) -> None:
    g = build_rdf(load_graph(store))
    release = next(g.subjects(NG.eventType, Literal("release")))
    assert (release, RDF.type, SDO.Event) in g
    assert (release, SDO.startDate, Literal("2024-06-14", datatype=XSD.date)) in g
    assert (release, SDO.about, ID["work:paper-lanterns"]) in g
    comeback = next(g.subjects(NG.eventType, Literal("comeback")))
    assert (comeback, SDO.startDate, Literal("2024-09", datatype=XSD.gYearMonth)) in g

    reason = next(g.subjects(RDF.type, NG.Reason))
    dev = ID["person:dev-malhotra"]
    assert (reason, NG.agent, dev) in g
    assert (reason, NG.effect, Literal("took the role")) in g
    assert (reason, NG.cause, Literal("he admired Okada's earlier work")) in g
    assert (reason, PROV.wasAttributedTo, dev) in g
    assert (reason, PROV.wasDerivedFrom, ART["film-1"]) in g

    article = ART["film-1"]
    assert (article, RDF.type, SDO.NewsArticle) in g
    url = Literal("https://example.com/news/film-1", datatype=XSD.anyURI)
    assert (article, SDO.url, url) in g
    assert (article, SDO.headline, Literal("Story film-1")) in g
    assert (article, SDO.datePublished, Literal("2024-06-01", datatype=XSD.date)) in g
    assert not list(g.objects(ART["film-3"], SDO.url))


def test_rdf_export_jsonld_context_is_inline(store: GraphStore) -> None:
    doc = json.loads(to_jsonld(load_graph(store)))
    assert doc["@context"] == jsonld_context()
    assert isinstance(doc["@context"], dict)
    text = json.dumps(doc)
    assert '"@context": "http' not in text and "schema.org/docs/jsonldcontext" not in text


def test_rdf_export_base_is_configurable(store: GraphStore) -> None:
    base = "https://graph.example.org/kb/"
    g = build_rdf(load_graph(store), base=base)
    assert (URIRef(base + "id/person:rina-okada"), RDF.type, SDO.Person) in g
    assert not any(DEFAULT_BASE in str(t) for triple in g for t in triple)
    assert isomorphic(_parse(to_turtle(load_graph(store), base=base), "turtle"), g)
    for bad in ("graph.example.org/", "https://graph.example.org/kb", "ftp://x/"):
        with pytest.raises(ConfigError, match="base IRI"):
            build_rdf(load_graph(store), base=bad)


def _one_entity_graph(eid: str, name: str, alias: str, evidence: str) -> ExportGraph:
    data: dict[str, Any] = {
        "entities": [
            {"id": eid, "name": name, "type": "WORK", "aliases": [name, alias], "mentions": []},
            {"id": "person:x", "name": "X", "type": "PERSON", "aliases": ["X"], "mentions": []},
        ],
        "relations": [
            {
                "s": "person:x",
                "p": "composer_of",
                "o": eid,
                "sources": [
                    {"article": "a 1", "sentence": 0, "start": 0, "end": 1, "text": evidence}
                ],
                "support": 1,
            }
        ],
        "events": [
            {
                "type": "other",
                "subject": None,
                "date": "2024",
                "precision": "year",
                "sources": [
                    {"article": "a 1", "sentence": None, "start": None, "end": None, "text": ""}
                ],
                "support": 1,
            }
        ],
        "reasons": [],
    }
    return from_export(data, entities={eid: EntityInfo("album", (("wikidata", "Q5"),))})


@settings(deadline=None, max_examples=40)
@given(
    eid=st.text(min_size=1, max_size=20),
    name=st.text(min_size=1, max_size=30),
    alias=st.text(max_size=30),
    evidence=st.text(max_size=80),
)
def test_rdf_export_any_text_round_trips(eid: str, name: str, alias: str, evidence: str) -> None:
    # Hangul, quotes, spaces, slashes, '#', control characters: ids become valid IRIs and text
    # literals survive both serialisations.
    graph = _one_entity_graph(eid, name, alias, evidence)
    expected = build_rdf(graph)
    assert isomorphic(_parse(to_jsonld(graph), "json-ld"), expected)
    assert isomorphic(_parse(to_turtle(graph), "turtle"), expected)
    work = next(expected.subjects(SDO.identifier, Literal(eid)))
    assert (work, RDF.type, SDO.MusicAlbum) in expected
    composer = next(expected.subjects(SDO.identifier, Literal("person:x")))
    assert (work, SDO.composer, composer) in expected
