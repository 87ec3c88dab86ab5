"""Direct quotations and who says them: writes ``doc._.ng_quotes``.

A quotation is text between double quote marks (straight or curly) that either sits next to a
speech verb ("...," Woozi said) or is a clause of its own (four words or more, with a verb); a short
Title-Case phrase in quotes is a title ("Love Wins All"), not a quotation. Quote marks never pair
across a line break, so one unbalanced mark costs at most its own paragraph.

The speaker is the subject of the speech verb next to the quote, read through the mentions
written by the entities component: a name, a pronoun resolved to the most recent fitting mention,
or a role noun ("the actor", "his agency") standing for the last entity of that type. The helpers
that do this (:func:`np_entity`, :func:`resolve_pronoun`) are shared with the reasons component.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import Evidence, Quote
from newsgraph.nlp import doc_ext
from newsgraph.nlp.lexicon import read_data_text

LEXICON_FILE = "quotes_lexicon.json"

_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'
_MARKS = re.compile('["“”]')
_PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_NEUTER = {"it", "its"}
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours"})
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_AGE_NOUN = re.compile(r"\d+\s*[-‑]\s*year\s*[-‑]\s*old$", re.IGNORECASE)
_RELATIVE = {"who", "that", "which"}
_MISPARSED_SUBJECT_DEPS = {"advmod", "npadvmod", "dep", "nmod", "compound", "intj", "meta"}
# How far back (in sentences) a pronoun may look for its antecedent.
_PRONOUN_WINDOW = 6
# ... and how far when nothing fits nearer (a long quotation fills many sentences).
_PRONOUN_WINDOW_WIDE = 14
# Tokens examined on each side of a quote for its speech verb.
_VERB_WINDOW = 12


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ConfigError(f"data file repeats keys {sorted(dupes)}")
    return dict(pairs)


def load_strict_json(name: str) -> dict[str, Any]:
    """A bundled JSON object, refusing duplicate keys (``json`` would silently keep the last)."""
    try:
        data = json.loads(read_data_text(name), object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"data file {name!r} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"data file {name!r} must hold a non-empty JSON object")
    return data


def checked_list(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """``data[key]`` as a non-empty tuple of unique, non-blank, lower-cased strings."""
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise ConfigError(f"data list {where}:{key} is empty or not a list")
    seen: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"data list {where}:{key} holds a blank or non-string entry")
        if item.lower() in seen:
            raise ConfigError(f"data list {where}:{key} repeats {item!r}")
        seen.append(item.lower())
    return tuple(seen)


@dataclass(frozen=True)
class SpeechLexicon:
    """Speech verbs (lemmas), multiword attributions, and role nouns by entity type."""

    verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    roles: dict[str, str]


@cache
def speech_lexicon() -> SpeechLexicon:
    """The bundled speech lexicon, validated (cached)."""
    data = load_strict_json(LEXICON_FILE)
    verbs = checked_list(data, "speech_verbs", LEXICON_FILE)
    phrases = checked_list(data, "speech_phrases", LEXICON_FILE)
    roles_raw = data.get("role_nouns")
    if not isinstance(roles_raw, dict) or not roles_raw:
        raise ConfigError(f"data map {LEXICON_FILE}:role_nouns is empty or not a mapping")
    roles: dict[str, str] = {}
    for etype, _ in roles_raw.items():
        for noun in checked_list(roles_raw, etype, f"{LEXICON_FILE}:role_nouns"):
            if noun in roles:
                raise ConfigError(f"role noun {noun!r} is listed under two types")
            roles[noun] = etype
    return SpeechLexicon(frozenset(verbs), tuple(tuple(p.split()) for p in phrases), roles)


# --- entity helpers shared with the reasons component -------------------------------------------


def _mention_type(doc: Doc, token_i: int) -> str | None:
    span = doc_ext.mention_at(doc, token_i)
    return span.label_ if span is not None else None


def _inside(spans: list[tuple[int, int]], char: int) -> bool:
    return any(start < char < end for start, end in spans)


def salient_entity(doc: Doc, before: int, wanted: tuple[str, ...]) -> str | None:
    """The most salient entity of the first fitting type mentioned before token ``before``.

    Salience is simple: a mention that is a subject beats a nearer one that is not, and only the
    last few sentences count. Outside quotes, names said inside quotes do not compete.
    """
    if not len(doc) or before <= 0:
        return None
    for window in (_PRONOUN_WINDOW, _PRONOUN_WINDOW_WIDE):
        found = _salient_in(doc, before, wanted, window)
        if found is not None:
            return found
    return None


def _salient_in(doc: Doc, before: int, wanted: tuple[str, ...], window: int) -> str | None:
    """:func:`salient_entity` within ``window`` sentences before token ``before``."""
    first_sent = max(0, doc_ext.sentence_index(doc, min(before, len(doc) - 1)) - window)
    low = doc_ext.sentence_starts(doc)[first_sent]
    quoted = [(a, b) for a, b in pair_quote_marks(doc_ext.doc_text(doc))]
    anchor_char = doc[min(before, len(doc) - 1)].idx
    skip_quoted = not _inside(quoted, anchor_char)
    candidates = [
        m
        for m in doc_ext.mentions(doc)
        if low <= m.start
        and m.end <= before
        and m.kb_id_
        and not (skip_quoted and _inside(quoted, m.start_char))
    ]
    for etype in wanted:
        typed = [m for m in candidates if m.label_ == etype]
        subjects = [m for m in typed if m.root.dep_ in _SUBJECT_DEPS]
        if subjects:
            return str(subjects[-1].kb_id_)
        if typed:
            # no subject nearby: the article's topic (most mentioned so far) beats a side name
            counts: dict[str, int] = {}
            for m in doc_ext.mentions(doc):
                if m.label_ == etype and m.end <= before and m.kb_id_:
                    counts[str(m.kb_id_)] = counts.get(str(m.kb_id_), 0) + 1
            order = {str(m.kb_id_): n for n, m in enumerate(typed)}
            depth: dict[str, int] = {}
            for m in typed:
                key = str(m.kb_id_)
                depth[key] = min(depth.get(key, 99), _depth(m.root))
            # then the least embedded ("for Doyoung" beats "the void of Taeil"), then the nearest
            return max(order, key=lambda k: (counts.get(k, 0), -depth[k], order[k]))
    return None


def _depth(token: Token) -> int:
    """How deep a token sits under its sentence root (a rough measure of embedding)."""
    n = 0
    while token.head.i != token.i and n < 50:
        token, n = token.head, n + 1
    return n


def resolve_pronoun(doc: Doc, token: Token) -> str | None:
    """Antecedent entity of a third-person pronoun: the most salient fitting mention before it.

    "he/she" look for a PERSON, "they" for a GROUP (then ORG, then PERSON), "it" for an ORG.
    """
    word = token.lower_
    if word in _PERSONAL:
        wanted: tuple[str, ...] = ("PERSON",)
    elif word in _PLURAL:
        wanted = ("GROUP", "ORG", "PERSON")
    elif word in _NEUTER:
        wanted = ("ORG",)
    else:
        return None
    return salient_entity(doc, token.i, wanted)


def _role_antecedent(doc: Doc, token: Token) -> str | None:
    """Entity a role noun stands for: the last one the text introduced with that noun
    ("director Theo Banerjee ... the director said"), else the most salient of its type."""
    lex = speech_lexicon()
    role = token.lemma_.lower()
    etype = lex.roles.get(role) or lex.roles.get(token.lower_)
    if etype is None:
        return None
    return (
        _introduced_as(doc, token, role, etype)
        or _only_in_previous_sentence(doc, token, etype)
        or salient_entity(doc, token.i, (etype,))
    )


def _only_in_previous_sentence(doc: Doc, token: Token, etype: str) -> str | None:
    """The one entity of ``etype`` the sentence before names, for a description opening its
    sentence ("... marks Saxena's first lead. The actor said ..."): a new sentence that
    starts with "the <role>" continues with whom the last sentence was about."""
    sent_i = doc_ext.sentence_index(doc, token.i)
    sent = doc_ext.sentence_span(doc, sent_i)
    if sent_i == 0 or token.left_edge.i != sent.start:
        return None
    prev = doc_ext.sentence_span(doc, sent_i - 1)
    ids = {
        str(m.kb_id_)
        for m in doc_ext.mentions(doc)
        if prev.start <= m.start < prev.end and m.label_ == etype and m.kb_id_
    }
    return ids.pop() if len(ids) == 1 else None


def _introduced_as(doc: Doc, token: Token, role: str, etype: str) -> str | None:
    """The last entity of ``etype`` before ``token`` that a ``role`` noun was attached to:
    a title before the name ("director Theo Banerjee") or an apposition either way round
    ("Mia Tanaka-Ross, the actress", "the director, Theo Banerjee")."""
    found: str | None = None
    for mention in doc_ext.mentions(doc):
        if mention.end > token.i or mention.label_ != etype or not mention.kb_id_:
            continue
        inside = range(mention.start, mention.end)
        for noun in doc[max(0, mention.start - 6) : min(len(doc), mention.end + 6)]:
            if noun.i in inside or noun.i >= token.i or noun.lemma_.lower() != role:
                continue
            titled = noun.dep_ == "compound" and noun.head.i in inside
            apposed = (noun.dep_ == "appos" and noun.head.i in inside) or (
                mention.root.dep_ == "appos" and mention.root.head.i == noun.i
            )
            if titled or apposed:
                found = str(mention.kb_id_)
    return found


def quote_chars(doc: Doc, quote: Quote) -> tuple[int, int]:
    """Character span ``[start, end)`` of a quote's text in the doc (from its first sentence on).

    :class:`~newsgraph.model.Quote` stores no offsets of its own, so the text is looked up again
    from the start of its first evidence sentence; ``(-1, -1)`` when it cannot be found.
    """
    origin = quote.evidence[0].start if quote.evidence else 0
    at = doc_ext.doc_text(doc).find(quote.text, origin)
    return (at, at + len(quote.text)) if at >= 0 else (-1, -1)


def quote_at(doc: Doc, token_i: int) -> Quote | None:
    """The quotation (already found on the doc) whose text covers token ``token_i``."""
    quotes: list[Quote] | None = doc._.ng_quotes
    if not quotes or not 0 <= token_i < len(doc):
        return None
    char = doc[token_i].idx
    for quote in quotes:
        start, end = quote_chars(doc, quote)
        if start <= char < end:
            return quote
    return None


def np_entity(doc: Doc, token: Token, *, speaker: str | None = None) -> str | None:
    """Entity id that a noun phrase headed by ``token`` refers to, if any.

    Tries the mention covering the head, a possessor ("Kim Taehyung's decision"), an apposition or
    compound name inside the phrase, a pronoun (first person = ``speaker``), and a role noun.
    """
    direct = doc_ext.entity_at(doc, token.i)
    if direct:
        return direct
    word = token.lower_
    if word in FIRST_PERSON:
        return speaker
    if token.pos_ == "PRON" or word in _PERSONAL | _PLURAL:
        return resolve_pronoun(doc, token)
    if _AGE_NOUN.search(doc[token.left_edge.i : token.i + 1].text):
        return salient_entity(doc, token.i, ("PERSON",))  # "the 29-year-old said"
    for child in token.children:
        if child.dep_ in {"appos", "compound", "nmod"}:
            found = doc_ext.entity_at(doc, child.i)
            if found:
                return found
    if token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "poss" for c in token.children):
        # "his agency" is an organisation, not "his": a role noun names its own kind
        role = _role_antecedent(doc, token)
        if role is not None and speech_lexicon().roles.get(token.lemma_.lower()) != "PERSON":
            return role
    for child in token.children:
        if child.dep_ == "poss":
            return np_entity(doc, child, speaker=speaker)
    if token.pos_ in {"NOUN", "PROPN"}:
        return _role_antecedent(doc, token)
    return None


def _misparsed_subject(verb: Token) -> Token | None:
    """A name right before a verb that the parser hung on it as a modifier, not as its subject.

    The small model reads '"...," Minjae said at a press event' or "Minjae took the role" with
    the unknown name as ``advmod``/``npadvmod``; a proper noun directly before the verb, with
    nothing but adverbs between, is its subject all the same.
    """
    for child in verb.lefts:
        if child.dep_ not in _MISPARSED_SUBJECT_DEPS or child.pos_ != "PROPN":
            continue
        between = verb.doc[child.right_edge.i + 1 : verb.i]
        if all(t.pos_ in {"ADV", "AUX", "PART"} for t in between):
            return child
    return None


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause headed by ``token``, climbing through controlled clauses."""
    current: Token | None = token
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return current.head  # "V, who demonstrated ...": V
                return child
        misparsed = _misparsed_subject(current)
        if misparsed is not None:
            return misparsed
        if current.dep_ in {"xcomp", "advcl", "conj", "acomp", "ccomp", "pcomp"}:
            current = current.head if current.head.i != current.i else None
        elif current.dep_ in {"relcl", "acl"}:
            return current.head
        else:
            return None
    return None


# --- quote finding ------------------------------------------------------------------------------


def paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the text's lines: a quote mark never pairs across a line break."""
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def pair_quote_marks(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` character positions of paired double quote marks, paragraph by paragraph.

    A curly opening mark always opens (dropping an earlier unclosed one), a curly closing mark
    only closes; a straight mark closes when a quote is open and opens otherwise. Marks left
    unpaired at the end of a line are ignored, so the rest of the article is unaffected.
    """
    pairs: list[tuple[int, int]] = []
    for start, end in paragraph_bounds(text):
        open_at: int | None = None
        for match in _MARKS.finditer(text, start, end):
            mark, pos = match.group(), match.start()
            if mark == _OPEN:
                open_at = pos
            elif mark == _CLOSE:
                if open_at is not None:
                    pairs.append((open_at, pos))
                    open_at = None
            elif open_at is None:
                open_at = pos
            else:
                pairs.append((open_at, pos))
                open_at = None
    return pairs


def is_title_like(text: str) -> bool:
    """A short phrase whose words are all capitalised: a song or film title, not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if not words or len(words) > 8 or re.search(r"[.!?,;:]\s*\S", text):
        return False
    small = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with"}
    return all(w[0].isupper() or w.lower() in small for w in words)


def _has_verb(span: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in span)


def _is_speech_verb(token: Token, lex: SpeechLexicon) -> bool:
    if token.pos_ == "VERB":
        return token.lemma_.lower() in lex.verbs
    # "..., writing: '...'" -- the participle is sometimes tagged as a noun
    word = token.lower_
    return (
        token.dep_ in {"advcl", "xcomp", "ccomp", "conj"}
        and word.endswith("ing")
        and (word[:-3] in lex.verbs or word[:-3] + "e" in lex.verbs)
    )


def _phrase_object(doc: Doc, start: int, end: int, lex: SpeechLexicon) -> Token | None:
    """The object of "according to X" inside ``doc[start:end]``, if the phrase occurs there."""
    for i in range(start, end):
        for phrase in lex.phrases:
            words = [t.lower_ for t in doc[i : i + len(phrase)]]
            if tuple(words) == phrase:
                last = doc[i + len(phrase) - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _window(doc: Doc, start: int, end: int) -> Iterable[Token]:
    """Tokens of ``doc[start:end]`` up to the first quote mark or line break."""
    for token in doc[max(0, start) : min(len(doc), end)]:
        if _MARKS.search(token.text) or "\n" in token.text:
            return
        yield token


def _speech_verb_near(
    doc: Doc, open_tok: int, close_tok: int, lex: SpeechLexicon
) -> tuple[Token | None, str]:
    """The speech verb attributing the quote: right after it first, else before it."""
    for token in _window(doc, close_tok + 1, close_tok + 1 + _VERB_WINDOW):
        if _is_speech_verb(token, lex):
            return token, token.lemma_.lower()
        if token.text in {".", "!", "?"}:
            break
    for token in _before_quote(doc, open_tok):
        if _is_speech_verb(token, lex):
            return token, token.lemma_.lower()
    colon = _previous_word(doc, open_tok)
    if colon is not None and colon.text == ":":
        # 'X addressed his fans: "..."' -- the verb before the colon introduces the quote.
        if colon.head.pos_ == "VERB" and colon.head.i < colon.i:
            return colon.head, colon.head.lemma_.lower()
        verb = next((t for t in _before_quote(doc, open_tok) if t.pos_ == "VERB"), None)
        if verb is not None:
            return verb, verb.lemma_.lower()
    return None, ""


def _previous_word(doc: Doc, index: int) -> Token | None:
    """The nearest token before ``index`` that is not white space."""
    for token in reversed(doc[max(0, index - 4) : index]):
        if not token.is_space:
            return token
    return None


def _before_quote(doc: Doc, open_tok: int) -> list[Token]:
    """Tokens before a quote, nearest first, up to another quote mark or a line break.

    A line break is crossed once when the line before ends with a colon or comma ('said:').
    """
    out: list[Token] = []
    i = open_tok - 1
    crossed = False
    while i >= 0 and len(out) < _VERB_WINDOW:
        token = doc[i]
        if _MARKS.search(token.text):
            break
        if "\n" in token.text:
            prev = _previous_word(doc, i)
            if crossed or out or prev is None or prev.text not in {":", ","}:
                break
            crossed = True
        elif not token.is_space:
            out.append(token)
        i -= 1
    return out


def speaker_of_verb(doc: Doc, verb: Token, *, speaker: str | None = None) -> str | None:
    """Entity id of whoever performs ``verb`` (its subject, or its head clause's subject)."""
    subject = clause_subject(verb)
    if subject is None:
        return None
    return np_entity(doc, subject, speaker=speaker)


def _token_at_char(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def find_quotes(doc: Doc) -> list[tuple[Quote, int, int]]:
    """Every quotation in the doc with its character span ``[start, end)`` of quoted text."""
    lex = speech_lexicon()
    found: list[tuple[Quote, int, int]] = []
    previous: tuple[Quote, int] | None = None  # last quote and its paragraph start
    doc_text = doc_ext.doc_text(doc)
    paragraphs = list(paragraph_bounds(doc_text))
    for open_at, close_at in pair_quote_marks(doc_text):
        text = doc_text[open_at + 1 : close_at].strip()
        inner = doc.char_span(open_at + 1, close_at, alignment_mode="expand")
        open_tok = _token_at_char(doc, open_at)
        close_tok = _token_at_char(doc, close_at)
        if not text or inner is None or not len(inner) or open_tok is None or close_tok is None:
            continue
        if is_title_like(text):
            continue
        verb, cue = _speech_verb_near(doc, open_tok, close_tok, lex)
        subject_hint: str | None = None
        if verb is None:
            obj = _phrase_object(doc, close_tok + 1, min(len(doc), close_tok + _VERB_WINDOW), lex)
            before = _before_quote(doc, open_tok)
            if obj is None and before:
                obj = _phrase_object(doc, before[-1].i, open_tok, lex)
            if obj is not None:
                cue = "according to"
                subject_hint = np_entity(doc, obj)
        n_words = len([t for t in inner if t.is_alpha])
        if not (n_words >= 4 and _has_verb(inner)) and (not cue or n_words < 2):
            continue
        para = next((s for s, e in paragraphs if s <= open_at <= e), 0)
        speaker = _continued_speaker(doc, verb, previous, paragraphs, para)
        if speaker is None:
            speaker = speaker_of_verb(doc, verb) if verb is not None else subject_hint
        if speaker is None and verb is not None and verb.i > close_tok:
            speaker = _inverted_speaker(doc, verb)
        if speaker is None and not cue and previous is not None:
            # An unattributed quote right after another one continues the same speaker.
            prev_quote, prev_para = previous
            same_or_next = [s for s, _ in paragraphs if prev_para <= s <= para]
            if len(same_or_next) <= 3:
                speaker = prev_quote.speaker
        evidence = _evidence(doc, inner)
        quote = Quote(speaker=speaker, text=text, evidence=evidence, cue=cue)
        found.append((quote, open_at + 1, close_at))
        previous = (quote, para)
    return found


def _inverted_speaker(doc: Doc, verb: Token) -> str | None:
    """'"...," recounted Woozi, who ...': the name right after the speech verb."""
    for token in doc[verb.i + 1 : min(len(doc), verb.i + 5)]:
        if token.is_punct or "\n" in token.text:
            return None
        found = doc_ext.entity_at(doc, token.i)
        if found:
            return found
    return None


def _continued_speaker(
    doc: Doc,
    verb: Token | None,
    previous: tuple[Quote, int] | None,
    paragraphs: list[tuple[int, int]],
    para: int,
) -> str | None:
    """The last quote's speaker, when this quote's speech verb has a pronoun for subject.

    '"...," Ranveer said. [...] "...," he added.' -- a "he/she/they" that introduces a quote
    right after another one (same or next paragraph) continues that speaker, unless a name of
    the same kind is the subject of a clause in between.
    """
    if verb is None or previous is None:
        return None
    subject = clause_subject(verb)
    if subject is None or subject.lower_ not in {"he", "she", "they"}:
        return None
    prev_quote, prev_para = previous
    if prev_quote.speaker is None:
        return None
    if len([s for s, _ in paragraphs if prev_para <= s <= para]) > 2:
        return None
    wanted = "GROUP" if subject.lower_ == "they" else "PERSON"
    start_char = quote_chars(doc, prev_quote)[1]
    quoted = pair_quote_marks(doc_ext.doc_text(doc))
    for mention in doc_ext.mentions(doc):
        if (
            start_char < mention.start_char < subject.idx
            and mention.label_ == wanted
            and mention.root.dep_ in _SUBJECT_DEPS
            and not _inside(quoted, mention.start_char)
        ):
            return None
    return prev_quote.speaker


def _evidence(doc: Doc, span: Span) -> tuple[Evidence, ...]:
    """One evidence item per sentence the quoted text touches."""
    if not doc.has_annotation("SENT_START"):
        return ()
    seen: dict[int, Evidence] = {}
    for token in span:
        index = doc_ext.sentence_index(doc, token.i)
        if index not in seen:
            seen[index] = doc_ext.evidence_for(doc, doc[token.i : token.i + 1])
    return tuple(seen.values())


class QuotesComponent:
    """Writes ``doc._.ng_quotes``: direct quotations with the entity id of their speaker."""

    def __init__(self) -> None:
        self.lexicon = speech_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = [quote for quote, _, _ in find_quotes(doc)]
        return doc


@Language.factory(
    "newsgraph_quotes_v1",
    assigns=["doc._.ng_quotes"],
    requires=["doc._.ng_entities"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()


__all__ = [
    "FIRST_PERSON",
    "QuotesComponent",
    "SpeechLexicon",
    "checked_list",
    "clause_subject",
    "find_quotes",
    "is_title_like",
    "load_strict_json",
    "np_entity",
    "pair_quote_marks",
    "paragraph_bounds",
    "quote_at",
    "quote_chars",
    "resolve_pronoun",
    "speaker_of_verb",
    "speech_lexicon",
]
