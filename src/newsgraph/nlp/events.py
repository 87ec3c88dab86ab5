"""The events component: dated happenings (releases, enlistments, debuts...) and who they concern.

A trigger (a lemma such as "enlist", or a phrase such as "complete * military service", from
``data/events_triggers.json``) marks an event and its type. Its subject is the entity the parse
ties to the trigger (subject, object, possessor, "of" phrase), restricted to the entity types that
make sense for the event (a release is of a WORK, an enlistment of a PERSON or GROUP). The date is
the resolved :class:`~newsgraph.nlp.doc_ext.DateMention` of the same sentence that hangs on the
trigger's clause, else the nearest one; the place a PLACE mention in a prepositional phrase of it.
A year written against a work ("2016's Suicide Squad", "Choco Bank (2016)") is a release too.

Descriptions and pronouns point back to names ("the sequel", "its premiere", "her
representatives"); three or more members of one group named together act as the group; an
undated award in a ceremony report takes the ceremony's date.

One event per (type, subject) per article: the first with a date wins, else the first seen.
Negated or conditional triggers ("will not perform", "if they tour") and undated aims ("the rush
to release it") are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import ENTITY_TYPES, EVENT_TYPES, Event
from newsgraph.nlp import doc_ext, lexicon
from newsgraph.nlp.doc_ext import DateMention

TRIGGERS_FILE = "events_triggers.json"

GAP = "*"
MAX_GAP = 6

# Dependency labels through which a trigger reaches its participants, most telling first.
_ARG_DEPS = ("poss", "nsubjpass", "dobj", "nsubj", "attr", "compound", "appos", "npadvmod")
_PREP_ARG = ("of", "for", "by")
# Links inside a noun phrase that lead from a head noun to the name it describes
# ("the album, titled 'Youth'", "a new song called 'People Pt. 2'", "the film 'Creed'"). Not a
# possessor: "Vikram Sahgal's romance" is not Sahgal (spokespeople are: see proxy_nouns).
_NAME_DEPS = ("appos", "compound", "acl", "oprd", "dobj", "nmod", "attr", "npadvmod")
_REL_PRONOUNS = ("which", "who", "that", "whom")
_COPULAS = ("be", "remain", "become", "stay")


@dataclass(frozen=True)
class Phrase:
    """A multi-word trigger: alternatives per word, gaps, and which word the event hangs on."""

    words: tuple[frozenset[str] | None, ...]  # None is a gap
    type: str
    head: int
    subjects: tuple[str, ...] | None = None  # entity types for this cue, if not its type's
    pos: str | None = None  # the part of speech its head must have ("won for", not "a win for")


@dataclass(frozen=True)
class TriggerLexicon:
    """The validated contents of ``events_triggers.json``."""

    lemmas: dict[str, str]
    verb_lemmas: dict[str, str]
    phrases: tuple[Phrase, ...]
    subject_types: dict[str, tuple[str, ...]]
    retype: dict[tuple[str, str], str]
    keep_as_modifier: frozenset[str]
    negators: frozenset[str]
    hypothetical: frozenset[str]
    work_nouns: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]
    proxy_nouns: frozenset[str]
    role_nouns: dict[str, tuple[str, ...]]
    argument_deps: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    box_office_modifiers: frozenset[str]
    determiners: frozenset[str]
    comeback_works: frozenset[str]
    comeback_markers: frozenset[str]
    collective_types: frozenset[str]
    other_kinds: dict[str, frozenset[str]]
    award_name_markers: frozenset[str]
    object_events: dict[str, str]
    # first word of a phrase -> indices of the phrases starting with it (derived, never passed)
    phrase_index: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for k, phrase in enumerate(self.phrases):
            for word in phrase.words[0] or ():  # load() refuses a leading gap
                index.setdefault(word, []).append(k)
        object.__setattr__(self, "phrase_index", {w: tuple(ks) for w, ks in index.items()})

    @classmethod
    def load(cls) -> TriggerLexicon:
        """Read and check the bundled trigger file (ConfigError when broken)."""
        raw_lemmas = lexicon.word_map(TRIGGERS_FILE, "lemmas")
        lemmas: dict[str, str] = {}
        for word, etype in raw_lemmas.items():
            _check_type(etype, f"lemma {word!r}")
            lemmas[word.lower()] = etype
        verb_lemmas: dict[str, str] = {}
        for word, etype in lexicon.word_map(TRIGGERS_FILE, "verb_lemmas").items():
            _check_type(etype, f"verb lemma {word!r}")
            verb_lemmas[word.lower()] = etype
        raw_phrases = lexicon.load_json(TRIGGERS_FILE).get("phrases")
        if not isinstance(raw_phrases, list) or not raw_phrases:
            raise ConfigError(f"{TRIGGERS_FILE}: 'phrases' is empty or not a list")
        phrases: list[Phrase] = []
        seen: set[str] = set()
        for item in raw_phrases:
            text = item.get("phrase") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip() or text in seen:
                raise ConfigError(f"{TRIGGERS_FILE}: empty or repeated phrase {item!r}")
            seen.add(text)
            etype = item.get("type")
            _check_type(etype, f"phrase {text!r}")
            words = tuple(
                None if w == GAP else frozenset(a.lower() for a in w.split("|") if a)
                for w in text.split()
            )
            n_words = sum(w is not None for w in words)
            head = item.get("head", 0)
            if not isinstance(head, int) or not 0 <= head < n_words or words[0] is None:
                raise ConfigError(f"{TRIGGERS_FILE}: bad head or leading gap in {text!r}")
            subjects = item.get("subjects")
            if subjects is not None and (
                not isinstance(subjects, list)
                or not subjects
                or not set(subjects) <= set(ENTITY_TYPES)
            ):
                raise ConfigError(f"{TRIGGERS_FILE}: bad subjects {subjects!r} in {text!r}")
            pos = item.get("pos")
            if pos is not None and pos not in ("VERB", "NOUN"):
                raise ConfigError(f"{TRIGGERS_FILE}: bad pos {pos!r} in {text!r}")
            phrases.append(
                Phrase(
                    words,
                    str(etype),
                    head,
                    tuple(subjects) if subjects is not None else None,
                    pos,
                )
            )
        raw_subjects = lexicon.word_map(TRIGGERS_FILE, "subject_types")
        subject_types: dict[str, tuple[str, ...]] = {}
        for etype, types in raw_subjects.items():
            _check_type(etype, "subject_types")
            if not isinstance(types, list) or not types or not set(types) <= set(ENTITY_TYPES):
                raise ConfigError(f"{TRIGGERS_FILE}: bad subject types for {etype!r}: {types!r}")
            subject_types[etype] = tuple(types)
        used = set(lemmas.values()) | set(verb_lemmas.values()) | {p.type for p in phrases}
        missing = used - set(subject_types)
        if missing:
            raise ConfigError(f"{TRIGGERS_FILE}: no subject_types for {sorted(missing)}")
        retype: dict[tuple[str, str], str] = {}
        for key, etype in lexicon.word_map(TRIGGERS_FILE, "retype_by_subject").items():
            old, _, ent_type = key.partition(":")
            _check_type(old, key)
            _check_type(etype, key)
            retype[(old, ent_type)] = etype
        return cls(
            lemmas=lemmas,
            verb_lemmas=verb_lemmas,
            phrases=tuple(phrases),
            subject_types=subject_types,
            retype=retype,
            keep_as_modifier=frozenset(lexicon.word_list(TRIGGERS_FILE, "keep_as_modifier")),
            negators=frozenset(w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "negators")),
            hypothetical=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "hypothetical_marks")
            ),
            work_nouns=frozenset(w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "work_nouns")),
            pronouns=_type_map("pronouns"),
            proxy_nouns=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "proxy_nouns")
            ),
            role_nouns=_type_map("role_nouns"),
            argument_deps=_argument_deps(),
            box_office_modifiers=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "box_office_modifiers")
            ),
            determiners=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "anaphoric_determiners")
            ),
            comeback_works=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "comeback_works")
            ),
            comeback_markers=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "comeback_markers")
            ),
            collective_types=_collective_types(),
            other_kinds={
                word.lower(): frozenset(m.lower() for m in mods)
                for word, mods in _other_kinds().items()
            },
            award_name_markers=frozenset(
                w.lower() for w in lexicon.word_list(TRIGGERS_FILE, "award_name_markers")
            ),
            object_events=_object_events(),
        )


def _argument_deps() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for etype, spec in lexicon.word_map(TRIGGERS_FILE, "argument_deps").items():
        _check_type(etype, "argument_deps")
        deps = spec.get("deps") if isinstance(spec, dict) else None
        preps = spec.get("preps", []) if isinstance(spec, dict) else None
        if not isinstance(deps, list) or not deps or not isinstance(preps, list):
            raise ConfigError(f"{TRIGGERS_FILE}:argument_deps: bad entry for {etype!r}: {spec!r}")
        out[etype] = (tuple(deps), tuple(preps))
    return out


def _other_kinds() -> dict[str, list[str]]:
    raw = lexicon.word_map(TRIGGERS_FILE, "not_events_with")
    for word, mods in raw.items():
        if not isinstance(mods, list) or not mods or not all(isinstance(m, str) for m in mods):
            raise ConfigError(f"{TRIGGERS_FILE}:not_events_with: bad entry for {word!r}")
    return raw


def _object_events() -> dict[str, str]:
    out: dict[str, str] = {}
    for verb, etype in lexicon.word_map(TRIGGERS_FILE, "object_events").items():
        _check_type(etype, f"object_events {verb!r}")
        out[verb.lower()] = str(etype)
    return out


def _collective_types() -> frozenset[str]:
    types = lexicon.word_list(TRIGGERS_FILE, "collective_types")
    for etype in types:
        _check_type(etype, "collective_types")
    return frozenset(types)


def _type_map(key: str) -> dict[str, tuple[str, ...]]:
    """A word -> entity types table (pronouns and role nouns that point back to a name)."""
    out: dict[str, tuple[str, ...]] = {}
    for word, types in lexicon.word_map(TRIGGERS_FILE, key).items():
        if not isinstance(types, list) or not types or not set(types) <= set(ENTITY_TYPES):
            raise ConfigError(f"{TRIGGERS_FILE}:{key}: bad entity types for {word!r}: {types!r}")
        out[word.lower()] = tuple(types)
    return out


def _check_type(etype: Any, where: str) -> None:
    if etype not in EVENT_TYPES:
        raise ConfigError(f"{TRIGGERS_FILE}: unknown event type {etype!r} ({where})")


def _forms(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


@dataclass(frozen=True)
class Trigger:
    """A matched cue: the token the event hangs on, its type, and the tokens it covers."""

    token: Token
    type: str
    start: int
    end: int
    subjects: tuple[str, ...] | None = None


def find_triggers(doc: Doc, lex: TriggerLexicon) -> list[Trigger]:
    """Every trigger in ``doc``; phrases first, then single lemmas on tokens no phrase covers."""
    found: list[Trigger] = []
    covered: set[int] = set()
    # Each token's (lemma, lower) and whether a gap may run over it, read once per doc: the
    # phrase matcher looks at most tokens many times.
    forms = [_forms(tok) for tok in doc]
    stops = [tok.is_punct and tok.tag_ != "HYPH" for tok in doc]
    first_words = lex.phrase_index
    starts = doc_ext.sentence_starts(doc)
    for n, sent_start in enumerate(starts):
        sent_end = starts[n + 1] if n + 1 < len(starts) else len(doc)
        for i in range(sent_start, sent_end):
            lemma, lower = forms[i]
            # Only the phrases whose first word this token is can match here, in file order.
            candidates = sorted({*first_words.get(lemma, ()), *first_words.get(lower, ())})
            for k in candidates:
                phrase = lex.phrases[k]
                match = _match_phrase(forms, stops, i, sent_end, phrase.words)
                if match is None or covered.intersection(match):
                    continue
                head_tok = doc[match[phrase.head]]
                if phrase.pos is not None and head_tok.pos_ != phrase.pos:
                    continue
                found.append(
                    Trigger(head_tok, phrase.type, match[0], match[-1] + 1, phrase.subjects)
                )
                covered.update(range(match[0], match[-1] + 1))
                break
    for tok in doc:
        if tok.i in covered or tok.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        lemma, lower = forms[tok.i]
        etype = None
        at_venue = any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)
        if tok.pos_ == "VERB" and not at_venue:
            # "the series premieres on Friday" is its release; "premiered at the Lido" and
            # "its premiere" are screenings
            etype = lex.verb_lemmas.get(lemma) or lex.verb_lemmas.get(lower)
        etype = etype or lex.lemmas.get(lemma) or lex.lemmas.get(lower)
        if etype is not None:
            found.append(Trigger(tok, etype, tok.i, tok.i + 1))
    found.sort(key=lambda t: t.start)
    return found


def _match_phrase(
    forms: list[tuple[str, str]],
    stops: list[bool],
    start: int,
    limit: int,
    words: tuple[frozenset[str] | None, ...],
) -> list[int] | None:
    """Token indices of the phrase's words when it matches from ``start`` (gaps excluded).

    ``forms`` holds each token's (lemma, lower form); ``stops`` the tokens a gap may not cross.
    """

    def step(pos: int, w: int) -> list[int] | None:
        if w == len(words):
            return []
        want = words[w]
        if want is None:
            for skip in range(MAX_GAP + 1):
                if pos + skip > limit:
                    break
                if skip and stops[pos + skip - 1]:
                    break  # a gap stays inside its phrase ("K-pop" is fine, a comma is not)
                rest = step(pos + skip, w + 1)
                if rest is not None:
                    return rest
            return None
        if pos >= limit or not want.intersection(forms[pos]):
            return None
        rest = step(pos + 1, w + 1)
        return None if rest is None else [pos, *rest]

    return step(start, 0)


class EventsComponent:
    """Writes ``doc._.ng_events``: typed, dated events with subjects and evidence."""

    def __init__(
        self,
        *,
        nearest_fallback: int = 4,
        year_works: bool = True,
        coreference: bool = True,
        publication_day: bool = True,
        schedules: bool = True,
    ) -> None:
        """``nearest_fallback``: when the parse gives no subject, take the closest suitable entity
        within this many tokens in the same sentence (0 turns it off). ``year_works``: read
        "2016's Suicide Squad" and "Choco Bank (2016)" as releases. ``coreference``: let "he",
        "the singer" stand for the latest fitting name of this or the previous sentence.
        ``publication_day``: an announcement told in the past tense, in a sentence with no date,
        is dated to the publication day (news reports the day's statements). ``schedules``: in an
        article with a concert trigger, read "Venue July 4 and 5; Other Venue July 11" as one
        concert per venue."""
        self.nearest_fallback = nearest_fallback
        self.year_works = year_works
        self.coreference = coreference
        self.publication_day = publication_day
        self.schedules = schedules
        self.lex: TriggerLexicon | None = None

    def initialize(self) -> None:
        """Load and validate the trigger file (done lazily on first use otherwise)."""
        if self.lex is None:
            self.lex = TriggerLexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        self.initialize()
        assert self.lex is not None
        dates: list[DateMention] = list(doc._.ng_dates or [])
        events: list[tuple[Event, int]] = []
        triggers = [t for t in find_triggers(doc, self.lex) if not self._suppressed(t.token)]
        for trig in triggers:
            for event in self._events_for(doc, trig, dates, triggers):
                events.append((event, trig.start))
        if self.year_works:
            events.extend(self._year_releases(doc, dates))
        if self.schedules and any(t.type == "concert" for t in triggers):
            events.extend(_schedule_concerts(doc, dates))
        events.sort(key=lambda e: e[1])
        dated = {d.sentence for d in dates if d.iso is not None}
        doc._.ng_events = _dedupe(_carry_ceremony_dates((e for e, _ in events), dated))
        return doc

    # --- triggers ---

    def _suppressed(self, tok: Token) -> bool:
        """Negated or conditional mentions are not events ("will not perform", "if they tour")."""
        assert self.lex is not None
        if tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
            etype = self.lex.lemmas.get(tok.lemma_.lower())
            if etype not in self.lex.keep_as_modifier:
                return True  # "his debut solo album" is an album, not a debut
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and before.is_title and before.lower_ in self.lex.award_name_markers:
            return True  # "won Best Debut": an award's name, not a debut
        if (
            tok.dep_ == "attr"
            and tok.pos_ == "NOUN"
            and self.lex.lemmas.get(tok.lemma_.lower()) == "release"
            and _clause_verb(tok).lemma_ in _COPULAS
        ):
            return True  # "it remains their best-selling release": what it is, not a happening
        kinds = self.lex.other_kinds.get(tok.lemma_.lower())
        if kinds and any(
            c.dep_ in ("compound", "amod") and c.lower_ in kinds for c in tok.children
        ):
            return True  # "the press tour" is promotion, not a concert tour
        for node in (tok, _clause_verb(tok)):
            for child in node.children:
                if child.dep_ == "neg" or (
                    child.lower_ in self.lex.negators and child.dep_ in ("advmod", "det")
                ):
                    return True  # "will not perform", "no tour", "have yet to enlist"
                if child.dep_ == "mark" and child.lower_ in self.lex.hypothetical:
                    return True
        return False

    def _events_for(
        self, doc: Doc, trig: Trigger, dates: list[DateMention], triggers: list[Trigger]
    ) -> list[Event]:
        assert self.lex is not None
        allowed = trig.subjects or self.lex.subject_types[trig.type]
        box_office = trig.type == "debut" and self._box_office(trig.token)
        if box_office:
            allowed = ("WORK",)  # "the biggest debut", "career-best debuts": a film's opening
        # A debut may be of a work (a release); widen the search for types that can be retyped.
        widened = allowed + tuple(
            t for (old, t) in self.lex.retype if old == trig.type and t not in allowed
        )
        # A record's rivals are named in asides: "the biggest debut (ahead of 2016's X)".
        skip = ("appos",) if box_office else ()
        named = _named_work(doc, trig.token) if trig.type == "debut" else None
        if named is not None:  # "her 2019 debut 'Sparrow Lane'": the film's release
            subjects = [(named, "WORK")]
        else:
            subjects = self._subjects(doc, trig, widened, fallback=False, skip_deps=skip)
        if not subjects and trig.type == "announcement":
            subjects = self._announced(doc, trig, triggers)
        if not subjects and trig.type == "release":
            work = self._with_work(doc, trig.token)  # "launched her career with the album X"
            subjects = [(work, "WORK")] if work is not None else []
        if not subjects and trig.type == "release" and self.coreference:
            artist = self._new_record_of(doc, trig)
            if artist is not None:
                trig = Trigger(trig.token, "comeback", trig.start, trig.end, trig.subjects)
                subjects = [artist]
        if not subjects and not box_office:  # a record's rivals stand near it: "ahead of X"
            subjects = self._subjects(doc, trig, widened)
        if trig.type in self.lex.collective_types:
            subjects = _as_group(doc, subjects)
        date = _date_for(doc, trig.token, dates)
        if date is None and _undated_intention(trig.token):
            return []
        date_iso, precision, date_text = (
            (date.iso, _precision(date), date.text) if date else (None, None, None)
        )
        if date is None and trig.type == "announcement" and self.publication_day:
            pub = doc._.ng_article.published if doc._.ng_article is not None else None
            sent_i = doc_ext.sentence_index(doc, trig.token.i)
            if (
                pub is not None
                and _past_tense(trig.token)
                and not any(d.sentence == sent_i for d in dates)
            ):
                date_iso, precision = pub.isoformat(), "day"
        place = self._place(doc, trig.token)
        evidence = (doc_ext.evidence_for(doc, doc[trig.start : trig.end]),)
        out: list[Event] = []
        for subject_id, subject_type in subjects:
            etype = self.lex.retype.get((trig.type, subject_type), trig.type)
            out.append(
                Event(
                    type=etype,
                    subject=subject_id,
                    date=date_iso,
                    precision=precision,
                    date_text=date_text,
                    place=place,
                    evidence=evidence,
                )
            )
            if trig.type in ("comeback", "debut") and subject_type in ("PERSON", "GROUP"):
                # "made a comeback with its EP X", "debuted with the single X": X came out then
                for work in self._with_works(doc, trig.token):
                    out.append(
                        Event(
                            type="release",
                            subject=work,
                            date=date.iso if date else None,
                            precision=_precision(date),
                            date_text=date.text if date else None,
                            evidence=evidence,
                        )
                    )
        out.extend(self._object_events(doc, trig, date, evidence))
        return out

    def _object_events(
        self,
        doc: Doc,
        trig: Trigger,
        date: DateMention | None,
        evidence: tuple[Any, ...],
    ) -> list[Event]:
        """The named work a verb acts on has its own event ("HBO renewed X": X's renewal),
        found through the object or, in "X, which HBO renewed", the relative clause's noun."""
        assert self.lex is not None
        tok = trig.token
        etype = self.lex.object_events.get(tok.lemma_.lower())
        if etype is None or tok.pos_ != "VERB":
            return []
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ == "relcl" and any(o.lower_ in _REL_PRONOUNS for o in objects):
            objects = [tok.head]
        works = [
            eid
            for obj in objects
            for eid, etype_, _ in _entities_near(doc, obj)
            if etype_ == "WORK"
        ]
        return [
            Event(
                type=etype,
                subject=work,
                date=date.iso if date else None,
                precision=_precision(date),
                date_text=date.text if date else None,
                evidence=evidence,
            )
            for work in dict.fromkeys(works)
        ]

    # --- subjects ---

    def _new_record_of(self, doc: Doc, trig: Trigger) -> tuple[str, str] | None:
        """The artist whose unnamed new record comes out ("IU's new album is to be released
        next year"): a singer's or group's new record is their comeback."""
        assert self.lex is not None
        for tok in _argument_tokens(trig.token, ("nsubjpass", "dobj", "nsubj"), ()):
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.lex.comeback_works:
                continue
            if not any(c.lower_ in self.lex.comeback_markers for c in tok.children):
                continue
            owners = [c for c in tok.children if c.dep_ == "poss"]
            # The parser may lose the possessive ("IU’s much-awaited new album"): read it off
            # the words just before the noun phrase.
            for k in range(tok.i - 1, max(tok.i - 6, 0), -1):
                if doc[k].lower_ in ("'s", "’s", "'") and k > 0:
                    owners.append(doc[k - 1])
                    break
            for owner in owners:
                near = _entities_near(doc, owner, 0) or self._antecedent(doc, owner)
                for eid, etype, _ in near:
                    if etype in ("PERSON", "GROUP"):
                        return eid, etype
        return None

    def _box_office(self, tok: Token) -> bool:
        """A debut ranked or placed in a market ("biggest", "North American"): an opening."""
        assert self.lex is not None
        return any(
            c.dep_ in ("amod", "compound", "nmod")
            and (c.tag_ == "JJS" or c.lower_ in self.lex.box_office_modifiers)
            for c in tok.children
        )

    def _announced(self, doc: Doc, trig: Trigger, triggers: list[Trigger]) -> list[tuple[str, str]]:
        """With no speaker ("it was announced that IU will release X"), an announcement is about
        the subject of the event it announces."""
        assert self.lex is not None
        for child in trig.token.children:
            if child.dep_ != "ccomp":
                continue
            inside = {t.i for t in child.subtree}
            for inner in triggers:
                if inner is trig or inner.token.i not in inside:
                    continue
                allowed = inner.subjects or self.lex.subject_types[inner.type]
                found = self._subjects(doc, inner, allowed, fallback=False)
                if found:
                    return found[:1]
        return []

    def _subjects(
        self,
        doc: Doc,
        trig: Trigger,
        allowed: tuple[str, ...],
        *,
        fallback: bool = True,
        skip_deps: tuple[str, ...] = (),
    ) -> list[tuple[str, str]]:
        """Entities the trigger is about, best type first; conjoined names give several."""
        assert self.lex is not None
        found: list[tuple[str, str, Token]] = []
        deps, preps = self.lex.argument_deps.get(trig.type, (_ARG_DEPS, _PREP_ARG))
        for tok in _argument_tokens(trig.token, deps, preps):
            if trig.start <= tok.i < trig.end and tok != trig.token:
                continue  # the award in "recipient of the Best Director Award" is no winner
            if tok.dep_ in skip_deps and tok.head == trig.token:
                continue
            near = _entities_near(doc, tok, skip=skip_deps)
            if self.coreference and not any(t in allowed for _, t, _ in near):
                # "the star of the drama X will enlist": the star, not the drama
                near = near + self._antecedent(doc, tok, allowed)
            if not near and self.coreference:
                near = self._proxy_of(doc, tok, allowed)
            if not near and self.coreference and tok.pos_ == "NOUN":
                # "the members of the boy band": the band the members belong to
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                near.extend(self._antecedent(doc, pobj))
            found.extend(near)
        # The parse order decides (a possessor beats the subject of the governing verb), the
        # type only filters: "Kai had been preparing for Exo's comeback" is Exo's comeback.
        hits = [(eid, t, tok) for eid, t, tok in found if t in allowed]
        if hits:
            first_tok = hits[0][2]
            group = [(hits[0][0], hits[0][1])]
            for eid, t, tok in hits[1:]:
                if t == hits[0][1] and _conjoined(first_tok, tok) and (eid, t) not in group:
                    group.append((eid, t))
            return group
        if fallback and self.nearest_fallback:
            closest = _nearest_entity(doc, trig, allowed, self.nearest_fallback)
            if closest is not None:
                return [closest]
        return []

    def _proxy_of(
        self, doc: Doc, tok: Token, allowed: tuple[str, ...]
    ) -> list[tuple[str, str, Token]]:
        """Who acts through an unnamed proxy: "her representatives confirmed" is her
        confirmation, "the show's official website announced" the show's announcement."""
        assert self.lex is not None
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.lex.proxy_nouns:
            return []
        for owner in (c for c in tok.children if c.dep_ == "poss"):
            near = _entities_near(doc, owner, 0) or self._antecedent(doc, owner, allowed)
            return [hit for hit in near if hit[1] in allowed]
        return []

    def _antecedent(
        self, doc: Doc, tok: Token, allowed: tuple[str, ...] | None = None
    ) -> list[tuple[str, str, Token]]:
        """Cheap coreference: "he", "the singer", "the band" -> the latest fitting name before it
        in this or the previous sentence ("the band", "the agency": anywhere before it, since an
        article rarely names more than one or two groups or companies). ``allowed``: the entity
        types the caller can use ("its premiere" looks back for a work, not a company)."""
        assert self.lex is not None
        types = self.lex.pronouns.get(tok.lower_) if tok.pos_ == "PRON" else None
        if types is not None and allowed is not None:
            types = tuple(t for t in types if t in allowed) or None
        if types is not None:
            # "the band, which made their debut": a pronoun inside a relative clause first
            # points to the noun the clause describes.
            verb = _clause_verb(tok)
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                described = _entities_near(doc, verb.head) or self._antecedent(doc, verb.head)
                fitting = [hit for hit in described if hit[1] in types]
                if fitting or self._role_types(verb.head):
                    return fitting
        if (
            types is None
            and tok.pos_ == "NOUN"
            and any(
                (c.dep_ == "det" and c.lower_ in self.lex.determiners) or c.dep_ == "poss"
                for c in tok.children
            )
        ):
            types = self._role_types(tok)
            if types is not None and allowed is not None:
                types = tuple(t for t in types if t in allowed) or None
            # "this video" after "her comeback music video": a name ending in the same noun.
            same_head = [
                m
                for m in doc_ext.mentions(doc)
                if m.end <= tok.i
                and m.kb_id_
                and m.label_ in (types or ())
                and (m[-1].lower_ == tok.lower_ or _described_as(doc, m, tok.lemma_.lower()))
            ]
            if same_head:
                return [(same_head[-1].kb_id_, same_head[-1].label_, doc[same_head[-1].start])]
        if not types:
            return []
        sent_i = doc_ext.sentence_index(doc, tok.i)
        first = doc_ext.sentence_span(doc, max(0, sent_i - 1)).start
        if tok.pos_ == "NOUN" and set(types) <= {"GROUP", "ORG", "EVENT"}:
            first = 0
        candidates = [
            m
            for m in doc_ext.mentions(doc)
            if first <= m.start and m.end <= tok.i and m.kb_id_ and m.label_ in types
        ]
        if not candidates and tok.pos_ == "PRON":
            return self._through_role_noun(doc, tok, first, types)
        if not candidates:
            return []
        # Salience: the latest name that was a grammatical subject, else the latest name.
        subjects = [m for m in candidates if _is_subject(m.root)]
        best = (subjects or candidates)[-1]
        return [(best.kb_id_, best.label_, doc[best.start])]

    def _through_role_noun(
        self, doc: Doc, tok: Token, first: int, types: tuple[str, ...]
    ) -> list[tuple[str, str, Token]]:
        """A pronoun whose antecedent is itself a description: in "The film, which stars X,
        took $17m. Analysts credited its premiere", "its" is the film, and the film is the
        title named before it."""
        for noun in reversed(doc[first : tok.i]):
            if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
                continue
            role = self._role_types(noun)
            if role and set(role) & set(types):
                return self._antecedent(doc, noun, types)
        return []

    def _role_types(self, tok: Token) -> tuple[str, ...] | None:
        """The entity types a role noun stands for ("the boy group" -> GROUP), if it is one."""
        assert self.lex is not None
        compound = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound")
        types = self.lex.role_nouns.get(f"{compound} {tok.lower_}".strip())
        return types or self.lex.role_nouns.get(tok.lower_)

    def _place(self, doc: Doc, tok: Token) -> str | None:
        for node in (tok, _clause_verb(tok)):
            for prep in node.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("at", "in", "on"):
                    continue
                for pobj in prep.children:
                    span = doc_ext.mention_at(doc, pobj.i)
                    if span is not None and span.label_ == "PLACE" and span.kb_id_:
                        return span.kb_id_
        return None

    def _with_work(self, doc: Doc, tok: Token) -> str | None:
        """The WORK in "made a comeback with its EP 'X'" / "returned with 'X'"."""
        works = self._with_works(doc, tok)
        return works[0] if works else None

    def _with_works(self, doc: Doc, tok: Token) -> list[str]:
        """Every WORK of the "with" phrase, conjoined ones too ("with the album X and its
        title track 'Y'")."""
        for node in (tok, _clause_verb(tok)):
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    found: list[str] = []
                    # the parser hangs a listed second title on the object, its name, or (a
                    # noun phrase after the phrase, even tagged as a verb) on the verb itself
                    parts = [
                        t
                        for pobj in prep.children
                        for t in (pobj, *pobj.children)
                        if t == pobj or t.dep_ in ("conj", "appos")
                    ]
                    parts += [c for p in parts for c in p.children if c.dep_ == "conj"]
                    parts += [
                        c
                        for c in node.children
                        if c.dep_ == "conj"
                        and c.i > prep.i
                        and any(d.dep_ in ("poss", "det") for d in c.children)
                    ]
                    for part in dict.fromkeys(parts):
                        for eid, etype, _ in _entities_near(doc, part):
                            if etype == "WORK" and eid not in found:
                                found.append(eid)
                    if found:
                        return found
        return []

    def _year_releases(self, doc: Doc, dates: list[DateMention]) -> list[tuple[Event, int]]:
        """ "2016's Suicide Squad", "the 1996 book Mind Hunter", "Choco Bank (2016)"."""
        assert self.lex is not None
        out: list[tuple[Event, int]] = []
        for dm in dates:
            if dm.precision != "year" or dm.iso is None:
                continue
            span = doc.char_span(dm.start_char, dm.end_char, alignment_mode="expand")
            if span is None:
                continue
            work: Span | None = None
            after = span.end
            if after < len(doc) and doc[after].lower_ in ("'s", "’s", "'"):
                after += 1
            while after < len(doc) and doc[after].is_quote:
                after += 1
            # up to two describing words: "the 1996 book X", "2019's animated film X"
            k, words = after, 0
            while k < len(doc) and words <= 2:
                if doc[k].is_quote:  # "the 2022 hit 'Natsu'": quotes open the title
                    k += 1
                    continue
                m = doc_ext.mention_at(doc, k)
                if m is not None:
                    work = m if m.label_ == "WORK" else None
                    break
                if doc[k].pos_ not in ("ADJ", "NOUN") and doc[k].lower_ not in self.lex.work_nouns:
                    break
                k, words = k + 1, words + 1
            before = span.start - 2
            while before >= 0 and doc[before].is_quote:
                before -= 1
            if work is None and before >= 0 and doc[span.start - 1].text in ("(", "["):
                m = doc_ext.mention_at(doc, before)
                if m is not None and m.label_ == "WORK":
                    work = m
            if work is None or not work.kb_id_:
                continue
            event = Event(
                type="release",
                subject=work.kb_id_,
                date=dm.iso,
                precision="year",
                date_text=dm.text,
                evidence=(doc_ext.evidence_for(doc, work),),
            )
            out.append((event, span.start))
        return out


# --- parse helpers ---


def _clause_verb(tok: Token) -> Token:
    """The verb heading ``tok``'s clause (``tok`` itself when it is a verb)."""
    node, steps = tok, 0
    while node.pos_ not in ("VERB", "AUX") and node.head != node and steps < 6:
        node = node.head
        steps += 1
    return node if node.pos_ in ("VERB", "AUX") else tok


def _argument_tokens(
    trigger: Token, arg_deps: tuple[str, ...], preps: tuple[str, ...]
) -> Iterable[Token]:
    """Tokens that may name the trigger's participant, most telling first."""
    seen: set[int] = set()

    def own(node: Token) -> Iterable[Token]:
        kids = list(node.children)
        for dep in arg_deps:
            for child in kids:
                if child.dep_ != dep:
                    continue
                if (
                    dep in ("nsubj", "nsubjpass")
                    and child.lower_ in _REL_PRONOUNS
                    and node.dep_ == "relcl"
                ):
                    yield node.head  # "Kulkarni, who won the award": Kulkarni won it
                yield child
        for child in kids:
            if (child.dep_ == "prep" and child.lower_ in preps) or (
                child.dep_ == "agent" and "by" in preps
            ):
                yield from (g for g in child.children if g.dep_ == "pobj")

    def subjects_of(verb: Token) -> Iterable[Token]:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
                    described = verb.head
                    if described.dep_ == "attr":
                        # "RM and V are the members who have yet to enlist": the members are
                        # the copula's subject.
                        yield from (c for c in described.head.children if c.dep_ == "nsubj")
                    yield described
                else:
                    yield child

    def walk() -> Iterable[Token]:
        yield from own(trigger)
        if (
            trigger.dep_ in ("appos", "attr", "conj")
            and trigger.pos_ == "NOUN"
            and trigger.head != trigger
        ):
            yield trigger.head  # "Um Tae-hwa, recipient of the award"
        node = trigger
        # climb: noun -> its verb ("made a comeback"), xcomp/conj -> the verb with the subject
        for _ in range(4):
            if node.head == node:
                break
            own_subject = any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _REL_PRONOUNS
                for c in node.children
            )
            if (
                node.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
                and (node.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or own_subject)
            ):
                break  # a finite clause with its own subject: do not look further up
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                yield from subjects_of(node)
                if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                    yield node.head
            elif node.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("pobj",):
                yield node

    for tok in walk():
        if tok.i not in seen:
            seen.add(tok.i)
            yield tok


def _entities_near(
    doc: Doc, tok: Token, depth: int = 3, *, skip: tuple[str, ...] = ()
) -> list[tuple[str, str, Token]]:
    """The entity named at ``tok``, or inside its noun phrase (appositions, "titled X");
    ``skip``: dependency links not to follow."""
    span = doc_ext.mention_at(doc, tok.i)
    if span is not None and span.kb_id_:
        found = [(span.kb_id_, span.label_, tok)]
    else:
        found = []
        if depth > 0:
            for child in tok.children:
                if child.dep_ in skip:
                    continue
                if child.dep_ in _NAME_DEPS or (
                    child.dep_ == "prep" and child.lower_ in ("for", "of")
                ):
                    for grand in [child] if child.dep_ != "prep" else child.children:
                        found.extend(_entities_near(doc, grand, depth - 1, skip=skip))
            return found
    for child in tok.children:
        if child.dep_ == "conj":
            found.extend(_entities_near(doc, child, 0))
        elif child.dep_ == "appos" and depth > 0:
            # "SEOUL – K-pop idol Kai ...": a dateline's place with the subject in apposition
            found.extend(_entities_near(doc, child, depth - 1))
    return found


def _named_work(doc: Doc, tok: Token) -> str | None:
    """The work a trigger noun names in apposition ("her debut 'Sparrow Lane'", "his debut
    album, Blue Hour"): the noun stands for that work, not for its maker's event."""
    if tok.pos_ != "NOUN":
        return None
    k = tok.i + 1
    while k < len(doc) and k - tok.i <= 3 and (doc[k].is_quote or doc[k].text == ","):
        k += 1
    after = doc_ext.mention_at(doc, k) if k < len(doc) else None
    if after is not None and after.label_ == "WORK" and after.kb_id_:
        return str(after.kb_id_)
    return None


def _described_as(doc: Doc, mention: Span, lemma: str) -> bool:
    """Whether the text introduced ``mention`` with the noun ``lemma`` ("the action sequel
    Chakravyuh 2", "the drama, 'Moonlight'"), so that "the sequel" later points back to it."""
    k = mention.start - 1
    while k >= 0 and (doc[k].is_quote or doc[k].text == ","):
        k -= 1
    if k >= 0 and doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() == lemma:
        return True
    head = mention.root.head
    return mention.root.dep_ == "appos" and head.pos_ == "NOUN" and head.lemma_.lower() == lemma


def _is_subject(tok: Token) -> bool:
    """A clause subject, or the name in apposition to one ("IU's agency, EDAM, said")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.dep_ in ("appos", "compound") and tok.head.dep_ in ("nsubj", "nsubjpass")


def _conjoined(a: Token, b: Token) -> bool:
    """Whether ``b`` is in a coordination with ``a`` ("RM, Jimin and Jungkook")."""
    node = b
    for _ in range(8):
        if node == a:
            return True
        if node.dep_ != "conj" or node.head == node:
            break
        node = node.head
    return node == a or (a.dep_ == "conj" and _conjoined(b, a))


def _nearest_entity(
    doc: Doc, trig: Trigger, allowed: tuple[str, ...], window: int
) -> tuple[str, str] | None:
    sent_i = doc_ext.sentence_index(doc, trig.token.i)
    sent = doc_ext.sentence_span(doc, sent_i)
    best: tuple[int, int, str, str] | None = None
    for span in doc_ext.mentions(doc):
        if span.start < sent.start or span.end > sent.end or span.label_ not in allowed:
            continue
        if not span.kb_id_:
            continue
        dist = min(abs(span.start - trig.start), abs(span.end - 1 - trig.start))
        if dist > window:
            continue
        lo, hi = sorted((span.start, trig.start))
        if any(t.is_quote and not _around(doc, span, t.i) for t in doc[lo:hi]):
            continue  # '"... from a concert," Aoyagi said': a quote's words are not the speaker's
        key = (allowed.index(span.label_), dist, span.kb_id_, span.label_)
        if best is None or key < best:
            best = key
    return (best[2], best[3]) if best else None


def _around(doc: Doc, span: Span, i: int) -> bool:
    """Whether the quote mark at ``i`` is one of a pair around ``span`` ('"Afterimage,"' quotes
    a title; a speech quote closing just before a speaker's name does not)."""
    before = span.start - 1 >= 0 and doc[span.start - 1].is_quote
    after = next((k for k in (span.end, span.end + 1) if k < len(doc) and doc[k].is_quote), None)
    return before and after is not None and i in (span.start - 1, after)


def _date_for(doc: Doc, tok: Token, dates: list[DateMention]) -> DateMention | None:
    """The date of the trigger's sentence that hangs on its clause, else the nearest one."""
    sent_i = doc_ext.sentence_index(doc, tok.i)
    same = [d for d in dates if d.sentence == sent_i]
    if not same:
        return None
    anchors = {tok.i, _clause_verb(tok).i}
    attached: list[tuple[int, DateMention]] = []
    nearest: list[tuple[int, DateMention]] = []
    for dm in same:
        span = doc.char_span(dm.start_char, dm.end_char, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("nummod", "compound", "amod") and root.head.pos_ == "PROPN":
            continue  # "the 2023 Asia Artist Awards": part of a name, not when it happened
        dist = min(abs(span.start - tok.i), abs(span.end - 1 - tok.i))
        node, steps = span.root, 0
        while node.head != node and steps < 6:
            node = node.head
            steps += 1
            if node.i in anchors:
                attached.append((dist, dm))
                break
            if node.pos_ in ("VERB", "AUX") and node.i not in anchors:
                break
        if _same_clause(_clause_verb(span.root), _clause_verb(tok)):
            nearest.append((dist, dm))  # not a date of some other, embedded clause
    pool = attached or nearest
    if not pool:
        return None
    pool.sort(key=lambda p: (p[1].iso is None, p[0]))
    return pool[0][1]


def _undated_intention(tok: Token) -> bool:
    """An infinitive hanging on a noun with no date ("the rush to release the sequel", "a
    wish to tour Europe") names an aim, not something that happened or is scheduled."""
    return (
        tok.pos_ == "VERB"
        and tok.dep_ == "acl"
        and tok.head.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
    )


def _same_clause(date_verb: Token, trig_verb: Token) -> bool:
    """Whether a date under ``date_verb`` can date an event under ``trig_verb``: the same verb, a
    verb above it, or one below reached only through subject-less verbs ("was to happen in 2023",
    "..., earning $162m over the weekend"), never a clause with its own subject."""
    if date_verb == trig_verb:
        return True
    if date_verb in trig_verb.ancestors:
        # A reported clause keeps its own time: in "the makers announced on Sunday that the
        # song, out since its release, has crossed 100 million views" Sunday dates only the
        # announcing.
        node = trig_verb
        while node != date_verb and node.head != node:
            if node.dep_ in ("ccomp", "parataxis"):
                return False
            node = node.head
        return True
    if date_verb.pos_ not in ("VERB", "AUX"):
        return True
    node = date_verb
    for _ in range(5):
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return False
        if node.head == node:
            return False
        node = node.head
        if node == trig_verb:
            return True
    return False


def _past_tense(tok: Token) -> bool:
    """Whether the trigger's clause is told in the past ("confirmed", "has announced")."""
    verb = _clause_verb(tok)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "would", "may", "might") for a in aux):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(a.lemma_ in ("have", "be") for a in aux)


def _schedule_concerts(doc: Doc, dates: list[DateMention]) -> list[tuple[Event, int]]:
    """A tour schedule ("Principality Stadium July 4 and 5; Heaton Park July 11", "opens in
    Accra on May 2 and moves to Lagos on May 9"): a sentence where at least two venues are each
    directly followed by a date gives a concert per venue."""
    by_start: dict[int, DateMention] = {}
    for dm in dates:
        span = doc.char_span(dm.start_char, dm.end_char, alignment_mode="expand")
        if span is not None and dm.iso is not None and dm.precision in ("day", "month"):
            by_start[span.start] = dm
    pairs: dict[int, list[tuple[Span, DateMention]]] = {}
    for span in doc_ext.mentions(doc):
        if span.label_ != "PLACE" or not span.kb_id_:
            continue
        nxt = span.end
        if nxt < len(doc) and doc[nxt].text in (":", "-", "–", ",", "on"):
            nxt += 1  # "Toronto on March 28, Chicago on the 30th" reads as a schedule too
        following = by_start.get(nxt)
        if following is not None:
            pairs.setdefault(doc_ext.sentence_index(doc, span.start), []).append((span, following))
    out: list[tuple[Event, int]] = []
    for found in pairs.values():
        if len(found) < 2:
            continue
        for span, dm in found:
            event = Event(
                type="concert",
                subject=span.kb_id_,
                date=dm.iso,
                precision=_precision(dm),
                date_text=dm.text,
                place=span.kb_id_,
                evidence=(doc_ext.evidence_for(doc, span),),
            )
            out.append((event, span.start))
    return out


def _as_group(doc: Doc, subjects: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A comeback or concert by a whole line-up ("Jinwoo, Minhyuk, Eli and Riku will return")
    is the group's: three or more people, all members of one group named in the article."""
    people = {eid for eid, etype in subjects if etype == "PERSON"}
    if len(people) < 3 or len(people) != len(subjects):
        return subjects
    groups: dict[str, set[str]] = {}
    for rel in doc._.ng_relations or []:
        if rel.p == "member_of" and rel.s in people:
            groups.setdefault(rel.o, set()).add(rel.s)
    whole = [g for g, members in groups.items() if members == people]
    return [(whole[0], "GROUP")] if len(whole) == 1 else subjects


def _carry_ceremony_dates(
    events: Iterable[Event], dated: set[int], window: int = 3, quiet_window: int = 8
) -> list[Event]:
    """A ceremony report dates the night once and then lists the winners: an undated award
    within ``window`` sentences after a dated one was given the same night, and so is one up to
    ``quiet_window`` sentences on when no sentence in between (``dated``: the sentences holding
    a resolved date) names another date."""
    out: list[Event] = []
    last: Event | None = None
    for event in events:
        if event.type == "award" and event.evidence:
            if event.date is not None:
                last = event
            elif last is not None and last.evidence:
                here, there = event.evidence[0].sentence, last.evidence[0].sentence
                gap = here - there
                quiet = not any(there < k <= here for k in dated)
                if 0 <= gap <= window or (0 < gap <= quiet_window and quiet):
                    event = replace(event, date=last.date, precision=last.precision)
                    last = event  # the list of winners goes on
        out.append(event)
    return out


def _precision(dm: DateMention | None) -> Any:
    if dm is None or dm.iso is None:
        return None
    return dm.precision


def _date_rank(event: Event) -> int:
    """A date the text states (2) beats a publication-day default (1) beats none (0)."""
    if event.date is None:
        return 0
    return 2 if event.date_text is not None else 1


def _dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per (type, subject): the first with a date, else the first."""
    kept: dict[tuple[str, str | None], Event] = {}
    order: list[tuple[str, str | None]] = []
    for event in events:
        key = (event.type, event.subject)
        if key not in kept:
            kept[key] = event
            order.append(key)
            continue
        old = kept[key]
        if _date_rank(event) > _date_rank(old) or (
            _date_rank(event) == _date_rank(old)
            and event.date is not None
            and old.date is not None
            and len(event.date) > len(old.date)
            and event.date.startswith(old.date)
        ):
            kept[key] = event  # dated beats undated; "2025-07-04" refines "2025"
    return [kept[k] for k in order]


@Language.factory(
    "newsgraph_events_v1",  # spaCy 3.8 forbids "." in factory names (E853)
    assigns=["doc._.ng_events"],
    requires=["doc._.ng_entities", "doc._.ng_dates", "doc._.ng_relations"],
    default_config={
        "nearest_fallback": 4,
        "year_works": True,
        "coreference": True,
        "publication_day": True,
        "schedules": True,
    },
)
def make_events(
    nlp: Language,
    name: str,
    nearest_fallback: int,
    year_works: bool,
    coreference: bool,
    publication_day: bool,
    schedules: bool,
) -> EventsComponent:
    return EventsComponent(
        nearest_fallback=nearest_fallback,
        year_works=year_works,
        coreference=coreference,
        publication_day=publication_day,
        schedules=schedules,
    )


__all__ = ["EventsComponent", "Trigger", "TriggerLexicon", "find_triggers"]
