"""read_inputs and read_article_bytes over every input kind, bad inputs and whole folders."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph.ingest._formats as formats
from newsgraph.ingest import content_id, read_article_bytes, read_inputs
from newsgraph.model import Article, Skip

Write = Callable[[str, str | bytes], Path]
GOLD_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "dev"

TOUR_TEXT = "Nova Seven announced a world tour on Wednesday.\n\nTickets go on sale in April."


def articles(items: list[Article | Skip]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def skips(items: list[Article | Skip]) -> list[Skip]:
    return [item for item in items if isinstance(item, Skip)]


def only_article(items: list[Article | Skip]) -> Article:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Article), item
    return item


def only_skip(items: list[Article | Skip]) -> Skip:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Skip), item
    return item


# --- plain text -----------------------------------------------------------------------------


def test_reader_txt_is_one_article_with_content_id(write: Write) -> None:
    path = write("tour.txt", TOUR_TEXT + "\n")
    article = only_article(list(read_inputs([path])))
    assert article.text == TOUR_TEXT
    assert article.title == ""
    assert article.id == content_id(TOUR_TEXT)
    assert article.source == str(path)
    assert article.published is None


def test_reader_txt_renamed_copy_and_crlf_keep_the_id(write: Write) -> None:
    first = write("a.txt", TOUR_TEXT)
    renamed = write("sub/renamed-copy.txt", TOUR_TEXT.replace("\n", "\r\n") + "  \r\n")
    one, two = articles(list(read_inputs([first, renamed])))
    assert one.id == two.id
    assert one.text == two.text


def test_reader_txt_latin1_and_cp949(write: Write) -> None:
    western = "Beyoncé’s café concert in São Paulo drew fans from across Brazil."
    korean = "가수 한미래가 새 드라마에 출연한다. 소속사는 24일 이렇게 밝혔다."
    latin = write("latin.txt", western.replace("’", "'").encode("latin-1"))
    cp949 = write("korean.txt", korean.encode("cp949"))
    got = {a.source: a.text for a in articles(list(read_inputs([latin, cp949])))}
    assert got == {str(latin): western.replace("’", "'"), str(cp949): korean}


def test_reader_txt_over_max_chars_is_too_large(write: Write) -> None:
    path = write("long.txt", "Encore! " * 20)
    skip = only_skip(list(read_inputs([path], max_chars=50)))
    assert skip.code == "NG004"
    assert "characters" in skip.reason


# --- JSON Lines and JSON ----------------------------------------------------------------------


def test_reader_jsonl_bad_lines_are_skips_with_line_numbers(write: Write, jsonl_text: str) -> None:
    path = write("feed.jsonl", jsonl_text)
    items = list(read_inputs([path]))
    good = articles(items)
    assert [a.source for a in good] == [f"{path}#L1", f"{path}#L4"]
    first, second = good
    assert first.id == "ex-1"
    assert first.url == "https://example.com/1"
    assert first.title == "Nova Seven tour"
    assert first.published == date(2024, 3, 6)
    assert second.id == content_id("Yoon Haneul thanked her fans after the concert.")
    assert second.published is None
    assert {s.source: s.code for s in skips(items)} == {
        f"{path}#L2": "NG005",
        f"{path}#L5": "NG005",
        f"{path}#L6": "NG001",
    }


def test_reader_jsonl_unicode_line_separator_inside_a_string(write: Write) -> None:
    record = {"id": "ls-1", "text": "First part\u2028second part"}
    path = write("sep.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    article = only_article(list(read_inputs([path])))
    assert article.text == "First part\nsecond part"


def test_reader_gold_style_json_ignores_annotations(write: Write) -> None:
    record = {
        "id": "mine-01",
        "url": "https://example.com/mine-01",
        "published": "2024-01-24",
        "title": "Yoon Haneul returns ",
        "text": "Yoon Haneul released “Paper Moon” because fans asked for a ballad.",
        "entities": [{"id": "yoon_haneul", "name": "Yoon Haneul", "type": "PERSON"}],
        "relations": [],
    }
    path = write("mine-01.json", json.dumps(record, ensure_ascii=False))
    article = only_article(list(read_inputs([path])))
    assert article.id == "mine-01"
    assert article.title == "Yoon Haneul returns"
    assert article.published == date(2024, 1, 24)
    assert article.text == record["text"]
    assert article.header()["published"] == "2024-01-24"


def test_reader_json_list_reads_each_record(write: Write) -> None:
    records = [{"id": 7, "text": "Oh Jinwoo won best film."}, {"id": "x"}, "not an object"]
    path = write("many.json", json.dumps(records))
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Skip", "Skip"]
    assert only_article(items[:1]).id == "7"
    assert [s.source for s in skips(items)] == [f"{path}#2", f"{path}#3"]


@pytest.mark.parametrize(
    ("content", "code"),
    [("{not json", "NG005"), ("[]", "NG001"), ("42", "NG005"), ("[" * 100_000, "NG005")],
)
def test_reader_bad_json_is_a_skip(write: Write, content: str, code: str) -> None:
    assert only_skip(list(read_inputs([write("bad.json", content)]))).code == code


def test_reader_json_extension_holding_json_lines(write: Write) -> None:
    content = '{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'
    items = list(read_inputs([write("lines.json", content)]))
    assert [a.id for a in articles(items)] == ["a", "b"]


# --- HTML -------------------------------------------------------------------------------------


def test_reader_html_page(write: Write, html_page: str) -> None:
    path = write("drama.html", html_page)
    article = only_article(list(read_inputs([path])))
    assert "Singer Han Mirae will star" in article.text
    assert "Copyright" not in article.text
    assert article.published == date(2024, 3, 5)
    assert article.author == "Jane Writer"
    assert article.title.startswith("Han Mirae to star")
    assert article.id == content_id(article.text)


def test_reader_html_bytes_with_url_and_declared_charset(html_page: str) -> None:
    page = html_page.replace('charset="utf-8"', 'charset="windows-1252"')
    data = page.encode("cp1252")
    article = only_article(
        read_article_bytes(data, name="upload", kind="html", url="https://example.com/p")
    )
    assert "seaside café" in article.text
    assert "“Blue Harbour,”" in article.text
    assert article.url == "https://example.com/p"
    assert article.source == "upload"


def test_reader_html_without_text_is_not_an_article(write: Write) -> None:
    skip = only_skip(list(read_inputs([write("empty-page.html", "<html><body></body></html>")])))
    assert skip.code == "NG003"


# --- feeds ------------------------------------------------------------------------------------


def test_reader_rss_entries(write: Write, rss_feed: str) -> None:
    path = write("kpop.rss", rss_feed)
    first, second = articles(list(read_inputs([path])))
    assert first.id == "example-kpop-101"
    assert first.source == f"{path}#1"
    assert first.url == "https://example.com/kpop/nova-seven-tour"
    assert first.title == "Band Nova Seven announces first world tour"
    assert (
        first.text
        == "Nova Seven will visit twelve cities this summer.\nTickets go on sale in April."
    )
    # The publisher's own day, not the UTC one (2024-03-05 22:30 UTC).
    assert first.published == date(2024, 3, 6)
    assert second.id == "https://example.com/kpop/yoon-haneul-paper-moon"
    assert second.published == date(2024, 3, 7)
    assert "“Paper Moon”" in second.text


def test_reader_atom_entry(write: Write, atom_feed: str) -> None:
    article = only_article(list(read_inputs([write("film.atom", atom_feed)])))
    assert article.id == "urn:example:film:55"
    assert article.url == "https://example.com/film/oh-jinwoo-award"
    assert article.text == "Oh Jinwoo won best film for “Salt Wind”.\nHe thanked his cast."
    assert article.published == date(2024, 2, 1)
    assert article.author == "Sam Critic"


def test_reader_broken_rss_still_yields_its_entries(write: Write, broken_rss: str) -> None:
    items = list(read_inputs([write("broken.xml", broken_rss)]))
    got = articles(items)
    assert [a.title for a in got] == ["Actor Lee Dawon joins variety show", "Drama ratings"]
    assert got[0].id == "https://example.com/a"
    assert got[1].id == content_id(got[1].text)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            "NG003",
        ),
        ("<?xml version='1.0'?><rss><channel><title>cut off", "NG005"),
        ("<data><row>not a feed</row></data>", "NG003"),
    ],
)
def test_reader_feed_without_entries_is_a_skip(write: Write, content: str, code: str) -> None:
    items = list(read_inputs([write("nothing.xml", content)]))
    skip = only_skip(items)
    assert skip.code == code


def test_reader_feed_entry_without_body_is_a_skip(write: Write) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Only a title</title><guid>g-1</guid></item>"
        "<item><title>Full</title><description>Lee Dawon joins the cast.</description></item>"
        "</channel></rss>"
    )
    path = write("partial.rss", feed)
    items = list(read_inputs([path]))
    assert only_skip(items[:1]) == Skip(
        f"{path}#1", "NG001", "feed entry has no content or summary"
    )
    assert only_article(items[1:]).text == "Lee Dawon joins the cast."


# --- sniffing and refusal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected_id"),
    [
        ('{"id": "s-1", "text": "Sniffed JSON."}', "s-1"),
        ('{"id": "s-2", "text": "One."}\n{"id": "s-3", "text": "Two."}', "s-2"),
        ("Just words about a comeback.", content_id("Just words about a comeback.")),
    ],
)
def test_reader_unknown_extension_is_sniffed(content: str, expected_id: str) -> None:
    items = read_article_bytes(content.encode(), name="upload.dat")
    assert articles(items)[0].id == expected_id


def test_reader_unknown_extension_sniffs_feeds_and_pages(rss_feed: str, html_page: str) -> None:
    feed = articles(read_article_bytes(rss_feed.encode(), name="noext"))
    page = only_article(read_article_bytes(html_page.encode(), name="page.php"))
    assert [a.id for a in feed] == [
        "example-kpop-101",
        "https://example.com/kpop/yoon-haneul-paper-moon",
    ]
    assert page.published == date(2024, 3, 5)


def test_reader_unsupported_extension_and_kind() -> None:
    assert only_skip(read_article_bytes(b"%PDF-1.7", name="x.pdf")).code == "NG006"
    assert only_skip(read_article_bytes(b"text", name="x", kind="docx")).code == "NG006"


def test_reader_bytes_over_max_bytes() -> None:
    skip = only_skip(read_article_bytes(b"a" * 101, name="x.txt", max_bytes=100))
    assert skip.code == "NG004"


def test_reader_file_size_is_checked_before_reading(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("big.txt", "Fans cheered. " * 100)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    skip = only_skip(list(read_inputs([path], max_bytes=100)))
    assert skip.code == "NG004"
    assert "bytes" in skip.reason


def test_reader_single_path_and_empty_path(write: Write) -> None:
    path = write("one.txt", TOUR_TEXT)
    assert only_article(list(read_inputs(str(path)))).text == TOUR_TEXT
    assert only_skip(list(read_inputs([""]))).code == "NG006"


def test_reader_missing_path_is_a_skip(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert only_skip(list(read_inputs([missing]))) == Skip(
        str(missing), "NG006", "no such file or folder"
    )


def test_reader_unexpected_error_is_a_generic_skip(
    write: Write, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(req: formats.Request, text: str) -> list[Article | Skip]:
        raise RuntimeError("reader bug")

    monkeypatch.setitem(formats.READERS, "text", explode)
    good = write("b.jsonl", '{"id": "ok", "text": "Still read."}')
    items = list(read_inputs([write("a.txt", "Boom."), good]))
    assert items[0] == Skip(str(good.parent / "a.txt"), "NG000", "RuntimeError: reader bug")
    assert only_article(items[1:]).id == "ok"
    assert any("reader bug" in (r.exc_text or str(r.exc_info)) for r in caplog.records)


# --- folders ----------------------------------------------------------------------------------


def test_reader_folder_mix_reads_good_and_skips_bad(
    tmp_path: Path,
    write: Write,
    html_page: str,
    rss_feed: str,
    atom_feed: str,
    broken_rss: str,
    jsonl_text: str,
) -> None:
    write("in/a-story.txt", TOUR_TEXT)
    write("in/b-page.html", html_page)
    write("in/c-kpop.xml", rss_feed)
    write("in/d-film.atom", atom_feed)
    write("in/e-broken.rss", broken_rss)
    write("in/f-lines.jsonl", jsonl_text)
    write("in/g-empty.txt", "")
    write("in/h-blank.txt", "  \n\t \n")
    write("in/i-binary.dat", bytes(range(256)) * 4)
    write("in/j-latin.txt", "Café owner Han Mirae smiled.".encode("latin-1"))
    write("in/k-big.txt", "Too long for the limit. " * 400)
    write("in/l-photo.png", b"\x89PNG\r\n\x1a\n")
    write("in/nested/m-story.txt", "A nested story about a drama premiere.")
    write("in/.hidden.txt", "hidden file")
    write("in/.cache/n-story.txt", "inside a hidden folder")

    items = list(read_inputs([tmp_path / "in"], max_bytes=5000))
    root = tmp_path / "in"
    by_source = {item.source: item for item in items}
    assert list(by_source) == sorted(by_source, key=lambda s: Path(s.split("#")[0]).parts)

    codes = {Path(s.source).name: s.code for s in skips(items)}
    assert codes == {
        "f-lines.jsonl#L2": "NG005",
        "f-lines.jsonl#L5": "NG005",
        "f-lines.jsonl#L6": "NG001",
        "g-empty.txt": "NG001",
        "h-blank.txt": "NG001",
        "i-binary.dat": "NG003",
        "k-big.txt": "NG004",
        "l-photo.png": "NG006",
    }
    good = {Path(a.source).name for a in articles(items)}
    assert good == {
        "a-story.txt",
        "b-page.html",
        "c-kpop.xml#1",
        "c-kpop.xml#2",
        "d-film.atom#1",
        "e-broken.rss#1",
        "e-broken.rss#2",
        "f-lines.jsonl#L1",
        "f-lines.jsonl#L4",
        "j-latin.txt",
        "m-story.txt",
    }
    assert str(root / "nested" / "m-story.txt") in by_source
    assert not any("hidden" in item.source or ".cache" in item.source for item in items)


def test_reader_reading_twice_gives_the_same_ids(write: Write, html_page: str) -> None:
    write("in/a.txt", TOUR_TEXT)
    write("in/b.html", html_page)
    folder = write("in/c.jsonl", '{"text": "An id-less record."}').parent
    first = [a.id for a in articles(list(read_inputs([folder])))]
    second = [a.id for a in articles(list(read_inputs([str(folder)])))]
    assert first == second
    assert len(set(first)) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_reader_special_file_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_skip(list(read_inputs([fifo]))).code == "NG006"


# --- properties -------------------------------------------------------------------------------


@settings(deadline=None, max_examples=200)
@given(
    data=st.binary(max_size=2000),
    name=st.sampled_from(["x.txt", "x.jsonl", "x.json", "x.html", "x.xml", "x.dat", "x"]),
)
def test_reader_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    items = read_article_bytes(data, name=name)
    assert items
    for item in items:
        assert isinstance(item, Article | Skip)
        if isinstance(item, Skip):
            assert item.code.startswith("NG")
            assert item.code != "NG000", item
        else:
            assert item.text and item.text == item.text.strip()
            item.text.encode("utf-8")


@settings(deadline=None, max_examples=200)
@given(st.text(min_size=1, max_size=500))
def test_reader_same_text_same_id(text: str) -> None:
    data = text.encode("utf-8")
    first = read_article_bytes(data, name="one.txt")
    second = read_article_bytes(data, name="other-name.txt")
    assert [getattr(i, "id", None) for i in first] == [getattr(i, "id", None) for i in second]
    for item in first:
        if isinstance(item, Article):
            assert item.id == content_id(item.text)


# --- the shared gold articles -----------------------------------------------------------------


@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="shared gold files are not available")
def test_reader_reads_every_gold_dev_file() -> None:
    files = sorted(GOLD_DEV.glob("*.json"))
    assert files
    items = list(read_inputs(files))
    assert skips(items) == []
    for path, article in zip(files, articles(items), strict=True):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert article.id == gold["id"]
        assert article.text == gold["text"]  # offsets in gold evidence must stay valid
        expected = date.fromisoformat(gold["published"]) if gold["published"] else None
        assert article.published == expected
        assert article.source == str(path)
