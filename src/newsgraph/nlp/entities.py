"""Typed entity mentions and their in-article alias clusters.

Candidates come from several sources, strongest first: quoted titles ("the single “Love Wins
All”"), names that a role or group noun fixes ("director Um Tae Hwa", "boy group Seventeen"),
the bundled catalogue, and spaCy's NER with its labels mapped to ours. Overlaps are settled by
source strength, then length. Mentions are then clustered: same name key, "also known as"
appositions, parentheses, a short name inside a longer one ("Taehyung" in "Kim Taehyung"), and a
shared catalogue id. Every cluster becomes one :class:`~newsgraph.model.Entity`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import Entity, Mention
from newsgraph.nlp import doc_ext
from newsgraph.nlp.catalogue import common_words
from newsgraph.nlp.catalogue_match import starts_like_a_name
from newsgraph.nlp.lexicon import load_json
from newsgraph.nlp.names import clean_surface, name_key, tokens_key

# Source strengths: a higher number wins an overlap and decides a cluster's type.
TITLE, ROLE, CATALOGUE, CONTEXT, NER = 50, 40, 35, 30, 10

_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’", "[": "]"}
_POSSESSIVE_TOKENS = {"'s", "’s", "'", "’"}
_T = TypeVar("_T")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass
class Candidate:
    """A possible mention before overlaps are settled."""

    start: int  # token offsets
    end: int
    type: str
    strength: int
    subtype: str | None = None
    catalogue_id: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()
    canonical: str | None = None


@dataclass
class Rules:
    """The data-file rules, loaded and checked once per component."""

    label_map: dict[str, str]
    person_roles: frozenset[str]
    group_cues: tuple[tuple[str, ...], ...]
    group_suffixes: frozenset[str]
    org_suffixes: frozenset[str]
    work_cues: dict[tuple[str, ...], str]
    mv_terms: tuple[str, ...]
    small_words: frozenset[str]
    title_max_words: int
    alias_cue_re: re.Pattern[str]
    not_entities: frozenset[str]
    role_subtypes: dict[str, str]
    group_after_re: re.Pattern[str]
    member_list_cues: tuple[tuple[str, ...], ...]
    band_roles: frozenset[str]
    credit_verbs: frozenset[str]
    award_modifiers: frozenset[str]
    award_words: frozenset[str]
    origin_modifiers: frozenset[str]
    org_prefixes: frozenset[str]
    name_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    work_verbs: frozenset[str]
    known_for_roles: frozenset[str]
    work_suffixes: frozenset[str]
    box_office_verbs: frozenset[str]
    not_entity_prefixes: frozenset[str]
    group_name_endings: frozenset[str] = frozenset()
    award_category_endings: tuple[str, ...] = ()
    appositive_determiners: frozenset[str] = frozenset()
    tracklist_cues: tuple[tuple[str, ...], ...] = ()
    name_symbols: frozenset[str] = frozenset()
    age_words: frozenset[str] = frozenset()
    event_name_endings: frozenset[str] = frozenset()
    character_verbs: frozenset[str] = frozenset()
    duo_cues: tuple[tuple[str, ...], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # Derived look-ups, so that the per-token loops only try the cues a word can start or end:
    # group cues by last word, member-list and work cues by first word (file order kept).
    group_cues_by_last: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False)
    member_list_by_first: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False)
    work_cues_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        init=False, repr=False
    )
    tracklist_by_first: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False)
    duo_by_last: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.duo_by_last = _index(self.duo_cues, lambda cue: cue[-1])
        self.group_cues_by_last = _index(self.group_cues, lambda cue: cue[-1])
        self.member_list_by_first = _index(self.member_list_cues, lambda cue: cue[0])
        self.work_cues_by_first = _index(self.work_cues.items(), lambda item: item[0][0])
        self.tracklist_by_first = _index(self.tracklist_cues, lambda cue: cue[0])

    @classmethod
    def load(cls, name: str = "entities_rules.json") -> Rules:
        data = load_json(name)
        work_cues: dict[tuple[str, ...], str] = {}
        for subtype, cues in data["work_cues"].items():
            for cue in cues:
                work_cues[tuple(cue.lower().split())] = subtype
        alias_cues = sorted(data["alias_cues"], key=len, reverse=True)
        return cls(
            label_map=dict(data["ner_label_map"]),
            person_roles=frozenset(w.lower() for w in data["person_roles"]),
            group_cues=tuple(tuple(c.lower().split()) for c in data["group_cues"]),
            group_suffixes=frozenset(data["group_name_suffixes"]),
            org_suffixes=frozenset(data["org_name_suffixes"]),
            work_cues=work_cues,
            mv_terms=tuple(data["music_video_terms"]),
            small_words=frozenset(data["title_small_words"]),
            title_max_words=int(data["title_max_words"]),
            alias_cue_re=re.compile(
                r"^\s*,?\s*\(?\s*(?:"
                + "|".join(re.escape(c) for c in alias_cues)
                + r")\s*:?\s*[\"“‘']?\s*$",
                re.IGNORECASE,
            ),
            not_entities=frozenset(w.lower() for w in data["not_entities"]),
            role_subtypes=dict(data["role_subtypes"]),
            group_after_re=re.compile(
                r"^\s*[(,]?\s*(?:" + "|".join(re.escape(c) for c in data["group_after_cues"]) + ")",
                re.IGNORECASE,
            ),
            not_entity_prefixes=frozenset(data["not_entity_prefixes"]),
            member_list_cues=tuple(tuple(c.split()) for c in data["member_list_cues"]),
            band_roles=frozenset(data["band_roles"]),
            credit_verbs=frozenset(data["credit_verbs"]),
            award_modifiers=frozenset(data["award_modifiers"]),
            award_words=frozenset(data["award_words"]),
            origin_modifiers=frozenset(data["origin_modifiers"]),
            org_prefixes=frozenset(data["org_prefixes"]),
            name_suffixes=frozenset(data["name_suffixes"]),
            place_suffixes=frozenset(data["place_suffixes"]),
            work_verbs=frozenset(data["work_verbs"]),
            known_for_roles=frozenset(data["known_for_roles"]),
            work_suffixes=frozenset(data["work_suffixes"]),
            box_office_verbs=frozenset(data["box_office_verbs"]),
            group_name_endings=frozenset(data["group_name_endings"]),
            award_category_endings=tuple(e.lower() for e in data["award_category_endings"]),
            appositive_determiners=frozenset(data["appositive_determiners"]),
            tracklist_cues=tuple(tuple(c.split()) for c in data["tracklist_cues"]),
            name_symbols=frozenset(data["name_symbols"]),
            age_words=frozenset(data["age_words"]),
            event_name_endings=frozenset(data["event_name_endings"]),
            character_verbs=frozenset(data["character_verbs"]),
            duo_cues=tuple(tuple(c.lower().split()) for c in data["duo_cues"]),
        )


def _index(items: Iterable[_T], word: Callable[[_T], str]) -> dict[str, tuple[_T, ...]]:
    """``items`` grouped by one of their words, each group in the original order."""
    out: dict[str, list[_T]] = {}
    for item in items:
        out.setdefault(word(item), []).append(item)
    return {key: tuple(group) for key, group in out.items()}


_JOINERS = frozenset({"-", "–", "‐"})


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _name_run(doc: Doc, start: int, limit: int = 5, symbols: frozenset[str] = frozenset()) -> int:
    """End of the run of capitalised name tokens that starts at ``start`` (== start if none).

    ``symbols`` may join two words of one name when written without spaces ("Tri☆Bell").
    """
    end = start
    while end < len(doc) and end - start < limit:
        tok = doc[end]
        after_hyphen = (
            end > start and doc[end - 1].text in _JOINERS and not doc[end - 1].whitespace_
        )
        if (
            (_is_capitalised(tok) and tok.is_alpha)
            or (_is_capitalised(tok) and re.fullmatch(r"[A-Z][\w.\-&]*", tok.text))
            or (after_hyphen and tok.is_alpha)
            or (
                (tok.text in {"-", ".", "–"} or tok.text in symbols)
                and end > start
                and end + 1 < len(doc)
                and not tok.whitespace_
                and not doc[end - 1].whitespace_
            )
        ):
            end += 1
        else:
            break
    while end > start and (doc[end - 1].text in {"-", "."} or doc[end - 1].text in symbols):
        end -= 1
    return end


# "Gully Cricket for Netflix": a preposition ends an unquoted title (quoted ones are kept whole).
_TITLE_BREAKS = frozenset({"for", "by", "with", "from", "at", "on", "in", "to", "as", "vs", "vs."})


def _title_run(
    doc: Doc,
    start: int,
    small: frozenset[str],
    limit: int = 6,
    breaks: frozenset[str] = _TITLE_BREAKS,
) -> int:
    """End of an unquoted title after a cue noun: capitalised words, small words inside.

    ``breaks``: small words that end the title ("Gully Cricket for Netflix"); none in a list
    of titles, where "Last Train to Spring" is whole.
    """
    end = start
    last_good = start
    while end < len(doc) and end - start < limit:
        tok = doc[end]
        if "\n" in tok.text or (tok.is_punct and tok.text not in {"-", "'", "&", ":"}):
            break
        if _is_capitalised(tok):
            end += 1
            last_good = end
        elif tok.text == ":" and end + 1 < len(doc) and _is_capitalised(doc[end + 1]):
            end += 1  # "Blade of Aurora: The Last Dawn"
            limit += 4
        elif (tok.lower_ in small and tok.lower_ not in breaks and end > start) or tok.text in {
            "-",
            "&",
        }:
            end += 1
        else:
            break
    return last_good


class EntityRecognizer:
    """Writes ``doc.spans["ng_mentions"]`` and ``doc._.ng_entities``."""

    def __init__(self, *, rules_file: str = "entities_rules.json", use_catalogue: bool = True):
        self.rules = Rules.load(rules_file)
        self.use_catalogue = use_catalogue
        self._catalogue_matcher: Any = None

    # ------------------------------------------------------------------ candidates
    def _titles(self, doc: Doc) -> list[Candidate]:
        """Quoted Title-Case phrases: song, album, film and show titles."""
        found: list[Candidate] = []
        text = doc_ext.doc_text(doc)
        for line_match in re.finditer(r"[^\n]+", text):
            line, base = line_match.group(0), line_match.start()
            i = 0
            while i < len(line):
                ch = line[i]
                close = _OPEN_CLOSE.get(ch)
                if close is None and ch == "'":
                    close = "'"
                if close is None or (ch in "‘'" and i > 0 and line[i - 1].isalnum()):
                    i += 1
                    continue
                j = line.find(close, i + 1)
                while j != -1 and close in "’'" and j + 1 < len(line) and line[j + 1].isalpha():
                    j = line.find(close, j + 1)
                if j == -1:
                    i += 1
                    continue
                inner = line[i + 1 : j]
                stripped = inner.rstrip(",.!?;: ")
                # K-pop sites bracket titles ("[Love wins all]"): brackets need no Title Case.
                bracketed = ch == "[" and 0 < len(stripped.split()) <= self.rules.title_max_words
                if (bracketed and stripped[:1].isupper()) or self._looks_like_title(stripped):
                    cand = self._char_candidate(doc, base + i + 1, base + i + 1 + len(stripped))
                    if cand is not None:
                        cand.type, cand.strength = "WORK", TITLE
                        cand.subtype = self._work_subtype(doc, cand.start, cand.end)
                        found.append(cand)
                i = j + 1
        return found

    def _looks_like_title(self, inner: str) -> bool:
        words = inner.split()
        if not words or len(words) > self.rules.title_max_words or len(inner) < 2:
            return False
        if not (words[0][0].isupper() or words[0][0].isdigit()):
            return False
        if re.search(r"[.!?]\s", inner) or inner.endswith(("...", "…")):
            return False
        content = [w for w in words if w.lower().strip(",.") not in self.rules.small_words]
        if not content:
            return len(words) <= 3
        capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
        return capitalised / len(content) >= 0.75

    def _char_candidate(self, doc: Doc, start: int, end: int) -> Candidate | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return Candidate(span.start, span.end, "WORK", TITLE)

    def _work_subtype(self, doc: Doc, start: int, end: int) -> str | None:
        """The cue noun just before a title ("the single", "the film") names its kind."""
        window = [t.lower_ for t in doc[max(0, start - 5) : start] if not t.is_punct]
        for size in (3, 2, 1):
            for k in range(len(window) - size, -1, -1):
                cue = tuple(window[k : k + size])
                if cue in self.rules.work_cues and len(window) - (k + size) <= 2:
                    return self.rules.work_cues[cue]
        after = [t.lower_ for t in doc[end : end + 3] if not t.is_punct]
        for size in (2, 1):
            cue = tuple(after[:size])
            if cue in self.rules.work_cues:
                return self.rules.work_cues[cue]
        return None

    def _role_names(self, doc: Doc) -> list[Candidate]:
        """Names a role or group noun fixes: "director Um Tae Hwa", "boy group Seventeen"."""
        found: list[Candidate] = []
        lowers = [t.lower_ for t in doc]
        for tok in doc:
            nxt = tok.i + 1
            if nxt < len(doc) and doc[nxt].text == ",":
                nxt += 1
            if tok.lower_ in self.rules.person_roles and (tok.pos_ != "PROPN" or tok.is_sent_start):
                end = _name_run(doc, nxt)
                if (
                    end < len(doc) - 1
                    and doc[end].text in _POSSESSIVE_TOKENS
                    and _owner_type(doc[nxt:end].text) != "PERSON"
                ):
                    # "co-starring BTS' V": the person is the one after a group's possessive
                    # (but "director Tate Taylor's James Brown biopic" is about Tate Taylor).
                    after = _name_run(doc, end + 1)
                    if after > end + 1:
                        nxt, end = end + 1, after
                # "co-star, Bluebell Entertainment announced": a new clause, not an apposition.
                clause = nxt > tok.i + 1 and end < len(doc) and doc[end].pos_ in {"VERB", "AUX"}
                company = end > nxt and (
                    doc[end - 1].text in self.rules.org_suffixes
                    or _owner_type(doc[nxt:end].text) != "PERSON"  # "producer Toho announced"
                )
                if end > nxt and not clause and not company:
                    role = self.rules.role_subtypes.get(tok.lower_)
                    found.append(Candidate(nxt, end, "PERSON", ROLE, role))
            for cue in self.rules.group_cues_by_last.get(lowers[tok.i], ()):
                k = tok.i - len(cue) + 1
                if k >= 0 and tuple(lowers[k : tok.i + 1]) == cue:
                    end = _name_run(doc, tok.i + 1, limit=3, symbols=self.rules.name_symbols)
                    if end > tok.i + 1:
                        found.append(Candidate(tok.i + 1, end, "GROUP", ROLE))
        # "BTS member V", "Seventeen members S.Coups, Mingyu": the name before is a group.
        for tok in doc:
            if tok.lower_ in {"member", "members", "leader", "maknae"} and tok.i > 0:
                end = tok.i
                start = end
                while (
                    start > 0
                    and _is_capitalised(doc[start - 1])
                    and doc[start - 1].pos_
                    in {
                        "PROPN",
                        "NOUN",
                        "X",
                    }
                ):
                    start -= 1
                if (start < end and not doc[start].is_sent_start) or (
                    start < end and doc[start].is_upper
                ):
                    found.append(Candidate(start, end, "GROUP", CONTEXT))
        found += self._cue_names(doc)
        return found

    def _member_list(self, doc: Doc, cue_start: int) -> list[Candidate]:
        """The names listed after "composed of", "members", "namely": people."""
        cue = next(
            c
            for c in self.rules.member_list_cues
            if tuple(t.lower_ for t in doc[cue_start : cue_start + len(c)]) == c
        )
        i = cue_start + len(cue)
        if i < len(doc) and doc[i].text in {",", ":"}:
            i += 1  # "its other members, Yuna, Koharu and Sena"
        found: list[Candidate] = []
        while i < len(doc):
            end = _name_run(doc, i, limit=4)
            if end == i:
                break
            found.append(Candidate(i, end, "PERSON", CONTEXT))
            i = end
            if i < len(doc) and doc[i].text == ",":
                i += 1
            if i < len(doc) and doc[i].lower_ in {"and", "&"}:
                i += 1
        return found

    def _shaped_names(self, doc: Doc, i: int, starts_name: bool) -> list[Candidate]:
        """Names whose shape or grammar gives their type away.

        - "Wembley Stadium", "Olympic Hall": a place word at the end makes a PLACE;
        - "2016's Suicide Squad", "Choco Bank (2016)": a work with its year;
        - "since Pieces was released", "a show titled Palette": what is released or titled;
        - "the Layover singer": the hit an artist is known by (weak: the catalogue wins).

        ``starts_name``: token ``i`` is capitalised and the one before it is not.
        """
        found: list[Candidate] = []
        tok = doc[i]
        if starts_name:
            end = _name_run(doc, i, limit=5)
            if (
                end - i >= 2
                and doc[end - 1].text in self.rules.place_suffixes
                and not any(t.ent_type_ == "PERSON" for t in doc[i:end])  # "Hannah Park"
            ):
                found.append(Candidate(i, end, "PLACE", CONTEXT))
            if (
                end > i
                and end + 2 < len(doc)
                and doc[end].text == "("
                and _YEAR.fullmatch(doc[end + 1].text)
                and doc[end + 2].text == ")"
            ):
                found.append(Candidate(i, end, "WORK", CONTEXT))
            if end - i >= 2 and doc[end - 1].text in self.rules.work_suffixes:
                found.append(Candidate(i, end, "WORK", CONTEXT))  # "The Super Mario Bros. Movie"
            if (
                end > i
                and end + 1 < len(doc)
                and doc[end].text == "("
                and (doc[end + 1].text in {"$", "£", "€", "¥", "₩"} or doc[end + 1].like_num)
                and doc[end + 1].text not in {"19", "20"}
                and not _YEAR.fullmatch(doc[end + 1].text)
            ):
                found.append(Candidate(i, end, "WORK", CONTEXT - 2))  # "The Dark Knight ($158.4m)"
            head = doc[end - 1] if end > i else tok
            if (
                end > i
                and head.dep_ == "nsubj"
                and head.head.lemma_ in self.rules.box_office_verbs
                and any(
                    t.text in {"$", "£", "€", "¥", "₩"} or t.like_num for t in head.head.subtree
                )
            ):
                found.append(Candidate(i, end, "WORK", CONTEXT - 2))  # "Barbie grossed $155m"
            if (
                end > i
                and head.dep_ == "nsubjpass"
                and head.head.lemma_ in self.rules.work_verbs
                and head.pos_ != "PRON"  # "It will be released": a pronoun, not the film "It"
            ):
                found.append(Candidate(i, end, "WORK", CONTEXT - 2))
            if (
                end > i
                and end + 1 < len(doc)
                and doc[end].text in _POSSESSIVE_TOKENS
                and self._owned_work_follows(doc, end + 1)
            ):
                # "Bong Joon-ho's new film": whoever owns a film or a single is a person (weak:
                # the catalogue knows studios and groups).
                found.append(Candidate(i, end, _owner_type(doc[i:end].text), NER + 5))
            if (
                end > i
                and i >= 1
                and doc[i - 1].lower_ == "the"
                and end < len(doc)
                and doc[end].lower_ in self.rules.known_for_roles
            ):
                found.append(Candidate(i, end, "WORK", NER + 5))
        if i + 2 < len(doc) and _YEAR.fullmatch(tok.text) and doc[i + 1].text in _POSSESSIVE_TOKENS:
            end = _title_run(doc, i + 2, self.rules.small_words)
            if end > i + 2:
                found.append(Candidate(i + 2, end, "WORK", CONTEXT))
        if tok.lower_ in {"titled", "called", "named", "dubbed", "entitled"} and i > 0:
            before = {t.lower_ for t in doc[max(0, i - 3) : i]}
            cue = next((sub for c, sub in self.rules.work_cues.items() if c[-1] in before), None)
            start = i + 1
            if cue is not None and start < len(doc):
                end = _title_run(doc, start, self.rules.small_words)
                if end > start:
                    found.append(Candidate(start, end, "WORK", CONTEXT, cue))
        return found

    def _owned_work_follows(self, doc: Doc, i: int) -> bool:
        """A work cue noun ("film", "single") within the next three words."""
        for k in range(i, min(i + 4, len(doc))):
            if (doc[k].lower_,) in self.rules.work_cues:
                return True
            if not doc[k].is_lower:
                return False
        return False

    def _cue_names(self, doc: Doc) -> list[Candidate]:
        """Names that the words around them type.

        - "members of Luna Park", "Moonriver, which consists of ...": a group;
        - "Starlight Media", "Dawn Records": a name ending in a company word is an ORG;
        - "his solo album Layover", "the film Concrete Utopia": a work, of the cue's kind.
        """
        found: list[Candidate] = []
        lowers = [t.lower_ for t in doc]
        text = doc_ext.doc_text(doc)
        capitalised = [_is_capitalised(t) for t in doc]
        not_names = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
        for tok in doc:
            i = tok.i
            if (
                lowers[i] == "by"
                and i > 0
                and lowers[i - 1] in self.rules.credit_verbs
                and i + 1 < len(doc)
            ):
                k = i + 1
                while k < len(doc) and doc[k].is_lower and k - i <= 4:
                    k += 1  # "composed by the music director duo Salim-Anand"
                end = _name_run(doc, k, limit=4)
                if end - k >= 2 and not (
                    doc[k].text in self.rules.org_prefixes
                    or doc[end - 1].text in self.rules.org_suffixes
                ):
                    found.append(Candidate(k, end, _owner_type(doc[k:end].text), CONTEXT))
            if lowers[i] in {"born", "née", "nee"} and i + 1 < len(doc) and doc[i + 1].is_title:
                end = _name_run(doc, i + 1, limit=4)  # "born Han Seol-ah" (not "born in Busan")
                if end - (i + 1) >= 2:
                    found.append(Candidate(i + 1, end, "PERSON", ROLE))
            if lowers[i] in self.rules.band_roles and i + 1 < len(doc) and lowers[i + 1] == "of":
                end = _name_run(doc, i + 2, limit=4)
                if end > i + 2:
                    found.append(Candidate(i + 2, end, "GROUP", CONTEXT))
            starts_name = capitalised[i] and (i == 0 or not capitalised[i - 1])
            if starts_name:
                end = _name_run(doc, i, limit=5)
                if end - i >= 2 and (
                    doc[end - 1].text in self.rules.org_suffixes
                    or doc[i].text in self.rules.org_prefixes
                ):
                    found.append(Candidate(i, end, "ORG", CONTEXT))
                rest = text[doc[end - 1].idx + len(doc[end - 1]) if end > i else 0 :][:40]
                if end > i and self.rules.group_after_re.match(rest):
                    found.append(Candidate(i, end, "GROUP", CONTEXT))
            if any(
                tuple(lowers[i : i + len(c)]) == c
                for c in self.rules.member_list_by_first.get(lowers[i], ())
            ):
                found += self._member_list(doc, i)
            found += self._shaped_names(doc, i, starts_name)
            for cue, subtype in self.rules.work_cues_by_first.get(lowers[i], ()):
                if tuple(lowers[i : i + len(cue)]) != cue:
                    continue
                cue_noun = doc[i + len(cue) - 1]
                if cue_noun.pos_ not in {"NOUN", "PROPN"} or not doc[i].is_lower:
                    # "will feature BTS" (a verb), "Song Kang-ho" (a name): not cue nouns
                    continue
                start = i + len(cue)
                comma = start < len(doc) and doc[start].text == ","
                if comma:
                    start += 1
                if start >= len(doc) or doc[start].ent_type_ in not_names:
                    continue
                end = _title_run(doc, start, self.rules.small_words)
                if comma and end < len(doc) and doc[end].pos_ in {"VERB", "AUX"}:
                    continue  # "Toho distributes the film, Kodansha publishes the manga"
                # "the single Seo released": the subject of a relative clause, not a title
                # (but "the film Baarish Ke Baad has crossed" is a title before the main verb).
                last = doc[end - 1] if end > start else None
                relative = (
                    last is not None
                    and end < len(doc)
                    and doc[end].pos_ in {"VERB", "AUX"}
                    and last.dep_ in {"nsubj", "nsubjpass"}
                    and last.head.i >= end
                    and last.head.dep_ in {"relcl", "acl"}
                )
                if end > start and not relative:
                    # The cue noun says what the name is, even against the catalogue:
                    # "his album Kai" is the album, not the singer.
                    found.append(Candidate(start, end, "WORK", ROLE - 1, subtype))
        return found

    def _context_cues(self, doc: Doc) -> list[Candidate]:
        """Names typed by a phrase around them, beyond the cue nouns before them.

        - "Red Orchard, the Southern Gothic drama", "Monsoon Relay, an indie duo": an apposition
          whose head noun is a work, group or person-role noun types the name before it;
        - "64-year-old Tunde Okoro", "Kurosawa, 24,": a name with an age is a person;
        - "The tracklist: 1. Frostbite Love 2. Snow Globe": numbered items after a tracklist cue
          are songs;
        - "the Tokyo Philharmonic Orchestra": a name ending in an ensemble word is a group.
        """
        found: list[Candidate] = []
        n = len(doc)
        tracklist_at = -1
        for tok in doc:
            i = tok.i
            text = tok.text
            if text == "," and i + 1 < n and doc[i + 1].lower_ in self.rules.appositive_determiners:
                found += self._appositive(doc, i)
            elif tok.lower_ == "of" and i > 0 and _is_capitalised(doc[i - 1]):
                found += self._member_of_group(doc, i)
            elif tok.like_num and i + 1 < n:
                words = "".join(t.text for t in doc[i + 1 : i + 5]).lstrip("-")
                if words in self.rules.age_words:
                    end = _name_run(doc, i + 5, limit=3)  # "64-year-old Tunde Okoro"
                    if end - (i + 5) >= 1 and doc[i + 5].pos_ == "PROPN":
                        found.append(Candidate(i + 5, end, "PERSON", CONTEXT))
                elif (
                    text.isdigit()
                    and len(text) <= 2
                    and i >= 2
                    and doc[i - 1].text == ","
                    and doc[i + 1].text == ","
                    and doc[i - 2].pos_ == "PROPN"
                ):
                    start = i - 2  # "Kurosawa, 24, is ...": the name before an age
                    while (
                        start > 0
                        and doc[start - 1].pos_ == "PROPN"
                        and i - start < 4
                        and doc[start - 1].lower_ not in common_words()  # "Senator", "Striker"
                    ):
                        start -= 1
                    if all(_is_capitalised(t) and t.is_alpha for t in doc[start : i - 1]):
                        found.append(Candidate(start, i - 1, "PERSON", CONTEXT))
            if any(
                tuple(t.lower_ for t in doc[i : i + len(cue)]) == cue
                for cue in self.rules.tracklist_by_first.get(tok.lower_, ())
            ):
                tracklist_at = i
            elif tracklist_at >= 0 and "\n\n" in text and i - tracklist_at > 4:
                tracklist_at = -1  # the list ends with its paragraph
            if (
                tracklist_at >= 0
                and text.isdigit()
                and i + 2 < n
                and doc[i + 1].text == "."
                and _is_capitalised(doc[i + 2])
            ):
                end = _title_run(doc, i + 2, self.rules.small_words, breaks=frozenset())
                while end > i + 3 and doc[end - 1].like_num and doc[end].text == ".":
                    end -= 1  # "2. Snow Globe 3. Aurora": the next item's number
                if end > i + 2:
                    found.append(Candidate(i + 2, end, "WORK", CONTEXT, "song"))
            if text in self.rules.event_name_endings and i > 0 and _is_capitalised(doc[i - 1]):
                start = i
                while start > 0 and _is_capitalised(doc[start - 1]) and i - start < 4:
                    start -= 1
                if not doc[start].is_sent_start or start < i - 1:
                    found.append(Candidate(start, i + 1, "EVENT", CONTEXT))
            if tok.lower_ in self.rules.character_verbs and tok.pos_ == "VERB":
                found += self._characters(doc, i + 1)
            for cue in self.rules.duo_by_last.get(tok.lower_, ()):
                k = i - len(cue) + 1
                if k >= 0 and tuple(t.lower_ for t in doc[k : i + 1]) == cue:
                    found += self._duo(doc, i + 1)
            determiners = self.rules.appositive_determiners
            if text == "," and i + 1 < n and doc[i + 1].lower_ not in determiners:
                found += self._possessive_appositive(doc, i)
            if text in self.rules.group_name_endings and i > 0 and _is_capitalised(doc[i - 1]):
                start = i
                while start > 0 and _is_capitalised(doc[start - 1]) and i - start < 4:
                    start -= 1
                found.append(Candidate(start, i + 1, "GROUP", CONTEXT))
        return found

    def _characters(self, doc: Doc, k: int) -> list[Candidate]:
        """ "plays the signal engineer June Calloway", "played the exiled twins Aed and Brigid":
        the names a role description introduces after an acting verb are characters (PERSON)."""
        n = len(doc)
        if k >= n or doc[k].lower_ not in self.rules.appositive_determiners:
            return []
        k += 1
        described = k
        while k < n and k - described < 4 and doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ"}:
            word = (doc[k].lower_,)
            if word in self.rules.work_cues or word in self.rules.group_cues:
                return []  # "played the film Sparrow Hill": a work, not a character
            k += 1
        if k == described or doc[k - 1].pos_ != "NOUN":
            return []
        found: list[Candidate] = []
        while k < n:
            end = _name_run(doc, k, limit=3)
            if end == k or doc[k].pos_ != "PROPN":
                break
            found.append(Candidate(k, end, "PERSON", CONTEXT))
            if end + 1 < n and doc[end].lower_ in {"and", "&"}:
                k = end + 1
            else:
                break
        return found

    def _duo(self, doc: Doc, k: int) -> list[Candidate]:
        """ "the duo Neel & Sara", "composers Salim-Anand": two one-word names joined by "&",
        "and" or a hyphen after a duo cue are the duo's name (a GROUP)."""
        n = len(doc)
        if k + 2 >= n or not (_is_capitalised(doc[k]) and doc[k].is_alpha):
            return []
        joiner, second = doc[k + 1], doc[k + 2]
        if not (_is_capitalised(second) and second.is_alpha):
            return []
        tight = joiner.text in _JOINERS and not doc[k].whitespace_ and not joiner.whitespace_
        if not (tight or joiner.text in {"&", "and"}):
            return []
        if k + 3 < n and _is_capitalised(doc[k + 3]) and doc[k + 3].is_alpha:
            return []  # "Neel & Sara Kapoor": names with surnames are two people
        return [Candidate(k, k + 3, "GROUP", ROLE)]

    def _possessive_appositive(self, doc: Doc, comma: int) -> list[Candidate]:
        """ "Chandni Ghat, director Rohan Sabharwal's romantic drama": a work named before an
        apposition that is somebody's film or drama."""
        n = len(doc)
        k = comma + 1
        while k < n and k - comma <= 6 and doc[k].text not in _POSSESSIVE_TOKENS:
            t = doc[k]
            if not (_is_capitalised(t) or t.lower_ in self.rules.person_roles) or not t.is_alpha:
                return []
            k += 1
        if k >= n or k == comma + 1 or doc[k].text not in _POSSESSIVE_TOKENS:
            return []
        k += 1
        while k < n and k - comma <= 10 and doc[k].is_lower and doc[k].pos_ in {"ADJ", "NOUN"}:
            following = doc[k + 1] if k + 1 < n else None
            if following is None or not (following.is_lower and following.pos_ == "NOUN"):
                break
            k += 1
        if k >= n or (doc[k].lower_,) not in self.rules.work_cues or not doc[k].is_lower:
            return []
        return self._name_before(doc, comma, ("WORK", self.rules.work_cues[(doc[k].lower_,)]))

    def _member_of_group(self, doc: Doc, of: int) -> list[Candidate]:
        """ "Anand Varma of the composer duo", "Mina of the band": a member, so a person."""
        k = of + 1
        if k >= len(doc) or doc[k].lower_ != "the":
            return []
        for j in range(k + 1, min(k + 4, len(doc))):
            t = doc[j]
            if not t.is_lower:
                return []
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if (t.lower_,) in self.rules.group_cues and (nxt is None or nxt.pos_ != "NOUN"):
                break
        else:
            return []
        start = of
        while start > 0 and of - start < 3 and _is_capitalised(doc[start - 1]):
            if not doc[start - 1].is_alpha:
                return []
            start -= 1
        if start == of or doc[start].lower_ in self.rules.small_words:
            return []
        return [Candidate(start, of, "PERSON", CONTEXT)]

    def _appositive(self, doc: Doc, comma: int) -> list[Candidate]:
        """The name before ``comma`` typed by the apposition after it ("X, the war drama")."""
        kind: tuple[str, str | None] | None = None
        k = comma + 2
        while k < len(doc) and k < comma + 8:
            t = doc[k]
            if t.pos_ in {"ADP", "VERB", "AUX", "PRON", "SCONJ", "CCONJ", "PART"} or (
                t.is_punct and t.text not in {"-", "–"}
            ):
                break
            low = t.lower_
            following = doc[k + 1] if k + 1 < len(doc) else None
            if (
                t.text in {"-", "–"}
                or t.like_num
                or t.pos_ == "ADJ"
                or (following is not None and following.text in {"-", "–"} and not t.whitespace_)
            ):
                k += 1  # "the 19-year-old vocalist", "the reclusive singer": modifiers
                continue
            if following is not None and following.pos_ in {"NOUN", "PROPN"}:
                k += 1  # "the drama series": the head comes last
                continue
            if following is not None and following.text in _POSSESSIVE_TOKENS:
                break  # "Kim, the film's director": not an apposition to the name
            if t.is_lower and (low,) in self.rules.work_cues:
                kind = ("WORK", self.rules.work_cues[(low,)])
            elif t.is_lower and (low,) in self.rules.group_cues:
                kind = ("GROUP", None)
            elif t.is_lower and low in self.rules.person_roles:
                kind = ("PERSON", self.rules.role_subtypes.get(low))
            break
        if kind is None:
            return []
        return self._name_before(doc, comma, kind)

    def _name_before(self, doc: Doc, comma: int, kind: tuple[str, str | None]) -> list[Candidate]:
        """The name that ends at ``comma``, typed ``kind`` by the apposition after it."""
        end = comma
        start = end
        while start > 0:
            prev = doc[start - 1]
            if "\n" in prev.whitespace_ or "\n" in prev.text:
                break
            if _is_capitalised(prev) and (prev.is_alpha or prev.like_num or prev.text == "-"):
                start -= 1
            elif (
                kind[0] == "WORK"
                and prev.lower_ in self.rules.small_words
                and start > 1
                and start < end
                and _is_capitalised(doc[start - 2])
            ):
                start -= 1  # "Under the Kestrel", "Shiokaze no Machi"
            elif (
                prev.text in {"-", "–", "&", "'", "’"}
                and start < end
                and start > 1
                and not prev.whitespace_
            ):
                start -= 1
            else:
                break
        while start < end and doc[start].lower_ in self.rules.small_words and kind[0] != "WORK":
            start += 1
        if start == end or end - start > 6:
            return []
        if kind[0] == "PERSON" and (end - start > 3 or not all(t.is_alpha for t in doc[start:end])):
            return []
        return [Candidate(start, end, kind[0], CONTEXT, kind[1] if kind[0] == "WORK" else None)]

    def _ner(self, doc: Doc) -> list[Candidate]:
        found: list[Candidate] = []
        for ent in doc.ents:
            ours = self.rules.label_map.get(ent.label_)
            if ours is None:
                continue
            end = ent.end
            # "Jin-ah": the model often stops at the hyphen of a Korean given name.
            while (
                end + 1 < len(doc)
                and doc[end].text in _JOINERS
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
                and doc[end - 1].text[:1].isupper()
                and doc[end + 1].lower_ not in self.rules.award_modifiers
            ):
                end += 2
            # "NOVA7's Kim Min-jae" is two names: the owner and the person.
            inner = [
                t.i
                for t in doc[ent.start : end - 1]
                if t.text in _POSSESSIVE_TOKENS and t.i > ent.start
            ]
            if inner:
                cut = inner[-1]
                owner = "ORG" if ours == "PERSON" else ours
                if doc[end - 1].text in self.rules.place_suffixes:
                    owner = ours = "PLACE"  # "Cardiff's Principality Stadium"
                found.append(Candidate(ent.start, cut, owner, NER - 1))
                found.append(Candidate(cut + 1, end, ours, NER))
                continue
            # "Golden Globe-winning": an award named as a modifier.
            for k in range(ent.start + 1, end - 1):
                if doc[k].text == "-" and doc[k + 1].lower_ in self.rules.award_modifiers:
                    found.append(Candidate(ent.start, k, "EVENT", NER + 1, "award"))
                    break
                if doc[k].text == "-" and doc[k + 1].lower_ in self.rules.origin_modifiers:
                    found.append(Candidate(ent.start, k, ours, NER))  # "Delhi-based"
                    break
            else:
                found.append(self._extend_name(doc, Candidate(ent.start, end, ours, NER)))
            continue
        return found

    def _extend_name(self, doc: Doc, cand: Candidate) -> Candidate:
        """Name parts the model leaves out: "Steven Caple, Jr.", "the 44th Blue Dragon Awards"."""
        end = cand.end
        if cand.type == "PERSON":
            k = end + 1 if end < len(doc) and doc[end].text == "," else end
            if k < len(doc) and doc[k].text.rstrip(".") in self.rules.name_suffixes:
                end = k + 1
        if cand.type == "EVENT":
            while end < len(doc) and doc[end].text in self.rules.award_words:
                end += 1  # "Filmfare" + "Award"
        start = cand.start
        if cand.type == "EVENT" and start > 0:
            prev = doc[start - 1]
            if re.fullmatch(r"(?:19|20)\d\d|\d+(?:st|nd|rd|th)", prev.text):
                start -= 1
        cand.start, cand.end = start, end
        return cand

    def _catalogue(self, doc: Doc) -> list[Candidate]:
        if not self.use_catalogue:
            return []
        from newsgraph.nlp.catalogue_match import catalogue_candidates

        found = []
        ner_spans = {
            (e.start, e.end - 1 if e[-1].text in _POSSESSIVE_TOKENS and len(e) > 1 else e.end)
            for e in doc.ents
        }
        for c in catalogue_candidates(doc):
            if c.hint_only:
                # Not safe alone ("Crush", "Jin-ah"): it may only type a name the model found.
                if (c.start, c.end) in ner_spans:
                    found.append(Candidate(c.start, c.end, c.type, CONTEXT, c.subtype))
                continue
            found.append(
                self._extend_name(
                    doc,
                    Candidate(
                        c.start,
                        c.end,
                        c.type,
                        CATALOGUE,
                        c.subtype,
                        c.entry_id,
                        c.external_ids,
                        c.name,
                    ),
                )
            )
        return found

    def _music_videos(self, doc: Doc) -> list[Candidate]:
        """The article's music video ("the music video", "the MV") as a WORK of its own."""
        found: list[Candidate] = []
        terms = [tuple(t.split()) for t in self.rules.mv_terms]
        # Both tests below need the first word's lower-case form to be the term's.
        firsts = {term[0].lower() for term in terms}
        for tok in doc:
            if tok.lower_ not in firsts:
                continue
            for term in terms:
                words = tuple(t.text for t in doc[tok.i : tok.i + len(term)])
                if words == term or (tuple(w.lower() for w in words) == term and term[0].islower()):
                    found.append(
                        Candidate(tok.i, tok.i + len(term), "WORK", CONTEXT - 5, "music_video")
                    )
        return found

    # ------------------------------------------------------------------ clean-up
    def _trim(self, doc: Doc, cand: Candidate) -> Candidate | None:
        start, end = cand.start, cand.end
        while end > start and (
            doc[end - 1].text in _POSSESSIVE_TOKENS
            or (doc[end - 1].is_punct and doc[end - 1].text not in {".", ")"})
            or doc[end - 1].is_space
        ):
            end -= 1
        while start < end and (
            (
                doc[start].lower_ in self.rules.person_roles
                and end - start > 1
                and cand.type == "PERSON"
            )
            or doc[start].is_punct
            or doc[start].is_space
            or (
                doc[start].lower_ in {"the", "a", "an"}
                and cand.strength < TITLE
                # "The Dark Knight" keeps its article; "the Busan concert" does not.
                and (
                    doc[start].is_lower
                    or (doc[start].is_sent_start and cand.type not in {"ORG", "EVENT", "WORK"})
                )
            )
        ):
            start += 1
        # never across a line break
        for i in range(start, end):
            if "\n" in doc[i].text or ("\n" in doc[i].whitespace_ and i + 1 < end):
                end = i + 1 if "\n" not in doc[i].text else i
                break
        if end <= start:
            return None
        span = doc[start:end]
        text = clean_surface(span.text)
        low = text.lower()
        if (
            not text
            or low in self.rules.not_entities
            or low.split()[0] in self.rules.not_entity_prefixes
            or low.endswith(self.rules.award_category_endings)  # "Picture of the Year"
            or (len(span) == 1 and text in self.rules.org_suffixes and cand.strength < CATALOGUE)
            or not (
                text[0].isupper()
                or text[0].isdigit()
                or cand.subtype == "music_video"
                or (cand.strength == CATALOGUE and starts_like_a_name(text))  # "tvN"
            )
            or text.replace(" ", "").isdigit()
            or (len(span) > 8 and cand.strength < TITLE)
            or (cand.strength == NER and self._implausible(span, cand))
        ):
            return None
        cand.start, cand.end = start, end
        return cand

    def _implausible(self, span: Span, cand: Candidate) -> bool:
        """Model guesses that are not names: a one-word "person" that is a common English word
        ("Love", "Genre"), or a "title" running into a clause ("Fincher told Vulture")."""

        if (
            cand.type == "PERSON"
            and len(span) == 1
            and span.text.lower() in common_words()
            and span.text.lower() not in _person_name_parts(span.doc)  # "Brown" of James Brown
        ):
            return True
        return cand.type == "WORK" and any(
            t.is_lower and t.is_alpha and t.lower_ not in self.rules.small_words for t in span
        )

    def _refine_type(self, doc: Doc, cand: Candidate) -> None:
        """Name shape and neighbouring nouns fix what NER gets wrong."""
        end = cand.end
        if (
            end < len(doc)
            and doc[end].text == "."
            and not doc[end - 1].whitespace_
            and doc[end - 1].text + "." in self.rules.org_suffixes
        ):
            cand.end = end + 1  # "Bluehour Ent.": the abbreviation keeps its full stop
        if cand.strength >= ROLE:
            return
        words = doc[cand.start : cand.end].text.split()
        last = words[-1] if words else ""
        if cand.type in {"ORG", "PERSON", "PLACE"} and last in self.rules.group_suffixes:
            cand.type = "GROUP"
        elif cand.type in {"PERSON", "PLACE", "WORK"} and last in self.rules.org_suffixes:
            cand.type = "ORG"
        elif len(words) >= 2 and last in self.rules.event_name_endings:
            cand.type, cand.subtype = "EVENT", None  # "the Awaara Raatein Tour"
        if cand.type == "WORK" and cand.subtype is None:
            cand.subtype = self._work_subtype(doc, cand.start, cand.end)
        # "the Filmfare Award for Best Actor": the award is the event; the category is not a name.
        for k in range(cand.start, cand.end):
            if doc[k].text in self.rules.award_words and cand.strength < TITLE:
                cand.type, cand.subtype = "EVENT", "award"
                if k + 1 < cand.end and doc[k + 1].lower_ == "for":
                    cand.end = k + 1
                break

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        raw = (
            self._titles(doc)
            + self._role_names(doc)
            + self._catalogue(doc)
            + self._music_videos(doc)
            + self._context_cues(doc)
            + self._ner(doc)
        )
        cands: list[Candidate] = []
        for cand in raw:
            self._refine_type(doc, cand)
            trimmed = self._trim(doc, cand)
            if trimmed is not None:
                cands.append(trimmed)
        chosen = _settle_overlaps(cands)
        _vote_types(doc, chosen)  # "Moonlit Pharmacy" once guessed a person is still the drama
        companies = _company_short_mentions(doc, chosen, self.rules.org_suffixes)
        chosen = sorted(
            [c for c in chosen if not any(c.start >= s.start and c.end <= s.end for s in companies)]
            + _name_part_mentions(doc, chosen)
            + companies,
            key=lambda c: c.start,
        )
        _vote_types(doc, chosen)
        _unify_lists(doc, chosen)
        clusters = self._cluster(doc, chosen)
        spans: list[Span] = []
        entities: list[Entity] = []
        article = doc._.ng_article
        article_id = article.id if article is not None else ""
        for n, members in enumerate(clusters, start=1):
            local_id = f"e{n}"
            members.sort(key=lambda c: c.start)
            etype = _cluster_type(members)
            subtype = next((c.subtype for c in members if c.subtype), None)
            mentions = []
            for c in members:
                span = Span(doc, c.start, c.end, label=etype, kb_id=local_id)
                spans.append(span)
                # The mention's offsets cover exactly its cleaned text (no quote or possessive).
                text = clean_surface(span.text)
                at = span.text.find(text) if text else -1
                start = span.start_char + at if at >= 0 else span.start_char
                end = start + len(text) if at >= 0 else span.end_char
                mentions.append(
                    Mention(
                        article_id=article_id,
                        start=start,
                        end=end,
                        sentence=doc_ext.sentence_index(doc, span.start),
                        text=text if at >= 0 else span.text,
                        type=etype,
                    )
                )
            aliases = _unique(m.text for m in mentions)
            name = _canonical_name(members, aliases, etype, doc)
            ext = next((c.external_ids for c in members if c.external_ids), ())
            entities.append(
                Entity(
                    id=local_id,
                    name=name,
                    type=etype,
                    aliases=tuple(aliases),
                    mentions=tuple(mentions),
                    subtype=subtype,
                    external_ids=ext,
                )
            )
        entities = _name_music_videos(doc, clusters, entities)
        doc.spans[doc_ext.MENTIONS_KEY] = spans
        doc._.ng_entities = entities
        doc._.ng_token_entity = None
        doc._.ng_token_mention = None
        return doc

    def _cluster(self, doc: Doc, chosen: list[Candidate]) -> list[list[Candidate]]:
        parent = list(range(len(chosen)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        keys = [name_key(doc[c.start : c.end].text) for c in chosen]
        family = [_family(c.type) for c in chosen]
        by_key: dict[tuple[str, str], int] = {}
        by_catalogue: dict[str, int] = {}
        mv_first: int | None = None
        for i, c in enumerate(chosen):
            k = (keys[i], family[i])
            if c.subtype == "music_video" and c.strength < TITLE and c.canonical is None:
                if mv_first is None:
                    mv_first = i
                else:
                    union(mv_first, i)
                continue
            if k in by_key:
                union(by_key[k], i)
            else:
                by_key[k] = i
            if c.catalogue_id:
                if c.catalogue_id in by_catalogue:
                    union(by_catalogue[c.catalogue_id], i)
                else:
                    by_catalogue[c.catalogue_id] = i
        # "X, also known as Y", "X (Y)", "X aka Y"
        order = sorted(range(len(chosen)), key=lambda i: chosen[i].start)
        text = doc_ext.doc_text(doc)
        for a, b in itertools.pairwise(order):
            ca, cb = chosen[a], chosen[b]
            if "PERSON" not in {ca.type, cb.type}:
                continue
            between = text[doc[ca.end - 1].idx + len(doc[ca.end - 1]) : doc[cb.start].idx]
            between = re.sub(r"^[’']s?\b", "", between)
            explicit = bool(self.rules.alias_cue_re.match(between))
            if ca.type != cb.type and min(ca.strength, cb.strength) > NER and not explicit:
                continue
            if not explicit and ca.type != "PERSON" and ca.strength > NER:
                continue  # "White Out (Outro)": a typed title keeps its type
            if explicit or between.strip() == "(":
                # "Kim Do-hyun, also known as Doh": the model's guess at "Doh" gives way.
                ca.type = cb.type = "PERSON"
                union(a, b)
        # a short person name inside one longer name ("Taehyung" in "Kim Taehyung")
        # A one-word guess of the model's ("Coogler" as an ORG) inside a person's name is that
        # person too.
        persons = [i for i, c in enumerate(chosen) if c.type == "PERSON"]
        shorts = persons + [
            i
            for i, c in enumerate(chosen)
            if c.strength <= NER and c.type != "PERSON" and c.end - c.start == 1
        ]
        full = {i: tokens_key(doc[chosen[i].start : chosen[i].end].text) for i in shorts}
        for i in shorts:
            short = full[i]
            if not short or len(short) >= 3:
                continue
            hosts = [j for j in persons if len(full[j]) > len(short) and _contains(full[j], short)]
            roots = {find(j) for j in hosts}
            if len(roots) > 1:
                # "Saxena" with Kabir and Prakash Saxena: the one named before it, and of those
                # the first introduced (a report's main subject), is meant.
                earlier = [j for j in hosts if chosen[j].start < chosen[i].start]
                roots = {find(min(earlier, key=lambda j: chosen[j].start))} if earlier else roots
            if len(roots) == 1:
                chosen[i].type = "PERSON"
                union(i, roots.pop())
        # "Pledis" for "Pledis Entertainment", "Silver Lotus" for "Silver Lotus Films": a company
        # named without its company word is that company, whatever the model guessed.
        suffixes = self.rules.org_suffixes | self.rules.group_suffixes
        companies: dict[str, set[int]] = defaultdict(set)
        for j, c in enumerate(chosen):
            words = doc[c.start : c.end].text.split()
            if c.type in {"ORG", "GROUP"} and len(words) >= 2 and words[-1] in suffixes:
                companies[name_key(" ".join(words[:-1]))].add(j)
        for i, c in enumerate(chosen):
            if keys[i] not in companies or c.strength >= CATALOGUE:
                continue
            owners = {find(j) for j in companies[keys[i]]}
            if len(owners) == 1:
                owner = owners.pop()
                c.type = chosen[owner].type
                union(i, owner)
        groups: dict[int, list[Candidate]] = defaultdict(list)
        for i, c in enumerate(chosen):
            groups[find(i)].append(c)
        return sorted(groups.values(), key=lambda cs: min(c.start for c in cs))


_NOT_VIDEO_SOURCES = frozenset({"music_video", "film", "drama", "show", "book"})


def _name_music_videos(
    doc: Doc, clusters: list[list[Candidate]], entities: list[Entity]
) -> list[Entity]:
    """Name the article's music video after the work it is for: "Ditto (music video)".

    The work is the nearest other title in a sentence that mentions the video. Without one the
    video keeps the generic name, which the cross-article merge does not trust on its own.
    """
    from dataclasses import replace

    out = []
    for members, entity in zip(clusters, entities, strict=True):
        if entity.subtype != "music_video" or entity.name != "music video":
            out.append(entity)
            continue
        best: tuple[int, str] | None = None
        for c in members:
            sent = doc_ext.sentence_index(doc, c.start)
            for other_members, other in zip(clusters, entities, strict=True):
                # A music video is of a song or a record, never of a film or a show.
                if other.type != "WORK" or other.subtype in _NOT_VIDEO_SOURCES:
                    continue
                for o in other_members:
                    if doc_ext.sentence_index(doc, o.start) != sent:
                        continue
                    distance = min(abs(o.start - c.end), abs(c.start - o.end))
                    if distance <= 8 and (best is None or distance < best[0]):
                        best = (distance, other.name)
        if best is None:
            # No title beside it: the video of the article's most-mentioned song or record.
            songs = [
                (len(other.mentions), -min(m.start for m in other.mentions), other.name)
                for other in entities
                if other.type == "WORK" and other.subtype not in _NOT_VIDEO_SOURCES
            ]
            if songs:
                best = (0, max(songs)[2])
        if best is not None:
            entity = replace(entity, name=f"{best[1]} (music video)")
        out.append(entity)
    return out


def _family(etype: str) -> str:
    """ORG and GROUP are easily confused: they may share a cluster; other types do not."""
    return "ORGGROUP" if etype in {"ORG", "GROUP"} else etype


def _contains(words: list[str], part: list[str]) -> bool:
    """``part`` appears as consecutive words of ``words``, or as their joined given name."""
    n = len(part)
    for k in range(len(words) - n + 1):
        if words[k : k + n] == part:
            return True
    joined = "".join(part)
    return len(words) >= 2 and "".join(words[1:]) == joined


def _settle_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the strongest, then longest, candidate wherever candidates overlap.

    A catalogue name inside a longer name the model found ("Kim" in "Kim Taehyung") is a part
    of that name, not a mention of its own, so it gives way.
    """
    cands = [
        c
        for c in cands
        if c.strength != CATALOGUE
        or not any(
            d is not c
            and d.strength < TITLE
            and d.start <= c.start
            and d.end >= c.end
            and d.end - d.start > c.end - c.start
            for d in cands
        )
    ]
    ordered = sorted(cands, key=lambda c: (-c.strength, -(c.end - c.start), c.start))
    taken: set[int] = set()
    chosen: list[Candidate] = []
    for cand in ordered:
        tokens = set(range(cand.start, cand.end))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _vote_types(doc: Doc, chosen: list[Candidate]) -> None:
    """Mentions with the same name key take the type of their strongest mention."""
    best: dict[str, Candidate] = {}
    for c in chosen:
        key = name_key(doc[c.start : c.end].text)
        if key not in best or c.strength > best[key].strength:
            best[key] = c
    for c in chosen:
        top = best[name_key(doc[c.start : c.end].text)]
        if top.strength > c.strength and top.strength > NER:
            c.type = top.type
            c.subtype = c.subtype or top.subtype


def _owner_type(name: str) -> str:
    """Who owns a film or a single: a studio or group the catalogue knows, else a person."""
    from newsgraph.nlp.catalogue import Catalogue

    kinds = {e.type for e in Catalogue.load().lookup(name)}
    return next((k for k in ("ORG", "GROUP") if k in kinds), "PERSON")


def _name_part_mentions(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Later mentions of a person by surname alone ("Pryce said") that the model missed: a
    capitalised word equal to the last word of a full person name found in the text."""
    from newsgraph.nlp.catalogue import common_words

    taken = {i for c in chosen for i in range(c.start, c.end)}
    parts = {
        doc[c.end - 1].text
        for c in chosen
        if c.type == "PERSON"
        and c.end - c.start >= 2
        and doc[c.end - 1].is_alpha
        # "Lim Chae-won": a lower-case syllable after a hyphen is no name of its own
        and doc[c.end - 1].text[0].isupper()
    }
    found = []
    for tok in doc:
        if tok.i in taken or tok.text not in parts:
            continue
        if tok.is_sent_start and tok.lower_ in common_words():
            continue
        found.append(Candidate(tok.i, tok.i + 1, "PERSON", NER))
    return found


def _company_short_mentions(
    doc: Doc, chosen: list[Candidate], suffixes: frozenset[str]
) -> list[Candidate]:
    """Later mentions of a company without its company word ("Ashgrove" for "Ashgrove
    Pictures") that the model missed or cut short ("Lotus" of "Silver Lotus"); clustering then
    joins them to the company. The caller drops the model's guesses they cover."""
    shorts: dict[str, tuple[str, ...]] = {}
    for c in chosen:
        words = tuple(t.text for t in doc[c.start : c.end])
        if c.type == "ORG" and len(words) >= 2 and words[-1] in suffixes and words[0].isalpha():
            shorts.setdefault(words[0], words[:-1])
    if not shorts:
        return []
    taken = {i for c in chosen if c.strength > NER for i in range(c.start, c.end)}
    weak = {i: c for c in chosen if c.strength <= NER for i in range(c.start, c.end)}
    found = []
    for tok in doc:
        short = shorts.get(tok.text)
        if short is None or tok.i in taken:
            continue
        end = tok.i + len(short)
        inside = all(
            weak[i].start >= tok.i and weak[i].end <= end for i in range(tok.i, end) if i in weak
        )
        if (
            tuple(t.text for t in doc[tok.i : end]) == short
            and not any(i in taken for i in range(tok.i, end))
            and inside
            and not (len(short) == 1 and tok.i in weak)
        ):
            found.append(Candidate(tok.i, end, "ORG", NER))
    return found


def _person_name_parts(doc: Doc) -> frozenset[str]:
    """Lower-cased words of the multi-word person names the model found in the document."""
    return frozenset(
        t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
    )


def _unify_lists(doc: Doc, chosen: list[Candidate]) -> None:
    """Names in one coordinated list ("Jonathan Groff, Holt McCallany and Anna Torv") are of one
    kind: the model's weak guesses follow the list's majority type."""
    by_token = {c.end - 1: c for c in chosen}
    seen: set[int] = set()
    for cand in chosen:
        head = doc[cand.end - 1]
        if head.i in seen or head.dep_ == "conj":
            continue
        members = [cand]
        for tok in head.subtree:
            other = by_token.get(tok.i)
            if other is not None and other is not cand and tok.dep_ == "conj":
                members.append(other)
        seen.update(c.end - 1 for c in members)
        if len(members) < 3:
            continue
        votes = Counter(c.type for c in members)
        top, count = votes.most_common(1)[0]
        if count * 2 > len(members):
            for c in members:
                if c.strength <= NER:
                    c.type = top


def _cluster_type(members: list[Candidate]) -> str:
    weight: Counter[str] = Counter()
    for c in members:
        weight[c.type] += c.strength
    return weight.most_common(1)[0][0]


def _canonical_name(members: list[Candidate], aliases: list[str], etype: str, doc: Doc) -> str:
    named = next((c.canonical for c in members if c.canonical), None)
    if named:
        return named
    if members and members[0].subtype == "music_video" and etype == "WORK":
        return "music video"
    if etype == "PERSON":
        return max(aliases, key=lambda a: (len(a.split()), len(a)))
    counts = Counter(clean_surface(doc[c.start : c.end].text) for c in members)
    return max(aliases, key=lambda a: (counts[a], len(a)))


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return list(seen.values())


@Language.factory(
    "newsgraph_entities_v1",
    assigns=["doc._.ng_entities", "doc.spans"],
    default_config={"rules_file": "entities_rules.json", "use_catalogue": True},
)
def make_entities(
    nlp: Language, name: str, rules_file: str, use_catalogue: bool
) -> EntityRecognizer:
    return EntityRecognizer(rules_file=rules_file, use_catalogue=use_catalogue)
