"""Document structure: header identity, heading tree, preamble, recipients, signature.

Whole documents are checked against the hand-made gold files in fixtures/; single lines
come from the same documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vbgraph.extract.closing import find_recipients, find_signature
from vbgraph.extract.header import find_header
from vbgraph.extract.structure import find_preamble, find_tasks
from vbgraph.graph.model import SourceLine, SourceText, TaskKind, TaskSpan
from vbgraph.vntext import name_key

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_TASKS = [
    "hau-giang-q4-2024",
    "party__conghai__CTr_22-CTr_DU_2025",
    "party__conghai__KL_9-KL_DU_2025",
    "party__conghai__BC_39-BC_DU_2025",
]


def source(text: str, path: str = "test.txt") -> SourceText:
    return SourceText.from_text(text, path)


def load(name: str) -> SourceText:
    return source((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")


def gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.gold.json").read_text("utf-8"))
    return data


def tasks_of(name: str) -> list[TaskSpan]:
    doc = load(name)
    return find_tasks(doc, find_header(doc))


# --------------------------------------------------------------------------- heading tree


@pytest.mark.parametrize("name", GOLD_TASKS)
def test_headings_match_the_gold_paths(name: str) -> None:
    """Every gold heading is found, and nothing else at the levels the gold lists."""
    found = {t.path: t for t in tasks_of(name) if t.kind in (TaskKind.PART, TaskKind.SECTION)}
    expected = {t["path"]: t["title"] for t in gold(name)["tasks"]}
    assert sorted(found) == sorted(expected)
    for path, title in expected.items():
        # Gold titles are the first words of the heading: ours start with them.
        assert name_key(found[path].title).startswith(name_key(title)), (path, found[path].title)


def test_hau_giang_tree_parents_and_titles() -> None:
    tasks = {t.path: t for t in tasks_of("hau-giang-q4-2024")}
    assert tasks["II.1.2"].parent == "II.1"
    assert tasks["II.1"].parent == "II"
    assert tasks["II"].parent is None
    assert tasks["I"].kind is TaskKind.PART and tasks["II.1.2"].kind is TaskKind.SECTION
    # Headings standing alone on their line keep their whole text.
    alone = {t["path"]: t["title"] for t in gold("hau-giang-q4-2024")["tasks"]}
    for path in ["I", "II", "II.1", "II.1.1", "II.1.7", "II.2.2", "II.3", "II.3.2"]:
        assert tasks[path].title == alone[path]
    # A heading that runs on into its text ends at its first sentence.
    assert tasks["I.4"].title == "Quan tâm phát triển toàn diện các lĩnh vực văn hóa - xã hội"
    assert tasks["I.5"].title == "Tiếp tục giữ vững ổn định về quốc phòng, an ninh"


def test_hau_giang_spans_run_to_the_next_heading_and_stop_at_the_closing() -> None:
    doc = load("hau-giang-q4-2024")
    tasks = {t.path: t for t in find_tasks(doc, find_header(doc))}
    assert tasks["I.7"].end == tasks["II"].start
    assert tasks["I"].end == tasks["II"].start
    assert tasks["II.1.7"].end == tasks["II.2"].start
    closing = doc.text.index("Trên đây là")
    assert tasks["II"].end == tasks["II.3.2"].end == closing
    assert doc.text[tasks["II.1.6"].start :].startswith("1.6. Công tác kiểm tra, giám sát")


def test_conghai_items_below_the_listed_levels_are_items() -> None:
    tasks = {t.path: t for t in tasks_of("party__conghai__CTr_22-CTr_DU_2025")}
    assert tasks["A.II.2.1"].kind is TaskKind.ITEM and tasks["A.II.2.1"].parent == "A.II.2"
    bc = {t.path: t for t in tasks_of("party__conghai__BC_39-BC_DU_2025")}
    assert bc["II.1.a"].kind is TaskKind.ITEM and bc["II.1.a"].title == "Thực trạng"


def test_directive_items_and_points() -> None:
    tasks = {t.path: t for t in tasks_of("cb__chi-thi-so-21-ct-ttg-469580")}
    assert tasks["II.5"].title == "Bộ Nội vụ"
    assert tasks["II.5.đ"].parent == "II.5"  # Vietnamese points run a, b, c, d, đ
    assert tasks["I"].title == "NGUYÊN TẮC, YÊU CẦU SẮP XẾP THÔN, TỔ DÂN PHỐ"


def test_legal_tree_of_chapters_articles_clauses_points() -> None:
    tasks = tasks_of("cb__quyet-dinh-so-28-2021-qd-ttg-34546")
    paths = [t.path for t in tasks]
    assert paths[:8] == [
        "Chương I",
        "Điều 1",
        "Điều 1.1",
        "Điều 1.1.a",
        "Điều 1.1.b",
        "Điều 1.2",
        "Điều 1.3",
        "Điều 2",
    ]
    assert [p for p in paths if p.startswith("Chương")] == ["Chương I", "Chương II", "Chương III"]
    assert [p for p in paths if " " in p and "." not in p and p.startswith("Điều")] == [
        f"Điều {n}" for n in range(1, 9)
    ]
    by = {t.path: t for t in tasks}
    assert by["Điều 2.2.đ"].kind is TaskKind.POINT and by["Điều 2.2.đ"].parent == "Điều 2.2"
    assert by["Điều 6.2"].kind is TaskKind.CLAUSE and by["Điều 6"].parent == "Chương III"
    assert by["Điều 1"].title == "Đối tượng được hỗ trợ"
    assert by["Chương III"].title == "TỔ CHỨC THỰC HIỆN VÀ ĐIỀU KHOẢN THI HÀNH"
    assert by["Điều 2.1"].title == "Căn cứ tính mức hỗ trợ"
    assert by["Chương I"].kind is TaskKind.CHAPTER


@pytest.mark.parametrize(
    "text",
    [
        # A fraction and a count at the start of a wrapped line.
        "I. TÌNH HÌNH\n1. Về vận hành\ntích cực, tỷlệhồsơ đã được giải quyết đạt 97,6%\n"
        "1.047/1.073 hồsơ). Tỷlệhồsơ\n1.036/1.047 hồsơ đúng hạn.",
        # A date range that wraps.
        "I. Các nhiệm vụ trọng tâm\n1. Tiếp tục giữ vững ổn định\nchào mừng 80 năm (22/12/1944 - \n"
        "22/12/2024). \n",
        # A number out of sequence is a wrapped figure, not a heading.
        "I. Các nhiệm vụ\n1. Rà soát các chỉ tiêu\ntrong tổng số\n12. Điều chỉnh tăng thêm",
        # Recipients after "Nơi nhận:" are not tasks.
        "I. Các nhiệm vụ\n1. Rà soát\nNơi nhận:\n- Văn phòng Trung ương Đảng,\n2. Lưu",
    ],
)
def test_numbers_that_are_not_headings(text: str) -> None:
    doc = source(text)
    assert [t.path for t in find_tasks(doc, find_header(doc))] == ["I", "I.1"]


def test_quoted_articles_of_an_amendment_are_not_headings() -> None:
    doc = source(
        "Điều 1. Sửa đổi, bổ sung\n1. Sửa đổi Điều 5 như sau:\n“Điều 5. Thời gian\n"
        "1. Một nội dung được trích dẫn.\n2. Nội dung khác.”\n2. Bổ sung điểm c\n"
        "Điều 2. Hiệu lực thi hành\n1. Thông tư này có hiệu lực."
    )
    paths = [t.path for t in find_tasks(doc, find_header(doc))]
    assert paths == ["Điều 1", "Điều 1.1", "Điều 1.2", "Điều 2", "Điều 2.1"]


# --------------------------------------------------------------------------- header


def test_directive_header() -> None:
    header = find_header(load("cb__chi-thi-so-21-ct-ttg-469580"))
    assert header.code == "21/CT-TTg"
    assert header.doc_type == "Chỉ thị"
    assert header.issuer == "Thủ tướng Chính phủ"
    assert header.issued_date == "2026-05-20"
    assert header.place == "Hà Nội"
    assert header.province is None
    assert header.title is not None and header.title.startswith("Về việc sắp xếp thôn")
    assert header.title.endswith("ở cấp xã, ở thôn, tổ dân phố")


def test_party_programme_header() -> None:
    header = find_header(load("party__conghai__CTr_22-CTr_DU_2025"))
    assert header.code is None  # "Số -CTr/ĐU": the number is left blank
    assert header.doc_type == "Chương trình"
    assert header.issuer == "Đảng ủy xã Công Hải"
    assert header.parent_issuer == "Đảng bộ tỉnh Khánh Hòa"
    assert header.province == "Khánh Hòa"
    assert header.place == "Công Hải"
    assert header.issued_date == "2025-11-13"  # blank day, filled by the signature stamp
    assert header.title == (
        "Công tác toàn khóa của Ban Chấp hành, Ban Thường vụ Đảng uỷ xã khóa I, "
        "nhiệm kỳ 2025 - 2030"
    )


def test_report_signed_by_the_standing_committee() -> None:
    header = find_header(load("party__conghai__BC_39-BC_DU_2025"))
    assert name_key(str(header.issuer)) == name_key(
        gold("party__conghai__BC_39-BC_DU_2025")["self"]["issuer"]
    )
    assert header.issued_date is None  # "ngày tháng 10 năm 2025" and no stamp


def test_header_lost_in_extraction_comes_from_the_body() -> None:
    header = find_header(load("hau-giang-q4-2024"))
    assert header.issuer == "Tỉnh ủy Hậu Giang"
    assert header.province == "Hậu Giang"
    assert header.doc_type == "Chương trình công tác"
    assert header.code is None and header.start == header.end == 0


def test_legal_header() -> None:
    header = find_header(load("cb__quyet-dinh-so-28-2021-qd-ttg-34546"))
    assert (header.code, header.doc_type, header.issuer, header.issued_date) == (
        "28/2021/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        "2021-10-01",
    )


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 21/CT-TTg", "21/CT-TTg"),
        ("ĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố 22-CTr/ĐU", "22-CTr/ĐU"),
        ("ĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -BC/ĐU", None),
        ("QUỐC HỘI\nLuật số: 69/2020/QH14", "69/2020/QH14"),
        ("BỘ NỘI VỤ\nSố: 03/2021/TT-BNV", "03/2021/TT-BNV"),
        (
            "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\nSố: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA-BQP-BLĐTBXH",
            "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH",
        ),
    ],
)
def test_own_number(lines: str, code: str | None) -> None:
    assert (
        find_header(source(lines + "\nHà Nội, ngày 01 tháng 10 năm 2021\nCHỈ THỊ\nVề việc")).code
        == code
    )


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Hà Nội, ngày 20 tháng 5 năm 2026", "2026-05-20"),
        ("Công Hải, ngày   tháng 11 năm 2025", None),
        ("Hà Nội, ngày 30 tháng 12 năm 2022", "2022-12-30"),
    ],
)
def test_date_line(line: str, date: str | None) -> None:
    assert find_header(source(f"CHÍNH PHỦ\nSố: 1/NĐ-CP\n{line}\nNGHỊ ĐỊNH\nVề")).issued_date == date


def test_issuer_lines_wrapped_and_repeated_are_one_issuer() -> None:
    doc = source(
        "BỘ CÔNG AN - BỘ QUỐC PHÒNG -\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n"
        "BỘ CÔNG AN - BỘ QUỐC PHÒNG -\nBỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n"
        "Số: 01/2022/TTLT-BCA-BQP-BLĐTBXH\nHà Nội, ngày 18 tháng 02 năm 2022\n"
        "THÔNG TƯ LIÊN TỊCH\nQuy định về phối hợp\nCăn cứ Bộ luật Tố tụng hình sự;"
    )
    header = find_header(doc)
    assert header.issuer == "Bộ Công an - Bộ Quốc phòng - Bộ Lao động - Thương binh và Xã hội"
    assert header.doc_type == "Thông tư liên tịch" and header.title == "Quy định về phối hợp"


# --------------------------------------------------------------------------- preamble, closing


def test_preamble_is_between_header_and_first_heading() -> None:
    doc = load("cb__quyet-dinh-so-28-2021-qd-ttg-34546")
    tasks = find_tasks(doc, find_header(doc))
    start, end = find_preamble(doc, tasks)
    text = doc.text[start:end]
    assert text.startswith("Căn cứ Luật Tổ chức Chính phủ")
    assert text.rstrip().endswith("từ Quỹ bảo hiểm thất nghiệp.")
    hau = load("hau-giang-q4-2024")
    start, end = find_preamble(hau, find_tasks(hau, find_header(hau)))
    assert "Căn cứ vào Chương trình công tác năm 2024" in hau.text[start:end]
    assert hau.text[end:].startswith("I. Các nhiệm vụ trọng tâm")


def test_recipients_of_hau_giang() -> None:
    recipients = find_recipients(load("hau-giang-q4-2024"))
    assert [r.name for r in recipients] == gold("hau-giang-q4-2024")["recipients"]


def test_recipients_drop_filing_and_purpose_notes() -> None:
    doc = source(
        "Nơi nhận:\n- Thường trực Tỉnh uỷ (báo cáo),\n- Đ/c Lương Đức Hải – UVTV Tỉnh uỷ\n"
        "(phụ trách địa bàn xã),\n- Lưu VPĐU.\nT/M ĐẢNG UỶ\nBÍ THƯ"
    )
    assert [r.name for r in find_recipients(doc)] == [
        "Thường trực Tỉnh ủy",
        "Đ/c Lương Đức Hải – UVTV Tỉnh ủy (phụ trách địa bàn xã)",
    ]


@pytest.mark.parametrize(
    ("name", "on_behalf_of", "position", "signer"),
    [
        ("hau-giang-q4-2024", "Tỉnh ủy", "Phó Bí thư", None),
        ("cb__chi-thi-so-21-ct-ttg-469580", "Thủ tướng", "Phó Thủ tướng", "Phạm Thị Thanh Trà"),
        ("party__conghai__CTr_22-CTr_DU_2025", "Đảng ủy", "Bí thư", "Vũ Thị Thuỳ Trang"),
        ("cb__quyet-dinh-so-28-2021-qd-ttg-34546", "Thủ tướng", "Phó Thủ tướng", "Lê Minh Khái"),
    ],
)
def test_signature(name: str, on_behalf_of: str, position: str, signer: str | None) -> None:
    signature = find_signature(load(name))
    assert signature is not None
    assert (signature.on_behalf_of, signature.position, signature.signer) == (
        on_behalf_of,
        position,
        signer,
    )


def test_signature_of_government_and_of_a_minister_alone() -> None:
    signature = find_signature(
        source("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nPhạm Bình Minh")
    )
    assert signature is not None and signature.on_behalf_of == "Chính phủ"
    assert signature.position == "Phó Thủ tướng" and signature.signer == "Phạm Bình Minh"
    alone = find_signature(
        source("Điều 3. Hiệu lực\nThông tư này./.\nBỘ TRƯỞNG\nPhạm Thị Thanh Trà")
    )
    assert alone is not None and (alone.on_behalf_of, alone.position) == (None, "Bộ trưởng")


def test_header_columns_run_together_by_the_pdf_text_layer_are_split() -> None:
    lines = [
        "BỘ NỘI VỤ",
        "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 03/2021/TT-BNV Hà Nội, ngày 29 tháng 6 năm 2021",
        "THÔNG TƯ",
        "Sửa đổi, bổ sung chế độ nâng bậc lương thường xuyên",
        "Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;",
    ]
    source = SourceText(
        path="tt-03.pdf",
        format="pdf",
        lines=[SourceLine(text=line, number=i + 1, page=1) for i, line in enumerate(lines)],
    )
    header = find_header(source)
    assert header.code == "03/2021/TT-BNV"
    assert header.issuer == "Bộ Nội vụ"
    assert header.issued_date == "2021-06-29"
    assert header.place == "Hà Nội"
    assert header.doc_type == "Thông tư"
