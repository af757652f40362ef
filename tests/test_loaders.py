"""Reading real files: each format, each encoding, the corpus's page conventions, and every
way a file can be bad. Fixtures and how they were made: tests/fixtures/README.md."""

from __future__ import annotations

import gzip
import shutil
import unicodedata
from pathlib import Path

import pytest

from vbgraph.errors import (
    BinaryFile,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    LoadError,
    UnsupportedFormat,
)
from vbgraph.graph.model import SourceLine, SourceText
from vbgraph.loaders import SUPPORTED_SUFFIXES, find_sources, read_source
from vbgraph.loaders.layout import BLANK_BLOCK_NOTE, FORM_FEED_NOTE, LEADING_SPACE_NOTE
from vbgraph.loaders.pdf import _hyphen_breaks

FIXTURES = Path(__file__).parent / "fixtures"
MADE = FIXTURES / "made"
QD28 = "cb__quyet-dinh-so-28-2021-qd-ttg-34546"
CT21 = "cb__chi-thi-so-21-ct-ttg-469580"
HAU_GIANG = FIXTURES / "hau-giang-q4-2024.txt"


def line_with(source: SourceText, phrase: str) -> SourceLine:
    found = [line for line in source.lines if phrase in line.text]
    assert found, f"{phrase!r} is not in {source.path}"
    return found[0]


@pytest.fixture(scope="module")
def qd28_pdf() -> SourceText:
    return read_source(FIXTURES / f"{QD28}.pdf")


@pytest.fixture(scope="module")
def hau_giang() -> SourceText:
    return read_source(HAU_GIANG)


# --------------------------------------------------------------------------- PDF


def test_pdf_keeps_pages_and_counts_lines_from_the_top_of_each(qd28_pdf: SourceText) -> None:
    line = line_with(qd28_pdf, "Nghị định số 60/2021/NĐ-CP")
    assert (line.page, line.number) == (2, 9)
    assert line.text == "nước bảo đảm chi thường xuyên theo quy định tại Nghị định số 60/2021/NĐ-CP"
    assert {line.page for line in qd28_pdf.lines} == set(range(1, 13))
    assert qd28_pdf.format == "pdf"
    assert qd28_pdf.locate(qd28_pdf.text.index("60/2021/NĐ-CP")) == (2, 9)


def test_pdf_running_headers_and_page_numbers_are_gone(qd28_pdf: SourceText) -> None:
    assert "CÔNG BÁO" not in qd28_pdf.text
    assert not [line for line in qd28_pdf.lines if line.text.strip().isdigit()]
    first = next(line for line in qd28_pdf.lines if line.page == 2)
    assert first.text.startswith("1. Người lao động đang tham gia bảo hiểm thất nghiệp")


def test_pdf_footnotes_at_the_foot_of_a_page(qd28_pdf: SourceText) -> None:
    assert qd28_pdf.footnotes == {
        "1": "Ghi rõ địa chỉ liên hệ: số nhà, thôn/xóm, xã/phường, huyện.",
        "2": "Ghi rõ tên đơn vị, địa chỉ: huyện, tỉnh, thành phố trực thuộc Trung ương.",
        "3": "Ghi rõ tên đơn vị, địa chỉ: huyện, tỉnh, thành phố trực thuộc Trung ương.",
    }
    assert "Ghi rõ địa chỉ liên hệ" not in qd28_pdf.text


def test_pdf_vertical_text_is_not_broken_at_every_accent(qd28_pdf: SourceText) -> None:
    """Pages 9-11 are tables turned sideways; PDFium breaks their lines at accented letters."""
    assert SourceLine("Mẫu số 01", 4, 9) in qd28_pdf.lines
    assert line_with(qd28_pdf, "BẢO HIỂM XÃ HỘI CẤP TỈNH/HUYỆN").page == 9
    assert line_with(qd28_pdf, "Số điện thoại").page == 9  # the lost space comes back
    assert "Trường hợp người lao động tự nguyện không nhận hỗ trợ" in qd28_pdf.text


@pytest.mark.parametrize("name", [QD28, CT21])
def test_pdf_agrees_with_the_publishers_text(name: str) -> None:
    """The gazette publishes its own text beside each PDF: nearly every line of it is read
    from the PDF word for word, on the same page."""
    pdf = read_source(FIXTURES / f"{name}.pdf")
    txt = read_source(FIXTURES / f"{name}.txt")
    from_pdf = {(line.page, " ".join(line.text.split())) for line in pdf.lines}
    same = [line for line in txt.lines if (line.page, " ".join(line.text.split())) in from_pdf]
    assert len(same) >= 0.9 * len(txt.lines)
    assert {line.page for line in pdf.lines} == {line.page for line in txt.lines}


def test_pdf_hyphen_breaks_come_back() -> None:
    """PDFium joins "…/TTLT-VKSNDTC-" and the next line, leaving U+FFFE for the hyphen
    (cb__thong-tu-lien-tich-so-01-2022, page 1)."""
    joined = "Số: 01/2022/TTLT-VKSNDTC\ufffeTANDTC-BCA-BQP-BLĐTBXH"
    assert _hyphen_breaks(["", joined, "x"]) == [
        "",
        "Số: 01/2022/TTLT-VKSNDTC-",
        "TANDTC-BCA-BQP-BLĐTBXH",
        "x",
    ]


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    misnamed = tmp_path / "cong-bao.txt"
    shutil.copyfile(FIXTURES / f"{CT21}.pdf", misnamed)
    source = read_source(misnamed)
    assert source.format == "pdf"
    assert line_with(source, "Số: 21/CT-TTg").page == 1


# --------------------------------------------------------------------------- plain text


def test_txt_pages_from_one_space_page_starts(hau_giang: SourceText) -> None:
    assert hau_giang.notes == [LEADING_SPACE_NOTE]
    starts = [(line.page, line.number) for line in hau_giang.lines]
    firsts = [pair for i, pair in enumerate(starts) if i == 0 or starts[i - 1][0] != pair[0]]
    assert firsts == [
        (1, 1),
        (2, 62),
        (3, 139),
        (4, 215),
        (5, 290),
        (6, 367),
        (7, 444),
        (8, 521),
        (9, 562),
    ]
    assert line_with(hau_giang, "6. Tập trung tuyên truyền") == SourceLine(
        "6. Tập trung tuyên truyền các ngày lễ, kỷ niệm quan trọng của đất nước, của", 62, 2
    )


def test_txt_footnote_leaves_the_body_and_its_marker_stays(hau_giang: SourceText) -> None:
    assert hau_giang.footnotes == {"1": "Với thanh niên hoàn thành nghĩa vụ quân sự."}
    assert "Với thanh niên" not in hau_giang.text
    assert "theo Kế hoạch số 238-KH/TU ngày 17/01/2024[1]. Tiếp tục chỉ đạo" in hau_giang.text
    # the page after the footnote starts where the file says
    assert line_with(hau_giang, "chính quyền. đăng ký").page == 4


def test_txt_codes_split_over_lines_are_whole(hau_giang: SourceText) -> None:
    line = line_with(hau_giang, "20-QC/TU")
    assert line.text.endswith("Quy chế số 20-QC/TU")
    after = hau_giang.lines[hau_giang.lines.index(line) + 1]
    assert (line.number, after.number) == (163, 165)
    assert after.text.startswith("ngày 18/4/2023 về công tác dân vận")
    assert line_with(hau_giang, "144-QĐ/TW").text.endswith("Quy định số 144-QĐ/TW")
    assert line_with(hau_giang, "của Bộ Chính trị về chuẩn mực đạo đức").number == 287


def test_txt_line_numbers_are_the_editors(hau_giang: SourceText) -> None:
    file_lines = HAU_GIANG.read_text("utf-8").split("\n")
    for line in hau_giang.lines:
        original = file_lines[line.number - 1].strip()
        # a code's head gained its tail, the next line lost it: otherwise lines are as is
        assert line.text.startswith(original) or original.endswith(line.text), line


def test_txt_pages_from_empty_lines_between_page_long_blocks() -> None:
    """Gazette and Party texts mark a page break with one empty line, once mid-sentence."""
    report = read_source(FIXTURES / "party__conghai__BC_39-BC_DU_2025.txt")
    assert report.notes == [BLANK_BLOCK_NOTE]
    assert line_with(report, "nay theo Công văn số 09/CV-BCĐ") == SourceLine(
        "nay theo Công văn số 09/CV-BCĐ ngày 30/5/2025 của BCĐ sắp xếp đơn vịhành", 89, 2
    )
    assert max(line.page or 0 for line in report.lines) == 6


def test_txt_form_feeds_start_pages(tmp_path: Path) -> None:
    """pdftotext's way: a form feed at the end of each page."""
    report = (FIXTURES / "party__conghai__BC_39-BC_DU_2025.txt").read_text("utf-8").split("\n")
    saved = tmp_path / "pdftotext.txt"
    saved.write_text("\n".join(report[:30]) + "\f\n" + "\n".join(report[30:60]) + "\f", "utf-8")
    source = read_source(saved)
    assert source.notes == [FORM_FEED_NOTE]
    assert line_with(source, "Xã Công Hải được thành lập") == SourceLine(
        "Xã Công Hải được thành lập trên cơ sởnhập toàn bộdiện tích tựnhiên và dân", 16, 1
    )
    assert source.lines[29] == SourceLine(report[29].strip(), 30, 1)  # it ended with "\f"
    assert source.lines[30] == SourceLine(report[30].strip(), 31, 2)
    assert "\f" not in source.text


def test_txt_gazette_text_loses_headers_and_signature_stamp() -> None:
    source = read_source(FIXTURES / f"{CT21}.txt")  # CRLF line ends
    assert "CÔNG BÁO" not in source.text
    assert "Ký bởi" not in source.text and "Ngày ký" not in source.text
    assert line_with(source, "Số: 21/CT-TTg") == SourceLine("Số: 21/CT-TTg", 8, 1)
    assert max(line.page or 0 for line in source.lines) == 6


def test_txt_without_page_layout_has_no_pages(tmp_path: Path) -> None:
    first_page = (FIXTURES / "party__conghai__BC_39-BC_DU_2025.txt").read_bytes().split(b"\n")[:40]
    saved = tmp_path / "bao-cao.txt"
    saved.write_bytes(b"\n".join(first_page))
    source = read_source(saved)
    assert source.notes == []
    assert source.lines[0] == SourceLine("ĐẢNG BỘ TỈNH KHÁNH HOÀ", 1, None)
    assert {line.page for line in source.lines} == {None}


# --------------------------------------------------------------------------- encodings


@pytest.fixture(scope="module")
def hau_giang_100() -> SourceText:
    """The first 100 lines of hau-giang, UTF-8 with a byte-order mark."""
    return read_source(MADE / "hau-giang-utf8-bom.txt")


@pytest.mark.parametrize(
    ("name", "notes"),
    [
        ("hau-giang-utf16le.txt", ["decoded as UTF-16"]),
        ("hau-giang-utf16be.txt", ["decoded as UTF-16"]),
        ("hau-giang-cp1258.txt", ["decoded as windows-1258"]),
        ("hau-giang-vni.txt", ["converted from VNI"]),
    ],
)
def test_encodings_read_to_the_same_text(
    name: str, notes: list[str], hau_giang_100: SourceText
) -> None:
    source = read_source(MADE / name)
    assert source.text == hau_giang_100.text
    assert source.lines == hau_giang_100.lines
    assert source.notes[:-1] == notes  # the last note is the page layout


def test_utf8_with_bom_reads_like_the_original(
    hau_giang_100: SourceText, hau_giang: SourceText
) -> None:
    assert hau_giang_100.lines[0].text.startswith("Căn cứ vào Chương trình công tác năm 2024")
    assert hau_giang_100.lines == hau_giang.lines[: len(hau_giang_100.lines)]


def test_utf16_without_byte_order_mark(tmp_path: Path, hau_giang_100: SourceText) -> None:
    bare = tmp_path / "utf16.txt"
    bare.write_bytes(hau_giang_100.text.encode("utf-16-le"))
    source = read_source(bare)
    assert source.text == hau_giang_100.text
    assert source.notes[0] == "decoded as UTF-16 (no byte-order mark)"


def test_tcvn3_reads_as_glibc_decodes_it() -> None:
    source = read_source(MADE / "hau-giang-tcvn3.txt")
    expected = read_source(MADE / "hau-giang-tcvn3.expected.txt")
    assert source.notes[0] == "converted from TCVN3 (ABC)"
    assert source.text == expected.text
    assert "(theo Quy định số 137-QĐ/TW" in source.text
    assert "Tỉnh ủy Hậu Giang tập trung" in source.text


def test_tcvn3_mojibake_saved_as_utf8_is_converted(tmp_path: Path) -> None:
    """A TCVN3 file once opened as Windows-1252 and saved as UTF-8 ("Q§/TW")."""
    mojibake = (MADE / "hau-giang-tcvn3.txt").read_bytes().decode("cp1252")
    assert "137-Q§/TW" in mojibake
    saved = tmp_path / "mojibake.txt"
    saved.write_text(mojibake, "utf-8")
    source = read_source(saved)
    assert "converted from TCVN3 (ABC)" in source.notes
    assert source.text == read_source(MADE / "hau-giang-tcvn3.expected.txt").text


# --------------------------------------------------------------------------- Word, HTML


@pytest.fixture(scope="module")
def word() -> SourceText:
    return read_source(MADE / "hau-giang-q4-2024.docx")


def test_docx_paragraphs_in_order_numbered_by_paragraph(word: SourceText) -> None:
    assert word.format == "docx"
    assert word.lines[0].number == 1
    assert word.lines[0].text.startswith("Căn cứ vào Chương trình công tác năm 2024")
    assert line_with(word, "1.1. Công tác chính trị").number == 12
    assert line_with(word, "Quy chế số 20-QC/TU ngày 18/4/2023").page is None


def test_docx_table_cells_are_read(word: SourceText) -> None:
    texts = [line.text for line in word.lines]
    assert texts[-4:] == ["Tỉnh ủy,", "- Lưu VPTU.", "T/M TỈNH ỦY", "PHÓ BÍ THƯ"]
    assert "Nơi nhận:" in texts


def test_docx_footnotes(word: SourceText) -> None:
    assert word.footnotes == {"1": "Với thanh niên hoàn thành nghĩa vụ quân sự."}
    assert "238-KH/TU ngày 17/01/2024[1]. Tiếp tục chỉ đạo" in word.text


@pytest.fixture(scope="module")
def web_page() -> SourceText:
    return read_source(FIXTURES / "tvpl__784-qd-bvhttdl-2020.html")


def test_html_document_body_only(web_page: SourceText) -> None:
    assert web_page.format == "html"
    assert web_page.lines[0].text == "BỘ VĂN HÓA, THỂ THAO"
    assert "Đăng nhập" not in web_page.text  # the site's menus
    assert "Tiếng Anh" not in web_page.text  # the empty English tab beside the document
    assert "function" not in web_page.text  # scripts
    assert (
        "Kế hoạch tuyên truyền thực hiện nếp sống văn minh trong lễ hội năm 2020" in web_page.text
    )


def test_html_wrapped_source_lines_become_one_line(web_page: SourceText) -> None:
    line = line_with(web_page, "Căn cứ Nghị định số 79/2017/NĐ-CP")
    assert line.text == (
        "Căn cứ Nghị định số 79/2017/NĐ-CP ngày 17 tháng 7 năm 2017 của Chính phủ quy định"
        " chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Văn hóa, Thể thao và Du lịch;"
    )


def test_html_line_numbers_are_source_lines(web_page: SourceText) -> None:
    html = (FIXTURES / "tvpl__784-qd-bvhttdl-2020.html").read_text("utf-8").split("\n")
    assert line_with(web_page, "Số: 784/QĐ-BVHTTDL").number == 2147
    for line in web_page.lines:
        assert line.text.split()[0] in html[line.number - 1]


def test_html_declared_charset_and_generic_body(tmp_path: Path) -> None:
    sentence = "Căn cứ Nghị quyết số 116/NQ-CP ngày 24 tháng 9 năm 2021 của Chính phủ"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        "<title>Cổng thông tin</title><script>var menu = 1;</script></head><body>"
        "<nav><a href='/'>Trang chủ</a></nav><div><p>QUYẾT ĐỊNH</p>"
        f"<p>{sentence};<br>Xét đề nghị của Bộ trưởng</p>"
        "<table><tr><td>Nơi nhận:</td><td>THỦ TƯỚNG</td></tr></table></div></body></html>"
    )
    saved = tmp_path / "page.htm"
    saved.write_bytes(_cp1258(page))
    source = read_source(saved)
    assert [line.text for line in source.lines] == [
        "QUYẾT ĐỊNH",
        sentence + ";",
        "Xét đề nghị của Bộ trưởng",
        "Nơi nhận:",
        "THỦ TƯỚNG",
    ]


_SHAPES = "\u0302\u0306\u031b"  # circumflex, breve, horn: part of the letter in Windows-1258


def _cp1258(text: str) -> bytes:
    """Windows-1258 has letters with shapes (â, ư) but writes tones as combining marks."""
    out = b""
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _SHAPES))
        out += (letter + "".join(m for m in marks if m not in _SHAPES)).encode("cp1258")
    return out


# --------------------------------------------------------------------------- bad files


def _bad_files(tmp: Path) -> list[tuple[Path, type[LoadError], str]]:
    pdf = (FIXTURES / f"{QD28}.pdf").read_bytes()
    files = {
        "empty.txt": (b"", EmptyFile, "empty"),
        "blank.txt": (b"  \r\n\t\n \n", EmptyFile, "empty"),
        "packed.txt": (gzip.compress(HAU_GIANG.read_bytes()), BinaryFile, "binary"),
        "half.pdf": (pdf[: len(pdf) // 2], CorruptFile, "truncated"),
        "stub.pdf": (pdf[:4000] + b"\n%%EOF\n", CorruptFile, "damaged"),
        "not-a.pdf": (HAU_GIANG.read_bytes(), CorruptFile, "not a PDF"),
        "not-a.docx": (HAU_GIANG.read_bytes(), CorruptFile, "not a Word document"),
        "van-ban.rtf": (HAU_GIANG.read_bytes(), UnsupportedFormat, "unsupported file type '.rtf'"),
        "README": (HAU_GIANG.read_bytes(), UnsupportedFormat, "(no extension)"),
        "empty.html": (
            b"<html><body><script>x()</script></body></html>",
            EmptyFile,
            "no document text",
        ),
    }
    for name, (data, _, _) in files.items():
        (tmp / name).write_bytes(data)
    found = [(tmp / name, error, words) for name, (_, error, words) in files.items()]
    found += [
        (MADE / "qd-28-encrypted.pdf", EncryptedFile, "password-protected"),
        (MADE / "qd-28-scanned.pdf", EmptyFile, "no text layer"),
    ]
    return found


def test_every_bad_file_gives_its_load_error_and_names_the_file(tmp_path: Path) -> None:
    for path, error, words in _bad_files(tmp_path):
        with pytest.raises(LoadError) as caught:
            read_source(path)
        assert type(caught.value) is error, (path.name, caught.value)
        assert str(caught.value).startswith(path.as_posix() + ": "), caught.value
        assert words in str(caught.value), caught.value


def test_missing_path_and_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or folder") as caught:
        read_source(tmp_path / "khong-co.txt")
    assert (tmp_path / "khong-co.txt").as_posix() in str(caught.value)
    with pytest.raises(LoadError, match="is a folder"):
        read_source(tmp_path)


def test_path_is_kept_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    assert read_source("hau-giang-q4-2024.txt").path == "hau-giang-q4-2024.txt"
    assert (
        read_source(Path("made") / "hau-giang-utf8-bom.txt").path == "made/hau-giang-utf8-bom.txt"
    )


# --------------------------------------------------------------------------- finding files


def test_find_sources_walks_folders(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.PDF",
        "sub/c.docx",
        "sub/d.htm",
        "sub/e.html",
        ".hidden.txt",
        ".git/f.txt",
        "a.gold.json",
        "notes.md",
        "sub/deeper/g.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [path.relative_to(tmp_path).as_posix() for path in find_sources([tmp_path])]
    assert found == ["a.PDF", "b.txt", "sub/c.docx", "sub/d.htm", "sub/deeper/g.txt", "sub/e.html"]
    assert find_sources([tmp_path / "b.txt", tmp_path / "sub" / "d.htm"]) == [
        tmp_path / "b.txt",
        tmp_path / "sub" / "d.htm",
    ]
    assert {".txt", ".pdf", ".docx", ".html", ".htm"} == SUPPORTED_SUFFIXES


def test_find_sources_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    with pytest.raises(LoadError, match="no such file or folder") as caught:
        find_sources([FIXTURES, missing])
    assert type(caught.value) is LoadError
    assert missing.as_posix() in str(caught.value)
