"""Relations from the closed set, found by patterns over mention-tagged sentences.

Each sentence is rewritten with its entity mentions replaced by placeholders (``@PERSON#e1``,
``@WORK.song#e4``), and the patterns of ``data/relations_patterns.json`` are regular expressions
over that text. This keeps the rules readable and testable as data ("{o:GROUP} members
{s:PERSON}"), lets one pattern cover every name, and gives each hit its sentence as evidence.
Membership known from the catalogue is added when the text names both person and group in one
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import RELATION_TYPES, SYMMETRIC_RELATIONS, Entity, Evidence, Relation
from newsgraph.nlp import doc_ext
from newsgraph.nlp.lexicon import load_json
from newsgraph.nlp.relations_dep import (
    described_entity,
    find_relations,
    latest_entity,
    load_lexicon,
)

# Which entity types each relation accepts (subject, object): a hit outside them is noise.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = load_lexicon().signatures

# What a performer_of relation may point at (lexicon of the dependency extractor).
_PERFORMED = frozenset(load_lexicon().object_subtypes["performer_of"])
_SLOT = re.compile(r"\{(s|o|n):([A-Z_.|a-z]+)\}|\{w:(\d+)\}|\{x:(\d+)\}|\{same:(s|o)\}|\{(adj)\}")
_QUOTE_MARKS = frozenset({"“", "”", '"', "‘", "’", "'", "``", "''"})
_PLACEHOLDER = re.compile(r"@([A-Z]+)(?:\.[a-z_]+)?#(e\d+)")
_ASIDE = r"(?: \( [^()@]{1,30} \))?"
# "Owen Pryce, Celia Marchetti and newcomer Jonah Reyes": a word or two may describe an item.
# A verb form ("and starring X") opens a new clause, not a further item.
_ITEM = r"(?:(?![a-z]+(?:ing|ed) )[a-z][\w-]* ){0,2}@{t}(?:\.[a-z_]+)?#e\d+"
_LIST_TAIL = _ASIDE + r"(?: ?, " + _ITEM + _ASIDE + r")*(?: ?,)? (?:and|&) " + _ITEM
# "BTS' V", "BTS member V": a person slot may be preceded by the group that qualifies them.
_PERSON_QUALIFIER = r"(?:@GROUP(?:\.[a-z_]+)?#e\d+ (?:'s |’s )?(?:member |leader |maknae )?)?"


def _load_descriptions() -> dict[tuple[str, ...], tuple[str, frozenset[str]]]:
    data = load_json("relations_descriptions.json")
    table: dict[tuple[str, ...], tuple[str, frozenset[str]]] = {}
    for row in data["descriptions"]:
        key = tuple(row["words"].lower().split())
        if key in table:
            raise ConfigError(f"relations_descriptions.json repeats {row['words']!r}")
        table[key] = (row["type"], frozenset(row.get("subtypes", [])))
    if not table:
        raise ConfigError("relations_descriptions.json is empty")
    return table


DESCRIPTIONS = _load_descriptions()
PRONOUNS: dict[str, frozenset[str]] = {
    "he": frozenset({"PERSON"}),
    "his": frozenset({"PERSON"}),
    "him": frozenset({"PERSON"}),
    "she": frozenset({"PERSON"}),
    "her": frozenset({"PERSON"}),
    "they": frozenset({"GROUP"}),
    "their": frozenset({"GROUP"}),
    "its": frozenset({"GROUP", "ORG"}),
}


def _type_alternatives(spec: str) -> str:
    parts = []
    for alt in spec.split("|"):
        if "." in alt:
            etype, subtype = alt.split(".", 1)
            parts.append(f"{etype}\\.{subtype}")
        else:
            parts.append(f"{alt}(?:\\.[a-z_]+)?")
    return "(?:" + "|".join(parts) + ")"


@cache
def _work_adjectives() -> tuple[str, ...]:
    """Words like "new", "debut", "solo" in "IU's new solo single X" (data file)."""
    from newsgraph.nlp.lexicon import word_list

    return word_list("relations_patterns.json", "work_adjectives")


def compile_pattern(
    source: str, *, allow_no_subject: bool = False, allow_no_object: bool = False
) -> re.Pattern[str]:
    """Turn a pattern of the data file into a regular expression over placeholder text."""

    def slot(match: re.Match[str]) -> str:
        if match.group(3):
            return f"(?:[^@\\s]\\S* ){{0,{int(match.group(3))}}}"
        if match.group(4):
            return f"(?:\\S+ ){{0,{int(match.group(4))}}}"
        if match.group(6):  # the words that may stand between an owner and a work noun
            words = "|".join(re.escape(w) for w in _work_adjectives())
            return f"(?:(?:{words}|\\d+(?:st|nd|rd|th)) ){{0,3}}"
        if match.group(5):  # the entity captured before, named again (a pronoun, "the film")
            return f"@[A-Z]+(?:\\.[a-z_]+)?#(?P={match.group(5)})"
        role, spec = match.group(1), match.group(2)
        if role == "n":  # a mention that must be there but is not captured
            return f"@{_type_alternatives(spec)}#e\\d+"
        qualifier = _PERSON_QUALIFIER if "PERSON" in spec.split("|") else ""
        return f"{qualifier}@{_type_alternatives(spec)}#(?P<{role}>e\\d+)"

    try:
        compiled = re.compile(_SLOT.sub(slot, source), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"relation pattern {source!r} does not compile: {exc}") from exc
    if ("o" not in compiled.groupindex and not allow_no_object) or (
        "s" not in compiled.groupindex and not allow_no_subject
    ):
        raise ConfigError(f"relation pattern {source!r} needs both {{s:...}} and {{o:...}}")
    return compiled


@dataclass(frozen=True)
class RelationPattern:
    """One rule of the data file, compiled."""

    p: str
    regex: re.Pattern[str]
    source: str
    subject_role: str | None = None
    object_nearest: str | None = None


def load_patterns(name: str = "relations_patterns.json") -> list[RelationPattern]:
    """The relation patterns, checked: known predicates, both slots, no repeats."""
    data = load_json(name)
    rows = data.get("patterns") if isinstance(data, dict) else None
    if not rows:
        raise ConfigError(f"{name} holds no patterns")
    seen: set[tuple[tuple[str, ...], str]] = set()
    patterns = []
    for row in rows:
        predicates, source = row.get("p"), row.get("re")
        # "written and composed by X": one pattern may state several relations.
        predicates = [predicates] if isinstance(predicates, str) else predicates
        if (
            not isinstance(predicates, list)
            or not predicates
            or any(p not in RELATION_TYPES for p in predicates)
            or not isinstance(source, str)
        ):
            raise ConfigError(f"{name}: bad pattern row {row!r}")
        if (tuple(predicates), source) in seen:
            raise ConfigError(f"{name}: pattern repeated: {source!r}")
        seen.add((tuple(predicates), source))
        role = row.get("subject_from_role")
        nearest = row.get("object_nearest")
        if nearest is not None and nearest not in {"WORK", "EVENT", "GROUP", "ORG"}:
            raise ConfigError(f"{name}: object_nearest must be an entity type: {row!r}")
        regex = compile_pattern(
            source, allow_no_subject=role is not None, allow_no_object=nearest is not None
        )
        for p in predicates:
            patterns.append(RelationPattern(p, regex, source, role, nearest))
    return patterns


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence rewritten with placeholders, and where each word starts in it."""

    text: str
    span: Span


def tag_sentence(
    doc: Doc, sent: Span, types: dict[str, Entity], skip: frozenset[int] = frozenset()
) -> TaggedSentence:
    """The sentence with every mention replaced by its placeholder, words space-separated.

    Tokens in ``skip`` are left out (see :func:`asides`), and so is an age after a name
    ("Hinata Sato, 23, will ...").
    """
    words: list[str] = []
    i = sent.start
    while i < sent.end:
        if i in skip:
            i += 1
            continue
        if (
            words
            and words[-1].startswith("@PERSON")
            and i + 2 < sent.end
            and doc[i].text == ","
            and doc[i + 1].like_num
            and doc[i + 2].text == ","
        ):
            i += 3  # ", 23,"
            continue
        mention = doc_ext.mention_at(doc, i)
        if mention is not None and mention.kb_id_ in types:
            entity = types[mention.kb_id_]
            subtype = f".{entity.subtype}" if entity.subtype else ""
            words.append(f"@{entity.type}{subtype}#{entity.id}")
            i = max(mention.end, i + 1)
            continue
        token = doc[i]
        antecedent = _antecedent(doc, token, types) if token.lower_ in PRONOUNS else None
        if antecedent is not None:
            words.append(f"@{antecedent.type}.pron#{antecedent.id}")
            i += 1
            continue
        described = _described(doc, i, sent.end, types)
        if described is not None:
            entity, width = described
            words.append(f"@{entity.type}.desc#{entity.id}")
            i += width
            continue
        text = token.text.replace("@", "at")
        if token.is_space or text in _QUOTE_MARKS:
            i += 1
            continue
        glue = bool(words) and (
            (text == "-" and not doc[i - 1].whitespace_)
            or (doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and words[-1].endswith("-"))
        )
        if glue and not words[-1].startswith("@"):
            words[-1] += text
        else:
            words.append(text)
        i += 1
    return TaggedSentence(" ".join(words), sent)


def _antecedent(doc: Doc, token: Token, types: dict[str, Entity]) -> Entity | None:
    """The entity a pronoun most likely stands for: the latest mention of a fitting type in this
    or the previous sentence (news prose keeps its topic in view)."""
    return _latest(doc, token.i, PRONOUNS[token.lower_], types, window=1, prefer_subject=True)


_latest = latest_entity


_NAMING = frozenset({"titled", "called", "named", "entitled", "dubbed"})


def _described(doc: Doc, i: int, end: int, types: dict[str, Entity]) -> tuple[Entity, int] | None:
    """ "the show", "the EP", "the group": a definite description of an entity named shortly
    before. Returns the entity and how many tokens the description spans. A description that a
    name follows ("the film Creed", "the album, titled Youth") is left alone: it is a cue."""
    if doc[i].lower_ not in {"the", "this", "that"} or i + 1 >= end:
        return None
    for size in (2, 1):
        words = tuple(t.lower_ for t in doc[i + 1 : i + 1 + size])
        kind = DESCRIPTIONS.get(words)
        if kind is None or i + 1 + size > end:
            continue
        nxt = i + 1 + size
        # "the film Creed", "the album, titled Youth": a name right after the noun is a cue.
        while nxt < end and (doc[nxt].text in {",", "“", '"', "‘"} or doc[nxt].lower_ in _NAMING):
            nxt += 1
        if nxt < end and (doc_ext.entity_at(doc, nxt) or doc[nxt].text[:1].isupper()):
            return None
        etype, subtypes = kind
        found = described_entity(doc, i, etype, subtypes, types)
        if found is not None and found.subtype != "music_video":
            return found, 1 + size
    return None


def asides(doc: Doc, sent: Span) -> frozenset[int]:
    """Tokens of appositions and relative clauses hung on a name ("Hoshino, the lead voice of
    X, has married Y"): a second reading without them brings the name next to its verb."""
    skip: set[int] = set()
    for token in sent:
        if token.dep_ not in {"appos", "relcl"} or token.head.i >= token.i:
            continue
        if doc_ext.entity_at(doc, token.head.i) is None:
            continue
        sub = sorted(t.i for t in token.subtree)
        lo, hi = sub[0], sub[-1]
        if hi - lo > 25 or doc_ext.entity_at(doc, lo) == doc_ext.entity_at(doc, token.head.i):
            continue
        if lo > sent.start and doc[lo - 1].text == ",":
            lo -= 1
        if hi + 1 < sent.end and doc[hi + 1].text == ",":
            hi += 1
        skip.update(range(lo, hi + 1))
    return frozenset(skip)


class RelationExtractor:
    """Writes ``doc._.ng_relations``."""

    def __init__(
        self,
        *,
        patterns_file: str = "relations_patterns.json",
        use_catalogue: bool = True,
        use_dependencies: bool = True,
    ):
        self.patterns = load_patterns(patterns_file)
        self.use_catalogue = use_catalogue
        self.use_dependencies = use_dependencies
        self.lexicon = load_lexicon() if use_dependencies else None

    def __call__(self, doc: Doc) -> Doc:
        entities: dict[str, Entity] = {e.id: e for e in doc._.ng_entities or []}
        found: dict[tuple[str, str, str], Relation] = {}
        for sent in doc.sents:
            tagged = tag_sentence(doc, sent, entities)
            if "@" not in tagged.text:
                continue
            evidence = doc_ext.evidence_for(doc, sent)
            readings = [tagged]
            skip = asides(doc, sent)
            if skip:
                readings.append(tag_sentence(doc, sent, entities, skip))
            for reading in readings:
                for pattern in self.patterns:
                    for match in pattern.regex.finditer(reading.text):
                        for s, o in self._hits(doc, sent, pattern, match, reading.text, entities):
                            self._add(found, pattern.p, s, o, entities, evidence)
            if self.lexicon is not None and doc.has_annotation("DEP"):
                for s, p, o in sorted(find_relations(doc, sent, entities, self.lexicon)):
                    self._add(found, p, s, o, entities, evidence)
        if self.use_catalogue:
            self._catalogue_membership(doc, entities, found)
        doc._.ng_relations = list(found.values())
        return doc

    def _hits(
        self,
        doc: Doc,
        sent: Span,
        pattern: RelationPattern,
        match: re.Match[str],
        text: str,
        entities: dict[str, Entity],
    ) -> list[tuple[str, str]]:
        """The (subject, object) pairs one pattern match states."""
        if pattern.object_nearest is not None:
            target = _nearest(doc, sent, match, text, pattern, entities)
            return [(s, target) for s in _expand_list(match, "s", text)] if target else []
        if pattern.subject_role is not None:
            holder = _recent_role_holder(doc, sent, pattern.subject_role, entities)
            return [(holder, match.group("o"))] if holder is not None else []
        return self._pairs(match, text, pattern.p)

    @staticmethod
    def _pairs(match: re.Match[str], text: str, predicate: str) -> list[tuple[str, str]]:
        """The (s, o) pairs of a hit, with coordinated lists ("A, B and C") expanded."""
        subjects = _expand_list(match, "s", text)
        objects = _expand_list(match, "o", text)
        if predicate in {"appears_in", "director_of"}:
            objects = [_video_of(o, match, text) for o in objects]
        return [(s, o) for s in subjects for o in objects]

    @staticmethod
    def _add(
        found: dict[tuple[str, str, str], Relation],
        p: str,
        s: str,
        o: str,
        entities: dict[str, Entity],
        evidence: Evidence,
    ) -> None:
        if s == o or s not in entities or o not in entities:
            return
        subj_types, obj_types = SIGNATURES[p]
        if entities[s].type not in subj_types or entities[o].type not in obj_types:
            return
        if p == "performer_of" and entities[o].subtype not in _PERFORMED:
            return  # a video is appeared in; "debuted with the drama X" is acting
        relation = Relation(s, p, o, (evidence,))
        key = relation.key()
        if p in SYMMETRIC_RELATIONS:
            relation = Relation(key[0], p, key[2], (evidence,))
        if key not in found:
            found[key] = relation

    def _catalogue_membership(
        self,
        doc: Doc,
        entities: dict[str, Entity],
        found: dict[tuple[str, str, str], Relation],
    ) -> None:
        """Person and group named in one sentence, and the catalogue says they belong together."""
        from newsgraph.nlp.catalogue import Catalogue

        catalogue = Catalogue.load()
        qid_of = {
            e.id: dict(e.external_ids).get("wikidata") or dict(e.external_ids).get("catalogue")
            for e in entities.values()
        }
        groups_by_qid = {
            qid: eid for eid, qid in qid_of.items() if qid and entities[eid].type == "GROUP"
        }
        if not groups_by_qid:
            return
        for eid, qid in qid_of.items():
            if not qid or entities[eid].type != "PERSON":
                continue
            entry = catalogue.get(qid)
            if entry is None:
                continue
            for group_qid in entry.groups:
                group_id = groups_by_qid.get(group_qid)
                if group_id is None or (eid, "member_of", group_id) in found:
                    continue
                evidence = _shared_sentence(doc, eid, group_id) or _first_sentence(doc, eid)
                if evidence is not None:
                    found[(eid, "member_of", group_id)] = Relation(
                        eid, "member_of", group_id, (evidence,)
                    )


_VIDEO_AFTER = re.compile(r" @WORK\.music_video#(e\d+)")


def _video_of(entity_id: str, match: re.Match[str], text: str) -> str:
    """In "IU's partner in "Love Wins All" MV" the object is the video, not the song."""
    if "o" not in match.groupdict() or match.group("o") != entity_id:
        return entity_id
    after = _VIDEO_AFTER.match(text, match.end("o"))
    return after.group(1) if after else entity_id


def _expand_list(match: re.Match[str], role: str, text: str) -> list[str]:
    """The captured id, plus the rest of a coordinated list of same-type mentions it opens."""
    first = match.group(role)
    start = match.start(role)
    head = _PLACEHOLDER.match(text, text.rfind("@", 0, start))
    if head is None:
        return [first]
    etype = head.group(1)
    tail = re.compile(_LIST_TAIL.replace("{t}", etype))
    rest = tail.match(text, match.end(role))
    if rest is None:
        return [first]
    return [first, *(m.group(2) for m in _PLACEHOLDER.finditer(rest.group(0)))]


def _nearest(
    doc: Doc,
    sent: Span,
    match: re.Match[str],
    text: str,
    pattern: RelationPattern,
    entities: dict[str, Entity],
) -> str | None:
    """The object a credit phrase leaves implicit ("composed by X", "the lyrics are by X"): the
    closest fitting mention in the sentence, else the latest one up to two sentences back."""
    wanted = pattern.object_nearest
    before: list[tuple[int, str]] = []
    after: list[tuple[int, str]] = []
    for m in _PLACEHOLDER.finditer(text):
        if m.group(1) != wanted or ".music_video#" in m.group(0):
            continue
        if m.start() < match.start():
            before.append((match.start() - m.start(), m.group(2)))
        elif m.start() >= match.end() and m.start() - match.end() <= 20:
            after.append((m.start() - match.end(), m.group(2)))  # "composed by X, the track Y"
    if before or after:
        return min(before or after)[1]
    found = _latest(doc, sent.start, frozenset({wanted or ""}), entities, window=2)
    return found.id if found is not None and found.subtype != "music_video" else None


def _recent_role_holder(
    doc: Doc, sent: Span, role: str, entities: dict[str, Entity], window: int = 2
) -> str | None:
    """The person last named with ``role`` ("director Um Tae-hwa") up to ``window`` sentences
    back, so that "the video's director" in the next sentence can be resolved to them."""
    first = doc_ext.sentence_index(doc, sent.start)
    best: str | None = None
    for span in doc_ext.mentions(doc):
        index = doc_ext.sentence_index(doc, span.start)
        entity = entities.get(span.kb_id_)
        if entity is None or entity.type != "PERSON" or entity.subtype != role:
            continue
        if first - window <= index <= first:
            best = entity.id
    return best


def _first_sentence(doc: Doc, entity_id: str) -> Evidence | None:
    """The sentence where an entity is first named (evidence for what the catalogue knows of it,
    when the article names its group elsewhere)."""
    for span in doc_ext.mentions(doc):
        if span.kb_id_ == entity_id:
            return doc_ext.evidence_for(doc, span)
    return None


def _shared_sentence(doc: Doc, a: str, b: str) -> Evidence | None:
    by_sentence: dict[int, set[str]] = {}
    spans: dict[int, Span] = {}
    for span in doc_ext.mentions(doc):
        index = doc_ext.sentence_index(doc, span.start)
        by_sentence.setdefault(index, set()).add(span.kb_id_)
        spans.setdefault(index, span)
    for index in sorted(by_sentence):
        if {a, b} <= by_sentence[index]:
            return doc_ext.evidence_for(doc, spans[index])
    return None


@Language.factory(
    "newsgraph_relations_v1",
    assigns=["doc._.ng_relations"],
    requires=["doc._.ng_entities"],
    default_config={
        "patterns_file": "relations_patterns.json",
        "use_catalogue": True,
        "use_dependencies": True,
    },
)
def make_relations(
    nlp: Language, name: str, patterns_file: str, use_catalogue: bool, use_dependencies: bool
) -> RelationExtractor:
    return RelationExtractor(
        patterns_file=patterns_file,
        use_catalogue=use_catalogue,
        use_dependencies=use_dependencies,
    )
