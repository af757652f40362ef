"""Agencies, assignments and deadlines: tables of real sentences, then whole documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbgraph.extract.agencies import (
    display_name,
    find_agencies,
    find_assignments,
    find_deadlines,
    mentions_in,
)
from vbgraph.extract.agency_names import AGENCIES
from vbgraph.extract.header import find_header
from vbgraph.extract.structure import find_tasks
from vbgraph.graph.model import Extraction, Header, SourceText
from vbgraph.vntext import fold, name_key, nfc

FIXTURES = Path(__file__).parent / "fixtures"


def source(text: str, path: str = "test.txt") -> SourceText:
    return SourceText.from_text(text, path)


def load(name: str) -> SourceText:
    return source((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")


def gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.gold.json").read_text("utf-8"))
    return data


def extraction(name: str) -> Extraction:
    doc = load(name)
    header = find_header(doc)
    tasks = find_tasks(doc, header)
    ex = Extraction(source=doc, header=header, tasks=tasks)
    ex.agencies = find_agencies(doc, header)
    ex.assignments = find_assignments(doc, tasks, ex.agencies)
    ex.deadlines = find_deadlines(doc)
    return ex


# --------------------------------------------------------------------------- names

NAMES = [
    ("Tỉnh ủy Hậu Giang tập trung triển khai thực hiện", ["Tỉnh ủy Hậu Giang"]),
    (
        "Thực hiện Công văn số 63-CV/TU của Ban Thường vụTỉnh\nuỷvềbáo cáo",
        ["Ban Thường vụ Tỉnh ủy"],
    ),
    (
        "Văn phòng Đảng uỷ, Đảng uỷUBND xã, các cơ quan tham mưu",
        ["Văn phòng Đảng ủy", "Đảng ủy Ủy ban nhân dân xã"],
    ),
    (
        "Tiếp tục lãnh đạo, chỉ đạo Đảng đoàn Hội đồng nhân dân tỉnh tiếp tục",
        ["Đảng đoàn Hội đồng nhân dân tỉnh"],
    ),
    (
        "thuộc diện Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh theo dõi",
        ["Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh"],
    ),
    ("Ban Chỉ đạo 35 các \ncấp bám sát kế hoạch", ["Ban Chỉ đạo 35"]),
    ("Hoạt động của Ủy ban Mặt trận Tổ quốc và các đoàn thể", ["Ủy ban Mặt trận Tổ quốc"]),
    (
        "Uỷ ban MTTQVN xã, Ban Xây dựng Đảng phối hợp",
        ["Ủy ban Mặt trận Tổ quốc xã", "Ban Xây dựng Đảng"],
    ),
    ("Cấp ủy, ủy ban kiểm tra các cấp tổ chức thực hiện", ["Ủy ban kiểm tra"]),
    ("- Lưu VPTU.", ["Văn phòng Tỉnh ủy"]),
    ("- Các đ/c UV BCH Đảng bộ tỉnh,", ["Ban Chấp hành Đảng bộ tỉnh"]),
    ("- Quân khu 9,", ["Quân khu 9"]),
    ("Căn cứvào Công văn số 7415/BNV-CCVC ngày 31/8/2025 của BộNội vụvềphương án", ["Bộ Nội vụ"]),
    ("Đảng uỷ xã Công Hải báo cáo tình hình", ["Đảng ủy xã Công Hải"]),
    (
        "Theo đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã hội;",
        ["Bộ Lao động - Thương binh và Xã hội"],
    ),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo", ["Ủy ban nhân dân"]),
    # Codes hold abbreviations that are not mentions; lower case kinds of bodies are not names.
    ("Quyết định số 40/QĐ-UBND và Chỉ thị số 21/CT-TTg", []),
    ("- Các huyện, thị, thành ủy và đảng ủy trực thuộc", []),
    ("Các đồng chí Đảng uỷ viên", []),
    ("- Các ban cán sự đảng, đảng đoàn tỉnh,", []),
    ("Chính phục", []),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_names_in_real_sentences(text: str, names: list[str]) -> None:
    assert [m.name for m in mentions_in(text)] == names


def test_mentions_point_at_the_original_text() -> None:
    text = "Hội đồng nhân dân tỉnh, nhất là tập trung; Tỉnh uỷ và UBND xã"
    for m in mentions_in(text):
        assert text[m.start : m.end] == m.as_written
    assert [m.abbreviation for m in mentions_in(text)] == ["HĐND", None, "UBND"]


def test_hau_giang_agencies_against_gold() -> None:
    found = {name_key(m.name) for m in extraction("hau-giang-q4-2024").agencies}
    expected = gold("hau-giang-q4-2024")["agencies"]
    hits = [name for name in expected if name_key(name) in found]
    assert len(hits) >= 12, set(expected) - set(hits)
    assert len(found) <= len(expected) + 4  # a few real bodies the gold leaves out, no flood


def test_agency_table_entries_find_their_own_names() -> None:
    for entry in AGENCIES:
        if entry.display_only or entry.needs_scope or not entry.alone:
            continue
        assert [m.name for m in mentions_in(f"Giao {entry.name} thực hiện.")] == [entry.name]


@given(st.text(alphabet="ĐđÂâĂăÊêÔôƠơƯưÁàảãạ ABCDEHKLMNOPQSTUVXY", max_size=60))
def test_fold_keeps_length_for_nfc_text(text: str) -> None:
    """The matcher's offsets rely on the letter classes; folding NFC text keeps length."""
    assert len(fold(nfc(text))) == len(nfc(text))


@pytest.mark.parametrize(
    ("caps", "name"),
    [
        ("ĐẢNG UỶ XÃ CÔNG HẢI", "Đảng ủy xã Công Hải"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("ĐẢNG BỘ TỈNH KHÁNH HOÀ", "Đảng bộ tỉnh Khánh Hòa"),
        ("PHÓ BÍ THƯ", "Phó Bí thư"),
        ("BỘ TRƯỞNG BỘ CÔNG AN", "Bộ trưởng Bộ Công an"),
        ("CHỦ TỊCH QUỐC HỘI", "Chủ tịch Quốc hội"),
        ("TỈNH ỦY", "Tỉnh ủy"),
        ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    ],
)
def test_display_name(caps: str, name: str) -> None:
    assert display_name(caps) == name


# --------------------------------------------------------------------------- assignments


def assigned(ex: Extraction) -> set[tuple[str, str, str]]:
    out = set()
    for a in ex.assignments:
        task = ex.task_at(a.start)
        out.add((task.path if task else "", a.agency, a.role))
    return out


def test_hau_giang_assignments_against_gold() -> None:
    found = {(path, agency) for path, agency, _ in assigned(extraction("hau-giang-q4-2024"))}
    expected = {(a["task"], a["agency"]) for a in gold("hau-giang-q4-2024")["assignments"]}
    assert found == expected


def test_directive_assigns_items_to_ministries_and_provinces() -> None:
    found = assigned(extraction("cb__chi-thi-so-21-ct-ttg-469580"))
    assert {
        ("II.1", "Ban Thường vụ Tỉnh ủy", "responsible"),
        ("II.1", "Thành ủy", "responsible"),
        ("II.2", "Ban Tuyên giáo và Dân vận Trung ương", "responsible"),
        ("II.4", "Ủy ban nhân dân", "responsible"),
        ("II.4.b", "Ủy ban nhân dân cấp xã", "responsible"),
        ("II.5", "Bộ Nội vụ", "responsible"),
        ("II.5.a", "Bộ Nội vụ", "lead"),
        ("II.5.d", "Bộ Tài chính", "cooperate"),
        ("II.6", "Bộ Tài chính", "responsible"),
        ("II.6.b", "Bộ Nội vụ", "cooperate"),
        ("II.7", "Bộ Công an", "responsible"),
    } <= found
    assert not any(path.startswith("I.") for path, _, _ in found)


@pytest.mark.parametrize(
    ("text", "role", "agency"),
    [
        (
            "I. Nội dung\n1. Năm 2026\nĐảng uỷUBND xã chủtrì, phối hợp các cơ quan liên quan",
            "lead",
            "Đảng ủy Ủy ban nhân dân xã",
        ),
        (
            "I. Nội dung\n1. Năm 2030\n- Uỷ ban Kiểm tra Đảng uỷ tham mưu, trình.",
            "advise",
            "Ủy ban kiểm tra Đảng ủy",
        ),
        (
            "I. Nội dung\n1. Năm 2026\nChủ trì phối hợp với Bộ Tài chính hướng dẫn",
            "cooperate",
            "Bộ Tài chính",
        ),
        (
            "I. Nội dung\n1. Hội nghị\nGiao Văn phòng Đảng uỷ tiếp thu các ý kiến góp ý",
            "responsible",
            "Văn phòng Đảng ủy",
        ),
    ],
)
def test_roles_in_real_sentences(text: str, role: str, agency: str) -> None:
    doc = source(text)
    tasks = find_tasks(doc, Header())
    found = find_assignments(doc, tasks, find_agencies(doc, Header()))
    assert [(a.agency, a.role) for a in found] == [(agency, role)]


@pytest.mark.parametrize(
    ("text", "assigned"),
    [
        (  # the group named after the list still takes the role that follows it
            "I. Nội dung\n1. Hội nghị\nVăn phòng Đảng uỷ, Đảng uỷUBND xã, các cơ quan tham mưu "
            "giúp việc Đảng uỷ phối hợp tham mưu chuẩn bị nội dung",
            [("Văn phòng Đảng ủy", "cooperate"), ("Đảng ủy Ủy ban nhân dân xã", "cooperate")],
        ),
        (
            "I. Nội dung\n1. Năm 2026\nUỷban MTTQVN và các tổ chức chính trị - xã hội tham "
            "mưu, trình trong tháng 01/2026",
            [("Ủy ban Mặt trận Tổ quốc", "advise")],
        ),
    ],
)
def test_a_list_that_ends_in_a_group_keeps_its_role(
    text: str, assigned: list[tuple[str, str]]
) -> None:
    doc = source(text)
    found = find_assignments(doc, find_tasks(doc, Header()), find_agencies(doc, Header()))
    assert [(a.agency, a.role.value) for a in found] == assigned


def test_names_that_are_not_subjects_are_not_assigned() -> None:
    doc = source(
        "I. Nội dung\n1. Dân vận\nHoạt động của Ủy ban Mặt trận Tổ quốc có nhiều đổi mới. "
        "Các cơ quan tham mưu, giúp việc Tỉnh ủy thực hiện tốt công tác kiểm tra."
    )
    tasks = find_tasks(doc, Header())
    assert find_assignments(doc, tasks, find_agencies(doc, Header())) == []


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("text", "due", "written"),
    [
        (
            "nhiệm kỳ 2025 - 2027 (hoàn thành trong \nquý IV/2024).",
            "2024-Q4",
            "hoàn thành trong quý IV/2024",
        ),
        ("tham mưu trình\ntrong tháng 01/2026", "2026-01", "trình trong tháng 01/2026"),
        (
            "hoàn thành trước ngày 30 \ntháng 6 năm 2026.",
            "2026-06-30",
            "hoàn thành trước ngày 30 tháng 6 năm 2026",
        ),
        ("theo kế hoạch trong quý IV năm 2024.", "2024-Q4", "trong quý IV năm 2024"),
        ("- Thời gian thực hiện: tháng 6/2028", "2028-06", "Thời gian thực hiện: tháng 6/2028"),
        ("phối hợp tham mưu trong quý I và\nquý II/2030.", "2030-Q2", "trong quý I và quý II/2030"),
        (
            "Chậm nhất đến hết ngày 20 tháng 10 năm 2021, cơ quan",
            "2021-10-20",
            "Chậm nhất đến hết ngày 20 tháng 10 năm 2021",
        ),
        ("Tập trung thực hiện chỉ tiêu trong năm 2026, đảm bảo", "2026", "trong năm 2026"),
    ],
)
def test_deadlines_in_real_sentences(text: str, due: str, written: str) -> None:
    found = find_deadlines(source(text))
    assert [(d.due, d.as_written) for d in found] == [(due, written)]


@pytest.mark.parametrize(
    "text",
    [
        "chào mừng 80 năm Ngày thành lập (22/12/1944 - 22/12/2024).",
        "có hiệu lực từ ngày 01 tháng 10 năm 2021.",
        "(từ quý IV/2025 đến khi kết thúc bầu cử)",
        "Trong 05 năm thực hiện, kết quả năm 2025 đạt",
    ],
)
def test_dates_that_are_not_deadlines(text: str) -> None:
    assert find_deadlines(source(text)) == []


def test_hau_giang_deadline_of_i7() -> None:
    ex = extraction("hau-giang-q4-2024")
    at = {(t.path, d.due) for d in ex.deadlines if (t := ex.task_at(d.start)) is not None}
    for expected in gold("hau-giang-q4-2024")["deadlines"]:
        assert (expected["task"], expected["due"]) in at
