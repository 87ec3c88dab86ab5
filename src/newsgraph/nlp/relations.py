"""Relations from the closed set, found by patterns over mention-tagged sentences.

Each sentence is rewritten with its entity mentions replaced by placeholders (``@PERSON#e1``,
``@WORK.song#e4``), and the patterns of ``data/relations_patterns.json`` are regular expressions
over that text. This keeps the rules readable and testable as data ("{o:GROUP} members
{s:PERSON}"), lets one pattern cover every name, and gives each hit its sentence as evidence.
Membership known from the catalogue is added when the text names both person and group in one
sentence.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ConfigError
from newsgraph.model import RELATION_TYPES, SYMMETRIC_RELATIONS, Entity, Evidence, Relation
from newsgraph.nlp import doc_ext
from newsgraph.nlp.lexicon import load_json
from newsgraph.nlp.relations_dep import (
    DocIndex,
    described_entity,
    doc_index,
    find_relations,
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
    # Cheap tests a text must pass before the regex can match it (see _requirements).
    needs: tuple[tuple[str, ...], ...] = field(default=(), compare=False)
    min_marks: int = field(default=0, compare=False)
    # How many sentences back an implicit object may be named ("Leader X" names the group the
    # article is about, often paragraphs earlier).
    nearest_window: int = 2


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
        window = row.get("nearest_window", 2)
        if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 12:
            raise ConfigError(f"{name}: nearest_window must be a small whole number: {row!r}")
        regex = compile_pattern(
            source, allow_no_subject=role is not None, allow_no_object=nearest is not None
        )
        needs, marks = _requirements(regex)
        for p in predicates:
            patterns.append(RelationPattern(p, regex, source, role, nearest, needs, marks, window))
    return patterns


# The regular-expression parser of the standard library, to read what a pattern cannot match
# without (``sre_parse`` is its deprecated public name).
_RE_PARSER: Any = importlib.import_module("re._parser")
_RE_OPS: Any = importlib.import_module("re._constants")
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
# Characters that case-insensitive matching takes for an ASCII letter although ``str.lower``
# does not turn them into it (dotted and dotless i, long s, Kelvin sign): a text holding one is
# not prefiltered by words.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_MOST_NEEDS = 3


def _requirements(regex: re.Pattern[str]) -> tuple[tuple[tuple[str, ...], ...], int]:
    """What every match of ``regex`` contains: lowercase words (each entry: at least one of
    these strings), the most telling few, and the least number of ``@`` (one per placeholder).

    Read from the parsed pattern, so that skipping a text that lacks them never loses a hit.
    """
    parsed = list(_RE_PARSER.parse(regex.pattern, regex.flags))
    marks = _least_count(parsed, ord("@"))
    if not regex.flags & re.IGNORECASE:
        return (), marks
    needs = {
        alts
        for alts in _required_literals(parsed)
        if all(a.isascii() for a in alts) and min(map(len, alts)) > 1
    }
    # The most telling first (longest words), then the cheapest to test first (fewest choices).
    ranked = sorted(needs, key=lambda alts: (-min(map(len, alts)), sorted(alts)))[:_MOST_NEEDS]
    ranked.sort(key=lambda alts: (len(alts), -min(map(len, alts)), sorted(alts)))
    return tuple(ranked), marks


def _least_count(items: list[tuple[Any, Any]], char: int) -> int:
    """The fewest times the literal ``char`` occurs in any match of the parsed items."""
    count = 0
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and arg == char:
            count += 1
        elif name == "SUBPATTERN":
            count += _least_count(list(arg[-1]), char)
        elif name in _REPEATS:
            count += arg[0] * _least_count(list(arg[2]), char)
        elif name == "ATOMIC_GROUP":
            count += _least_count(list(arg), char)
        elif name == "BRANCH":
            count += min(_least_count(list(alt), char) for alt in arg[1])
    return count


def _required_literals(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """Strings every match of the parsed items contains, lowercased: each entry is a choice
    (one of its strings is there), from a run of literal characters or an alternation."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            found.append(("".join(run).lower(),))
            run.clear()

    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        close_run()
        if name == "SUBPATTERN" and not arg[1] and not arg[2]:  # no inline flags
            found.extend(_required_literals(list(arg[-1])))
        elif name in _REPEATS and arg[0] >= 1:
            found.extend(_required_literals(list(arg[2])))
        elif name == "ATOMIC_GROUP":
            found.extend(_required_literals(list(arg)))
        elif name == "BRANCH":
            choice: set[str] = set()
            for alt in arg[1]:
                options = _required_literals(list(alt))
                if not options:
                    break  # this alternative needs no word: the alternation needs none
                choice.update(max(options, key=lambda o: min(map(len, o))))
            else:
                found.append(tuple(sorted(choice)))
    close_run()
    return found


def candidates(patterns: list[RelationPattern], text: str) -> list[RelationPattern]:
    """The patterns that may match ``text``: those whose required words and placeholders it
    has (all of them when case folding could make ``str.lower`` disagree with the regex)."""
    marks = text.count("@")
    if not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII):
        return [p for p in patterns if p.min_marks <= marks]
    lowered = text.lower()
    kept: list[RelationPattern] = []
    for pattern in patterns:
        if pattern.min_marks > marks:
            continue
        for alts in pattern.needs:  # plain loops: this runs for every pattern and sentence
            for word in alts:
                if word in lowered:
                    break
            else:
                break
        else:
            kept.append(pattern)
    return kept


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence rewritten with placeholders, and where each word starts in it."""

    text: str
    span: Span


def tag_sentence(
    doc: Doc,
    sent: Span,
    types: dict[str, Entity],
    skip: frozenset[int] = frozenset(),
    *,
    index: DocIndex | None = None,
) -> TaggedSentence:
    """The sentence with every mention replaced by its placeholder, words space-separated.

    Tokens in ``skip`` are left out (see :func:`asides`), and so is an age after a name
    ("Hinata Sato, 23, will ...").
    """
    index = index or doc_index(doc)
    texts, lower, space_after = index.text, index.lower, index.space_after
    mention_id, mention_end = index.mention_id, index.mention_end
    words: list[str] = []
    i, end = sent.start, sent.end
    while i < end:
        if i in skip:
            i += 1
            continue
        if (
            words
            and words[-1].startswith("@PERSON")
            and i + 2 < end
            and texts[i] == ","
            and texts[i + 2] == ","
            and doc[i + 1].like_num
        ):
            i += 3  # ", 23,"
            continue
        entity_id = mention_id[i]
        if entity_id is not None and entity_id in types:
            entity = types[entity_id]
            subtype = f".{entity.subtype}" if entity.subtype else ""
            words.append(f"@{entity.type}{subtype}#{entity.id}")
            i = max(mention_end[i], i + 1)
            continue
        word = lower[i]
        antecedent = _antecedent(index, i, word, types) if word in PRONOUNS else None
        if antecedent is not None:
            words.append(f"@{antecedent.type}.pron#{antecedent.id}")
            i += 1
            continue
        described = _described(doc, index, i, end, types) if word in _DEFINITES else None
        if described is not None:
            entity, width = described
            words.append(f"@{entity.type}.desc#{entity.id}")
            i += width
            continue
        text = texts[i].replace("@", "at")
        if index.is_space[i] or text in _QUOTE_MARKS:
            i += 1
            continue
        glue = bool(words) and (
            (text == "-" and not space_after[i - 1])
            or (texts[i - 1] == "-" and not space_after[i - 1] and words[-1].endswith("-"))
        )
        if glue and not words[-1].startswith("@"):
            words[-1] += text
        else:
            words.append(text)
        i += 1
    return TaggedSentence(" ".join(words), sent)


def _antecedent(index: DocIndex, i: int, word: str, types: dict[str, Entity]) -> Entity | None:
    """The entity a pronoun most likely stands for: the latest mention of a fitting type in this
    or the previous sentence (news prose keeps its topic in view)."""
    return index.latest(i, PRONOUNS[word], types, window=1, prefer_subject=True)


_NAMING = frozenset({"titled", "called", "named", "entitled", "dubbed"})
_DEFINITES = frozenset({"the", "this", "that"})
_TITLE_OPENERS = frozenset({",", "“", '"', "‘"})


def _described(
    doc: Doc, index: DocIndex, i: int, end: int, types: dict[str, Entity]
) -> tuple[Entity, int] | None:
    """ "the show", "the EP", "the group": a definite description of an entity named shortly
    before. Returns the entity and how many tokens the description spans. A description that a
    name follows ("the film Creed", "the album, titled Youth") is left alone: it is a cue."""
    lower, texts = index.lower, index.text
    if lower[i] not in _DEFINITES or i + 1 >= end:
        return None
    for size in (2, 1):
        kind = DESCRIPTIONS.get(tuple(lower[i + 1 : i + 1 + size]))
        if kind is None or i + 1 + size > end:
            continue
        nxt = i + 1 + size
        # "the film Creed", "the album, titled Youth": a name right after the noun is a cue.
        while nxt < end and (texts[nxt] in _TITLE_OPENERS or lower[nxt] in _NAMING):
            nxt += 1
        if nxt < end and (index.entity[nxt] or texts[nxt][:1].isupper()):
            return None
        etype, subtypes = kind
        found = described_entity(doc, i, etype, subtypes, types)
        if found is not None and found.subtype != "music_video":
            return found, 1 + size
    return None


def asides(doc: Doc, sent: Span, *, index: DocIndex | None = None) -> frozenset[int]:
    """Tokens of appositions and relative clauses hung on a name ("Hoshino, the lead voice of
    X, has married Y"): a second reading without them brings the name next to its verb."""
    index = index or doc_index(doc)
    entity = index.entity
    dep = index.syntax[2]
    skip: set[int] = set()
    for i in range(sent.start, sent.end):
        if dep[i] not in {"appos", "relcl"}:
            continue
        token = doc[i]
        head = token.head.i
        if head >= i or entity[head] is None:
            continue
        sub = sorted(t.i for t in token.subtree)
        lo, hi = sub[0], sub[-1]
        if hi - lo > 25 or entity[lo] == entity[head]:
            continue
        if lo > sent.start and index.text[lo - 1] == ",":
            lo -= 1
        if hi + 1 < sent.end and index.text[hi + 1] == ",":
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
        self.joiners = _sentence_joiners(patterns_file)
        self.tracklist = _tracklist_heads(patterns_file)

    def __call__(self, doc: Doc) -> Doc:
        entities: dict[str, Entity] = {e.id: e for e in doc._.ng_entities or []}
        found: dict[tuple[str, str, str], Relation] = {}
        index = doc_index(doc)
        lexicon = self.lexicon if doc.has_annotation("DEP") else None
        text = doc_ext.doc_text(doc)
        previous = ""
        tracks: _Tracklist | None = None
        for sent in doc.sents:
            tagged = tag_sentence(doc, sent, entities, index=index)
            before, previous = previous, tagged.text
            tracks = self._tracklist(doc, sent, tagged.text, before, tracks, entities, found)
            if "@" not in tagged.text:
                continue
            hits: list[tuple[str, str, str]] = []  # (p, s, o) in the order they are found
            readings = [tagged]
            if before.lower().endswith(self.joiners):
                # '"X" (feat. Y)': the splitter ends a sentence at the abbreviation's dot.
                readings.append(TaggedSentence(f"{before} {tagged.text}", tagged.span))
            skip = asides(doc, sent, index=index)
            if skip:
                readings.append(tag_sentence(doc, sent, entities, skip, index=index))
            for reading in readings:
                for pattern in candidates(self.patterns, reading.text):
                    for match in pattern.regex.finditer(reading.text):
                        for s, o in self._hits(doc, sent, pattern, match, reading.text, entities):
                            hits.append((pattern.p, s, o))
            if lexicon is not None:
                sent_text = text[sent.start_char : sent.end_char]
                triples = find_relations(doc, sent, entities, lexicon, index=index, text=sent_text)
                hits.extend((p, s, o) for s, p, o in sorted(triples))
            if hits:
                evidence = doc_ext.evidence_for(doc, sent)
                for p, s, o in hits:
                    self._add(found, p, s, o, entities, evidence)
        if self.use_catalogue:
            self._catalogue_membership(doc, entities, found)
        doc._.ng_relations = list(found.values())
        return doc

    def _tracklist(
        self,
        doc: Doc,
        sent: Span,
        tagged: str,
        before: str,
        tracks: _Tracklist | None,
        entities: dict[str, Entity],
        found: dict[tuple[str, str, str], Relation],
    ) -> _Tracklist | None:
        """'The tracklist: 1. A 2. B (feat. X) 3. C': each listed song is part of the album in
        focus. The list runs on while each sentence opens with a song (the splitter cuts the
        list at every number's dot), or carries on an abbreviation ('(feat.')."""
        lower = tagged.lower()
        head = next((h for h in self.tracklist if f"{h} :" in lower), None)
        if head is not None:
            album = doc_index(doc).latest(
                sent.start,
                frozenset({"WORK"}),
                entities,
                window=8,
                subtypes=frozenset({"album"}),
                strict=True,
            )
            if album is None:
                return None
            tracks = _Tracklist(album.id)
            items = tagged[lower.index(f"{head} :") :]
        elif tracks is not None and _TRACK_ITEM.match(tagged):
            items = tagged
        elif tracks is not None and before.lower().endswith(self.joiners):
            return tracks
        else:
            return None
        evidence = doc_ext.evidence_for(doc, sent)
        for m in _TRACK_MARK.finditer(items):
            self._add(found, "part_of", m.group(1), tracks.album, entities, evidence)
        return tracks

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


@dataclass(frozen=True)
class _Tracklist:
    """A tracklist being read: the album its songs belong to."""

    album: str


# A tracklist piece: a number, a song, or both ("2 . @WORK.song#e4", or "2 ." and the song as
# the next piece when the list is one item a line); a song is the first work after a number or
# at the start of a piece.
_TRACK_ITEM = re.compile(r"^(?:\d+ \.(?: |$)|@WORK)")
_TRACK_MARK = re.compile(r"(?:^|: |\d+ \. )@WORK(?:\.(?:song|album))?#(e\d+)")


def _tracklist_heads(name: str) -> tuple[str, ...]:
    """Words that open a tracklist ("The tracklist:"), from the data file."""
    data = load_json(name)
    words = data.get("tracklist_heads", []) if isinstance(data, dict) else []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ConfigError(f"{name}: 'tracklist_heads' must be a list of strings")
    return tuple(w.lower() for w in words)


def _sentence_joiners(name: str) -> tuple[str, ...]:
    """Tagged sentence endings that are an abbreviation, not a sentence end ("( feat .")."""
    data = load_json(name)
    words = data.get("sentence_joiners", []) if isinstance(data, dict) else []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ConfigError(f"{name}: 'sentence_joiners' must be a list of strings")
    return tuple(w.lower() for w in words)


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
    closest fitting mention in the sentence, else the latest one up to the pattern's window of
    sentences back."""
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
    index = doc_index(doc)
    if pattern.nearest_window > 2:
        return index.focus(sent.start, wanted or "", entities, window=pattern.nearest_window)
    found = index.latest(sent.start, frozenset({wanted or ""}), entities, window=2)
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
