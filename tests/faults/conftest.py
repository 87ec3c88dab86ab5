"""A hostile corpus, generated in tmp_path: every way an input can be bad, next to good ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

# Invented articles (no real or benchmark text).
GOOD = {
    "hollywood.txt": (
        'Director Mara Quinn will shoot her next film, "Desert Radio," in New Mexico this '
        "autumn, the studio Halcyon Pictures said on Monday. Actor Leo Brandt plays a late-night "
        "DJ who hears a voice from the past. Quinn chose the story because her father ran a "
        "small radio station, she said."
    ),
    "jpop.txt": (
        "The J-pop group Sakura Lane announced a dome tour on Friday. Leader Aoi Hayama said the "
        "members picked the cities themselves to thank fans who had followed them since their "
        "debut in 2019. The tour opens in Osaka in November."
    ),
    "bollywood.txt": (
        'Actor Rohan Mehta joined the cast of "Monsoon Letters" after director Kavya Rao '
        "offered him the lead. The film, produced by Sunbeam Studios, will be released in "
        "cinemas on March 8, and Mehta said he learned to play the sitar for the role."
    ),
}
WIRE = (
    "Singer Ara Moon released her new single Glass River on Friday, her agency Maple Sound said. "
    "The song was written in Jeju during a break from the tour, and the video stars the actor "
    "Kang Doyun in the lead role."
)
KOREAN = (
    "가수 아라 문이 새 싱글 유리 강을 발표했다. 소속사는 이번 곡이 제주에서 쓰였다고 "
    "밝혔다. 뮤직비디오는 다음 주에 공개되며 배우 강도윤이 주연을 맡았다. 팬들은 공연 "
    "일정을 기다리고 있다. 앨범은 오월에 나올 예정이다. 투어는 서울에서 시작한다."
)
SPANISH = (
    "La cantante Ana Luna lanzó su nuevo sencillo el viernes pasado en Madrid. Según su "
    "agencia, el video fue dirigido por Pablo Ríos, quien también trabajó en su primer álbum. "
    "La gira comenzará en marzo y visitará doce ciudades de España y México."
)
DAMAGED = (
    "The rock band Iron Meadow cancelled two shows in Glasgow on Saturday after their "
    "drummer Finn Calloway broke his wrist, the promoter said. The band will play the dates "
    "in the spring, and tickets stay valid."
)
FEED_ITEM = (
    "The actor Nadia Ferro won the best actress prize at the Lakeside Film Festival on Sunday "
    'for her role in "Paper Boats," a film about two sisters who run a ferry.'
)
COPIES = 10_000


@dataclass(frozen=True)
class Hostile:
    folder: Path
    #: file name -> the skip code it must get
    bad: dict[str, str]
    #: file names that must be stored (one article each)
    good: tuple[str, ...]


def build_hostile(folder: Path) -> Hostile:
    folder.mkdir()
    bad: dict[str, str] = {}

    def put(name: str, data: bytes, code: str | None = None) -> None:
        (folder / name).write_bytes(data)
        if code:
            bad[name] = code

    for name, text in GOOD.items():
        put(name, text.encode())
    put("empty.txt", b"", "NG001")
    put("blank.txt", b" \n\t\n", "NG001")
    put("binary.txt", bytes(range(256)) * 40, "NG003")
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB, sparse: cheap to make
        handle.truncate(50 * 1024 * 1024)
    bad["huge.txt"] = "NG004"
    put("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "NG006")
    nested = "<div>" * 10_000 + "<p>" + GOOD["jpop.txt"] + "</p>" + "</div>" * 10_000
    put("bomb.html", f"<html><body>{nested}</body></html>".encode(), "NG003")
    put("korean.txt", KOREAN.encode(), "NG007")
    put("korean-euckr.txt", KOREAN.encode("euc-kr"), "NG007")
    put("spanish.txt", SPANISH.encode(), "NG007")
    # Damaged but readable: kept, with the damage confined to the tail.
    put("truncated-utf8.txt", (DAMAGED + " Café").encode()[:-1])  # cut inside the é
    mixed = FEED_ITEM.replace("Ferro", "Ferré").encode() + " Beyoncé agreed.".encode("cp1252")
    put("mixed-encodings.txt", mixed)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Prize</title><description>{DAMAGED.replace('Iron', 'Tin')} Refunds "
        "are available at the box office until Friday, the promoter added."
        "</description></item><item><title>Broken</ti"
    )
    put("broken.xml", feed.encode())
    bad["broken.xml#2"] = "NG001"
    put("bad-lines.jsonl", b'{"id": "x", "text": \n[1, 2]\n', None)
    bad["bad-lines.jsonl#L1"] = "NG005"
    bad["bad-lines.jsonl#L2"] = "NG005"
    with (folder / "wire-copies.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(COPIES):
            record = {"id": f"wire-{n}", "text": f"{WIRE} (Outlet {n} staff)"}
            handle.write(json.dumps(record) + "\n")
    for n in range(1, COPIES):
        bad[f"wire-copies.jsonl#L{n + 1}"] = "NG008"
    good = (
        *GOOD,
        "truncated-utf8.txt",
        "mixed-encodings.txt",
        "broken.xml#1",
        "wire-copies.jsonl#L1",
    )
    return Hostile(folder, bad, good)


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    return build_hostile(tmp_path / "hostile")
