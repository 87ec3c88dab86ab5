"""Invented articles for the scale tests: a wire story, a copy, a rewrite, other languages."""

from __future__ import annotations

import pytest

WIRE = (
    'Singer Lira Vale will release her second studio album "Northern Glass" on April 12, her '
    "agency Copperline Music said on Tuesday. The ten-track record was produced by Tomas Greer, "
    "who also worked on her debut. Vale wrote eight of the songs during a tour of Canada last "
    'year, and the lead single "Frost Letters" comes out a week before the album. A world tour '
    "starts in Toronto in June, with dates in Seoul, Tokyo and London to follow."
)
TEXTS = {
    "wire": WIRE,
    "copy": "LOS ANGELES (Starwire) - " + WIRE + " Reporting by Dana Holt; editing by Sam Price.",
    "rewrite": (
        'Lira Vale is back. The Canadian singer announced on Tuesday that "Northern Glass," her '
        "second album, arrives April 12. Producer Tomas Greer, her collaborator since the debut, "
        "returns behind the desk, and the singer says most of the songs were written on the road."
    ),
    "other": (
        'The drama "Harbour Lights" ended its run on Sunday with its highest ratings yet, the '
        "broadcaster said. Actor Min Seora played a ferry captain who returns to her home island "
        "after twenty years, and director Oh Jaewon said a second season is being discussed."
    ),
    "korean": (
        "가수 아라 문이 새 싱글 유리 강을 발표했다. 소속사는 이번 곡이 제주에서 쓰였다고 "
        "밝혔다. 뮤직비디오는 다음 주에 공개되며 배우 강도윤이 주연을 맡았다. 팬들은 공연 "
        "일정을 기다리고 있다. 앨범은 오월에 나올 예정이다. 투어는 서울에서 시작한다."
    ),
    "spanish": (
        "La cantante Ana Luna lanzó su nuevo sencillo el viernes pasado en Madrid. Según su "
        "agencia, el video fue dirigido por Pablo Ríos, quien también trabajó en su primer álbum. "
        "La gira comenzará en marzo y visitará doce ciudades de España y México."
    ),
}


@pytest.fixture
def texts() -> dict[str, str]:
    return dict(TEXTS)
