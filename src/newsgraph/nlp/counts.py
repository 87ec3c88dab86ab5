"""Counts stated about entities ("the seven-member group", "sold 1.2 million copies"):
writes ``doc._.ng_counts``.

Counts are what contradictions between sources are most often about (one article says 1.2 million
copies, another 1.5 million), so each is kept as a :class:`~newsgraph.model.Count` with a
normalised value, the written precision, a bound ("more than 1 million" is ``at_least``) and a
qualifier ("first week", "worldwide", a platform or a chart) that makes it a separate fact.

A number phrase ("$52.3 million", "twenty-one", "Rs 100 crore") is found on the tokens and parsed
by :func:`parse_number`; it becomes a count only when it is attached, through the parse, to an
entity and to a word of the quantity lexicon in ``data/counts.json``:

- a hyphenated modifier of a noun phrase that names the entity: "the seven-member group X",
  "X, a five-piece band", "the 29-year-old singer X";
- the object of a count verb whose subject is the entity: "X sold 1.2 million copies",
  "X was nominated for 3 Oscars", "Y opened to $52.3 million" (money only for box office);
- a possessor or an "of" phrase: "the group's seven members", "1 million copies of Y";
- a chart rank: "debuted at No. 3 on the Billboard Hot 100";
- an age in apposition to a person: "X, 29, said".

Nouns such as "the group" or "the film" stand for the latest entity of their type (a few
sentences back at most). A count whose subject cannot be found is dropped: a count of nothing
cannot contradict anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import COUNT_BOUNDS, ENTITY_TYPES, Count, CountBound
from newsgraph.nlp import doc_ext
from newsgraph.nlp.quotes import checked_list, clause_subject, load_strict_json, resolve_pronoun

LEXICON_FILE = "counts.json"
QUANTITY_KINDS = ("fixed", "grows", "varies")

if not Doc.has_extension("ng_counts"):
    Doc.set_extension("ng_counts", default=None)

_HYPHENS = {"-", "‑", "–"}
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d{1,2}(?:,\d{2})*,\d{3}$")
_PIECE = re.compile(r"US\$|R\$|[$₹¥₩€£]|\d[\d,]*(?:\.\d+)?|[^\W\d_]+\.?|[-‑–]|\S", re.UNICODE)
_YEAR = re.compile(r"^(?:18|19|20)\d\d$")
_SKIP_ENTS = {"TIME", "PERCENT", "ORDINAL"}
_DEFINITE = {"the", "this", "that", "its", "their", "his", "her"}
_QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}
# How many sentences back "the group" may look for the group it stands for.
_STANDIN_WINDOW = 3
_MAX_AGE = 110


@dataclass(frozen=True)
class QuantitySpec:
    """One quantity: which entity types may have it, how it moves in time, its verbs."""

    name: str
    subject_types: frozenset[str]
    kind: str
    verbs: frozenset[str]


@dataclass(frozen=True)
class CountsLexicon:
    """The validated contents of ``data/counts.json`` (see its ``_doc``)."""

    quantities: dict[str, QuantitySpec]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    currencies: dict[str, str]
    currency_after_only: frozenset[str]
    bounds: dict[tuple[str, ...], str]
    verb_bounds: dict[str, str]
    compound_nouns: dict[str, str]
    counted_nouns: dict[str, str]
    nominated_for: frozenset[str]
    box_office_nouns: frozenset[str]
    chart_nouns: tuple[str, ...]
    rank_words: frozenset[str]
    standins: dict[str, str]
    standin_subtypes: dict[str, str]
    subset_modifiers: frozenset[str]
    qualifiers: dict[str, str]
    period_nouns: frozenset[str]
    period_modifiers: dict[str, str]
    fixed_qualifiers: frozenset[str]


def _str_map(data: dict[str, Any], key: str, allowed: set[str] | None = None) -> dict[str, str]:
    raw = data.get(key)
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"data map {LEXICON_FILE}:{key} is empty or not a mapping")
    out: dict[str, str] = {}
    for word, value in raw.items():
        if not word.strip() or not isinstance(value, str) or (allowed and value not in allowed):
            raise ConfigError(f"data map {LEXICON_FILE}:{key} has a bad entry {word!r}: {value!r}")
        if word.lower() in out:
            raise ConfigError(f"data map {LEXICON_FILE}:{key} repeats {word!r}")
        out[word.lower()] = value
    return out


def _int_map(data: dict[str, Any], key: str) -> dict[str, int]:
    raw = data.get(key)
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"data map {LEXICON_FILE}:{key} is empty or not a mapping")
    out: dict[str, int] = {}
    for word, value in raw.items():
        if not word.strip() or not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"data map {LEXICON_FILE}:{key} has a bad entry {word!r}: {value!r}")
        out[word.lower()] = value
    return out


def _quantities(data: dict[str, Any]) -> dict[str, QuantitySpec]:
    raw = data.get("quantities")
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"data map {LEXICON_FILE}:quantities is empty or not a mapping")
    out: dict[str, QuantitySpec] = {}
    for name, spec in raw.items():
        where = f"{LEXICON_FILE}:quantities:{name}"
        if not isinstance(spec, dict) or spec.get("kind") not in QUANTITY_KINDS:
            raise ConfigError(f"{where} needs a kind among {QUANTITY_KINDS}")
        types = checked_list(spec, "subject_types", where)
        if any(t.upper() not in ENTITY_TYPES for t in types):
            raise ConfigError(f"{where} names an unknown entity type: {types}")
        verbs = spec.get("verbs")
        if not isinstance(verbs, list) or len(set(verbs)) != len(verbs):
            raise ConfigError(f"{where}:verbs must be a list without repeats")
        out[name] = QuantitySpec(
            name=name,
            subject_types=frozenset(t.upper() for t in types),
            kind=str(spec["kind"]),
            verbs=frozenset(str(v).lower() for v in verbs),
        )
    return out


@cache
def counts_lexicon() -> CountsLexicon:
    """The bundled counts lexicon, validated (cached): every quantity named is a known one."""
    data = load_strict_json(LEXICON_FILE)
    quantities = _quantities(data)
    names = set(quantities)
    bounds = _str_map(data, "bounds", set(COUNT_BOUNDS))
    return CountsLexicon(
        quantities=quantities,
        number_words=_int_map(data, "number_words"),
        multipliers=_int_map(data, "multipliers"),
        currencies=_str_map(data, "currencies"),
        currency_after_only=frozenset(checked_list(data, "currency_after_only", LEXICON_FILE)),
        bounds={tuple(k.split()): v for k, v in bounds.items()},
        verb_bounds=_str_map(data, "verb_bounds", set(COUNT_BOUNDS)),
        compound_nouns=_str_map(data, "compound_nouns", names),
        counted_nouns=_str_map(data, "counted_nouns", names),
        nominated_for=frozenset(checked_list(data, "nominated_for", LEXICON_FILE)),
        box_office_nouns=frozenset(checked_list(data, "box_office_nouns", LEXICON_FILE)),
        chart_nouns=checked_list(data, "chart_nouns", LEXICON_FILE),
        rank_words=frozenset(checked_list(data, "rank_words", LEXICON_FILE)),
        standins=_str_map(data, "standins", set(ENTITY_TYPES)),
        standin_subtypes=_str_map(data, "standin_subtypes"),
        subset_modifiers=frozenset(checked_list(data, "subset_modifiers", LEXICON_FILE)),
        qualifiers=_str_map(data, "qualifiers"),
        period_nouns=frozenset(checked_list(data, "period_nouns", LEXICON_FILE)),
        period_modifiers=_str_map(data, "period_modifiers"),
        fixed_qualifiers=frozenset(checked_list(data, "fixed_qualifiers", LEXICON_FILE)),
    )


# --- numbers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedNumber:
    """A written number, normalised: ``precision`` is the place value of its last written digit."""

    value: int | float
    precision: int | float
    unit: str | None = None


def _plain(number: Decimal) -> int | float:
    """An int when the number is whole, else a float."""
    return int(number) if number == number.to_integral_value() else float(number)


def _word_key(piece: str) -> str:
    return piece.lower()


def parse_number(text: str) -> ParsedNumber | None:
    """The value of a written number: "1,234,567", "1.2 million", "twenty-one", "$52.3 million",
    "Rs 100 crore", "10 billion won". None when the text is anything else.

    Precision follows what is written: "1.2 million" is 100000, "300 million" is 100000000 (the
    zeros of a round figure are not significant), "1,234,567" and "seven" are 1, and a plain
    integer below 1000 counts as exact.
    """
    lex = counts_lexicon()
    pieces = [p for p in _PIECE.findall(text) if p not in _HYPHENS]
    unit: str | None = None
    i = 0
    while i < len(pieces) and _currency_before(pieces[i], lex):
        unit = lex.currencies[_word_key(pieces[i])]
        i += 1
    mantissa, decimals, i = _core(pieces, i, lex)
    if mantissa is None:
        return None
    multiplier = Decimal(1)
    n_mult = 0
    while i < len(pieces) and _word_key(pieces[i]).rstrip(".") in lex.multipliers:
        multiplier *= lex.multipliers[_word_key(pieces[i]).rstrip(".")]
        n_mult += 1
        i += 1
    while i < len(pieces) and _word_key(pieces[i]).rstrip(".") in lex.currencies and unit is None:
        unit = lex.currencies[_word_key(pieces[i]).rstrip(".")]
        i += 1
    if i != len(pieces) or (mantissa == 0 and n_mult):
        return None
    value = mantissa * multiplier
    if decimals > 0:
        precision = Decimal(10) ** -decimals * multiplier
    elif n_mult == 0 and value < 1000:
        precision = Decimal(1)
    else:
        whole = int(mantissa)
        zeros = len(str(whole)) - len(str(whole).rstrip("0")) if whole else 0
        precision = Decimal(10) ** zeros * multiplier
    return ParsedNumber(_plain(value), _plain(precision), unit)


def _currency_before(piece: str, lex: CountsLexicon) -> bool:
    word = _word_key(piece)
    return word in lex.currencies and word not in lex.currency_after_only


def _core(pieces: list[str], i: int, lex: CountsLexicon) -> tuple[Decimal | None, int, int]:
    """The mantissa at ``pieces[i]``: digits, number words, or "a" before a multiplier.

    Returns (mantissa, digits after the decimal point, index after the mantissa).
    """
    if i >= len(pieces):
        return None, 0, i
    first = pieces[i]
    if first[0].isdigit():
        if not _DIGITS.match(first):
            return None, 0, i
        try:
            number = Decimal(first.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return None, 0, i
        decimals = len(first.split(".", 1)[1]) if "." in first else 0
        return number, decimals, i + 1
    word = _word_key(first)
    if word in {"a", "an"}:
        nxt = _word_key(pieces[i + 1]).rstrip(".") if i + 1 < len(pieces) else ""
        return (Decimal(1), 0, i + 1) if nxt in lex.multipliers else (None, 0, i)
    if word not in lex.number_words:
        return None, 0, i
    total = lex.number_words[word]
    i += 1
    if 20 <= total <= 90 and total % 10 == 0 and i < len(pieces):
        unit_word = _word_key(pieces[i])
        if lex.number_words.get(unit_word, 10) < 10 and lex.number_words[unit_word] > 0:
            total += lex.number_words[unit_word]
            i += 1
    return Decimal(total), 0, i


# --- number phrases on the doc ------------------------------------------------------------------


@dataclass(frozen=True)
class NumberPhrase:
    """Tokens ``doc[start:end]`` that write one number, parsed, with the bound written before."""

    start: int
    end: int
    number: ParsedNumber
    bound: CountBound
    text: str


def _is_number_piece(token: Token, lex: CountsLexicon) -> bool:
    word = token.lower_
    if word in lex.number_words or word.rstrip(".") in lex.multipliers:
        return True
    return bool(token.text[:1].isdigit() and parse_number(token.text) is not None)


def number_phrases(doc: Doc, sent: Span) -> list[NumberPhrase]:
    """Every number written in ``sent`` (years, times, percentages and ordinals left out)."""
    lex = counts_lexicon()
    found: list[NumberPhrase] = []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        start = i
        if _currency_before(token.text, lex) and i + 1 < sent.end:
            i += 1
        if not _starts_number(doc, i, sent.end, lex):
            i = start + 1
            continue
        end = i + 1
        while end < sent.end:
            nxt = doc[end]
            if nxt.text in _HYPHENS and end + 1 < sent.end:
                after = doc[end + 1].lower_
                if after in lex.number_words and doc[end - 1].lower_ in lex.number_words:
                    end += 2
                    continue
                break
            if nxt.lower_.rstrip(".") in lex.multipliers or (
                nxt.lower_ in lex.number_words and doc[end - 1].lower_ in lex.number_words
            ):
                end += 1
                continue
            if nxt.lower_ in lex.currencies and nxt.lower_ in lex.currency_after_only:
                end += 1
            break
        phrase = _phrase(doc, start, end, lex)
        if phrase is None and end - start > 1:
            end -= 1  # a trailing "won" may be the verb ("the seven won")
            phrase = _phrase(doc, start, end, lex)
        if phrase is not None:
            found.append(phrase)
        i = max(end, start + 1)
    return found


def _starts_number(doc: Doc, i: int, end: int, lex: CountsLexicon) -> bool:
    if i >= end:
        return False
    token = doc[i]
    if token.lower_ in {"a", "an"}:
        return i + 1 < end and doc[i + 1].lower_.rstrip(".") in lex.multipliers
    if token.lower_.rstrip(".") in lex.multipliers:
        return False
    return _is_number_piece(token, lex)


def _phrase(doc: Doc, start: int, end: int, lex: CountsLexicon) -> NumberPhrase | None:
    span = doc[start:end]
    if any(t.ent_type_ in _SKIP_ENTS for t in span) or doc_ext.mention_at(doc, end - 1):
        return None
    if len(span) == 1 and _YEAR.match(span.text):
        return None
    if start > 0 and doc[start - 1].text in {".", ":"} and doc[start - 1].whitespace_ == "":
        return None  # "3.30" split oddly, or a time
    if end < len(doc) and doc[end].text in {"%", "/"}:
        return None
    number = parse_number(span.text)
    if number is None:
        return None
    after_only = any(t.lower_ in lex.currency_after_only for t in span)
    if number.unit is not None and after_only and number.value < 1000:
        return None  # "seven won" is a verb, not seven won
    return NumberPhrase(start, end, number, _bound_before(doc, start, lex), span.text)


def _bound_before(doc: Doc, start: int, lex: CountsLexicon) -> CountBound:
    """The bound written just before a number ("more than", "nearly"), longest match first."""
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = tuple(t.lower_ for t in doc[start - size : start])
        bound = lex.bounds.get(words)
        if bound is not None:
            return cast(CountBound, bound)
    return "exact"


# --- subjects -----------------------------------------------------------------------------------


def _mention_id(doc: Doc, i: int, wanted: frozenset[str]) -> str | None:
    span = doc_ext.mention_at(doc, i)
    if span is None or not span.kb_id_ or span.label_ not in wanted:
        return None
    return str(span.kb_id_)


def _standin_type(token: Token, lex: CountsLexicon) -> str | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "compound" and f"{child.lower_} {lemma}" in lex.standins:
            return lex.standins[f"{child.lower_} {lemma}"]
    return lex.standins.get(lemma) or lex.standins.get(token.lower_)


def _latest_of_type(doc: Doc, before: int, etype: str, subtype: str | None) -> str | None:
    """The latest mention of ``etype`` before token ``before``, a few sentences back at most.

    With a ``subtype`` ("the EP" is an album), an entity of another known subtype never fits,
    and one of the same subtype beats one of unknown subtype.
    """
    here = doc_ext.sentence_index(doc, before)
    low = doc_ext.sentence_starts(doc)[max(0, here - _STANDIN_WINDOW)]
    subtypes = {e.id: e.subtype for e in doc._.ng_entities or ()}
    best: str | None = None
    loose: str | None = None
    for span in doc_ext.mentions(doc):
        if span.end > before:
            break
        if span.start < low or span.label_ != etype or not span.kb_id_:
            continue
        known = subtypes.get(str(span.kb_id_))
        if subtype is None or known == subtype:
            best = str(span.kb_id_)
        elif known is None:
            loose = str(span.kb_id_)
    return best or loose


def entity_of(doc: Doc, token: Token, wanted: frozenset[str]) -> str | None:
    """The entity (of a wanted type) a noun phrase headed by ``token`` names or stands for.

    A name, a name in apposition or compound ("the group X", "X, a five-piece band"), a name in
    quotes right after a description ("the album "Y""), a pronoun, or a definite description
    ("the group") for the latest entity of its type. A possessor is not the phrase's referent:
    "X's drama" is the drama, not X.
    """
    lex = counts_lexicon()
    found = _mention_id(doc, token.i, wanted)
    if found:
        return found
    for child in token.children:
        if child.dep_ in {"appos", "compound", "nmod", "npadvmod"}:
            found = _mention_id(doc, child.i, wanted)
            if found:
                return found
    if token.dep_ == "appos":
        found = _mention_id(doc, token.head.i, wanted)
        if found:
            return found
    if token.pos_ == "PRON":
        pronoun = resolve_pronoun(doc, token)
        kinds = {str(s.label_) for s in doc_ext.mentions(doc) if s.kb_id_ == pronoun}
        return pronoun if pronoun and kinds & wanted else None
    etype = _standin_type(token, lex)
    if etype is None or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    j = token.i + 1
    while j < len(doc) and j <= token.i + 2 and doc[j].text in _QUOTE_MARKS:
        j += 1
    if j < len(doc) and j > token.i:
        found = _mention_id(doc, j, wanted)
        if found:
            return found
    names_itself = any(c.dep_ == "appos" for c in token.children) or (
        token.i + 1 < len(doc)
        and (doc[token.i + 1].text in _QUOTE_MARKS or doc[token.i + 1].pos_ == "PROPN")
    )
    edge = token.left_edge.i
    if edge > 0 and doc[edge - 1].text == ",":
        # "X, the war drama from ..., earned": an apposition to what precedes the comma
        return _mention_id(doc, edge - 2, wanted) if edge > 1 else None
    if etype in wanted and not names_itself and any(c.lower_ in _DEFINITE for c in token.children):
        return _latest_of_type(doc, token.i, etype, lex.standin_subtypes.get(token.lemma_.lower()))
    return None


def _subject_of_verb(doc: Doc, verb: Token, wanted: frozenset[str]) -> str | None:
    subject = clause_subject(verb)
    if subject is None:
        return None
    if subject.lower_ in {"who", "which", "that"} and subject.head.dep_ == "relcl":
        subject = subject.head.head
    return entity_of(doc, subject, wanted)


# --- qualifiers ---------------------------------------------------------------------------------


def _qualifier_parts(
    doc: Doc, heads: list[Token], lex: CountsLexicon, own: range = range(0)
) -> set[str]:
    """What slice a count is of: a period ("first week"), a region, a platform or chart, a date.

    ``own`` are the tokens of the count itself, which never qualify it.
    """
    parts: set[str] = set()
    for head in heads:
        for child in head.children:
            if child.i in own:
                continue
            word = child.lower_
            if child.dep_ in {"advmod", "amod", "npadvmod", "compound"} and word in lex.qualifiers:
                parts.add(lex.qualifiers[word])
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in own:
                        part = _prep_qualifier(doc, child, pobj, lex)
                        if part:
                            parts.add(part)
            elif child.dep_ == "npadvmod" and child.lemma_.lower() in lex.period_nouns:
                parts.add(_period(child, lex))
    return parts


def _period(noun: Token, lex: CountsLexicon) -> str:
    """ "its first week" is "first week"; "24 hours" stays "24 hours"."""
    words: list[str] = []
    for child in noun.lefts:
        if child.lower_ in lex.period_modifiers:
            words.append(lex.period_modifiers[child.lower_])
        elif child.like_num:
            words.append(child.lower_)
    lemma = noun.lemma_.lower()
    return " ".join([*words, lemma if not words or words[-1] == "first" else noun.lower_])


def _prep_qualifier(doc: Doc, prep: Token, pobj: Token, lex: CountsLexicon) -> str | None:
    if pobj.lemma_.lower() in lex.period_nouns:
        return _period(pobj, lex)
    span = doc_ext.mention_at(doc, pobj.i)
    if span is not None and prep.lower_ in {"on", "in", "at", "across", "via", "atop"}:
        return span.text
    if pobj.ent_type_ in {"DATE", "GPE", "LOC"}:
        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
        if ent is not None:
            return ent.text.lower().removeprefix("the ")
    if pobj.lower_ in lex.qualifiers:
        return lex.qualifiers[pobj.lower_]
    return None


def _qualifier(parts: set[str], lex: CountsLexicon) -> str | None:
    if "first" in parts and any(p.startswith("first ") for p in parts):
        parts = parts - {"first"}
    return "; ".join(sorted(parts)) or None


# --- the patterns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    subject: str
    quantity: str
    qualifier: str | None = None
    bound: CountBound | None = None  # overrides the written bound (a verb such as "topped")


def _age_apposition(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> _Found | None:
    """ "X, 29, said" / "X (29)" / "X, aged 29," -- only after a person's name."""
    value = phrase.number.value
    if phrase.number.unit or not isinstance(value, int) or not 0 < value <= _MAX_AGE:
        return None
    if phrase.end - phrase.start != 1 or phrase.end >= len(doc):
        return None
    before = phrase.start - 1
    if doc[before].lower_ == "aged":
        before -= 1
    closing = doc[phrase.end].text
    if before < 1 or doc[before].text not in {",", "("} or closing not in {",", ")", "."}:
        return None
    if (doc[before].text == "(") != (closing == ")"):
        return None
    span = doc_ext.mention_at(doc, before - 1)
    if span is None or span.label_ != "PERSON" or span.end != before or not span.kb_id_:
        return None
    return _Found(str(span.kb_id_), "age")


def _hyphen_compound(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> _Found | None:
    """ "the seven-member group X", "a 16-episode drama", "the 29-year-old singer X"."""
    i = phrase.end
    if phrase.number.unit or i + 1 >= len(doc) or doc[i].text not in _HYPHENS:
        return None
    noun = doc[i + 1]
    word = noun.lemma_.lower()
    last = noun
    if (
        word == "year"
        and i + 3 < len(doc)
        and doc[i + 2].text in _HYPHENS
        and (doc[i + 3].lower_ == "old")
    ):
        word, last = "year-old", doc[i + 3]
    quantity = lex.compound_nouns.get(word)
    if quantity is None:
        return None
    head = last.head
    while head.dep_ in {"compound", "amod"} and head.head.i > head.i and head.pos_ != "PROPN":
        head = head.head  # "the 12-track studio album"
    if head.i == last.i or head.i < last.i:
        head = last  # "the 29-year-old said": the modifier is the phrase itself
    spec = lex.quantities[quantity]
    subject = entity_of(doc, head, spec.subject_types)
    if subject is None and head.dep_ == "attr":
        subject = _subject_of_verb(doc, head.head, spec.subject_types)
    return _Found(subject, quantity) if subject else None


def _counted_noun(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> Token | None:
    """The noun a number counts: the head noun after it, past adjectives and compounds that
    modify it ("five studio albums", "11 Oscar nominations")."""
    for j in range(phrase.end, min(len(doc), phrase.end + 4)):
        token = doc[j]
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            return None
        if token.head.i > j and token.dep_ in {"amod", "compound", "nmod"}:
            continue
        return (
            token if token.pos_ in {"NOUN", "PROPN"} and _noun_quantity(doc, token, lex) else None
        )
    return None


def _noun_quantity(doc: Doc, noun: Token, lex: CountsLexicon) -> str | None:
    lemma = noun.lemma_.lower()
    candidates = [lemma, noun.lower_, noun.lower_.rstrip("s")]
    if noun.i > 0:
        candidates.insert(0, f"{doc[noun.i - 1].lower_} {lemma}")
    return next((lex.counted_nouns[c] for c in candidates if c in lex.counted_nouns), None)


def _governor(token: Token) -> Token | None:
    """The verb a counted noun (or a money phrase) hangs on: "sold [copies]", "nominated for [3
    Oscars]", "has [sixteen episodes] and [twenty-one songs]"."""
    current = token
    for _ in range(4):
        if current.dep_ == "conj" or current.dep_ in {"appos", "npadvmod", "quantmod", "nummod"}:
            current = current.head
            continue
        if current.dep_ in {"dobj", "attr", "oprd", "dative"}:
            return current.head if current.head.pos_ in {"VERB", "AUX"} else None
        if current.dep_ == "pobj":
            prep = current.head
            if prep.head.pos_ in {"VERB", "AUX"}:
                return prep.head
            return None
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head.pos_ in {"VERB", "AUX"} and current.dep_ in {"advmod", "dep", "nmod"}:
            return current.head
        return None
    return None


def _irrealis(verb: Token) -> bool:
    """ "will release two albums", "had to sell", "hopes to draw": not (yet) a fact."""
    if verb.dep_ == "xcomp":
        return True
    return any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children)


def _owner(doc: Doc, noun: Token, wanted: frozenset[str]) -> str | None:
    """ "the group's seven members" / "1 million copies of Y": the possessor or the "of" object."""
    for child in noun.children:
        if child.dep_ == "poss":
            found = entity_of(doc, child, wanted)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = entity_of(doc, pobj, wanted)
                    if found:
                        return found
    return None


def _chart_named(doc: Doc, heads: list[Token], lex: CountsLexicon) -> str | None:
    """The chart a count is on: "on the Billboard 200", "atop Oricon's weekly chart"."""
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"on", "atop", "in"}:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                span = doc_ext.mention_at(doc, pobj.i)
                phrase = doc[pobj.left_edge.i : pobj.right_edge.i + 1].text.lower()
                if span is not None:
                    return span.text
                if any(noun in phrase for noun in lex.chart_nouns):
                    return phrase.removeprefix("the ")
    return None


def _object_count(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> _Found | None:
    """ "X sold 1.2 million copies", "X has won 12 Daesangs", "X spent 10 weeks on chart Y"."""
    if phrase.number.unit:
        return None
    noun = _counted_noun(doc, phrase, lex)
    if noun is None:
        return None
    quantity = _noun_quantity(doc, noun, lex)
    if quantity is None or any(c.lower_ in lex.subset_modifiers for c in noun.children):
        return None  # "the last four members of X" are not all of them
    verb = _governor(noun)
    if verb is not None and _irrealis(verb):
        return None
    if verb is not None and verb.lemma_.lower() == "nominate":
        if quantity != "awards_won":
            return None
        quantity = "nominations"
    spec = lex.quantities[quantity]
    heads = [noun] + ([verb] if verb is not None else [])
    parts = _qualifier_parts(doc, heads, lex, range(phrase.start, noun.i + 1))
    for adj in noun.children:
        if adj.dep_ in {"amod", "compound"} and adj.lower_ in lex.qualifiers:
            parts.add(lex.qualifiers[adj.lower_])
        elif adj.dep_ == "compound" and phrase.end <= adj.i < noun.i:
            award = doc_ext.mention_at(doc, adj.i)
            if award is not None:
                parts.add(award.text)  # "11 Oscar nominations" are not all nominations
    if quantity == "weeks_on_chart":
        chart = _chart_named(doc, heads, lex)
        if chart is None:
            return None
        parts = {p for p in parts if p != chart} | {chart}
    if quantity in {"streams", "views", "followers"}:
        parts = parts - {"first"}
    subject = _owner(doc, noun, spec.subject_types)
    bound: CountBound | None = None
    if subject is None and verb is not None:
        lemma = verb.lemma_.lower()
        if lemma not in spec.verbs and not (lemma == "nominate" and quantity == "nominations"):
            return None
        subject = _subject_of_verb(doc, verb, spec.subject_types)
        verb_bound = lex.verb_bounds.get(lemma)
        bound = cast(CountBound, verb_bound) if verb_bound else None
    if subject is None:
        return None
    return _Found(subject, quantity, _qualifier(parts, lex), bound)


def _money(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> _Found | None:
    """Box office: "Y opened to $52.3 million", "Y collected Rs 100 crore worldwide"."""
    if phrase.number.unit is None:
        return None
    spec = lex.quantities["box_office"]
    span = doc[phrase.start : phrase.end]
    roots = [t for t in span if not phrase.start <= t.head.i < phrase.end] or [span.root]
    for root in roots:
        current = root
        via_noun: Token | None = None
        verb: Token | None = None
        for _ in range(4):
            if current.pos_ in {"VERB", "AUX"}:
                verb = current
                break
            if current.lemma_.lower() in lex.box_office_nouns and current.i != root.i:
                via_noun = current
            if current.head.i == current.i:
                break
            current = current.head
        if verb is None:
            continue
        lemma = verb.lemma_.lower()
        if (lemma not in spec.verbs and via_noun is None) or _irrealis(verb):
            continue
        if (
            root.dep_ == "pobj"
            and via_noun is None
            and any(
                c.dep_ == "dobj" and c.i not in range(phrase.start, phrase.end)
                for c in verb.children
            )
        ):
            continue  # "scored the biggest advance sales on $49.5m": it measures the sales
        subject = (_owner(doc, via_noun, spec.subject_types) if via_noun else None) or (
            _subject_of_verb(doc, verb, spec.subject_types)
        )
        if subject is None:
            continue
        heads = [verb] + ([via_noun] if via_noun is not None else [])
        parts = _qualifier_parts(doc, heads, lex, range(phrase.start, phrase.end))
        if lemma == "open" or (via_noun is not None and via_noun.lower_ == "opening"):
            parts.add("first")
        verb_bound = lex.verb_bounds.get(lemma)
        bound = cast(CountBound, verb_bound) if verb_bound else None
        return _Found(subject, "box_office", _qualifier(parts, lex), bound)
    return None


def _rank(doc: Doc, phrase: NumberPhrase, lex: CountsLexicon) -> _Found | None:
    """ "debuted at No. 3 on the Billboard Hot 100", "peaked at number two"."""
    start = phrase.start
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    if not before or not (before[-1] in lex.rank_words or "".join(before) in lex.rank_words):
        return None
    if phrase.number.unit or not isinstance(phrase.number.value, int):
        return None
    spec = lex.quantities["chart_position"]
    anchor = doc[start - 1] if doc[start - 1].text != "." else doc[start - 2]
    verb = _governor(anchor) or _governor(doc[start])
    if verb is None or verb.lemma_.lower() not in spec.verbs:
        return None
    subject = _subject_of_verb(doc, verb, spec.subject_types)
    if subject is None:
        return None
    chart = _chart_named(doc, [verb, anchor, doc[start - 1], doc[start], doc[start].head], lex)
    parts = {chart} if chart else set()
    lemma = verb.lemma_.lower()
    if lemma in {"debut", "enter", "open", "start"}:
        parts.add("debut")
    elif lemma == "peak":
        parts.add("peak")
    return _Found(subject, "chart_position", _qualifier(parts, lex), "exact")


_PATTERNS = (_age_apposition, _rank, _hyphen_compound, _money, _object_count)


def find_counts(doc: Doc) -> list[Count]:
    """Every count the doc states about one of its entities, in text order, without repeats."""
    if not doc.has_annotation("SENT_START") or not doc_ext.mentions(doc):
        return []
    lex = counts_lexicon()
    article = doc._.ng_article
    as_of = article.published.isoformat() if article is not None and article.published else None
    found: list[Count] = []
    seen: set[tuple[Any, ...]] = set()
    for sent in doc.sents:
        for phrase in number_phrases(doc, sent):
            hit = next((h for p in _PATTERNS if (h := p(doc, phrase, lex)) is not None), None)
            if hit is None:
                continue
            bound = hit.bound if hit.bound and phrase.bound == "exact" else phrase.bound
            count = Count(
                subject=hit.subject,
                quantity=hit.quantity,
                value=phrase.number.value,
                unit=phrase.number.unit,
                qualifier=hit.qualifier,
                bound=bound,
                precision=phrase.number.precision,
                text=phrase.text,
                as_of=as_of,
                evidence=(doc_ext.evidence_for(doc, doc[phrase.start : phrase.end]),),
            )
            key = (*count.key(), count.value, count.bound, count.evidence[0].sentence)
            if key not in seen:
                seen.add(key)
                found.append(count)
    return found


class CountsComponent:
    """Writes ``doc._.ng_counts``: the counts the text states about its entities."""

    def __init__(self) -> None:
        self.lexicon = counts_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_counts = find_counts(doc)
        return doc


@Language.factory(
    "newsgraph_counts_v1",
    assigns=["doc._.ng_counts"],
    requires=["doc._.ng_entities"],
)
def make_counts(nlp: Language, name: str) -> CountsComponent:
    return CountsComponent()


__all__ = [
    "QUANTITY_KINDS",
    "CountsComponent",
    "CountsLexicon",
    "NumberPhrase",
    "ParsedNumber",
    "QuantitySpec",
    "counts_lexicon",
    "entity_of",
    "find_counts",
    "number_phrases",
    "parse_number",
]
