"""The "why": explanations the text gives for a decision, action or outcome (``doc._.ng_reasons``).

Cue words from ``data/reasons_cues.json`` anchor each reason (motives: "influenced by", "out of
love for"; causes: "because", "due to", "led to", causal "after"; purposes: "in order to", the
purpose infinitive "went on hiatus to undergo surgery"), and the dependency parse cuts the two
sides: the cause is the subtree of the cue's object or clause, the effect is the clause the cue
hangs from, minus the cause. Some reasons span sentences: "So, ..." and "That's why ..." take the
previous sentence as the cause, and "Two factors led to X. First, ... Secondly, ..." gives one
reason per enumerated sentence. Other patterns: "..., saying/citing X" after a decision verb,
"when X" after a reaction ("fans lost hope when ..."), "by doing X", "X's decision was part of
Y", "takes its title from X", "as someone who has loved X", a cleft "it was after X that ...".

Reasons without a cue word come from motive frames: a sentence that raises the question ("the
actors shared their reasons for choosing the drama", "asked why she took the role") opens a
frame, and each quoted sentence after it that says what appealed ("I found the script
captivating") becomes a motive of the quote's speaker; a quote opened in the question's own
sentence ('Asked why ..., she said: "..."') answers it whatever it says.

Each reason names its agent (the entity doing or undergoing the effect), and who states it: the
speaker when it sits in a quotation, the subject of a speech verb governing it ("he admitted
that ..."), or None when the writer does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import Evidence, Quote, Reason
from newsgraph.nlp import doc_ext
from newsgraph.nlp.quotes import (
    SpeechLexicon,
    checked_list,
    clause_subject,
    load_strict_json,
    np_entity,
    paragraph_bounds,
    quote_at,
    quote_chars,
    speaker_of_verb,
    speech_lexicon,
)

CUES_FILE = "reasons_cues.json"
KINDS = ("motive", "cause", "purpose")
# A safety cap on rendered causes and effects; they are cut at clause boundaries first.
MAX_WORDS = 30
# A cause taken from a neighbouring sentence keeps its last clause when longer than this.
CLAUSE_WORDS = 18
# How many sentences an announced enumeration ("Two factors led to ...") stays open.
ENUMERATION_REACH = 10
# How many sentences of a quote opened by the question ("Asked why ..., she said: '...'") answer it.
DIRECT_ANSWER_SENTENCES = 3
# How many paragraphs a motive frame ("shared her reasons for joining") may reach.
FRAME_REACH = 10

_LEADING_DROP = {
    "the", "a", "an", "and", "but", "or", "that", "so", "because", "as", "since", "then",
    "which", "also", "however", "in", "part", "of",
}  # fmt: skip
_CLAUSE_BREAKERS = {
    "which",
    "whose",
    "who",
    "whom",
    "where",
    "while",
    "whereas",
    "but",
    "although",
    "though",
}
# "so far", "so much": "so" as a degree word, not a connector
_SO_DEGREE = {"far", "much", "many", "long", "often", "well", "soon", "little", "few", "very"}
_DASHES = {";", "—", "–", "(", ")", "[", "]"}
_QUOTE_CHARS = '"“”'
_ENTITY_AGENT_TYPES = {"PERSON", "GROUP", "ORG"}
# "it's a movie I find hard to watch": a thing, never the agent of a decision
_NEUTER_SUBJECTS = {"it", "this", "that", "these", "those", "there"}
_DEMONSTRATIVES = {"that", "this", "it", "which", "what"}
_POSSESSIVE_WORDS = {"his", "her", "their", "its", "my", "our", "your"}


@dataclass(frozen=True)
class ReasonCues:
    """The validated cue lexicon (see ``data/reasons_cues.json``)."""

    prepositions: dict[tuple[str, ...], str]
    motive_nouns: frozenset[str]
    subordinators: dict[str, str]
    passive_cues: dict[str, str]
    cause_verbs: dict[str, str]
    credit_verbs: dict[str, str]
    down_to_verbs: frozenset[str]
    role_verbs: dict[str, frozenset[str]]
    reason_nouns: frozenset[str]
    plain_adjectives: frozenset[str]
    generic_words: frozenset[str]
    after_heads: frozenset[str]
    after_objects: frozenset[str]
    after_perceptions: frozenset[str]
    for_heads: frozenset[str]
    for_reason_nouns: frozenset[str]
    purpose_xcomp_heads: frozenset[str]
    purpose_object_heads: frozenset[str]
    purpose_blocked_heads: frozenset[str]
    participle_motives: frozenset[str]
    result_connectors: tuple[tuple[str, ...], ...]
    enumeration_markers: tuple[tuple[str, ...], ...]
    motive_complement_preps: frozenset[str]
    justifying_participles: frozenset[str]
    justified_heads: frozenset[str]
    reaction_heads: frozenset[str]
    reaction_objects: frozenset[str]
    emotion_adjectives: frozenset[str]
    decision_nouns: frozenset[str]
    naming_participles: frozenset[str]
    title_nouns: frozenset[str]
    title_verbs: frozenset[str]
    origin_verbs: frozenset[str]
    origin_nouns: frozenset[str]
    identity_nouns: frozenset[str]
    frame_nouns: frozenset[str]
    frame_question_verbs: frozenset[str]
    appeal_words: frozenset[str]
    appeal_excluded: frozenset[str]
    plan_nouns: frozenset[str]
    refutations: tuple[str, ...]


def _kind_map(data: dict[str, Any], key: str) -> dict[str, str]:
    raw = data.get(key)
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"data map {CUES_FILE}:{key} is empty or not a mapping")
    out: dict[str, str] = {}
    for cue, value in raw.items():
        if not isinstance(cue, str) or not cue.strip() or not isinstance(value, str):
            raise ConfigError(f"data map {CUES_FILE}:{key} holds a bad entry {cue!r}")
        if cue.lower() in out:
            raise ConfigError(f"data map {CUES_FILE}:{key} repeats {cue!r}")
        out[cue.lower()] = value
    return out


def _checked_kinds(mapping: dict[str, str], key: str) -> dict[str, str]:
    bad = {k: v for k, v in mapping.items() if v not in KINDS}
    if bad:
        raise ConfigError(f"data map {CUES_FILE}:{key} has unknown kinds {bad}")
    return mapping


def _phrases(items: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Multiword phrases as word tuples, longest first so that the longest cue wins."""
    split = [tuple(re.findall(r"[\w’']+|[^\w\s]", p)) for p in items]
    return tuple(sorted(split, key=len, reverse=True))


@cache
def reason_cues() -> ReasonCues:
    """The bundled cue lexicon, validated (cached). Raises ConfigError when it is broken."""
    data = load_strict_json(CUES_FILE)

    def words(key: str) -> frozenset[str]:
        return frozenset(checked_list(data, key, CUES_FILE))

    preps = _checked_kinds(_kind_map(data, "prepositions"), "prepositions")
    slots = _kind_map(data, "cause_verbs")
    bad_slots = {k: v for k, v in slots.items() if v not in {"to", "in", "obj", "complement"}}
    if bad_slots:
        raise ConfigError(f"data map {CUES_FILE}:cause_verbs has unknown slots {bad_slots}")
    roles_raw = data.get("role_verbs")
    if not isinstance(roles_raw, dict) or not roles_raw:
        raise ConfigError(f"data map {CUES_FILE}:role_verbs is empty or not a mapping")
    roles = {
        verb.lower(): frozenset(checked_list(roles_raw, verb, f"{CUES_FILE}:role_verbs"))
        for verb in roles_raw
    }
    return ReasonCues(
        prepositions={tuple(k.split()): v for k, v in preps.items()},
        motive_nouns=words("motive_nouns"),
        subordinators=_checked_kinds(_kind_map(data, "subordinators"), "subordinators"),
        passive_cues=_checked_kinds(_kind_map(data, "passive_cues"), "passive_cues"),
        cause_verbs=slots,
        credit_verbs=_kind_map(data, "credit_verbs"),
        down_to_verbs=words("down_to_verbs"),
        role_verbs=roles,
        reason_nouns=words("reason_nouns"),
        plain_adjectives=words("plain_adjectives"),
        generic_words=words("generic_cause_words"),
        after_heads=words("after_heads"),
        after_objects=words("after_objects"),
        after_perceptions=words("after_perceptions"),
        for_heads=words("for_heads"),
        for_reason_nouns=words("for_reason_nouns"),
        purpose_xcomp_heads=words("purpose_xcomp_heads"),
        purpose_object_heads=words("purpose_object_heads"),
        purpose_blocked_heads=words("purpose_blocked_heads"),
        participle_motives=words("participle_motives"),
        result_connectors=_phrases(checked_list(data, "result_connectors", CUES_FILE)),
        enumeration_markers=_phrases(checked_list(data, "enumeration_markers", CUES_FILE)),
        motive_complement_preps=words("motive_complement_preps"),
        justifying_participles=words("justifying_participles"),
        justified_heads=words("justified_heads"),
        reaction_heads=words("reaction_heads"),
        reaction_objects=words("reaction_objects"),
        emotion_adjectives=words("emotion_adjectives"),
        decision_nouns=words("decision_nouns"),
        naming_participles=words("naming_participles"),
        title_nouns=words("title_nouns"),
        title_verbs=words("title_verbs"),
        origin_verbs=words("origin_verbs"),
        origin_nouns=words("origin_nouns"),
        identity_nouns=words("identity_nouns"),
        frame_nouns=words("frame_nouns"),
        frame_question_verbs=words("frame_question_verbs"),
        appeal_words=words("appeal_words"),
        appeal_excluded=words("appeal_excluded_sentence_words"),
        plan_nouns=words("plan_nouns"),
        refutations=checked_list(data, "refutations", CUES_FILE),
    )


# --- spans and text -----------------------------------------------------------------------------


@dataclass
class _Found:
    """A reason before it is rendered: token ranges and the clause it explains."""

    kind: str
    cue: str
    cue_i: int
    cause: tuple[int, int]
    effect_head: Token | None = None
    effect: tuple[int, ...] | None = None
    agent_np: Token | None = None
    cause_sentence: int | None = None
    attributed_verb: Token | None = None
    effect_text: str | None = None
    agent: str | None = None
    preset_agent: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def cut_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shorten a cause/effect range at the first clause break (relative clause, dash, line)."""
    start = max(0, start)
    end = min(len(doc), end)
    for i in range(start, end):
        token = doc[i]
        words = i - start
        if "\n" in token.text or (token.text in _DASHES and words >= 1):
            return start, i
        if token.text == "," and words >= 3 and i + 1 < end:
            nxt = doc[i + 1]
            if nxt.lower_ in _CLAUSE_BREAKERS or nxt.text in _QUOTE_CHARS or nxt.lower_ == "and":
                return start, i
        if token.text == ":" and words >= 3:
            return start, i
    return start, end


def render(doc: Doc, indices: list[int] | tuple[int, ...] | range) -> str:
    """Text of the tokens, in order, trimmed: no leading glue words, edge punctuation or quotes."""
    ordered = sorted(set(indices))
    parts: list[str] = []
    for n, i in enumerate(ordered):
        token = doc[i]
        if token.is_space:
            continue
        glue = token.whitespace_ if n + 1 < len(ordered) and ordered[n + 1] == i + 1 else " "
        parts.append(token.text + glue)
    text = "".join(parts)
    text = re.sub(r"[\"“”]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?’'])", r"\1", text)
    words = text.split(" ")
    while words and (
        words[0].lower().strip(",.;:!?") in _LEADING_DROP or not re.search(r"\w", words[0])
    ):
        words = words[1:]
    if len(words) > MAX_WORDS:
        # cut at the last clause boundary (a comma or semicolon) inside the cap
        breaks = [i for i, w in enumerate(words[:MAX_WORDS]) if w.endswith((",", ";")) and i >= 3]
        words = words[: breaks[-1] + 1] if breaks else words[:MAX_WORDS]
    return " ".join(words).strip(" ,.;:!?-—–'‘’")


def tail_clause(doc: Doc, start: int, end: int, limit: int = CLAUSE_WORDS) -> tuple[int, int]:
    """The last clause of ``doc[start:end]`` when the range is longer than ``limit`` tokens.

    Used where a neighbouring sentence is the cause ("..., so ...", "So, ..."): the part after
    its last comma, semicolon or dash that is at least four tokens long; else the whole range.
    """
    if end - start <= limit:
        return start, end
    stop = end
    while stop > start and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    for i in range(stop - 4, start, -1):
        if doc[i].text in {",", ";", ":", "—", "–"} and 4 <= stop - i - 1 <= limit:
            return i + 1, end
    return start, end


def _is_generic(cues: ReasonCues, doc: Doc, start: int, end: int) -> bool:
    """True for causes that only announce reasons ("two key factors")."""
    root = doc[start:end].root
    np_start, np_end = _np_range(root)
    lo, hi = max(start, np_start), min(end, np_end)
    content = [t for t in doc[lo:hi] if t.is_alpha and not t.is_stop]
    if not content:
        # "someone who has loved jazz": the head is empty, the clause says it all
        content = [t for t in doc[start:end] if t.is_alpha and not t.is_stop]
    if not content:
        return True
    return all(t.lemma_.lower() in cues.generic_words or t.like_num for t in content)


def _entity_type(doc: Doc, token_i: int) -> str | None:
    span = doc_ext.mention_at(doc, token_i)
    return span.label_ if span is not None else None


def _first_entity_in(doc: Doc, indices: list[int]) -> str | None:
    for i in sorted(indices):
        if _entity_type(doc, i) in {"PERSON", "GROUP"}:
            return doc_ext.entity_at(doc, i)
    return None


def _np_range(token: Token, drop: set[str] | None = None) -> tuple[int, int]:
    """The noun phrase of ``token`` without trailing clauses (relative clauses, participles)."""
    drop = drop or {"relcl", "acl", "advcl"}
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in drop:
            break
        end = child.right_edge.i + 1
    return token.left_edge.i, end


def _is_amount(token: Token) -> bool:
    """A noun phrase that gives a figure ("an average of 6.1 million viewers", "$5m")."""
    return any(
        t.like_num or t.ent_type_ in {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
        for t in token.subtree
    )


def _reports(verb: Token, token: Token) -> bool:
    """True when ``token`` sits in what the speech verb reports, not in a clause beside it.

    "She said the team chose Kochi because ..." reports the reason; "the agency had asked fans
    to stay away, so only a handful came" does not: the "so" clause hangs from "asked" as an
    adverbial. The parser also hangs a reported clause's adverbials on the speech verb, so an
    adverbial after the verb's reported clause still counts.
    """
    child = token
    while child.head.i != verb.i and child.head.i != child.i:
        child = child.head
    if child.dep_ in {"ccomp", "xcomp", "parataxis", "dobj", "attr"}:
        return True
    return any(c.dep_ == "ccomp" and c.i < token.i for c in verb.children)


# --- the matchers ---------------------------------------------------------------------------------


def _clause_head(token: Token) -> Token:
    """The verb (or root) of the clause a cue word hangs from."""
    current = token.head
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT" or current.head.i == current.i:
            return current
        current = current.head
    return current


def _object_range(doc: Doc, cue_tokens: list[Token]) -> tuple[int, int] | None:
    """Everything the multiword cue governs to its right (its object's subtree)."""
    last = cue_tokens[-1].i
    right = -1
    for token in cue_tokens:
        for child in token.children:
            if child.i > last:
                right = max(right, child.right_edge.i)
    if right <= last:
        return None
    return last + 1, right + 1


# The words some cue readers start from (their lower-case form or lemma); ``_Matcher.run`` only
# calls such a reader on a token that has one of them.
_FOR = frozenset({"for"})
_AFTER = frozenset({"after", "following"})
_WHEN = frozenset({"when", "whenever"})
_PART = frozenset({"part"})
_BY = frozenset({"by"})
_AS = frozenset({"as"})
_SO = frozenset({"so"})
_PURPOSE_MODALS = frozenset({"could", "can", "would", "might", "will"})
_WHY = frozenset({"why"})

_CueReader = Callable[[Token], Iterator[_Found]]


class _Matcher:
    """Finds reason candidates in one doc with the cue lexicon."""

    def __init__(self, doc: Doc, cues: ReasonCues) -> None:
        self.doc = doc
        self.cues = cues
        self.speech = speech_lexicon()
        # the words a multiword preposition can start with: most tokens start none
        self._preposition_starts = frozenset(phrase[0] for phrase in cues.prepositions)
        # Every cue reader, in the order its findings are kept, with what a token needs for the
        # reader to find anything: one of the words (as lower-case form or lemma; None: any
        # word), and whether it must be a verb. Most tokens need no reader at all.
        self._readers: tuple[tuple[_CueReader, frozenset[str] | None, bool], ...] = (
            (self._prepositions, self._preposition_starts, False),
            (self._subordinator, frozenset(cues.subordinators) | _SO, False),
            (self._passive, None, False),
            (self._cause_verb, frozenset(cues.cause_verbs) | frozenset(cues.role_verbs), True),
            (self._reason_noun, cues.reason_nouns, False),
            (self._causal_for, _FOR, False),
            (self._causal_after, _AFTER, False),
            (self._purpose_infinitive, None, False),
            (self._participle, cues.participle_motives, False),
            (self._so_clause, _SO, False),
            (self._why_clause, _WHY, False),
            (self._justifying, cues.justifying_participles, False),
            (self._reaction_when, _WHEN, False),
            (self._part_of, _PART, False),
            (self._by_means, _BY, False),
            (
                self._origin,
                cues.title_verbs | cues.naming_participles | cues.origin_verbs,
                True,
            ),
            (self._as_identity, _AS, False),
            (self._credit, frozenset(cues.credit_verbs), True),
            (self._down_to, cues.down_to_verbs, False),
            (self._emotion, cues.emotion_adjectives, False),
        )

    def run(self) -> Iterator[_Found]:
        doc = self.doc
        for token in doc:
            word, lemma = token.lower_, token.lemma_.lower()
            verb = token.pos_ == "VERB"
            for reader, words, verbs_only in self._readers:
                if words is not None and word not in words and lemma not in words:
                    continue
                if verbs_only and not verb:
                    continue
                yield from reader(token)
        for sent_i in range(len(doc_ext.sentence_starts(doc))):
            yield from self._connector(sent_i)

    # Multiword prepositions: "due to X", "in order to V", "out of love for X".
    def _prepositions(self, token: Token) -> Iterator[_Found]:
        doc = self.doc
        word = token.lower_
        if word not in self._preposition_starts:
            return
        for phrase, kind in self.cues.prepositions.items():
            n = len(phrase)
            if word != phrase[0] or token.i + n > len(doc):
                continue
            if tuple(t.lower_ for t in doc[token.i : token.i + n]) != phrase:
                continue
            cue_tokens = list(doc[token.i : token.i + n])
            obj = _object_range(doc, cue_tokens)
            if obj is None:
                obj = (token.i + n, _subtree_range(doc[token.i + n - 1])[1])
                if obj[1] <= obj[0]:
                    return
            head_noun = doc[obj[0] : obj[1]].root
            if phrase == ("out", "of") and head_noun.lemma_.lower() not in self.cues.motive_nouns:
                return
            if phrase == ("as", "part", "of") and (
                head_noun.lemma_.lower() not in self.cues.plan_nouns
            ):
                return  # "released as part of the announcement" is context, not a reason
            obj = self._with_complement(*obj)
            yield _Found(
                kind=kind,
                cue=" ".join(phrase),
                cue_i=token.i,
                cause=cut_span(doc, *obj),
                effect_head=_clause_head(token),
            )
            return

    def _with_complement(self, start: int, end: int) -> tuple[int, int]:
        """A motive noun keeps its object: "admiration" + "for Yoon Da-eun".

        The parser often hangs the "for X" of "out of admiration for X" on the verb; when the
        cause ends in a motive noun and such a preposition follows it, the cause takes it in.
        """
        doc = self.doc
        if end >= len(doc) or end <= start:
            return start, end
        root = doc[start:end].root
        nxt = doc[end]
        if (
            root.lemma_.lower() in self.cues.motive_nouns
            and nxt.lower_ in self.cues.motive_complement_preps
            and nxt.dep_ == "prep"
            and not start <= nxt.head.i < end
        ):
            return start, nxt.right_edge.i + 1
        return start, end

    # "because ...", causal "since ...", ", as ...", "so that ...".
    def _subordinator(self, token: Token) -> Iterator[_Found]:
        doc = self.doc
        word = token.lower_
        kind: str | None = None
        cue = word
        if word == "so" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "that":
            kind = self.cues.subordinators.get("so that")
            cue = "so that"
            marker = doc[token.i + 1]
        elif word == "so":
            yield from self._so_could(token)
            return
        else:
            kind = self.cues.subordinators.get(word)
            marker = token
        if kind is None or marker.dep_ != "mark":
            return
        clause = marker.head
        if clause.dep_ == "conj":
            # "because A, and because B": B explains what the first "because" clause explains
            first = self._earlier_clause(clause, word)
            if first is None:
                return
            head = first.head
        elif clause.dep_ in {"advcl", "ccomp"}:
            head = clause.head
        else:
            return
        if word == "since" and not self._causal_since(clause, head):
            return
        if word == "as" and not self._causal_as(token, clause, head):
            return
        end = clause.right_edge.i + 1
        start = self._past_aside(marker.i + 1, token.sent.end)
        if start >= end:  # the parser took the aside for the whole clause
            end = token.sent.end
        if end - start < 2:
            return
        yield _Found(
            kind=kind, cue=cue, cue_i=token.i, cause=cut_span(doc, start, end), effect_head=head
        )
        yield from self._conjoined_causes(clause, kind, cue, head)

    def _so_could(self, token: Token) -> Iterator[_Found]:
        """ "planned a third season so the story could end there": "so" (no "that") opening a
        clause with a modal states the purpose of the verb before it."""
        doc = self.doc
        clause = token.head
        if token.i == 0 or doc[token.i - 1].text == "," or clause.i <= token.i:
            return
        if not any(c.dep_ == "aux" and c.lower_ in _PURPOSE_MODALS for c in clause.children):
            return
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            return
        sent = token.sent
        head = next((t for t in reversed(doc[sent.start : token.i]) if t.pos_ == "VERB"), None)
        kind = self.cues.subordinators.get("so that")
        if head is None or kind is None:
            return
        end = clause.right_edge.i + 1
        while end > token.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_quote):
            end -= 1
        yield _Found(
            kind=kind,
            cue="so",
            cue_i=token.i,
            cause=cut_span(doc, token.i + 1, end),
            effect_head=head,
        )

    def _past_aside(self, start: int, end: int) -> int:
        """Where a cause starts once a speech aside is skipped: in "because, she wrote on X,
        the label never paid her", the cause is what she wrote, not her writing it."""
        doc = self.doc
        if start >= end or doc[start].text != ",":
            return start
        close = next((t.i for t in doc[start + 1 : end] if t.text == ","), None)
        if close is None or close + 1 >= end:
            return start
        if any(t.lemma_.lower() in self.speech.verbs for t in doc[start + 1 : close]):
            return close + 1
        return start

    def _earlier_clause(self, clause: Token, word: str) -> Token | None:
        """The adverbial clause opened by an earlier ``word`` ("because") in the sentence."""
        for t in self.doc[clause.sent.start : clause.i]:
            if t.lower_ == word and t.dep_ == "mark" and t.head.dep_ in {"advcl", "ccomp"}:
                return t.head
        return None

    def _conjoined_causes(
        self, clause: Token, kind: str, cue: str, head: Token
    ) -> Iterator[_Found]:
        """ "because I grew up by the sea, and her loneliness felt like mine": a second cause.

        A conjoined clause with a subject of its own, and no marker of its own (a second
        "because" is read by itself), is a second explanation of the same effect.
        """
        for conj in clause.children:
            if conj.dep_ != "conj" or conj.pos_ not in {"VERB", "AUX"} or conj.i < clause.i:
                continue
            if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children):
                continue
            if any(c.dep_ == "mark" for c in conj.children):
                continue
            cc = next((c for c in clause.children if c.dep_ == "cc" and c.i < conj.i), None)
            start = conj.left_edge.i
            yield _Found(
                kind=kind,
                cue=cue,
                cue_i=cc.i if cc is not None else start,
                cause=cut_span(self.doc, start, conj.right_edge.i + 1),
                effect_head=head,
            )

    @staticmethod
    def _causal_since(clause: Token, head: Token) -> bool:
        """ "since" is temporal after a perfect ("has been ... since") or with a date."""
        chain = [head, *head.ancestors]
        perfect = any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ != "MD"
            for h in chain
            for c in h.children
        )
        dated = any(t.ent_type_ in {"DATE", "TIME"} for t in clause.subtree)
        ever = any(c.lower_ == "ever" for c in clause.children)
        return not (perfect or dated or ever)

    def _causal_as(self, token: Token, clause: Token, head: Token) -> bool:
        """ "as" is causal when its clause follows the main clause after a comma."""
        doc = self.doc
        if token.i == 0 or doc[token.i - 1].text != "," or clause.i < head.i:
            return False
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children):
            return False  # "as reported by ...", "as translated by ..."
        return nxt is not None and nxt.lower_ not in {"well", "soon", "long", "far", "if", "though"}

    # "was influenced by X", "driven by his love for ...", "prompted by a brawl".
    def _passive(self, token: Token) -> Iterator[_Found]:
        if token.dep_ != "agent":
            return
        verb = token.head
        kind = self.cues.passive_cues.get(verb.lemma_.lower())
        if kind is None:
            return
        objs = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
        if not objs:
            return
        end = objs[0].right_edge.i + 1
        found = _Found(
            kind=kind,
            cue=f"{verb.text.lower()} by",
            cue_i=token.i,
            cause=cut_span(self.doc, *self._with_complement(token.i + 1, end)),
            effect_head=verb,
        )
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
            found.effect = tuple(range(*cut_span(self.doc, *_subtree_range(subject))))
            found.agent_np = subject
        elif subject is None and verb.dep_ in {"acl", "advcl"}:
            found.effect_head = verb.head
        yield found

    # "X led to Y", "X prompted Y", "that's what made me want ...", "X played a role in Y".
    def _cause_verb(self, token: Token) -> Iterator[_Found]:
        if token.pos_ != "VERB":
            return
        lemma = token.lemma_.lower()
        slot = self.cues.cause_verbs.get(lemma)
        if slot is None and lemma not in self.cues.role_verbs:
            return  # neither a causing verb nor a role verb: nothing below can match
        children = list(token.children)
        if any(c.dep_ in {"auxpass", "agent", "nsubjpass"} for c in children):
            return
        effect: tuple[int, int] | None = None
        effect_np: Token | None = None
        if lemma in self.cues.role_verbs:
            dobj = next((c for c in children if c.dep_ == "dobj"), None)
            if dobj is not None and dobj.lemma_.lower() in self.cues.role_verbs[lemma]:
                prep = next((c for c in dobj.children if c.lower_ == "in"), None) or next(
                    (c for c in children if c.lower_ == "in"), None
                )
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
                if pobj is not None:
                    effect, effect_np = _subtree_range(pobj), pobj
        elif slot in {"to", "in"}:
            if any(c.dep_ == "dobj" for c in children):
                return
            prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == slot), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
            if pobj is not None:
                effect, effect_np = _subtree_range(pobj), pobj
            elif slot == "to":
                # the parser reads "led to regret" as an infinitive
                comp = next((c for c in children if c.dep_ == "xcomp" and c.i > token.i), None)
                if comp is not None and any(a.lower_ == "to" for a in comp.children):
                    effect, effect_np = _subtree_range(comp), None
        elif slot == "obj":
            dobj = next((c for c in children if c.dep_ == "dobj"), None)
            if dobj is not None and _is_amount(dobj):
                return  # "the season drew 6.1 million viewers": a figure, not an outcome
            if dobj is not None:
                effect, effect_np = _subtree_range(dobj), dobj
                comp = next((c for c in children if c.dep_ in {"xcomp", "ccomp"}), None)
                if comp is not None and comp.i > dobj.i:
                    effect = (effect[0], comp.right_edge.i + 1)
        elif slot == "complement":
            comp = next((c for c in children if c.dep_ in {"xcomp", "ccomp", "oprd"}), None)
            dobj = next((c for c in children if c.dep_ == "dobj"), None)
            if comp is not None and comp.i > token.i:
                begin = dobj.left_edge.i if dobj is not None else comp.left_edge.i
                effect = (begin, comp.right_edge.i + 1)
                effect_np = clause_subject(comp) if comp.pos_ in {"VERB", "AUX"} else dobj
                if effect_np is None:
                    effect_np = dobj
            elif dobj is not None and self._decision_subject(token):
                # "Seola's casting helped the drama overseas": a decision helps its object
                effect, effect_np = _subtree_range(dobj), dobj
        if effect is None:
            return
        cause = self._cause_subject(token)
        if cause is None:
            return
        found = _Found(
            kind="cause",
            cue=token.text.lower(),
            cue_i=token.i,
            cause=cut_span(self.doc, *cause),
            effect=tuple(range(*cut_span(self.doc, *effect))),
            agent_np=effect_np,
            effect_head=token,
        )
        yield found

    def _decision_subject(self, verb: Token) -> bool:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lemma_.lower() in self.cues.decision_nouns

    def _cause_subject(self, verb: Token) -> tuple[int, int] | None:
        """The causing phrase: the verb's subject, its antecedent, or the "with X ..." phrase."""
        doc = self.doc
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subject is None:
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                # "with V's respect for A and his love for B contributing to the success"
                current = verb.head
                for _ in range(6):
                    if current.dep_ == "pobj" and current.head.lower_ == "with":
                        return current.left_edge.i, verb.i
                    current = current.head
            if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "NOUN":
                # "Two factors led to ..." misread as a noun phrase with a participle
                return verb.head.left_edge.i, verb.i
            return None
        if subject.dep_ == "csubj":
            return _subtree_range(subject)
        if _entity_type(doc, subject.i) in _ENTITY_AGENT_TYPES:
            return None  # a named person or company acts; it is an agent, not a cause
        if subject.lemma_.lower() in self.speech.roles:
            return None  # "the agency delayed the album": a role noun stands for an agent
        word = subject.lower_
        if word in {"that", "which", "who"} and verb.dep_ == "relcl":
            noun = verb.head
            if noun.lemma_.lower() in self.cues.reason_nouns:
                return None  # "the factor that drew V ..." is read by _reason_noun
            if _entity_type(doc, noun.i) in _ENTITY_AGENT_TYPES:
                return self._which_antecedent(subject, noun)
            return _np_range(noun)
        if word in _DEMONSTRATIVES:
            return self._antecedent(subject)
        if subject.pos_ == "PRON":
            return None
        return _subtree_range(subject)

    def _which_antecedent(self, which: Token, name: Token) -> tuple[int, int] | None:
        """ "a legal battle with X, which has caused ...": ", which" after a name that ends a
        phrase points back to the phrase ("battle"), not to the name (a person does not fit)."""
        doc = self.doc
        if which.lower_ != "which" or which.i == 0 or doc[which.i - 1].text != ",":
            return None
        current = name
        for _ in range(5):
            if current.head.i == current.i:
                return None
            current = current.head
            if current.dep_ == "prep" or current.pos_ == "ADP":
                continue
            if current.pos_ == "NOUN" and _entity_type(doc, current.i) is None:
                return current.left_edge.i, which.i - 1
            if current.pos_ in {"VERB", "AUX"}:
                return None
        return None

    def _antecedent(self, pronoun: Token) -> tuple[int, int] | None:
        """What "that/this/which" points back to: the clause before it, or the last sentence."""
        doc = self.doc
        sent = pronoun.sent
        anchor = pronoun
        # climb to the clause that holds the pronoun (e.g. "that" in "that's what made me")
        while (
            anchor.head.i != anchor.i
            and anchor.head.i >= sent.start
            and anchor.dep_
            not in {
                "conj",
                "ROOT",
            }
        ):
            if anchor.head.i < pronoun.i and anchor.dep_ != "nsubj":
                break
            anchor = anchor.head
        left = anchor.left_edge.i if anchor.dep_ == "conj" else pronoun.i
        # text before the pronoun's clause, back to the sentence start, minus a joining "and"/","
        end = left
        while end > sent.start and doc[end - 1].lower_ in {",", "and", "but", "so"}:
            end -= 1
        if end - sent.start >= 3:
            return sent.start, end
        index = doc_ext.sentence_index(doc, sent.start)
        if index == 0:
            return None
        prev = doc_ext.sentence_span(doc, index - 1)
        if "\n" in doc[prev.start : sent.start].text.strip(" "):
            return None
        return prev.start, prev.end

    # "A significant factor that drew V to the project was his admiration ...".
    def _reason_noun(self, token: Token) -> Iterator[_Found]:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.cues.reason_nouns:
            return
        if any(c.lower_ in {"no", "not", "any"} for c in token.children):
            return
        head = token.head
        if head.lemma_ != "be":
            # the parser sometimes hangs "was simple" on the noun as a relative clause
            head = next((c for c in token.children if c.lemma_ == "be" and c.dep_ == "relcl"), head)
            if head.lemma_ != "be" or self._announced(head) is None:
                return
        if any(c.dep_ == "neg" for c in head.children):
            return
        cause_tok: Token | None = None
        if token.dep_ == "nsubj":
            cause_tok = next((c for c in head.children if c.dep_ in {"attr", "ccomp"}), None)
        elif token.dep_ == "attr":
            cause_tok = next((c for c in head.children if c.dep_ in {"nsubj", "csubj"}), None)
        cause: tuple[int, int] | None
        if cause_tok is None:
            cause = self._announced(head) if token.dep_ in {"nsubj", "ROOT"} else None
        elif cause_tok.lower_ in _DEMONSTRATIVES:
            cause = self._antecedent(cause_tok)
        elif cause_tok.dep_ == "ccomp":
            cause = (cause_tok.left_edge.i, cause_tok.right_edge.i + 1)
        else:
            cause = _subtree_range(cause_tok)
        if cause is None:
            return
        clause = next(
            (
                c
                for c in token.children
                if (c.dep_ in {"relcl", "acl"} and c.i != head.i) or c.lower_ in {"for", "behind"}
            ),
            None,
        )
        effect = tuple(range(*_subtree_range(clause))) if clause is not None else None
        yield _Found(
            kind="motive" if token.lemma_.lower() in {"motivation", "motive"} else "cause",
            cue=token.lemma_.lower(),
            cue_i=token.i,
            cause=cut_span(self.doc, *cause),
            effect=effect,
            effect_head=clause if clause is not None and clause.pos_ in {"VERB", "AUX"} else head,
        )

    def _announced(self, be: Token) -> tuple[int, int] | None:
        """ "The reason was simple: ...": what follows the colon, in the sentence or the next."""
        doc = self.doc
        if not any(
            c.dep_ == "acomp" and c.lemma_.lower() in self.cues.plain_adjectives
            for c in be.children
        ):
            return None
        sent = be.sent
        colon = next((t for t in doc[be.i : sent.end] if t.text == ":"), None)
        start = colon.i + 1 if colon is not None else sent.end
        while start < len(doc) and (doc[start].is_space or doc[start].text in _QUOTE_CHARS):
            start += 1
        if start >= len(doc):
            return None
        end = doc[start].sent.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return (start, end) if end - start >= 3 else None

    # "praised for X", "criticised IU for using ...", "for safety reasons".
    def _causal_for(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _FOR or token.dep_ != "prep":
            return
        obj = next((c for c in token.children if c.dep_ in {"pobj", "pcomp"}), None)
        if obj is None:
            return
        head = token.head
        reasons_noun = obj.lemma_.lower() in self.cues.for_reason_nouns
        verb = head if head.pos_ in {"VERB", "AUX"} else _clause_head(token)
        # "received praise from fans for ...", "take legal action against X for ..."
        named = {head.lemma_.lower(), verb.lemma_.lower()} | {
            c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"
        }
        if not named & self.cues.for_heads and not reasons_noun:
            return
        if obj.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"}:
            return
        if _entity_type(self.doc, obj.i) is not None:
            return  # "praise for IU": whom, not why
        end = obj.right_edge.i + 1
        yield _Found(
            kind="cause",
            cue="for",
            cue_i=token.i,
            cause=cut_span(self.doc, token.i + 1, end),
            effect_head=_clause_head(token) if head.pos_ not in {"VERB", "AUX"} else head,
        )

    # Causal "after"/"following": with a consequence verb or an eventive cause noun.
    def _causal_after(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _AFTER or token.dep_ not in {"prep", "mark"}:
            return
        if token.dep_ == "mark":
            obj = token.head
            head = obj.head
            start, end = token.i + 1, obj.right_edge.i + 1
        else:
            found = next((c for c in token.children if c.dep_ in {"pobj", "pcomp"}), None)
            if found is None:
                return
            obj = found
            head = _clause_head(token)
            start, end = token.i + 1, obj.right_edge.i + 1
            if any(c.dep_ == "nummod" for c in obj.children) and obj.pos_ == "NOUN":
                return  # "canceled after two seasons": a count of time, not a cause
            verb = self._stray_verb(obj, head)
            if verb is not None:  # "after her label, X, reached a deal": the clause is cut off
                obj, end = verb, verb.right_edge.i + 1
        doc = self.doc
        sent = token.sent
        if any(c.dep_ == "npadvmod" and c.i < token.i for c in [*obj.children, *token.children]):
            return  # "a day after", "two weeks after": a measured interval is a timeline
        if head.lemma_ == "be" and any(
            c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in head.children
        ):
            # cleft: "it was after overcoming X that he realized Y"
            that = next((t for t in doc[token.i + 2 : sent.end] if t.lower_ == "that"), None)
            if that is not None and that.i - token.i >= 2:
                verb = next((t for t in doc[that.i + 1 : sent.end] if t.pos_ == "VERB"), None)
                yield _Found(
                    kind="cause",
                    cue=token.lower_,
                    cue_i=token.i,
                    cause=(token.i + 1, that.i),
                    effect=tuple(range(that.i + 1, sent.end)),
                    effect_head=verb,
                )
                return
        nouns = {obj.lemma_.lower()} | {
            c.lemma_.lower() for c in obj.children if c.dep_ in {"dobj", "nsubj", "pobj"}
        }
        heads = {head.lemma_.lower()} | {
            c.lemma_.lower()
            for c in head.children
            if c.dep_ in {"ccomp", "relcl", "advcl"} and c.i != obj.i
        }
        # "picked her after hearing the cover": what someone saw or heard moves them to act
        perceived = obj.lemma_.lower() in self.cues.after_perceptions and head.lemma_ != "be"
        if not (heads & self.cues.after_heads or nouns & self.cues.after_objects or perceived):
            return
        yield _Found(
            kind="cause",
            cue=token.lower_,
            cue_i=token.i,
            cause=cut_span(doc, start, end),
            effect_head=head,
        )
        # "after they teased X, and reports that Y": a second, conjoined cause
        if end + 2 < sent.end and doc[end].text == "," and doc[end + 1].lower_ == "and":
            second = doc[end + 2]
            if second.lower_ in self.cues.after_objects or second.lemma_ in self.cues.after_objects:
                stop = sent.end
                while stop > second.i and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
                    stop -= 1
                yield _Found(
                    kind="cause",
                    cue=token.lower_,
                    cue_i=second.i,
                    cause=cut_span(doc, second.i, stop),
                    effect_head=head,
                )

    def _stray_verb(self, obj: Token, head: Token) -> Token | None:
        """The verb the parser split from an "after" phrase's subject ("after her former label,
        Sunwave Records, reached a settlement"): a subjectless verb conjoined to the head with
        no "and", right after the phrase and an optional name in commas."""
        doc = self.doc
        k = obj.right_edge.i + 1
        while k < obj.sent.end and (doc[k].text == "," or doc[k].pos_ == "PROPN"):
            k += 1
        if k >= obj.sent.end or k == obj.right_edge.i + 1:
            return None
        verb = doc[k]
        if verb.dep_ != "conj" or verb.head != head or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            return None
        return verb

    # "went on hiatus to undergo surgery", "aims to deliver happiness", "hired X to work with Y".
    def _purpose_infinitive(self, token: Token) -> Iterator[_Found]:
        if token.tag_ != "VB":
            return
        to = next((c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is None or to.i != token.left_edge.i:
            return
        doc = self.doc
        if to.i >= 2 and doc[to.i - 2 : to.i].text.lower() in {"in order", "so as"}:
            return
        head = token.head
        lemma = head.lemma_.lower()
        if any(c.lower_ in {"too", "enough"} for c in head.subtree if c.i < to.i):
            return
        dep = token.dep_
        ok = False
        went_on = any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children)
        if dep == "advcl" and head.pos_ == "VERB" and lemma not in self.cues.purpose_blocked_heads:
            ok = not went_on  # "went on to say" continues, it does not aim
        elif dep == "xcomp" and lemma in self.cues.purpose_xcomp_heads:
            ok = True
        elif dep == "xcomp" and lemma in self.cues.naming_participles and head.dep_ == "acl":
            # "appeared on a show titled X to promote Y": the infinitive belongs to the clause
            head = _clause_head(head.head)
            ok = head.pos_ == "VERB" and head.lemma_.lower() not in self.cues.purpose_blocked_heads
        elif dep == "xcomp" and lemma in self.cues.purpose_object_heads:
            ok = any(c.dep_ == "dobj" for c in head.children)
        elif dep in {"acl", "relcl"} and head.head.lemma_.lower() in self.cues.purpose_object_heads:
            ok = head.dep_ == "dobj"
            head = head.head
        if not ok:
            return
        start, end = to.i, token.right_edge.i + 1
        for child in token.rights:
            if child.lower_ in {"after", "because", "due", "following", "since", "as"}:
                end = min(end, child.i)
        yield _Found(
            kind="purpose",
            cue="to",
            cue_i=to.i,
            cause=cut_span(doc, start, end),
            effect_head=head,
        )

    # "Knowing that IU scouted the composer, V found ...", "Confident in her voice, she ...".
    def _participle(self, token: Token) -> Iterator[_Found]:
        doc = self.doc
        if token.lemma_.lower() not in self.cues.participle_motives:
            return  # checked first: finding the token's sentence costs more
        sent = token.sent
        first = sent.start
        while first < sent.end and (doc[first].is_space or doc[first].is_punct):
            first += 1
        if token.i != first:
            return
        if token.tag_ not in {"VBG", "VBN", "JJ"}:
            return
        end = token.right_edge.i + 1
        if end >= sent.end or doc[end].text != "," or token.head.i == token.i:
            return
        if token.lower_ == "having" and token.head.i == token.i:
            return
        head = token.head
        yield _Found(
            kind="motive",
            cue=token.lower_,
            cue_i=token.i,
            cause=cut_span(doc, token.i, end),
            effect_head=head,
        )

    # "quit the band in 2009, saying he could not go on", "cancelled the tour, citing fatigue".
    def _justifying(self, token: Token) -> Iterator[_Found]:
        if token.tag_ != "VBG" or token.lemma_.lower() not in self.cues.justifying_participles:
            return
        head = token.head
        if token.dep_ not in {"advcl", "conj", "xcomp"} or head.i == token.i:
            return
        if head.lemma_.lower() not in self.cues.justified_heads:
            return
        target = next(
            (c for c in token.children if c.dep_ in {"ccomp", "dobj"} and c.i > token.i), None
        )
        if target is None:
            return
        yield _Found(
            kind="cause",
            cue=token.lower_,
            cue_i=token.i,
            cause=cut_span(self.doc, *_subtree_range(target)),
            effect_head=head,
            attributed_verb=token,
        )

    # "fans started to give up hope when the streamers declined", "fans cheered when ...".
    def _reaction_when(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _WHEN or token.dep_ != "advmod":
            return
        clause = token.head
        if clause.dep_ != "advcl" or clause.head.i == clause.i:
            return
        main = clause.head
        lemmas = {main.lemma_.lower()} | {
            c.lemma_.lower() for c in main.children if c.dep_ in {"acomp", "xcomp", "oprd"}
        }
        objects = {c.lemma_.lower() for c in main.children if c.dep_ == "dobj"}
        if not (lemmas & self.cues.reaction_heads or objects & self.cues.reaction_objects):
            return
        end = clause.right_edge.i + 1
        yield _Found(
            kind="cause",
            cue=token.lower_,
            cue_i=token.i,
            cause=cut_span(self.doc, token.i + 1, end),
            effect_head=main,
        )

    # "Fox's decision to cancel the series was likely part of its restructuring process".
    def _part_of(self, token: Token) -> Iterator[_Found]:
        if token.lemma_.lower() not in _PART or token.dep_ != "attr":
            return
        be = token.head
        if be.lemma_ != "be":
            return
        subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lemma_.lower() not in self.cues.decision_nouns:
            return
        if not any(c.lower_ == "of" for c in token.children):
            return
        doc = self.doc
        stop = be.right_edge.i + 1
        while stop > token.i and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
            stop -= 1
        yield _Found(
            kind="cause",
            cue="part of",
            cue_i=token.i,
            cause=cut_span(doc, token.i, stop),
            effect=tuple(range(*_subtree_range(subject))),
            agent_np=subject,
            effect_head=be,
        )

    # "showed his passion by wrapping up filming early": the means explains the outcome.
    def _by_means(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _BY or token.dep_ != "prep":
            return
        obj = next(
            (c for c in token.children if c.dep_ in {"pcomp", "pobj"} and c.tag_ == "VBG"), None
        )
        if obj is None:
            return
        head = token.head if token.head.pos_ in {"VERB", "AUX"} else _clause_head(token)
        if head.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "auxpass" for c in head.children):
            return
        yield _Found(
            kind="cause",
            cue="by",
            cue_i=token.i,
            cause=cut_span(self.doc, token.i + 1, obj.right_edge.i + 1),
            effect_head=head,
        )

    # "the EP takes its title from the term X", "named after her grandmother",
    # "the album started off from the thought ...".
    def _origin(self, token: Token) -> Iterator[_Found]:
        if token.pos_ != "VERB":
            return
        doc = self.doc
        lemma = token.lemma_.lower()
        cues = self.cues
        if not (
            lemma in cues.title_verbs
            or lemma in cues.naming_participles
            or lemma in cues.origin_verbs
        ):
            return  # no origin cue: nothing below can match
        children = list(token.children)
        prep: Token | None = None
        if lemma in self.cues.title_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.cues.title_nouns for c in children
        ):
            prep = next((c for c in children if c.lower_ == "from" and c.dep_ == "prep"), None)
        elif lemma in self.cues.naming_participles and token.tag_ == "VBN":
            prep = next((c for c in children if c.lower_ == "after" and c.dep_ == "prep"), None)
        elif lemma in self.cues.origin_verbs:
            prep = next((c for c in children if c.lower_ == "from" and c.dep_ == "prep"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
            if pobj is None or pobj.lemma_.lower() not in self.cues.origin_nouns:
                prep = None
        if prep is None or not any(c.dep_ == "pobj" for c in prep.children):
            return
        sent = token.sent
        stop = sent.end
        while stop > prep.i and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
            stop -= 1
        stop = min(stop, prep.right_edge.i + 1) if lemma not in self.cues.origin_verbs else stop
        quote = quote_at(doc, prep.i)
        if quote is not None:  # the cause ends with the quotation it sits in
            qend = quote_chars(doc, quote)[1]
            stop = next((t.i for t in doc[prep.i : stop] if t.idx >= qend), stop)
        if doc[stop - 1].text in _QUOTE_CHARS or doc[stop - 1].is_punct:
            stop -= 1
        yield _Found(
            kind="cause",
            cue=f"{token.lower_} {prep.lower_}",
            cue_i=prep.i,
            cause=(prep.i + 1, max(prep.i + 2, stop)),
            effect_head=token,
        )

    # "As a person who has loved band music since I was young, I find this choice natural."
    def _as_identity(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _AS or token.dep_ != "prep" or token.head.i < token.i:
            return
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in self.cues.identity_nouns:
            return
        relcl = next((c for c in pobj.children if c.dep_ == "relcl"), None)
        if relcl is None:
            return
        # a lasting trait ("who has loved", "who loves"), not an event ("who debuted in 2015")
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in relcl.children)
        if not perfect and relcl.tag_ not in {"VBZ", "VBP"}:
            return
        yield _Found(
            kind="motive",
            cue="as someone who",
            cue_i=token.i,
            cause=cut_span(self.doc, token.i + 1, relcl.right_edge.i + 1),
            effect_head=token.head,
        )

    # "Analysts credited the strong start to word of mouth", "the delay was blamed on rain".
    def _credit(self, token: Token) -> Iterator[_Found]:
        if token.pos_ != "VERB":
            return
        wanted = self.cues.credit_verbs.get(token.lemma_.lower())
        if wanted is None:
            return
        effect_np = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if effect_np is None or effect_np.lower_ in _DEMONSTRATIVES:
            return
        # the parser hangs "to X" on the verb or on its object
        holders = [token, effect_np] if effect_np.dep_ == "dobj" else [token]
        preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
        prep = next((c for c in preps if c.lower_ == wanted and c.i > token.i), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if (
            prep is None
            or pobj is None
            or _entity_type(self.doc, pobj.i) in _ENTITY_AGENT_TYPES
            or pobj.lemma_.lower() in self.speech.roles
        ):
            return  # "credited the song to Salim-Anand / the wrong singer": authorship
        # the cause runs on through the phrases after it ("to word of mouth from its premiere")
        end = pobj.right_edge.i + 1
        for child in sorted(preps, key=lambda c: c.i):
            if child.i == end:
                end = child.right_edge.i + 1
        more = self._more_preps(prep)
        if more:
            end = min(end, more[0].i - (self.doc[more[0].i - 1].lower_ in {"and", ","}))
            last = more[-1].right_edge.i + 1
        else:
            last = end
        effect = tuple(i for i in range(*_np_range(effect_np)) if not prep.i <= i < last)
        cue = f"{token.lower_} {wanted}"
        for start, stop in [(prep.i + 1, end), *((m.i + 1, m.right_edge.i + 1) for m in more)]:
            yield _Found(
                kind="cause",
                cue=cue,
                cue_i=prep.i,
                cause=cut_span(self.doc, start, stop),
                effect=effect,
                agent_np=effect_np,
                effect_head=token,
            )

    def _more_preps(self, prep: Token) -> list[Token]:
        """The same preposition again, conjoined later in the sentence ("credited it to X and to
        Y", "came down to X, which fell, and to Y"): each opens one more cause."""
        return [
            t
            for t in self.doc[prep.i + 1 : prep.sent.end]
            if t.lower_ == prep.lower_
            and t.dep_ == "conj"
            and t.i > 0
            and self.doc[t.i - 1].lower_ in {"and", ","}
        ]

    # "the decision came down to ratings", "the delay was down to the weather".
    def _down_to(self, token: Token) -> Iterator[_Found]:
        down = next((c for c in token.children if c.lower_ == "down"), None)
        if down is None or down.dep_ not in {"prt", "advmod"}:
            return
        prep = next(
            (c for h in (token, down) for c in h.children if c.dep_ == "prep" and c.lower_ == "to"),
            None,
        )
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if prep is None or subject is None or subject.lower_ in _DEMONSTRATIVES:
            return
        pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
        if pobj is None:
            return
        more = self._more_preps(prep)
        end = pobj.right_edge.i + 1
        if more:
            end = min(end, more[0].i - (self.doc[more[0].i - 1].lower_ in {"and", ","}))
        effect = tuple(range(*_np_range(subject)))
        for start, stop in [(prep.i + 1, end), *((m.i + 1, m.right_edge.i + 1) for m in more)]:
            yield _Found(
                kind="cause",
                cue="down to",
                cue_i=prep.i,
                cause=cut_span(self.doc, start, stop),
                effect=effect,
                agent_np=subject,
                effect_head=token,
            )

    # "I'm sorry I can't stand next to everyone", "she was proud that the film won".
    def _emotion(self, token: Token) -> Iterator[_Found]:
        feelings = self.cues.emotion_adjectives
        if token.lemma_.lower() not in feelings and token.lower_ not in feelings:
            return
        if token.dep_ == "acomp":
            be = token.head
        elif token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
            be = token  # "fans were thrilled that ...": the participle heads its clause
        else:
            return
        if any(c.dep_ == "neg" for c in [*be.children, *token.children]):
            return
        subject = next((c for c in be.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ in _NEUTER_SUBJECTS:
            return  # "it is sad that ...": a comment on a fact, not someone's feeling
        clause = next(
            (
                c
                for c in token.children
                if c.dep_ == "ccomp"
                and c.i > token.i
                and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
            ),
            None,
        )
        if clause is None:
            return
        start = clause.left_edge.i
        if self.doc[start].lower_ == "that":
            start += 1
        yield _Found(
            kind="cause",
            cue=token.lower_,
            cue_i=token.i,
            cause=cut_span(self.doc, start, clause.right_edge.i + 1),
            effect=tuple(range(subject.left_edge.i, token.i + 1)),
            agent_np=subject,
            effect_head=be,
        )

    # "The first film was a hit, so fans expect more."
    def _so_clause(self, token: Token) -> Iterator[_Found]:
        doc = self.doc
        if token.lower_ not in _SO or token.i == 0 or doc[token.i - 1].text != ",":
            return
        sent = token.sent
        nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
        if nxt is None or nxt.lower_ in {"that", "far", "as", "to", "much", "long"}:
            return
        before = [t for t in doc[sent.start : token.i - 1] if t.pos_ in {"VERB", "AUX"}]
        after = [t for t in doc[token.i + 1 : sent.end] if t.pos_ in {"VERB", "AUX"}]
        if not before or not after:
            return
        start = sent.start
        for t in doc[sent.start : token.i - 1]:
            if t.text in _QUOTE_CHARS:
                start = t.i + 1
        effect = cut_span(doc, token.i + 1, sent.end)
        yield _Found(
            kind="cause",
            cue="so",
            cue_i=token.i,
            cause=cut_span(doc, *tail_clause(doc, start, token.i - 1)),
            effect=tuple(range(*effect)),
            effect_head=after[0],
        )

    # "..., which is why fans waited" / "and that's why I said yes".
    def _why_clause(self, token: Token) -> Iterator[_Found]:
        if token.lower_ not in _WHY:
            return
        be = token.head
        while be.dep_ != "ROOT" and be.lemma_ != "be" and be.head.i != be.i:
            be = be.head
        if be.lemma_ != "be":
            return
        subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in {"that", "this", "which"}:
            return
        cause = self._antecedent(subject)
        if cause is None:
            return
        sent = token.sent
        yield _Found(
            kind="cause",
            cue=f"{subject.lower_} is why",
            cue_i=token.i,
            cause=cut_span(self.doc, *cause),
            effect=tuple(range(token.i + 1, sent.end)),
            effect_head=token.head,
        )

    # Sentence-initial "So, ...", "Therefore ...", "That's why ...": the cause is the last sentence.
    def _connector(self, sent_i: int) -> Iterator[_Found]:
        doc = self.doc
        if sent_i == 0:
            return
        sent = doc_ext.sentence_span(doc, sent_i)
        words = [t for t in sent if not t.is_space]
        while words and words[0].text in _QUOTE_CHARS:
            words = words[1:]  # '"So we kept it slow," she said': the quote opens the sentence
        if not words:
            return
        lowered = [t.lower_ for t in words]
        for phrase in self.cues.result_connectors:
            if tuple(lowered[: len(phrase)]) != phrase:
                continue
            nxt = words[len(phrase)] if len(words) > len(phrase) else None
            if nxt is None or (
                phrase == ("so",)
                and (nxt.pos_ == "ADJ" or nxt.lower_ in _SO_DEGREE)
                and nxt.text != ","
            ):
                return
            prev = doc_ext.sentence_span(doc, sent_i - 1)
            if "\n" in doc[prev.end - 1 : sent.start + 1].text or len(prev) < 3:
                return
            start, end = prev.start, prev.end
            if doc[start].text in _QUOTE_CHARS:
                start += 1
                # '"We wanted X," she said. "So ..."': the cause is what was said
                close = next((t.i for t in doc[start:end] if t.text in _QUOTE_CHARS), None)
                if close is not None and close - start >= 3:
                    end = close - 1 if doc[close - 1].text == "," else close
            start, end = tail_clause(doc, start, end)
            yield _Found(
                kind="cause",
                cue=" ".join(phrase),
                cue_i=words[0].i,
                cause=(start, end),
                effect=tuple(range(words[len(phrase)].i, sent.end)),
                effect_head=sent.root,
                cause_sentence=sent_i - 1,
            )
            return


# --- assembling reasons ---------------------------------------------------------------------------


class ReasonsComponent:
    """Writes ``doc._.ng_reasons``: cue-anchored explanations, with agent and attribution."""

    def __init__(self, cues: ReasonCues | None = None) -> None:
        self.cues = cues or reason_cues()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_reasons = self.find(doc) if doc.has_annotation("DEP") else []
        return doc

    def find(self, doc: Doc) -> list[Reason]:
        """Every reason in the doc, in text order, without duplicates."""
        found = list(_Matcher(doc, self.cues).run())
        found.sort(key=lambda f: f.cue_i)
        kept: list[_Found] = []
        for item in self._dedupe(doc, found):
            kept.append(item)
        reasons: list[Reason] = []
        pending: tuple[str, str | None, int] | None = None  # effect, agent, sentence
        enumerated: set[int] = set()
        by_sentence = {doc_ext.sentence_index(doc, f.cue_i) for f in kept}
        items = sorted(kept, key=lambda f: f.cue_i)
        # enumeration sentences ("Secondly, V confessed his love for the song")
        for sent_i in range(len(doc_ext.sentence_starts(doc))):
            marker = self._enumeration_marker(doc, sent_i)
            if marker is not None and sent_i not in by_sentence:
                items.append(marker)
        items.sort(key=lambda f: f.cue_i)
        for item in items:
            sent_i = doc_ext.sentence_index(doc, item.cue_i)
            if item.extra.get("enumerated"):
                if pending is None or sent_i - pending[2] > ENUMERATION_REACH:
                    continue
                item.effect_text, item.agent, item.preset_agent = pending[0], pending[1], True
                enumerated.add(sent_i)
            if _is_generic(self.cues, doc, *item.cause):
                effect_text, agent = self._effect(doc, item)
                # only an announcement ("two factors led to X") opens a list of reasons
                announced = any(
                    t.lemma_.lower() in self.cues.reason_nouns for t in doc[slice(*item.cause)]
                )
                if effect_text and announced:
                    pending = (effect_text, agent, sent_i)
                continue
            reason = self._build(doc, item, pending)
            if reason is not None:
                reasons.append(reason)
        reasons = self._drop_restated(doc, self._split(doc, reasons))
        return reasons + self._framed(doc, reasons)

    # --- motive frames: "shared her reason for joining, saying, '...'" ----------------------------

    def _frames(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Sentences that raise the question of a motive, with the decision they ask about.

        "The actors shared their reasons for choosing the drama", "Asked why she took the
        role, ...", "fans wonder what made him decide ...": (start and end character offsets of
        the sentence, effect text).
        """
        cues = self.cues
        frames: list[tuple[int, int, str]] = []
        for sent_i in range(len(doc_ext.sentence_starts(doc))):
            sent = doc_ext.sentence_span(doc, sent_i)
            if quote_at(doc, sent.start) is not None and quote_at(doc, sent.end - 1) is not None:
                continue  # a frame is the writer's (or the interviewer's) question
            effect: str | None = None
            for token in sent:
                if token.lemma_.lower() in cues.frame_nouns and token.pos_ == "NOUN":
                    if token.head.lemma_ == "be" or any(
                        c.lower_ in {"no", "not", "any"} for c in token.children
                    ):
                        continue  # "the reason was X" is read by _reason_noun
                    comp = next((c for c in token.children if c.lower_ in {"for", "behind"}), None)
                    if comp is not None and comp.right_edge.i > comp.i:
                        effect = render(doc, range(comp.i + 1, comp.right_edge.i + 1))
                        break
                elif self._asks_why(doc, token, sent):
                    end = next(
                        (t.i for t in doc[token.i + 1 : sent.end] if t.text in {"?", ",", "."}),
                        sent.end,
                    )
                    effect = render(doc, range(token.i + 1, end))
                    break
            if effect:
                frames.append((sent.start_char, sent.end_char, effect))
        return frames

    def _asks_why(self, doc: Doc, token: Token, sent: Span) -> bool:
        """ "why ...?", "asked why ...", "what made/drew him ...": a question about a motive."""
        word = token.lower_
        if word == "why":
            before = doc[token.i - 1].lower_ if token.i > sent.start else ""
            if before in {"is", "'s", "’s", "was", "reason", "reasons", "that"}:
                return False
        elif word == "what":
            if token.dep_ != "nsubj" or token.head.lemma_.lower() not in (
                self.cues.frame_question_verbs
            ):
                return False
        else:
            return False
        if sent.text.rstrip().rstrip("”\"'").endswith("?"):
            return True
        return any(t.lemma_.lower() in {"ask", "wonder", "question"} for t in sent)

    def _framed(self, doc: Doc, reasons: list[Reason]) -> list[Reason]:
        """Quoted answers to a motive frame: each quoted sentence that says what appealed.

        A frame covers quotes later in its paragraph and in the paragraphs after it, up to the
        first paragraph without a quote once an answer has been seen (one quote-less paragraph
        may come between the frame and the first answer). An answer sentence must hold a word
        of appeal ("captivating", "I wanted to work with", "a chance to") and no negation; it
        becomes a motive of the quote's speaker, for the decision the frame asks about. A quote
        that opens in the frame sentence itself ('Asked why ..., she said: "..."') answers the
        question directly: its first sentence is a reason whatever words it uses, and so may be
        a refusal's.
        """
        quotes: list[Quote] = doc._.ng_quotes or []
        frames = self._frames(doc)
        if not frames or not quotes:
            return []
        paragraphs = list(paragraph_bounds(doc_ext.doc_text(doc)))
        covered = {e.sentence for r in reasons for e in r.evidence}
        out: list[Reason] = []

        def para_of(char: int) -> int:
            return next((n for n, (a, b) in enumerate(paragraphs) if a <= char <= b), 0)

        quote_spans = [(q, *quote_chars(doc, q)) for q in quotes]
        quoted_paras = {para_of(a) for _, a, _ in quote_spans if a >= 0}
        for n, (frame_char, frame_end, effect) in enumerate(frames):
            next_frame = frames[n + 1][0] if n + 1 < len(frames) else len(doc_ext.doc_text(doc))
            first = para_of(frame_char)
            last = first
            seen_answer = False
            gap_used = False
            for p in range(first + 1, min(len(paragraphs), first + FRAME_REACH)):
                if not paragraphs[p][1] > paragraphs[p][0]:
                    continue
                if p in quoted_paras:
                    last, seen_answer = p, True
                elif seen_answer or gap_used:
                    break
                else:
                    gap_used = True
            limit = min(paragraphs[last][1], next_frame)
            refusal = re.search(r"\b(not|never|no longer)\b|n[’']t\b", effect.lower())
            for quote, start, end in quote_spans:
                if start < frame_char or start >= limit or start < 0:
                    continue
                # 'Asked why ..., she answered: "..."': the quote opened by the question answers
                # it whatever it says; later quotes count when they say what appealed, which
                # cannot explain a refusal ("decided not to return")
                direct = start < frame_end
                if refusal and not direct:
                    continue
                out.extend(self._answers(doc, quote, start, end, effect, covered, direct=direct))
        return out

    def _answers(
        self,
        doc: Doc,
        quote: Quote,
        start: int,
        end: int,
        effect: str,
        covered: set[int],
        *,
        direct: bool = False,
    ) -> Iterator[Reason]:
        """Reasons from the sentences of one quoted answer (the first few of a direct one)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        done: set[int] = set()
        for token in span:
            sent_i = doc_ext.sentence_index(doc, token.i)
            if sent_i in done or sent_i in covered:
                continue
            done.add(sent_i)
            if direct and len(done) > DIRECT_ANSWER_SENTENCES:
                return
            sent = doc_ext.sentence_span(doc, sent_i)
            lo, hi = max(sent.start, span.start), min(sent.end, span.end)
            while lo < hi and (doc[lo].is_space or doc[lo].text in _QUOTE_CHARS):
                lo += 1
            if lo >= hi or not (doc[lo].text[:1].isupper() or doc[lo].text[:1].isdigit()):
                continue  # a fragment the parser split off ("[as an actor] if I ...")
            # a direct answer's first sentence answers whatever it says; the rest must appeal
            first = direct and len(done) == 1
            cause = self._direct_clause(doc, lo, hi) if first else self._appeal_clause(doc, lo, hi)
            if cause is None:
                continue
            text = render(doc, range(*cause))
            if len(text.split()) < 3:
                continue
            covered.add(sent_i)
            yield Reason(
                agent=quote.speaker,
                effect=effect,
                cause=text,
                kind="motive",
                cue="answer to why",
                attributed_to=quote.speaker,
                evidence=(doc_ext.evidence_for(doc, doc[lo:hi]),),
            )

    @staticmethod
    def _direct_clause(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """A sentence of a direct answer, unless it asks something back."""
        if any(t.text == "?" for t in doc[start:end]):
            return None
        return start, end

    def _appeal_clause(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """The clause of ``doc[start:end]`` that says what appealed, or None.

        The sentence is split at ", but", ";" and dashes; the one part holding a word of
        appeal is the cause, or the whole sentence when several parts do.
        """
        words = doc[start:end]
        if any(t.lower_ in self.cues.appeal_excluded for t in words):
            return None
        cuts = [start]
        for t in words:
            if t.text in {";", "—", "–"} or (
                t.text == "," and t.i + 1 < end and doc[t.i + 1].lower_ == "but"
            ):
                cuts.append(t.i + 1)
        cuts.append(end)
        parts = [(a, b) for a, b in pairwise(cuts) if b - a >= 3]
        appealing = [
            (a, b)
            for a, b in parts
            if any(
                t.lemma_.lower() in self.cues.appeal_words or t.lower_ in self.cues.appeal_words
                for t in doc[a:b]
            )
        ]
        if not appealing:
            return None
        if len(appealing) == 1:
            return appealing[0]
        return start, end

    def _drop_restated(self, doc: Doc, reasons: list[Reason]) -> list[Reason]:
        """An article restates a motive ("his admiration for X" ... "his deep admiration for the
        director"): keep the first mention of an agent's motive noun, from another sentence."""
        seen: dict[tuple[str, str], int] = {}
        out: list[Reason] = []
        for reason in reasons:
            noun = next(
                (
                    w
                    for w in re.findall(r"\w+", reason.cause.lower())[:4]
                    if w in self.cues.motive_nouns
                ),
                None,
            )
            sentence = reason.evidence[0].sentence if reason.evidence else -1
            key = (reason.agent or "", noun or "")
            if noun is not None and reason.agent is not None:
                if key in seen and seen[key] != sentence:
                    continue
                seen.setdefault(key, sentence)
            out.append(reason)
        return out

    def _dedupe(self, doc: Doc, found: list[_Found]) -> Iterator[_Found]:
        """One reason per cause span: the first cue that claims a stretch of text keeps it.

        A reason nested in another one's cause ("as he took a break due to an injury") is kept,
        and the outer cause then stops before the inner cue ("he took a break").
        """
        taken: list[tuple[int, _Found]] = []
        for item in found:
            start, end = item.cause
            if end - start < 1:
                continue
            sent = doc_ext.sentence_index(doc, item.cue_i)
            clash = False
            for s_sent, other in taken:
                s_start, s_end = other.cause
                overlap = min(end, s_end) - max(start, s_start)
                if s_sent != sent or overlap <= 0.5 * min(end - start, s_end - s_start):
                    continue
                nested = (
                    s_start < item.cue_i < s_end
                    and s_start <= start
                    and end <= s_end
                    and end - start < s_end - s_start
                )
                if not nested:
                    clash = True
                    break
                generic = _is_generic(self.cues, doc, start, end)
                if item.cue != "to" and item.cue_i - s_start >= 2 and not generic:
                    other.cause = (s_start, item.cue_i)
            if clash:
                continue
            taken.append((sent, item))
        yield from (item for _, item in taken)

    def _enumeration_marker(self, doc: Doc, sent_i: int) -> _Found | None:
        """A sentence opening with "Secondly," etc.: its object or claim is a listed reason."""
        sent = doc_ext.sentence_span(doc, sent_i)
        words = [t for t in sent if not t.is_space]
        lowered = [t.lower_ for t in words]
        for phrase in self.cues.enumeration_markers:
            if tuple(lowered[: len(phrase)]) != phrase or len(words) <= len(phrase) + 2:
                continue
            root = sent.root
            body = words[len(phrase)]
            if body.text == ",":
                body = words[len(phrase) + 1]
            target: Token | None = None
            verb: Token | None = None
            if root.lemma_.lower() in self.speech.verbs or root.lemma_.lower() in {
                "express",
                "cite",
                "mention",
            }:
                verb = root
                target = next((c for c in root.children if c.dep_ in {"dobj", "ccomp"}), None)
            cause = _subtree_range(target) if target is not None else (body.i, sent.end)
            return _Found(
                kind="motive",
                cue=" ".join(phrase),
                cue_i=words[0].i,
                cause=cut_span(doc, *cause),
                effect_head=root,
                attributed_verb=verb,
                extra={"enumerated": True},
            )
        return None

    @property
    def speech(self) -> SpeechLexicon:
        return speech_lexicon()

    def _speaker_in_quote(self, doc: Doc, token_i: int) -> tuple[bool, str | None]:
        quote = quote_at(doc, token_i)
        return (quote is not None, quote.speaker if quote is not None else None)

    def _effect(self, doc: Doc, item: _Found) -> tuple[str, str | None]:
        """Effect text and agent entity of a found reason."""
        _, speaker = self._speaker_in_quote(doc, item.cue_i)
        cause = set(range(*item.cause))
        if item.effect_text is not None:
            return item.effect_text, item.agent
        if item.effect is not None:
            indices = [i for i in item.effect if i not in cause]
        elif item.effect_head is not None:
            indices = self._clause_tokens(doc, item.effect_head, cause, item.cue_i)
        else:
            indices = []
        text = render(doc, indices)
        agent: str | None = None
        if item.agent_np is not None:
            agent = np_entity(doc, item.agent_np, speaker=speaker)
        if agent is None and item.effect_head is not None:
            subject = clause_subject(item.effect_head)
            if subject is not None and subject.lower_ not in _NEUTER_SUBJECTS:
                agent = np_entity(doc, subject, speaker=speaker)
        if agent is None:
            agent = _first_entity_in(doc, indices)
        return text, agent

    @staticmethod
    def _clause_tokens(doc: Doc, head: Token, cause: set[int], cue_i: int) -> list[int]:
        """The head clause minus the cause, cue, subordinate clauses and glue."""
        drop: set[int] = set(cause) | {cue_i}
        for child in head.children:
            if child.dep_ == "prep":
                dropped = child.i in cause or cue_i in {t.i for t in child.subtree}
            elif child.dep_ == "conj":
                dropped = child.pos_ in {"VERB", "AUX"}
            else:
                dropped = child.dep_ in {"advcl", "punct", "cc", "mark", "parataxis"}
            if dropped:
                drop.update(t.i for t in child.subtree)
        for i in cause:
            drop.update(t.i for t in doc[i].subtree if t.i >= cue_i)
        sent = head.sent
        kept = [t.i for t in head.subtree if t.i not in drop and sent.start <= t.i < sent.end]
        if not kept:
            return []
        # keep the stretch around the head, up to MAX_WORDS
        return kept[: MAX_WORDS + 5]

    def _attributed(self, doc: Doc, item: _Found) -> str | None:
        in_quote, speaker = self._speaker_in_quote(doc, item.cue_i)
        if in_quote:
            return speaker
        if item.attributed_verb is not None:
            return speaker_of_verb(doc, item.attributed_verb)
        token = doc[item.cue_i]
        for anc in token.ancestors:
            if anc.pos_ == "VERB" and anc.lemma_.lower() in self.speech.verbs:
                if _reports(anc, token):
                    return speaker_of_verb(doc, anc)
                break
        sent = token.sent
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return np_entity(doc, obj)
        return None

    def _build(
        self, doc: Doc, item: _Found, pending: tuple[str, str | None, int] | None
    ) -> Reason | None:
        cause_text = render(doc, range(*item.cause))
        if len(cause_text.split()) < 1 or not re.search(r"[A-Za-z]", cause_text):
            return None
        effect_text, agent = self._effect(doc, item)
        sent_i = doc_ext.sentence_index(doc, item.cue_i)
        near = pending is not None and sent_i - pending[2] <= ENUMERATION_REACH
        if pending is not None and near and len(effect_text.split()) <= 3:
            # "he was influenced by X" explains the decision announced just before
            effect_text = pending[0]
            agent = agent or pending[1]
        if not effect_text or self._refuted(doc, item):
            return None
        evidence = self._evidence(doc, item)
        attributed = self._attributed(doc, item)
        return Reason(
            # who explains a decision about a work ("the EP takes its title from") owns it
            agent=agent if agent is not None else attributed,
            effect=effect_text,
            cause=cause_text,
            kind=item.kind,
            cue=item.cue,
            attributed_to=attributed,
            evidence=evidence,
        )

    def _refuted(self, doc: Doc, item: _Found) -> bool:
        """ "Many believe X is the reason, but he said that's not the case": a denied reason."""
        sent = doc[item.cue_i].sent
        rest = doc[item.cue_i : sent.end].text.lower()
        return any(phrase in rest for phrase in self.cues.refutations)

    @staticmethod
    def _evidence(doc: Doc, item: _Found) -> tuple[Evidence, ...]:
        here = doc_ext.evidence_for(doc, doc[item.cue_i : item.cue_i + 1])
        cause_sent = doc_ext.sentence_index(doc, item.cause[0])
        if cause_sent != here.sentence:
            other = doc_ext.evidence_for(doc, doc[item.cause[0] : item.cause[0] + 1])
            return (other, here) if other.sentence < here.sentence else (here, other)
        return (here,)

    def _split(self, doc: Doc, reasons: list[Reason]) -> list[Reason]:
        """One reason per conjoined cause ("his respect for A and his love for B")."""
        out: list[Reason] = []
        for reason in reasons:
            parts = re.split(r"\s+and\s+(?=(?:his|her|their|its|my|our)\b)", reason.cause)
            if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
                for part in parts:
                    out.append(
                        Reason(
                            agent=reason.agent,
                            effect=reason.effect,
                            cause=part.strip(" ,"),
                            kind=reason.kind,
                            cue=reason.cue,
                            attributed_to=reason.attributed_to,
                            evidence=reason.evidence,
                        )
                    )
            else:
                out.append(reason)
        return out


def find_reasons(doc: Doc) -> list[Reason]:
    """Reasons in a parsed doc (with mentions and quotes already set, if any)."""
    return ReasonsComponent().find(doc)


@Language.factory(
    "newsgraph_reasons_v1",
    assigns=["doc._.ng_reasons"],
    requires=["doc._.ng_entities", "doc._.ng_quotes"],
)
def make_reasons(nlp: Language, name: str) -> ReasonsComponent:
    return ReasonsComponent()


__all__ = [
    "ReasonCues",
    "ReasonsComponent",
    "cut_span",
    "find_reasons",
    "reason_cues",
    "render",
    "tail_clause",
]
