"""One node per real document and agency: local codes are scoped to their province, and a
loaded document whose own number matches a citation is that node."""

from __future__ import annotations

from pathlib import Path

import pytest

from vbgraph.graph.model import Label, RelType
from vbgraph.graph.store import EmbeddedStore
from vbgraph.pipeline import build

PLAN = """TỈNH ỦY {caps}
*
Số 15-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
{place}, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
triển khai thực hiện Đề án của Tỉnh ủy
I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai thực hiện Đề án số 06-ĐA/TU ngày 01/5/2023 của Tỉnh ủy về thí điểm đổi mới
tinh giản biên chế; thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư.
2. Ban Thường vụ Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi việc thực hiện.
"""

PROPOSAL = """TỈNH ỦY HẬU GIANG
*
Số 06-ĐA/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hậu Giang, ngày 01 tháng 5 năm 2023
ĐỀ ÁN
về thí điểm đổi mới tinh giản biên chế gắn với tuyển dụng cán bộ trẻ
I. SỰ CẦN THIẾT
1. Thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư.
"""


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hau-giang-plan.txt").write_text(
        PLAN.format(caps="HẬU GIANG", place="Hậu Giang"), encoding="utf-8")
    (corpus / "soc-trang-plan.txt").write_text(
        PLAN.format(caps="SÓC TRĂNG", place="Sóc Trăng"), encoding="utf-8")
    (corpus / "hau-giang-proposal.txt").write_text(PROPOSAL, encoding="utf-8")
    db = EmbeddedStore(tmp_path / "g.db")
    report = build([corpus], db, workers=1)
    assert report.ok, report.failed
    return db


def _documents(store: EmbeddedStore, code: str) -> list[dict[str, object]]:
    return [n.properties for n in store.nodes(Label.DOCUMENT) if n.properties.get("code") == code]


def test_a_local_code_of_two_provinces_is_two_documents(store: EmbeddedStore) -> None:
    provinces = sorted(str(p["province"]) for p in _documents(store, "06-ĐA/TU"))
    assert provinces == ["Hậu Giang", "Sóc Trăng"]


def test_a_central_code_is_one_document_however_many_cite_it(store: EmbeddedStore) -> None:
    (central,) = _documents(store, "208-QĐ/TW")
    assert central.get("province") is None
    assert central["issuer"] == "Ban Bí thư"


def test_the_loaded_document_is_the_node_its_citations_point_at(store: EmbeddedStore) -> None:
    (hau_giang,) = [p for p in _documents(store, "06-ĐA/TU") if p["province"] == "Hậu Giang"]
    assert hau_giang["inCorpus"] is True
    assert hau_giang["docType"] == "Đề án"
    (soc_trang,) = [p for p in _documents(store, "06-ĐA/TU") if p["province"] == "Sóc Trăng"]
    assert not soc_trang.get("inCorpus")


def test_agencies_are_scoped_to_the_province_of_the_document(store: EmbeddedStore) -> None:
    names = {n.properties["name"] for n in store.nodes(Label.AGENCY)}
    assert {"Ban Thường vụ Tỉnh ủy Hậu Giang", "Ban Thường vụ Tỉnh ủy Sóc Trăng"} <= names
    assert "Ban Bí thư" in names
    assigned = {store.node(r.end).properties["name"]  # type: ignore[union-attr]
                for r in store.relationships(RelType.ASSIGNED_TO)}
    assert "Ban Thường vụ Tỉnh ủy Sóc Trăng" in assigned


def test_an_agency_is_one_node_however_it_is_written() -> None:
    from vbgraph.graph.build import agency_id, scoped_agency
    from vbgraph.graph.model import Header

    commune = Header(issuer="Đảng ủy xã Công Hải", province="Khánh Hòa")
    spellings = ["UBND xã", "Uỷ ban nhân dân xã", "Ủy ban nhân dân  xã"]
    names = {scoped_agency(s, commune) for s in spellings}
    assert names == {"Ủy ban nhân dân xã Công Hải"}
    assert len({agency_id(n) for n in names}) == 1
    assert scoped_agency("Ban Thường vụTỉnh uỷ", commune) == "Ban Thường vụ Tỉnh ủy Khánh Hòa"
