"""Each repair step alone, on lines taken from the corpus; properties with hypothesis."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbgraph.graph.model import SourceLine, SourceText
from vbgraph.loaders import legacy, paragraphs, read_source
from vbgraph.loaders.footnotes import split_footnotes
from vbgraph.loaders.layout import (
    BLANK_BLOCK_NOTE,
    FORM_FEED_NOTE,
    LEADING_SPACE_NOTE,
    derive_pages,
    drop_running_lines,
    drop_signature_stamps,
    running_key,
)
from vbgraph.loaders.legacy_tables import TCVN3_HIGH, TCVN3_VN1_EXTRA
from vbgraph.loaders.repair import clean_line, clean_lines, drop_blank_lines, join_split_codes

FIXTURES = Path(__file__).parent / "fixtures"


def lines(*texts: str, page: int | None = None, start: int = 1) -> list[SourceLine]:
    return [SourceLine(text, number, page) for number, text in enumerate(texts, start)]


def texts(found: list[SourceLine]) -> list[str]:
    return [line.text for line in found]


# --------------------------------------------------------------------------- clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            unicodedata.normalize("NFD", "Quyết định số 28/2021/QĐ-TTg"),
            "Quyết định số 28/2021/QĐ-TTg",
        ),
        ("\u00d0ảng bộ tỉnh", "Đảng bộ tỉnh"),  # Icelandic eth for Đ, as some PDFs have it
        ("Nghị định số\u00a060/2021/NĐ-CP", "Nghị định số 60/2021/NĐ-CP"),
        ("Chương\u200b trình\u00ad công tác\ufeff", "Chương trình công tác"),
        ("hoàn thành và \t  ", "hoàn thành và"),
        ("   ", "   "),  # a footnote rule: the spaces are kept for the footnote step
        ("\x07chỉ tiêu\x1b", "chỉ tiêu"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_clean_line_keeps_form_feeds_only_when_asked() -> None:
    assert clean_line("\fCăn cứ", keep_form_feeds=True) == "\fCăn cứ"
    assert clean_line("\fCăn cứ") == "Căn cứ"


def test_clean_lines_rebuilds_only_what_changes() -> None:
    given_lines = lines("Tỉnh ủy Hậu Giang ", "tập trung", unicodedata.normalize("NFD", "nhiệm vụ"))
    cleaned = clean_lines(given_lines)
    assert texts(cleaned) == ["Tỉnh ủy Hậu Giang", "tập trung", "nhiệm vụ"]
    assert cleaned[1] is given_lines[1]


_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"  # decomposed tones and shapes
_ODD = _MARKS + "\u00a0\u200b\u00ad\x00\x07\x0c\t\x1f\u2003\ufeffÐð"
messy_text = st.text(
    alphabet=st.sampled_from(_VIETNAMESE + _VIETNAMESE.upper() + " -/.,0123456789" + _ODD)
)


@given(messy_text)
@settings(max_examples=300, deadline=None)
def test_clean_line_is_idempotent_and_nfc(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") and c != "\t" for c in once)


# --------------------------------------------------------------------------- legacy encodings


vietnamese_words = st.lists(
    st.text(alphabet=st.sampled_from(_VIETNAMESE + _VIETNAMESE.upper()), min_size=1, max_size=7),
    min_size=1,
    max_size=12,
).map(" ".join)


@given(vietnamese_words)
@settings(max_examples=300, deadline=None)
def test_vni_round_trip(text: str) -> None:
    encoded = legacy.unicode_to_vni(text).decode("latin-1")
    assert legacy.vni_to_unicode(encoded) == unicodedata.normalize("NFC", text)


@given(vietnamese_words)
@settings(max_examples=300, deadline=None)
def test_tcvn3_round_trip_writes_toned_capitals_small(text: str) -> None:
    encoded = legacy.unicode_to_tcvn3(text).decode("latin-1")
    expected = "".join(c if c.isascii() or c in "ĂÂÊÔƠƯĐ" else c.lower() for c in text)
    assert legacy.tcvn3_to_unicode(encoded) == expected


@pytest.mark.parametrize(
    ("mojibake", "unicode", "note"),
    [
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", legacy.TCVN3_NOTE),
        (
            "QuyÕt ®Þnh sè 48/2006/Q§-BTC cña Bé Tµi chÝnh",
            "Quyết định số 48/2006/QĐ-BTC của Bộ Tài chính",
            legacy.TCVN3_NOTE,
        ),
        (
            "Quyeát ñònh soá 28/2021/QÑ-TTg cuûa Thuû töôùng Chính phuû",
            "Quyết định số 28/2021/QĐ-TTg của Thủ tướng Chính phủ",
            legacy.VNI_NOTE,
        ),
    ],
)
def test_repair_text_recognises_legacy_text(mojibake: str, unicode: str, note: str) -> None:
    assert legacy.repair_text(mojibake) == (unicode, note)


def test_repair_text_leaves_unicode_and_other_languages_alone() -> None:
    for text in ("Độc lập - Tự do - Hạnh phúc", "Société générale, façade, naïve, Ørsted"):
        assert legacy.repair_text(text) == (text, None)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_agrees_with_glibc() -> None:
    """glibc's TCVN5712-1 is TCVN 5712:1993 level VN1; over 0xA0-0xFF our two tables are it."""
    table = {**TCVN3_VN1_EXTRA, **TCVN3_HIGH}
    for byte in range(0xA0, 0x100):
        decoded = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
            input=bytes([byte]),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert table.get(byte, chr(byte)) == decoded, hex(byte)


# --------------------------------------------------------------------------- pages in plain text


def test_form_feed_starts_a_page() -> None:
    found, note = derive_pages(
        lines("Điều 1. Phạm vi", "hết trang\f", "\fĐiều 2. Đối tượng", "tiếp")
    )
    assert [(line.text, line.page) for line in found] == [
        ("Điều 1. Phạm vi", 1),
        ("hết trang", 1),
        ("Điều 2. Đối tượng", 3),  # two form feeds: an empty page between
        ("tiếp", 3),
    ]
    assert note == FORM_FEED_NOTE


def _double_spaced(*texts: str) -> list[SourceLine]:
    """Lines as hau-giang-q4-2024.txt has them: an empty line after each, except before
    a line that starts a page (`number` skips the empty lines)."""
    found: list[SourceLine] = []
    for text in texts:
        number = found[-1].number + (1 if text.startswith(" ") else 2) if found else 1
        found.append(SourceLine(text, number))
    return found


def test_one_space_after_a_page_end_starts_a_page() -> None:
    page_one = [f"nhiệm vụ {i} của tỉnh" for i in range(12)]
    found, note = derive_pages(
        _double_spaced(
            *page_one, "22/12/2024).", " 6. Tập trung tuyên truyền các ngày lễ", "tỉnh. Sơ kết"
        )
    )
    assert [line.page for line in found] == [1] * 13 + [2, 2]
    assert note == LEADING_SPACE_NOTE


def test_one_space_lines_in_an_ordinary_file_are_not_pages() -> None:
    found, note = derive_pages(lines(*(f" {i}. Trích yếu văn bản" for i in range(30))))
    assert note is None and {line.page for line in found} == {None}


def test_empty_lines_between_page_long_blocks_are_page_breaks() -> None:
    block = [f"dòng {i} của trang" for i in range(25)]
    given_lines = lines(*block) + lines(*block, start=27) + lines("trang cuối", start=53)
    found, note = derive_pages(given_lines)
    assert [line.page for line in found] == [1] * 25 + [2] * 25 + [3]
    assert note == BLANK_BLOCK_NOTE


def test_paragraphs_between_empty_lines_are_not_pages() -> None:
    given_lines = lines("Căn cứ Luật Tổ chức Chính phủ;", "Căn cứ Luật Việc làm;") + lines(
        "QUYẾT ĐỊNH:", start=4
    )
    found, note = derive_pages(given_lines)
    assert note is None and found == given_lines


# --------------------------------------------------------------------------- running lines


def test_running_key_ignores_the_page_number() -> None:
    assert running_key("CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021 3") == running_key(
        "4 CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021"
    )


def test_gazette_headers_and_page_numbers_are_dropped() -> None:
    pages = [
        lines(
            "CÔNG BÁO/Số 287 + 288/Ngày 08-4-2022 3",
            "VĂN BẢN QUY PHẠM PHÁP LUẬT",
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            page=1,
        ),
        lines(
            "4 CÔNG BÁO/Số 287 + 288/Ngày 08-4-2022",
            " ",
            "c) Người lao động làm nghề",
            "nặng nhọc",
            page=2,
        ),
        lines(
            "CÔNG BÁO/Số 287 + 288/Ngày 08-4-2022",
            "5",
            "6. Phòng Thương mại",
            "CHỦ TỊCH",
            "Vương Đình Huệ",
            page=3,
        ),
    ]
    found = drop_running_lines([line for page in pages for line in page])
    assert texts(found) == [
        "VĂN BẢN QUY PHẠM PHÁP LUẬT",
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        " ",
        "c) Người lao động làm nghề",
        "nặng nhọc",
        "6. Phòng Thương mại",
        "CHỦ TỊCH",
        "Vương Đình Huệ",
    ]


def test_numbers_that_do_not_step_with_pages_stay() -> None:
    found = drop_running_lines(lines("1", "Điều 1.", page=1) + lines("1", "Điều 2.", page=2))
    assert texts(found) == ["1", "Điều 1.", "1", "Điều 2."]


def test_running_header_in_a_text_without_pages() -> None:
    body = [f"nội dung dòng {i}" for i in range(30)]
    header = ["CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021", "{}"]
    text = []
    for page in range(3, 7):
        text += [h.format(page) for h in header] + body
    found = drop_running_lines(lines(*text))
    assert texts(found) == body * 4


# --------------------------------------------------------------------------- signature stamps

STAMP = [
    "Người ký: Cổng Thông tin điện tử Chính phủ",
    "Email: thongtinchinhphu@chinhphu.vn",
    "Cơ quan: Văn phòng Chính phủ",
    "Thời gian ký: 12.10.2021 14:52:05 +07:00",
]


def test_signature_stamps_are_dropped() -> None:
    found = drop_signature_stamps(lines("Điều 1. Đối tượng được hỗ trợ", *STAMP, " ", "4"))
    assert texts(found) == ["Điều 1. Đối tượng được hỗ trợ", " ", "4"]
    other = [
        "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        " ",
        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ",
        "Ngày ký: 2026-06-02 08:06:58 +07:00",
    ]
    assert texts(drop_signature_stamps(lines(*other))) == [" "]


def test_lines_that_only_look_like_stamps_stay() -> None:
    kept = lines(
        "4. Người ký kết hợp đồng lao động làm chuyên môn",
        "Cơ quan: Bộ Lao động - Thương binh và Xã hội",  # a label, but no signer
        "Email: lienhe@molisa.gov.vn",
    )
    assert drop_signature_stamps(kept) == kept


# --------------------------------------------------------------------------- footnotes


def test_footnote_after_a_rule_at_the_page_foot() -> None:
    page_three = lines(
        "dân, hoàn thành theo Kế hoạch số 238-KH/TU ngày 17/01/2024[1]. Tiếp tục chỉ đạo",
        "của Bộ Chính trị về giám sát, phản biện xã hội",
        " " * 43,
        "[1] Với thanh niên hoàn thành nghĩa vụ quân sự.",
        page=3,
    )
    found, notes = split_footnotes(page_three + lines("chính quyền.", page=4))
    assert notes == {"1": "Với thanh niên hoàn thành nghĩa vụ quân sự."}
    assert texts(found)[0].endswith("17/01/2024[1]. Tiếp tục chỉ đạo")
    assert texts(found)[1:] == ["của Bộ Chính trị về giám sát, phản biện xã hội", "chính quyền."]


def test_footnotes_spread_over_lines_and_numbered_per_page() -> None:
    signature = ["ĐƠN VỊ SỬ DỤNG LAO ĐỘNG", "(Ký, ghi rõ họ tên và đóng dấu)", "Ghi chú1"]
    found, notes = split_footnotes(
        lines(
            *signature,
            " " * 42,
            "1 Trường hợp người lao động tự nguyện không nhận hỗ",
            "trợ thì ghi rõ “Không nhận hỗ trợ” vào cột Ghi chú.",
            page=9,
        )
        + lines(
            *signature[:2],
            "Địa chỉ liên hệ",
            "-" * 20,
            "1 Ghi rõ địa chỉ.",
            "2 Ghi rõ tên.",
            page=12,
        )
    )
    assert texts(found) == [*signature, *signature[:2], "Địa chỉ liên hệ"]
    assert notes == {
        "1": "Trường hợp người lao động tự nguyện không nhận hỗ trợ thì ghi rõ"
        " “Không nhận hỗ trợ” vào cột Ghi chú.",
        "1@p12": "Ghi rõ địa chỉ.",
        "2": "Ghi rõ tên.",
    }


def test_a_rule_under_a_title_is_no_footnote_rule() -> None:
    page = lines(
        "QUYẾT ĐỊNH", "-----", "1 Người lao động đang tham gia bảo hiểm", "thất nghiệp", page=1
    )
    assert split_footnotes(page) == (page, {})


def test_pdf_footnotes_without_a_rule() -> None:
    """PDFium gives the superscript marker a line of its own and indents the note."""
    page = lines(
        "NGƯỜI ĐỀ NGHỊ",
        "(Ký và ghi rõ họ tên)",
        "1",
        " Ghi rõ địa chỉ liên hệ.",
        "2",
        " Ghi rõ tên đơn vị.",
        page=12,
    )
    found, notes = split_footnotes(page)
    assert texts(found) == ["NGƯỜI ĐỀ NGHỊ", "(Ký và ghi rõ họ tên)"]
    assert notes == {"1": "Ghi rõ địa chỉ liên hệ.", "2": "Ghi rõ tên đơn vị."}


def test_header_rules_and_numbered_lists_are_not_footnotes() -> None:
    kept = lines(
        "THỦ TƯỚNG CHÍNH PHỦ",
        "__________",
        "Số: 21/CT-TTg",
        "1. Việc sắp xếp thôn",
        "2 năm trước",
        page=1,
    )
    assert split_footnotes(kept) == (kept, {})


# --------------------------------------------------------------------------- codes split over lines


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        (
            "Quy chế số 20-",
            "QC/TU ngày 18/4/2023 về công tác",
            ("Quy chế số 20-QC/TU", "ngày 18/4/2023 về công tác"),
        ),
        (
            "thực hiện tốt Quy định số 144-",
            "QĐ/TW của Bộ Chính trị",
            ("thực hiện tốt Quy định số 144-QĐ/TW", "của Bộ Chính trị"),
        ),
        (
            "Nghị định số 30/2020/",
            "NĐ-CP ngày 05 tháng 3",
            ("Nghị định số 30/2020/NĐ-CP", "ngày 05 tháng 3"),
        ),
        (
            "Số: 01/2022/TTLT-VKSNDTC-",
            "TANDTC-BCA-BQP-BLĐTBXH",
            ("Số: 01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH", ""),
        ),
        ("Quyết định số 1490", "/QĐ-TTg ngày", ("Quyết định số 1490/QĐ-TTg", "ngày")),
        (
            "theo Kế hoạch số",
            "238-KH/TU ngày 17/01/2024",
            ("theo Kế hoạch số 238-KH/TU", "ngày 17/01/2024"),
        ),
        ("Công văn số 141-", "CV/VPTW/nb ngày", ("Công văn số 141-CV/VPTW/nb", "ngày")),
    ],
)
def test_split_codes_are_made_whole(first: str, second: str, joined: tuple[str, str]) -> None:
    found = join_split_codes(lines(first, " ", second))
    assert (found[0].text, found[2].text) == joined
    assert [line.number for line in found] == [1, 2, 3]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("nhiệm kỳ 2020 -", "2025, cụ thể các nhiệm vụ"),
        ("nhiệm kỳ 2020 -", "Ban Chấp hành Đảng bộ tỉnh"),
        ("trong năm 2024", "- Các sở, ngành, đoàn thể tỉnh,"),
        ("Tập trung thực hiện chỉ tiêu số", "02 trong Nghị quyết Đại hội"),
        ("Đại dịch COVID-", "19 từ Quỹ bảo hiểm thất nghiệp"),
    ],
)
def test_things_that_are_not_split_codes_stay(first: str, second: str) -> None:
    kept = lines(first, second)
    assert join_split_codes(kept) == kept


line_texts = st.lists(
    st.sampled_from(
        [
            "Quy chế số 20-",
            "QC/TU ngày 18/4/2023",
            "số",
            "144-QĐ/TW của",
            "30/2020/",
            "NĐ-CP",
            "",
            " ",
            "nhiệm vụ",
        ]
    ),
    max_size=8,
)


@given(line_texts)
@settings(max_examples=300, deadline=None)
def test_line_steps_are_idempotent(given_texts: list[str]) -> None:
    given_lines = lines(*given_texts)
    for step in (
        join_split_codes,
        drop_blank_lines,
        clean_lines,
        drop_running_lines,
        drop_signature_stamps,
    ):
        once = step(given_lines)
        assert step(once) == once, step.__name__
    joined = join_split_codes(given_lines)
    assert "".join(texts(joined)).replace(" ", "") == "".join(given_texts).replace(" ", "")


# --------------------------------------------------------------------------- paragraphs


@pytest.fixture(scope="module")
def hau_giang_paragraphs() -> list[str]:
    source = read_source(FIXTURES / "hau-giang-q4-2024.txt")
    return [source.text[a:b] for a, b in paragraphs(source)]


def test_headings_are_paragraphs_of_their_own(hau_giang_paragraphs: list[str]) -> None:
    headings = [p for p in hau_giang_paragraphs if p[:2] in ("1.", "2.", "3.") and "\n" not in p]
    assert "1.1. Công tác chính trị, tư tưởng và đạo đức" in headings
    assert "1.5. Công tác xây dựng chính quyền, cải cách hành chính" in headings
    assert "II. Những nhiệm vụ và giải pháp" in hau_giang_paragraphs


def test_hard_wrapped_lines_make_one_paragraph(hau_giang_paragraphs: list[str]) -> None:
    paragraph = next(p for p in hau_giang_paragraphs if p.startswith("Tổ chức tiếp xúc"))
    assert "Quy chế số 20-QC/TU\nngày 18/4/2023" in paragraph
    assert paragraph.endswith("các đoàn thể chính trị -\nxã hội trên địa bàn tỉnh.")
    # across a page break, mid-sentence
    across = next(p for p in hau_giang_paragraphs if "22/12/2024)." in p and p.startswith("5."))
    assert not across.endswith("6.")


def test_each_word_or_html_line_is_a_paragraph() -> None:
    source = SourceText(
        "x.docx", "docx", lines("Căn cứ Luật Tổ chức Chính phủ", "ngày 19 tháng 6 năm 2015")
    )
    assert paragraphs(source) == [(0, 29), (30, 54)]
    assert paragraphs(SourceText("x.txt", "txt", [])) == []
