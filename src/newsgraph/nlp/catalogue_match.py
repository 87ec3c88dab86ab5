"""Find catalogue names in a ``Doc``, with context for the risky ones.

A name such as "V", "Jin" or "Rain" is matched only as a capitalised standalone token and only
when the article also names one of the entity's groups (or its agency), so that "rain" the weather
and "Jin" the drink never become idols. When several entries share a name, the one whose group the
article names wins; without such context the most popular one is taken only for safe names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.nlp.catalogue import (
    Catalogue,
    CatalogueEntry,
    alias_key,
    needs_context,
    surname_spellings,
)

# A catalogue name inside a date or a number ("Saturday", "Seventeen") is that date or number.
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class CatalogueHit:
    """A catalogue name found in the text (token offsets) and the entry it stands for."""

    start: int
    end: int
    type: str
    subtype: str | None
    entry_id: str
    name: str
    external_ids: tuple[tuple[str, str], ...]
    hint_only: bool = False


@cache
def _matcher(vocab: Vocab) -> PhraseMatcher:
    """One PhraseMatcher of every catalogue surface form, built once per vocabulary."""
    catalogue = Catalogue.load()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    seen: set[str] = set()
    patterns = []
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    for surface, _entry in catalogue.aliases():
        if surface in seen or not surface.strip():
            continue
        if not surface[0].isascii() and not _is_hangul_name(surface):
            continue
        seen.add(surface)
        patterns.append(tokenizer(surface))
        curly = surface.replace("'", "’")
        if curly != surface and curly not in seen:
            seen.add(curly)
            patterns.append(tokenizer(curly))
    matcher.add("CATALOGUE", patterns)
    return matcher


def _context_keys(doc: Doc) -> set[str]:
    """Keys of every capitalised word sequence in the text (up to four words), for group checks."""
    keys: set[str] = set()
    words = [t.text for t in doc]
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for n in range(1, min(4, len(words) - i) + 1):
            keys.add(alias_key(" ".join(words[i : i + n])))
    return keys


@cache
def _members(catalogue: Catalogue) -> dict[str, tuple[CatalogueEntry, ...]]:
    """Each group's members, for checking that a group name has its people nearby."""
    members: dict[str, list[CatalogueEntry]] = {}
    for entry in catalogue:
        for group_id in entry.groups:
            members.setdefault(group_id, []).append(entry)
    return {k: tuple(v) for k, v in members.items()}


def _has_context(entry: CatalogueEntry, catalogue: Catalogue, context: set[str]) -> bool:
    """The article also names the entry's group or agency, or (for a group) one of its members
    by a name that is safe on its own."""
    for member in _members(catalogue).get(entry.id, ()):
        if any(
            alias_key(s) in context and not needs_context(s) and len(alias_key(s)) > 3
            for s in member.surfaces()
        ):
            return True
    for group_id in entry.groups:
        group = catalogue.get(group_id)
        if group is not None and any(alias_key(s) in context for s in group.surfaces()):
            return True
    return bool(entry.company and alias_key(entry.company) in context)


def starts_like_a_name(text: str) -> bool:
    """A capital or a digit first, or a brand written in camel case: "tvN", "iQIYI", "iTunes"."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return bool(first) and (
        first[0].isupper() or first[0].isdigit() or any(c.isupper() for c in first[1:])
    )


def _is_hangul_name(text: str) -> bool:
    """A Hangul name of two to four syllables ("김태형"), matched as written in English text."""
    return 2 <= len(text) <= 4 and all("\uac00" <= c <= "\ud7a3" for c in text)


def _cased_like_a_name(span: Span) -> bool:
    """Matching ignores case ("J-hope" for "J-Hope"), but a name's words are capitalised:
    "The show" is not the music programme "The Show"."""
    words = [
        t
        for t in span
        if t.is_alpha
        and len(t) > 1
        and not (t.i > span.start and t.doc[t.i - 1].text in {"-", "‐"})  # "Jong-sung"
        and not all("\uac00" <= c <= "\ud7a3" for c in t.text)  # Hangul has no case
    ]
    return all(any(c.isupper() for c in t.text) for t in words)  # "tvN" counts


_MEDIA_BEFORE = frozenset({"told", "via", "on", "to", "with"})
_MEDIA_AFTER = frozenset({"report", "reported", "reports", "reporting", "confirmed", "said"})


def _media_context(doc: Doc, start: int, end: int) -> bool:
    """ "told Variety", "Deadline reported", "streaming on Max": words around a name that make
    an outlet or a platform of it, however common the word is ("Variety", "Max")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    if before == "to" and start > 1 and doc[start - 2].lemma_ not in {"tell", "speak", "talk"}:
        return False
    return (
        before in _MEDIA_BEFORE
        or after in _MEDIA_AFTER
        or (before == "to" and start > 1 and doc[start - 2].lower_ == "according")
    )


def _inside_word(doc: Doc, start: int, end: int) -> bool:
    """A match that is only part of a hyphenated word ("Jin" in "Jin-ah") is not the name."""
    hyphens = {"-", "‐"}

    def syllable(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and (len(doc[i]) <= 3 or doc[i].is_title)

    after_hyphen = end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in hyphens
    before_hyphen = start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text in hyphens
    return (after_hyphen and syllable(end + 1)) or (before_hyphen and syllable(start - 2))


def catalogue_candidates(doc: Doc) -> list[CatalogueHit]:
    """Catalogue names in ``doc``; ambiguous or risky names only with supporting context."""
    catalogue = Catalogue.load()
    matcher = _matcher(doc.vocab)
    context: set[str] | None = None
    hits: list[CatalogueHit] = []
    matches = [(start, end) for _match_id, start, end in matcher(doc)]
    spans = set(matches)
    # Names the model found are looked up by key too, which catches spellings that are not
    # listed surface forms ("Big Bang" for BIGBANG, "Kim Tae Hyung" for Kim Tae-hyung).
    for ent in doc.ents:
        end = ent.end - 1 if len(ent) > 1 and ent[-1].text in {"'s", "’s", "'", "’"} else ent.end
        if (ent.start, end) not in spans:
            matches.append((ent.start, end))
    for start, end in matches:
        span = doc[start:end]
        if _inside_word(doc, start, end) or not _cased_like_a_name(span):
            continue
        if not starts_like_a_name(span.text) and not _is_hangul_name(span.text):
            continue
        entries = catalogue.lookup(span.text)
        if not entries:
            continue
        if context is None:
            context = _context_keys(doc)
        supported = [e for e in entries if _has_context(e, catalogue, context)]
        risky = needs_context(span.text)
        # (but "Monthly Afternoon", split by the model into a date and a time, is one name)
        one_entity = all(t.ent_iob_ == "I" for t in span[1:])
        if not supported and doc[start].ent_type_ in _NOT_NAMES and one_entity:
            continue
        if not supported:
            supported = [e for e in entries if e.type == "ORG" and _media_context(doc, start, end)]
        entry = supported[0] if supported else entries[0]
        # Without context, a common word, a name several entries share, or a person's
        # secondary alias ("Jin-ah" for an idol called Nana) only hints at the type.
        hint_only = not supported and (
            risky
            or (len(entries) > 1 and entries[0].type == "PERSON")
            or (entry.type == "PERSON" and alias_key(span.text) != alias_key(entry.name))
            or (len(span) == 1 and bool(surname_spellings(span.text)))
        )
        if risky and not (span[0].is_title or span[0].is_upper):
            continue
        external = (("wikidata", entry.qid),) if entry.qid else ()
        hits.append(
            CatalogueHit(
                start, end, entry.type, entry.subtype, entry.id, entry.name, external, hint_only
            )
        )
    return hits
