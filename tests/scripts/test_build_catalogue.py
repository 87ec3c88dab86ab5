from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsgraph.nlp.catalogue import Catalogue, CatalogueEntry, entry_from_json

REPO = Path(__file__).resolve().parents[2]
SHARED_KB = REPO / ".." / "shared" / "kb"
WORDS = frozenset({"south", "korean", "the", "rose", "tempest", "band", "music", "big"})


def _load_script() -> ModuleType:
    name = "build_catalogue"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "build_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bc = _load_script()


def test_build_catalogue_clean_alias_keeps_names_and_drops_noise() -> None:
    assert bc.clean_alias("South Korean singer", WORDS) is None
    assert bc.clean_alias("Akdong Musician", WORDS) == ("latin", "Akdong Musician")
    assert bc.clean_alias("防彈少年團", WORDS) is None
    assert bc.clean_alias("BLΛƆKPIИK", WORDS) is None
    assert bc.clean_alias("방탄소년단", WORDS) == ("hangul", "방탄소년단")
    assert bc.clean_alias("One Two Three Four Five", WORDS) is None
    assert bc.clean_alias("tempest", WORDS) is None
    assert bc.clean_alias("aespa", WORDS) == ("latin", "aespa")
    assert bc.clean_alias("Jisoo (singer)", WORDS) == ("latin", "Jisoo")
    assert bc.clean_alias("Rosé", WORDS) == ("latin", "Rosé")
    assert bc.clean_alias("  ", WORDS) is None


def test_build_catalogue_split_companies_cleans_infobox_text() -> None:
    assert bc.split_companies("Starlit Entertainment, Yuna Media") == [
        "Starlit Entertainment",
        "Yuna Media",
    ]
    assert bc.split_companies("Amuse, Inc.") == ["Amuse"]
    assert bc.split_companies("Mnet (Mnet Media)") == ["Mnet"]
    assert bc.split_companies("[http://example.com/ Foo Ent]") == []
    assert bc.split_companies("Cream RecordsZam Entertainment") == []
    assert bc.split_companies("independent") == []
    assert bc.split_companies(None) == []


def test_build_catalogue_org_key_ignores_corporate_suffixes() -> None:
    assert bc.org_key("Pledis") == bc.org_key("Pledis Entertainment") == bc.org_key("PLEDIS Ent.")
    assert bc.org_key("Big Hit Music") != bc.org_key("Big Hit")
    assert bc.short_org_name("Starship Entertainment") == "Starship"
    assert bc.short_org_name("TS Entertainment") is None
    assert bc.short_org_name("Belift Lab") is None


def _write_kb(root: Path) -> Path:
    wd, net = root / "kpopdle_wikidata", root / "kpopnet"
    wd.mkdir(parents=True)
    net.mkdir()
    groups = [
        {
            "id": "Q10",
            "name": "Moonrise",
            "aliases": ["South Korean singer", "문라이즈"],
            "company": "Lumen Entertainment",
            "company_parent": "Orbit Holdings",
            "gender": "girl",
            "popularity": 900,
        },
        {
            "id": "Q20",
            "name": "Sunset Boys",
            "aliases": [],
            "company": "Lumen",
            "company_parent": None,
            "gender": "boy",
            "popularity": 300,
        },
    ]
    idols = [
        {
            "id": "Q11",
            "name": "Hana Seo",
            "aliases": ["Seo Ha-na", "서하나", "Kim Min-a"],
            "group_ids": ["Q10"],
            "company": "Lumen Entertainment",
            "company_parent": None,
            "gender": "girl",
            "popularity": 900,
        },
        {
            "id": "Q21",
            "name": "Dojin",
            "aliases": ["Kim Min-a"],
            "group_ids": ["Q20", "Q404"],
            "company": "Lumen",
            "gender": "boy",
            "popularity": 300,
        },
        {
            "id": "Q22",
            "name": "Woojin",
            "aliases": ["Kim Min-a", "박우진"],
            "group_ids": ["Q20"],
            "company": "Lumen",
            "gender": "boy",
            "popularity": 100,
        },
    ]
    kpopnet: dict[str, Any] = {
        "groups": [
            {
                "id": "g1",
                "name": "MOONRISE",
                "name_original": "문라이즈",
                "name_alias": None,
                "agency_name": "Lumen Entertainment",
                "parent_id": None,
                "members": [{"idol_id": "i1", "current": True, "roles": None}],
            },
            {
                "id": "g2",
                "name": "Moonrise Mini",
                "name_original": "문라이즈 미니",
                "name_alias": None,
                "agency_name": "Lumen",
                "parent_id": "g1",
                "members": [],
            },
        ],
        "idols": [
            {
                "id": "i1",
                "name": "Hana",
                "name_original": "하나",
                "real_name": "Seo Hana",
                "real_name_original": "서하나",
                "name_alias": "Hani, 하니",
                "groups": ["g1"],
            },
            {
                "id": "i2",
                "name": "Solo Star",
                "name_original": "솔로스타",
                "real_name": "Lee Byeol",
                "real_name_original": "이별",
                "name_alias": None,
                "groups": [],
            },
        ],
    }
    (wd / "groups.json").write_text(json.dumps({"groups": groups}), "utf-8")
    (wd / "idols.json").write_text(json.dumps({"idols": idols}), "utf-8")
    (net / "kpopnet.json").write_text(json.dumps(kpopnet), "utf-8")
    return root


def test_build_catalogue_merges_sources_and_makes_agencies(tmp_path: Path) -> None:
    kb = _write_kb(tmp_path / "kb")
    extras = [
        CatalogueEntry(
            id="org:orbit", name="Orbit", type="ORG", subtype="agency", aliases=("Orbit Holdings",)
        )
    ]
    drafts = {d.id: d for d in bc.build(kb, extras, WORDS)}

    moonrise = drafts["Q10"]
    # "MOONRISE" differs only in case (lookups fold case); the description is dropped.
    assert moonrise.aliases == [] and moonrise.hangul == ["문라이즈"]
    assert moonrise.company == "Lumen Entertainment"
    hana = drafts["Q11"]  # merged: same group, same Hangul birth name
    assert hana.name == "Hana" and "Hana Seo" in hana.aliases and "Hani" in hana.aliases
    assert "하니" in hana.hangul and "kpopnet:i1" not in drafts
    assert drafts["kpopnet:i2"].name == "Solo Star" and drafts["kpopnet:i2"].groups == []
    mini = drafts["kpopnet:g2"]
    assert mini.groups == ["Q10"] and mini.subtype == "subunit"
    assert drafts["Q21"].groups == ["Q20"]  # unknown group ids are dropped

    lumen = drafts["org:lumen-entertainment"]  # "Lumen" and "Lumen Entertainment" are one
    assert lumen.type == "ORG" and lumen.company == "Orbit"
    assert "org:orbit-holdings" not in drafts  # the extra entry covers it
    assert drafts["Q20"].company == "Lumen Entertainment"
    # A birth name three people share stays only with the clearly most popular one.
    assert "Kim Min-a" in hana.aliases
    assert "Kim Min-a" not in drafts["Q21"].aliases + drafts["Q22"].aliases
    assert list(drafts) == sorted(drafts)


def test_build_catalogue_main_writes_a_loadable_file(tmp_path: Path) -> None:
    kb = _write_kb(tmp_path / "kb")
    words = tmp_path / "words.txt"
    words.write_text("the\nrose\n", "utf-8")
    extra = tmp_path / "extra.jsonl"
    extra.write_text("", "utf-8")
    out = tmp_path / "catalogue.jsonl"
    args = [
        "--kb",
        str(kb),
        "--out",
        str(out),
        "--extra",
        str(extra),
        "--words",
        str(words),
        "--no-words",
    ]
    assert bc.main(args) == 0
    text = out.read_text("utf-8")
    catalogue = Catalogue.from_jsonl([("catalogue.jsonl", text)])
    assert catalogue.lookup("Seo Hana")[0].id == "Q11"
    # Q22's Hangul name 박우진 is spelled the press way, as a full name only.
    assert [e.id for e in catalogue.lookup("Park Woo-jin")] == ["Q22"]
    assert [e.id for e in catalogue.lookup("Woojin Park")] == ["Q22"]
    assert [e.id for e in catalogue.lookup("Pak U-jin")] == ["Q22"]
    assert [e.id for e in catalogue.lookup("U-jin")] == []
    assert bc.main(args) == 0 and out.read_text("utf-8") == text  # deterministic


def test_build_catalogue_add_romanised_spells_hangul_full_names() -> None:
    draft = bc.Draft(
        id="Q1", name="Hyungshik", type="PERSON", aliases=["Park Hyung-sik"], hangul=["박형식"]
    )
    bc.add_romanised(draft)
    # The aliases' variants cover Park Hyung-sik / Bak Hyungsik...; the rest is new.
    assert draft.romanised == ["Park Hyeong-sik", "Park Hyeong-shik", "Park Hyung-shik"]
    bc.add_romanised(draft)
    assert len(draft.romanised) == 3  # idempotent


def test_build_catalogue_add_romanised_skips_what_is_not_a_full_name() -> None:
    stage = bc.Draft(id="Q2", name="Jimin", type="PERSON", hangul=["지민", "뷔"])
    japanese = bc.Draft(id="Q3", name="Mayuka Ogo", type="PERSON", hangul=["마유카"])
    group = bc.Draft(id="Q4", name="Moonrise", type="GROUP", hangul=["김나래"])
    for draft in (stage, japanese, group):
        bc.add_romanised(draft)
        assert draft.romanised == [], draft.id
    # Two syllables are a full name when a source gives them as the birth name.
    born = bc.Draft(id="Q5", name="Solo Star", type="PERSON", hangul=["이별"])
    born.real_hangul.add("이별")
    bc.add_romanised(born)
    assert born.romanised == ["Lee Byeol", "Lee Byul"]


def test_build_catalogue_romanised_names_give_way_to_written_ones() -> None:
    written = bc.Draft(id="Q1", name="Mina", type="PERSON", aliases=["Kim Min-jung"])
    guess = bc.Draft(id="Q2", name="Minnie", type="PERSON", romanised=["Kim Min-jung"])
    many = [
        bc.Draft(id=f"Q{n}", name=f"N{n}", type="PERSON", romanised=["Kim Ha-na"], popularity=n)
        for n in (3, 4, 9)
    ]
    drafts = [written, guess, *many]
    bc._prune_romanised(drafts, [])
    assert written.aliases == ["Kim Min-jung"] and guess.romanised == []
    assert [d.romanised for d in many] == [[], [], ["Kim Ha-na"]]  # the clear favourite only
    extra = CatalogueEntry(id="org:x", name="Kim Ha-na", type="ORG")
    bc._prune_romanised(drafts, [extra])
    assert many[2].romanised == []


def test_build_catalogue_refuses_stale_supplements(tmp_path: Path) -> None:
    kb = _write_kb(tmp_path / "kb")
    drafts = bc.build(kb, [], WORDS)
    stale = CatalogueEntry(id="Q999", name="Gone", type="PERSON")
    wrong = CatalogueEntry(id="Q10", name="Moonrise", type="PERSON")
    problems = bc.check_supplements(drafts, [stale, wrong])
    assert len(problems) == 2


def test_build_catalogue_fails_without_kb(tmp_path: Path) -> None:
    assert bc.main(["--kb", str(tmp_path), "--out", str(tmp_path / "x.jsonl"), "--no-words"]) == 2


@pytest.mark.skipif(not SHARED_KB.is_dir(), reason="shared/kb is not available")
def test_build_catalogue_real_kb_output_is_small_sorted_and_valid(tmp_path: Path) -> None:
    out = tmp_path / "catalogue.jsonl"
    assert bc.main(["--kb", str(SHARED_KB), "--out", str(out), "--no-words"]) == 0
    assert out.stat().st_size < 1_000_000
    lines = out.read_text("utf-8").splitlines()
    entries = [entry_from_json(json.loads(line), f"line {n}") for n, line in enumerate(lines, 1)]
    ids = [e.id for e in entries]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 2000
    bundled = (REPO / "src" / "newsgraph" / "data" / "catalogue.jsonl").read_text("utf-8")
    assert out.read_text("utf-8") == bundled, "the bundled catalogue is stale: rerun the script"
