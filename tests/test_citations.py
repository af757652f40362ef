"""Citations: tables of real sentences (copied from the documents in fixtures/, with their PDF
glue and line breaks) and what a careful reader finds in each; traps that are not citations;
whole documents against their hand-made gold files."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbgraph.extract.citations import find_citations
from vbgraph.extract.codes import code_key
from vbgraph.graph.model import Citation, Intent, SourceLine, SourceText
from vbgraph.loaders import read_source
from vbgraph.loaders.legacy import unicode_to_tcvn3, unicode_to_vni
from vbgraph.vntext import name_key

FIXTURES = Path(__file__).parent / "fixtures"


def source(text: str, path: str = "test.txt") -> SourceText:
    lines = [SourceLine(text=line, number=i + 1) for i, line in enumerate(text.splitlines())]
    return SourceText(path=path, format="txt", lines=lines)


def numbered(text: str, own_code: str | None = None) -> list[Citation]:
    return [c for c in find_citations(source(text), own_code) if c.code]


def named(text: str) -> list[str]:
    return [c.title or "" for c in find_citations(source(text)) if not c.code]


@dataclass(frozen=True)
class Cited:
    """What a careful reader finds: None means the text does not say."""

    code: str
    doc_type: str
    date: str | None = None
    issuer: str | None = None
    intent: Intent = Intent.MENTIONS
    subject: str | None = None


def same_name(found: str | None, wanted: str | None) -> bool:
    if wanted is None or found is None:
        return found == wanted
    return name_key(found) == name_key(wanted)


SENTENCES: list[tuple[str, list[Cited]]] = [
    (  # hau-giang-q4-2024, I.7
        "giúp việc Tỉnh ủy (theo Quy định số 137-QĐ/TW \n\nngày 01/12/2023 của Ban Bí thư).",
        [Cited("137-QĐ/TW", "Quy định", "2023-12-01", "Ban Bí thư", Intent.IMPLEMENTS)],
    ),
    (  # hau-giang-q4-2024, II.1.2: a quoted subject after the term
        "Tổ chức sơ kết 05 năm thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 \n\ncủa Ban Bí"
        " thư khóa XII “về chức năng, nhiệm vụ, tổ chức bộ máy của trung tâm \n\nchính trị cấp"
        " huyện”.",
        [
            Cited(
                "208-QĐ/TW", "Quy định", "2019-11-08", "Ban Bí thư", Intent.REVIEWS,
                "về chức năng, nhiệm vụ, tổ chức bộ máy của trung tâm chính trị cấp huyện",
            )
        ],
    ),
    (  # hau-giang-q4-2024, II.1.2: no "số"; the issuer ends before "và kiểm điểm"
        "người lao động theo \n\nQuy định 1120-QĐ/TU ngày 01/6/2022 của Ban Chấp hành Đảng bộ"
        " tỉnh và kiểm \n\nđiểm, đánh giá",
        [Cited("1120-QĐ/TU", "Quy định", "2022-06-01", "Ban Chấp hành Đảng bộ tỉnh",
               Intent.IMPLEMENTS)],
    ),
    (  # hau-giang-q4-2024, II.1.3: a footnote mark after the date, no issuer
        "hoàn thành theo Kế hoạch số 238-KH/TU ngày 17/01/2024[1]. Tiếp tục chỉ đạo",
        [Cited("238-KH/TU", "Kế hoạch", "2024-01-17", None, Intent.IMPLEMENTS)],
    ),
    (  # hau-giang-q4-2024, II.1.3: a code broken over two lines
        "các năm tiếp theo; Quy chế số 20-\n\nQC/TU ngày 18/4/2023 về công tác dân vận tham gia",
        [Cited("20-QC/TU", "Quy chế", "2023-04-18", None, Intent.MENTIONS,
               "về công tác dân vận tham gia")],
    ),
    (  # hau-giang-q4-2024, II.1.4: date and issuer written once for two codes
        "Thực hiện nghiêm túc, trách \n\nnhiệm Quyết định số 217-QĐ/TW và Quyết định số"
        " 218-QĐ/TW ngày 12/12/2013 \n\ncủa Bộ Chính trị về giám sát, phản biện xã hội.",
        [
            Cited("217-QĐ/TW", "Quyết định", "2013-12-12", "Bộ Chính trị", Intent.IMPLEMENTS,
                  "về giám sát, phản biện xã hội"),
            Cited("218-QĐ/TW", "Quyết định", "2013-12-12", "Bộ Chính trị", Intent.IMPLEMENTS,
                  "về giám sát, phản biện xã hội"),
        ],
    ),
    (  # hau-giang-q4-2024, II.1.7: split code, no date
        "thực hiện tốt Quy định số 144-\n\nQĐ/TW của Bộ Chính trị về chuẩn mực đạo đức",
        [Cited("144-QĐ/TW", "Quy định", None, "Bộ Chính trị", Intent.IMPLEMENTS,
               "về chuẩn mực đạo đức")],
    ),
    (  # BC_39: comma before "ngày", glued issuer and subject
        "Thực hiện Công văn số 63-CV/TU, ngày 07/10/2025 của Ban Thường vụTỉnh\nuỷvềbáo cáo"
        " tình hình hoạt động",
        [Cited("63-CV/TU", "Công văn", "2025-10-07", "Ban Thường vụ Tỉnh ủy",
               Intent.IMPLEMENTS, "về báo cáo tình hình hoạt động")],
    ),
    (  # BC_39: a công văn symbol has no type token
        "c) Đềxuất, kiến nghị: Căn cứvào Công văn số 7415/BNV-CCVC ngày\n31/8/2025 của BộNội"
        " vụvềphương án đảm bảo nhân sựtại cấp xã;",
        [Cited("7415/BNV-CCVC", "Công văn", "2025-08-31", "Bộ Nội vụ", Intent.BASED_ON)],
    ),
    (  # BC_39
        "nay theo Công văn số 09/CV-BCĐ ngày 30/5/2025 của BCĐ sắp xếp đơn vịhành\nchính thì"
        " các phòng",
        [Cited("09/CV-BCĐ", "Công văn", "2025-05-30", "BCĐ sắp xếp đơn vị hành chính",
               Intent.IMPLEMENTS)],
    ),
    (  # BC_39: "quy định" glued to the issuer starts the subject
        "định mức theo Quyết định số 15/2025/QĐ-TTg ngày 14/6/2025 của Thủtướng\nChính"
        " phủquy định tiêu chuẩn, định mức sửdụng máy móc, thiết bị; bảo đảm",
        [Cited("15/2025/QĐ-TTg", "Quyết định", "2025-06-14", "Thủ tướng Chính phủ",
               Intent.IMPLEMENTS)],
    ),
    (  # BC_39
        "theo Công văn số 1966/SKHCN-TTCĐS ngày 01/10/2025 của\nSởKhoa học và Công nghệvềhướng"
        " dẫn đảm bảo",
        [Cited("1966/SKHCN-TTCĐS", "Công văn", "2025-10-01", "Sở Khoa học và Công nghệ",
               Intent.IMPLEMENTS)],
    ),
    (  # BC_39: the issuer named before, for both decisions of the list
        "- Uỷban nhân dân xã ban hành Quyết định số 40/QĐ-UBND ngày 01/7/2025 về\nQuy"
        " chếlàm việc của UBND xã, nhiệm kỳ2021 - 2026; Quyết định số 42/QĐ-UBND\nngày"
        " 01/7/2025 vềphân công nhiệm vụcủa Chủtịch",
        [
            Cited("40/QĐ-UBND", "Quyết định", "2025-07-01", "Ủy ban nhân dân xã"),
            Cited("42/QĐ-UBND", "Quyết định", "2025-07-01", "Ủy ban nhân dân xã"),
        ],
    ),
    (  # BC_39
        "nhưng chưa được phân bổkinh phí hoạt động. UBND xã đã có Công văn số\n524/UBND-KT"
        " ngày 15/9/2025 đềnghịbổsung kinh phí",
        [Cited("524/UBND-KT", "Công văn", "2025-09-15", "UBND xã")],
    ),
    (  # CTr_22
        "2.2. Kế hoạch triển khai Nghị quyết số 12-NQ/TW của Bộ Chính trị vềđẩy\nmạnh xây"
        " dựng lực lượng công an nhân dân",
        [Cited("12-NQ/TW", "Nghị quyết", None, "Bộ Chính trị", Intent.IMPLEMENTS)],
    ),
    (  # CTr_22: "Chỉ thịsố50-CT/TW"
        "gắn với sơ kết\n03 năm thực hiện Chỉ thịsố50-CT/TW ngày 23/7/2025 của Ban Bí thư về"
        " tiếp tục đổi mới",
        [Cited("50-CT/TW", "Chỉ thị", "2025-07-23", "Ban Bí thư", Intent.REVIEWS)],
    ),
    (  # KL_9
        "theo chỉ đạo của Ban Thường vụTỉnh uỷtại Thông báo số 82-TB/TU, ngày\n19/12/2025 của"
        " Ban Thường vụTỉnh uỷ về xây dựng nhiệm vụtrọng tâm",
        [Cited("82-TB/TU", "Thông báo", "2025-12-19", "Ban Thường vụ Tỉnh ủy",
               Intent.IMPLEMENTS)],
    ),
    (  # chi-thi-so-21: "ngày 18 tháng 5 năm 2026"
        "Thực hiện Kết luận số 34-KL/TW ngày 18 tháng 5 năm 2026 của Bộ Chính \ntrị về sắp xếp"
        " thôn, tổ dân phố;",
        [Cited("34-KL/TW", "Kết luận", "2026-05-18", "Bộ Chính trị", Intent.IMPLEMENTS)],
    ),
    (  # quyet-dinh-28: preamble
        "Căn cứ Nghị quyết số 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021 của Ủy \nban Thường vụ"
        " Quốc hội ban hành chính sách hỗ trợ người lao động;",
        [Cited("03/2021/UBTVQH15", "Nghị quyết", "2021-09-24", "Ủy ban Thường vụ Quốc hội",
               Intent.BASED_ON)],
    ),
    (  # quyet-dinh-28
        "bảo đảm chi thường xuyên theo quy định tại Nghị định số 60/2021/NĐ-CP \nngày 21 tháng"
        " 6 năm 2021 của Chính phủ quy định cơ chế tự chủ tài chính",
        [Cited("60/2021/NĐ-CP", "Nghị định", "2021-06-21", "Chính phủ", Intent.IMPLEMENTS,
               "quy định cơ chế tự chủ tài chính")],
    ),
    (  # nghi-quyet-17: the law's name between type and number
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 đã được sửa đổi, bổ sung \nmột số điều"
        " theo Luật số 65/2020/QH14;",
        [
            Cited("57/2014/QH13", "Luật", intent=Intent.BASED_ON),
            Cited("65/2020/QH14", "Luật", intent=Intent.BASED_ON),
        ],
    ),
    (  # nghi-quyet-17
        "Căn cứ Nghị quyết số 30/2021/QH15 ngày 28 tháng 7 năm 2021 Kỳ họp thứ \nnhất",
        [Cited("30/2021/QH15", "Nghị quyết", "2021-07-28", intent=Intent.BASED_ON)],
    ),
    (  # thong-tu-so-03: an article that amends; a numbered item ends the issuer
        "Điều 1. Sửa đổi, bổ sung một số điều về chế độ nâng bậc lương thường \nxuyên tại Thông"
        " tư số 08/2013/TT-BNV ngày 31 tháng 7 năm 2013 \ncủa Bộ trưởng Bộ Nội vụ \n1. Sửa đổi"
        " điểm c",
        [Cited("08/2013/TT-BNV", "Thông tư", "2013-07-31", "Bộ trưởng Bộ Nội vụ", Intent.AMENDS)],
    ),
    (  # luat-so-69: "hợp đồng" here is a common noun, not the type
        "2. Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng \nsố"
        " 72/2006/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
        [Cited("72/2006/QH11", "Luật", intent=Intent.REPEALS)],
    ),
    (  # nghi-dinh-so-111: an old code without year or type token
        "7. Người đã được tuyển vào biên chế trước ngày Nghị định số 25/CP ngày 23 \ntháng 5"
        " năm 1993 của Chính phủ có hiệu lực",
        [Cited("25/CP", "Nghị định", "1993-05-23", "Chính phủ")],
    ),
    (  # 784-qd-bvhttdl: a known name runs on past its comma
        "Căn cứ Quyết định số 1983/QĐ-BVHTTDL ngày 04\ntháng 6 năm 2019 của Bộ trưởng Bộ Văn"
        " hóa, Thể thao và Du lịch phê duyệt Đề án",
        [Cited("1983/QĐ-BVHTTDL", "Quyết định", "2019-06-04",
               "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", Intent.BASED_ON)],
    ),
    (  # nghi-dinh-so-111, Điều 14: the items of a list take the intent of the words opening it
        "2. Các văn bản và quy định sau đây hết hiệu lực kể từ ngày Nghị định này có\nhiệu"
        " lực:\na) Nghị định số 68/2000/NĐ-CP ngày 17 tháng 11 năm 2000 của Chính phủ về\nthực"
        " hiện chế độ hợp đồng một số loại công việc trong cơ quan hành chính nhà\nnước, đơn vị"
        " sự nghiệp;\nb) Điều 3 Nghị định số 161/2018/NĐ-CP ngày 29 tháng 11 năm 2018 của\n"
        "Chính phủ về sửa đổi, bổ sung một số quy định về tuyển dụng công chức;\nc) Khoản 2"
        " Điều 7 Nghị định số 06/2013/NĐ-CP ngày 09 tháng 01 năm 2013 của\nChính phủ quy định"
        " về bảo vệ cơ quan, doanh nghiệp;\nd) Nghị quyết số 102/NQ-CP ngày 03 tháng 7 năm 2020"
        " của Chính phủ về giải\npháp đối với biên chế sự nghiệp giáo dục và y tế.",
        [
            Cited("68/2000/NĐ-CP", "Nghị định", "2000-11-17", "Chính phủ", Intent.REPEALS),
            Cited("161/2018/NĐ-CP", "Nghị định", "2018-11-29", "Chính phủ", Intent.REPEALS),
            Cited("06/2013/NĐ-CP", "Nghị định", "2013-01-09", "Chính phủ", Intent.REPEALS),
            Cited("102/NQ-CP", "Nghị quyết", "2020-07-03", "Chính phủ", Intent.REPEALS),
        ],
    ),
    (  # thong-tu-so-03-2021-tt-bnv, Điều 2: words added to another text amend it
        "3. Bổ sung cụm từ “và người lao động” sau cụm từ “cán bộ, công chức, viên\nchức” trong"
        " các quy định của Thông tư số 04/2005/TT-BNV ngày 05 tháng 01\nnăm 2005 của Bộ trưởng"
        " Bộ Nội vụ hướng dẫn thực hiện chế độ phụ cấp thâm niên\nvượt khung",
        [Cited("04/2005/TT-BNV", "Thông tư", "2005-01-05", "Bộ trưởng Bộ Nội vụ", Intent.AMENDS)],
    ),
    (  # thong-tu-lien-tich-so-01-2022, Điều 23: the second citation follows an aside
        "phải thực hiện theo quy định của Thông tư số 02/2018/TT-TANDTC ngày\n21/9/2018 của"
        " Chánh án Tòa án nhân dân tối cao quy định chi tiết việc xét xử vụ\nán hình sự có"
        " người tham gia tố tụng là người dưới 18 tuổi thuộc thẩm quyền của\nTòa gia đình và"
        " người chưa thành niên (sau đây viết tắt là Thông tư số 02/2018),\nThông tư số"
        " 01/2017/TT-TANDTC ngày 28/7/2017 của Chánh án Tòa án nhân dân\ntối cao quy định về"
        " phòng xử án.",
        [
            Cited("02/2018/TT-TANDTC", "Thông tư", "2018-09-21",
                  "Chánh án Tòa án nhân dân tối cao", Intent.IMPLEMENTS),
            Cited("01/2017/TT-TANDTC", "Thông tư", "2017-07-28",
                  "Chánh án Tòa án nhân dân tối cao", Intent.IMPLEMENTS, "quy định về phòng xử án"),
        ],
    ),
    (  # nghi-quyet-so-17-2022-ubtvqh15: the session of the body that passed it
        "Căn cứ Nghị quyết số 30/2021/QH15 ngày 28 tháng 7 năm 2021 Kỳ họp thứ\nnhất, Quốc hội"
        " khóa XV;",
        [Cited("30/2021/QH15", "Nghị quyết", "2021-07-28", "Quốc hội", Intent.BASED_ON)],
    ),
    (  # written without diacritics (e-mail, old web pages)
        "Quyet dinh so 1490/QD-TTg ngay 05/10/2021 cua Thu tuong Chinh phu",
        [Cited("1490/QĐ-TTg", "Quyết định", "2021-10-05", "Thủ tướng Chính phủ")],
    ),
    (
        "Can cu Quy dinh so 208-QD/TW ngay 08/11/2019 cua Ban Bi thu khoa XII;",
        [Cited("208-QĐ/TW", "Quy định", "2019-11-08", "Ban Bí thư", Intent.BASED_ON)],
    ),
    (
        "1. Sua doi, bo sung mot so dieu cua Nghi dinh so 30/2020/ND-CP ngay 05 thang 3 nam"
        " 2020 cua Chinh phu ve cong tac van thu.",
        [Cited("30/2020/NĐ-CP", "Nghị định", "2020-03-05", "Chính phủ", Intent.AMENDS,
               "ve cong tac van thu")],
    ),
    (  # TCVN3 text loses capitals with tone marks: "ủy ban" is "Ủy ban"
        "Căn cứ Nghị quyết số 18/2023/NQ-HĐND ngày 12/7/2023 của ủy ban nhân dân tỉnh Hậu"
        " Giang;",
        [Cited("18/2023/NQ-HĐND", "Nghị quyết", "2023-07-12", "Ủy ban nhân dân tỉnh Hậu Giang",
               Intent.BASED_ON)],
    ),
]

# Spellings the reference notes list, each in a sentence of the usual form.
SHAPES = [
    ("Thực hiện Quy định số31-QĐ/TW ngày 01/10/2021 của Ban Bí thư;",
     Cited("31-QĐ/TW", "Quy định", "2021-10-01", "Ban Bí thư", Intent.IMPLEMENTS)),
    ("Căn cứ Quyết định số 1206 /QĐ-HVTC ngày 12/5/2020;",
     Cited("1206/QĐ-HVTC", "Quyết định", "2020-05-12", intent=Intent.BASED_ON)),
    ("Căn cứ Quyết định số 44 /2005/QĐ-UBND ngày 06 / 7 /2005 của Ủy ban nhân dân tỉnh;",
     Cited("44/2005/QĐ-UBND", "Quyết định", "2005-07-06", "Ủy ban nhân dân tỉnh",
           Intent.BASED_ON)),
    ("Thực hiện Kế hoạch số 94- KH/BTGDVTW ngày 05/3/2025,",
     Cited("94-KH/BTGDVTW", "Kế hoạch", "2025-03-05", intent=Intent.IMPLEMENTS)),
    ("theo Quyết định số 367 - QĐ/TWĐTN-VP ngày 12/3/2019,",
     Cited("367-QĐ/TWĐTN-VP", "Quyết định", "2019-03-12", intent=Intent.IMPLEMENTS)),
    ("Căn cứ Thông tư số 08/2013/TT – BNV ngày 31/7/2013 của Bộ Nội vụ;",
     Cited("08/2013/TT-BNV", "Thông tư", "2013-07-31", "Bộ Nội vụ", Intent.BASED_ON)),
    ("Quyết định số 84 QĐ/TWĐTN ngày 20/1/2018 của Ban Bí thư Trung ương Đoàn.",
     Cited("84-QĐ/TWĐTN", "Quyết định", "2018-01-20", "Ban Bí thư Trung ương Đoàn")),
    ("Căn cứ Thông tư số 01/2011/TTBNV ngày 19/01/2011 của Bộ Nội vụ;",
     Cited("01/2011/TT-BNV", "Thông tư", "2011-01-19", "Bộ Nội vụ", Intent.BASED_ON)),
    ("Căn cứ Nghị quyết số 06/2022-QH15 của Quốc hội;",
     Cited("06/2022/QH15", "Nghị quyết", None, "Quốc hội", Intent.BASED_ON)),
    ("Căn cứ Nghị quyết số 17-NQ/CP ngày 07/3/2019 của Chính phủ;",
     Cited("17-NQ/CP", "Nghị quyết", "2019-03-07", "Chính phủ", Intent.BASED_ON)),
    ("theo Hướng dẫn số 36-hd/vptw ngày 03/4/2018 của Văn phòng Trung ương Đảng.",
     Cited("36-HD/VPTW", "Hướng dẫn", "2018-04-03", "Văn phòng Trung ương Đảng",
           Intent.IMPLEMENTS)),
    ("xem quyết định 1490/qd-ttg ngày 05/10/2021.",
     Cited("1490/QĐ-TTg", "Quyết định", "2021-10-05")),
    ("Quyết định 1490/QD-TTg ngày 05/10/2021 của Thủ tướng Chính phủ.",
     Cited("1490/QĐ-TTg", "Quyết định", "2021-10-05", "Thủ tướng Chính phủ")),
    ("theo Hướng dẫn HD38-HD/BTCTW ngày 01-10-1997.",
     Cited("38-HD/BTCTW", "Hướng dẫn", "1997-10-01", intent=Intent.IMPLEMENTS)),
    ("Quyết định số 217-QĐ/TW ngày 01-10-1997 của Bộ Chính trị.",
     Cited("217-QĐ/TW", "Quyết định", "1997-10-01", "Bộ Chính trị")),
    # A short form without issuer takes the token of the issuer named after it.
    ("theo Thông tư TT36/2017 của Bộ Tài chính về chế độ",
     Cited("36/2017/TT-BTC", "Thông tư", None, "Bộ Tài chính", Intent.IMPLEMENTS)),
    ("theo TT36/2017 ngày 14/4/2017.", Cited("36/2017/TT", "Thông tư", "2017-04-14",
                                           intent=Intent.IMPLEMENTS)),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_spellings_of_codes_in_sentences(text: str, expected: Cited) -> None:
    [cit] = numbered(text)
    found = Cited(cit.code or "", cit.doc_type or "", cit.issued_date, cit.issuer, cit.intent)
    assert found == Cited(expected.code, expected.doc_type, expected.date, found.issuer,
                          expected.intent)
    assert same_name(cit.issuer, expected.issuer)


def test_decomposed_text_reads_as_composed() -> None:
    text = unicodedata.normalize("NFD", "Thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 của"
                                        " Ban Bí thư; Căn cứ Luật Việc làm;")
    found = find_citations(source(text))
    assert [(c.code, c.doc_type, c.issued_date) for c in found] == [
        ("208-QĐ/TW", "Quy định", "2019-11-08"), (None, "Luật", None)]
    assert found[0].issuer == "Ban Bí thư" and found[0].intent is Intent.IMPLEMENTS
    for cit in found:
        assert text[cit.start : cit.end] == cit.as_written
    assert unicodedata.normalize("NFC", found[1].as_written) == "Luật Việc làm"


@pytest.mark.parametrize("encode", [unicode_to_tcvn3, unicode_to_vni], ids=["tcvn3", "vni"])
def test_legacy_encodings_read_as_unicode(encode: Any, tmp_path: Path) -> None:
    sentence = ("Căn cứ Quyết định số 48/2006/QĐ-BTC ngày 14 tháng 9 năm 2006 của Bộ trưởng Bộ"
                " Tài chính; Căn cứ Nghị quyết số 18/2023/NQ-HĐND ngày 12/7/2023 của Ủy ban"
                " nhân dân tỉnh Hậu Giang về việc ban hành quy định.\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(encode(sentence * 4))
    found = [c for c in find_citations(read_source(path)) if c.code][:2]
    assert [(c.code, c.doc_type, c.issued_date, c.intent) for c in found] == [
        ("48/2006/QĐ-BTC", "Quyết định", "2006-09-14", Intent.BASED_ON),
        ("18/2023/NQ-HĐND", "Nghị quyết", "2023-07-12", Intent.BASED_ON),
    ]
    assert [c.issuer for c in found] == ["Bộ trưởng Bộ Tài chính", "Ủy ban nhân dân tỉnh Hậu Giang"]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_real_sentences(text: str, expected: list[Cited]) -> None:
    found = numbered(text)
    assert [c.code for c in found] == [e.code for e in expected]
    for cit, want in zip(found, expected, strict=True):
        assert cit.doc_type == want.doc_type, cit
        assert cit.issued_date == want.date, cit
        assert same_name(cit.issuer, want.issuer), cit
        assert cit.intent is want.intent, cit
        if want.subject is not None:
            assert cit.subject == want.subject


def test_offsets_point_at_the_code_as_written() -> None:
    text = "theo Quy chế số 20-\n\nQC/TU ngày 18/4/2023 và Quyết định số 1490/QD-TTg"
    for cit in numbered(text):
        assert text[cit.start : cit.end] == cit.as_written
    assert [c.as_written for c in numbered(text)] == ["20-\n\nQC/TU", "1490/QD-TTg"]


def test_output_is_canonical() -> None:
    [cit] = numbered("Công văn số 63-CV/TU, ngày 07/10/2025 của Ban Thường vụTỉnh\nuỷvềbáo cáo")
    assert cit.issuer == "Ban Thường vụ Tỉnh ủy"  # glue repaired, tone style "ủy"
    [cit] = numbered("Quyết định số 1490/QD-TTg ngày 08-11-2019 của Thủ tướng Chính phủ.")
    assert (cit.code, cit.number, cit.symbol, cit.year) == ("1490/QĐ-TTg", "1490", "QĐ-TTg", 2019)
    assert cit.issued_date == "2019-11-08"


def test_a_subject_stops_where_the_next_citation_begins() -> None:
    found = numbered("Thực hiện Kế hoạch số 12-KH/TU, ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy về"
                     " triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị.")
    assert [c.subject for c in found] == ["về triển khai thực hiện", None]


def test_a_law_named_before_its_number() -> None:
    text = "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015;"
    found = find_citations(source(text))
    assert [(c.code, c.doc_type, c.title) for c in found] == [
        ("80/2015/QH13", "Luật", "Luật Ban hành văn bản quy phạm pháp luật")
    ]


def test_a_code_broken_at_its_ampersand() -> None:
    text = "Thông tư liên tịch số 01/2021/TTLT-BCA-BQP-BTC-BNN\n&PTNT-VKSNDTC ngày 29/11/2021"
    [cit] = numbered(text)
    assert cit.code == "01/2021/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"
    assert cit.issued_date == "2021-11-29"


def test_abbreviated_issuers_keep_their_letters() -> None:
    [cit] = numbered("Nghị quyết số 18/2023/NQ-HĐND ngày 12/7/2023 của HĐND tỉnh về mức chi")
    assert cit.issuer == "HĐND tỉnh"


def test_shared_suffix_gives_one_citation_per_number() -> None:
    found = numbered("Quán triệt Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành"
                     " Trung ương khóa XII.")
    assert [c.code for c in found] == ["18-NQ/TW", "19-NQ/TW"]
    assert {c.issued_date for c in found} == {"2017-10-25"}
    assert {c.issuer for c in found} == {"Ban Chấp hành Trung ương"}
    assert found[0].as_written == "18"


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("xem 15/2025/NĐ-CP.", "Nghị định"),
        ("xem 03/2021/TT-BNV.", "Thông tư"),  # TT with a year: Thông tư
        ("xem 25-TT/TW.", "Thông tri"),  # Party TT: Thông tri
        ("xem 69/2020/QH14.", "Luật"),
        ("Nghị quyết số 30/2021/QH15.", "Nghị quyết"),  # the word wins over the symbol
        ("xem 7415/BNV-CCVC.", "Công văn"),
        ("xem 01/2022/TTLT-VKSNDTC-TANDTC.", "Thông tư liên tịch"),
        ("QUYẾT ĐỊNH SỐ 28/2021/QĐ-TTg", "Quyết định"),
    ],
)
def test_type_from_the_word_or_else_the_symbol(text: str, doc_type: str) -> None:
    [cit] = numbered(text)
    assert cit.doc_type == doc_type


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Quyết định này thay thế Quyết định số 12/2015/QĐ-UBND.", Intent.REPLACES),
        ("Bãi bỏ Thông tư số 08/2013/TT-BNV.", Intent.REPEALS),
        ("Sửa đổi, bổ sung một số điều của Nghị định số 30/2020/NĐ-CP.", Intent.AMENDS),
        ("Hướng dẫn thực hiện Quy định số 144-QĐ/TW.", Intent.GUIDES),
        ("Cụ thể hoá Nghị quyết số 18-NQ/TW.", Intent.IMPLEMENTS),
        ("Tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW.", Intent.REVIEWS),
        ("theo hướng dẫn tại Công văn số 63-CV/TU.", Intent.IMPLEMENTS),
        ("Nghị định số 68/2000/NĐ-CP được sửa đổi, bổ sung tại Nghị định số 161/2018/NĐ-CP.",
         Intent.MENTIONS),
        ("Ủy ban nhân dân xã ban hành Quyết định số 40/QĐ-UBND.", Intent.MENTIONS),
        ("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 123/TTr-SNV.", Intent.MENTIONS),
        ("Thay thế cụm từ “Sở Nội vụ” tại Quyết định số 12/2015/QĐ-UBND.", Intent.AMENDS),
        ("Đính chính Nghị định số 30/2020/NĐ-CP như sau:", Intent.AMENDS),
        ("Thay the cum tu “So Noi vu” tai Quyet dinh so 12/2015/QD-UBND.", Intent.AMENDS),
        ("Quyết định số 12/2015/QĐ-UBND đã được thay thế bằng Quyết định số 15/2020/QĐ-UBND.",
         Intent.MENTIONS),
        ("Nghị định này quy định chi tiết và hướng dẫn thi hành Luật số 69/2020/QH14.",
         Intent.GUIDES),
        # The verb belongs to the other document's subject: the preamble's basis still holds.
        ("Căn cứ Nghị định số 101/2020/NĐ-CP ngày 28 tháng 8 năm 2020 của Chính phủ sửa đổi,"
         " bổ sung một số điều của Nghị định số 123/2016/NĐ-CP;", Intent.BASED_ON),
        ("Điều 20. Bãi bỏ các văn bản sau:\n1. Quyết định số 12/2015/QĐ-UBND;\n2. Quyết định"
         " số 15/2016/QĐ-UBND.", Intent.REPEALS),
        ("Bãi bỏ các văn bản sau: Quyết định số 12/2015/QĐ-UBND; Quyết định số"
         " 15/2016/QĐ-UBND.", Intent.REPEALS),
        # The new wording of an amended article is quoted: its citations are not amended.
        ("1. Sửa đổi khoản 2 Điều 3 như sau:\n“2. Hồ sơ gồm:\na) Bản sao Thông tư số"
         " 01/2011/TT-BNV;”", Intent.MENTIONS),
    ],
)
def test_intent_from_the_words_before(text: str, intent: Intent) -> None:
    assert numbered(text)[-1].intent is intent


def test_basis_runs_down_a_list_after_semicolons() -> None:
    text = ("Căn cứ Quyết định số 1206 /QĐ-HVTC ngày 08 tháng 11 năm 2019; Kế hoạch số 94-"
            " KH/BTGDVTW, ngày 07/10/2025 của Ban Tuyên giáo và Dân vận Trung ương")
    found = numbered(text)
    assert [c.code for c in found] == ["1206/QĐ-HVTC", "94-KH/BTGDVTW"]
    assert {c.intent for c in found} == {Intent.BASED_ON}
    assert found[1].issuer == "Ban Tuyên giáo và Dân vận Trung ương"


def test_date_and_issuer_named_before_the_verb() -> None:
    [cit] = numbered("Ngày 24/9/2021, Chính phủ ban hành Nghị quyết số 116/NQ-CP về chính sách.")
    assert (cit.issued_date, cit.issuer) == ("2021-09-24", "Chính phủ")


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("So Noi vu da co Cong van so 12/SNV-VP ngay 1/2/2024", "Sở Nội vụ"),
        # A word without marks that only starts like an agency ("Soạn" and "So") is none.
        ("Soạn thảo và ban hành Quyết định số 12/QĐ-UBND ngày 1/2/2024.", None),
    ],
)
def test_agency_named_before_the_verb(text: str, issuer: str | None) -> None:
    [cit] = numbered(text)
    assert same_name(cit.issuer, issuer)


# ------------------------------------------------------------------ traps

NOT_CITATIONS = [
    "Tập trung thực hiện chỉ tiêu số 02 trong Nghị quyết Đại hội đại biểu Đảng bộ",
    "Ban Chỉ đạo 35 các \n\ncấp bám sát kế hoạch",
    "- Quân khu 9, ",
    "nhất là 02 tuyến cao tốc trên địa bàn tỉnh",
    "Tổ chức sơ kết 05 năm thực hiện",
    "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - \n\n22/12/2024).",
    "chi bộ trực thuộc đảng ủy cơ sở nhiệm kỳ 2025 - 2027 (hoàn thành trong",
    "hoàn thành theo kế hoạch[1]. Tiếp tục",
    "tổng dân số 14.849 người/3.471 hộ;",
    "đạt 97,6% (1.047/1.073 hồsơ). Tỷlệhồsơ",
    "chưa có quy\nhoạch chi tiết xây dựng 1/500 đểđồng bộcác quy hoạch",
    "mô hình chính quyền địa phương 2 cấp (từ\n01/7/2025 đến nay)",
    "với tổng sốtiền là 4.856.879.750 đồng đúng quy",
    "quý IV/2024; tháng 12/2025; Quý IV/2030; 09/11 chỉtiêu; 3/3 chỉtiêu",
    "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021",
    "CÔNG BÁO/Số 302/Ngày 02-06-2026",
    "Thời gian ký: 12.10.2021 14:52:05 +07:00",
    "13-11-2025 15:21:37 +07:00",
    "Quy chuẩn kỹ thuật quốc gia QCVN 07:2024/BCA về Trung tâm",
    "đại dịch COVID-19 từ Quỹ bảo hiểm thất nghiệp",
    "Hỗ trợ 1.800.000 đồng/người.",
    "theo Mẫu số 01/PLI",
    "năng suất 5 tấn/ha, mức 1/ha và 2-ha/hộ, 120 người/km2",  # small letters: no codes
    "Điều 5 KH/TU; năm 2024 BC/TU",  # a count or a year before a symbol without hyphen
    "tháng 12/2024, quý IV/2024, Kế hoạch số 36/2017, mã ABCTT36/2017",  # no type glued before
    "tốc độ 120 km/h, công suất 10 KW/h, tỷ giá 1 USD/VND, 3 ha/hộ, 14 h/ngày",
    "Nguồn: http://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=12345&Keyword=30/2020/nd-cp",
    "ĐT: 0293 3876 123; Fax 0292.3822.456; email: vp@tinhuy.vn",
    # A bare number without symbol is doubtful: never a numbered citation.
    "Chi chếđộ, chính sách theo Nghịđịnh 178 và Nghịđịnh số 67 của\nChính Phủcho 06 cán bộ",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert numbered(text) == []


def test_a_document_never_cites_itself() -> None:
    text = ("Số: 28/2021/QĐ-TTg\nhỗ trợ theo Quyết định số 28/2021/QĐ-TTG và Nghị định số"
            " 60/2021/NĐ-CP")
    assert [c.code for c in numbered(text, own_code="28/2021/QĐ-TTg")] == ["60/2021/NĐ-CP"]


@pytest.mark.parametrize(
    "header",
    ["Số: 21/CT-TTg", "Luật số: 69/2020/QH14", "Nghị quyết số: 17/2022/UBTVQH15", "Số 39-BC/ĐU"],
)
def test_the_number_in_the_header_is_not_a_citation(header: str) -> None:
    assert numbered(f"THỦ TƯỚNG CHÍNH PHỦ\n{header}\nHà Nội, ngày 20 tháng 5 năm 2026") == []


# ------------------------------------------------------------------ named references

NAMED = [
    # luat-24-2018-qh14: "và" inside a law's name, not between two laws or before a list
    ("chương trình bồi dưỡng kiến thức quốc phòng và an ninh theo quy định của Luật Giáo dục"
     " quốc phòng và an ninh.", ["Luật Giáo dục quốc phòng và an ninh"]),
    ("theo quy định của Luật An ninh quốc gia, Luật Quốc phòng, Luật Công an nhân dân và quy"
     " định khác của pháp luật có liên quan.",
     ["Luật An ninh quốc gia", "Luật Quốc phòng", "Luật Công an nhân dân"]),
    ("theo quy định của Luật Cán bộ, công chức và Luật Viên chức.",
     ["Luật Cán bộ, công chức", "Luật Viên chức"]),
    # 784-qd-bvhttdl: a programme followed closely ("bám sát") is an existing one
    ("- Xây dựng nội dung tuyên truyền thực hiện nếp sống văn minh trong lễ hội phải bám sát"
     " các nội dung, tiêu chí, quan điểm của Đề án Tuyên truyền thực hiện nếp sống văn minh"
     " trong lễ hội giai đoạn 2020 - 2021;",
     ["Đề án Tuyên truyền thực hiện nếp sống văn minh trong lễ hội giai đoạn 2020 - 2021"]),
    ("Can cu Luat Viec lam ngay 16 thang 11 nam 2013;", ["Luat Viec lam"]),
    ("theo quy định của Hiến pháp năm 2013 và pháp luật", ["Hiến pháp năm 2013"]),
    ("Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020;",
     ["Pháp lệnh Ưu đãi người có công với cách mạng"]),
    ("Pháp lệnh này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021.", []),
    ("1. Tuân thủ Hiến pháp và pháp luật; bảo đảm lợi ích của Nhà nước", []),
    ("Căn cứ vào Chương trình công tác năm 2024 và kết quả 9 tháng",
     ["Chương trình công tác năm 2024"]),
    ("Căn cứ Chương trình công tác quý IV năm 2024 của Tỉnh ủy;",
     ["Chương trình công tác quý IV năm 2024"]),
    ("trọng yếu theo Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025, cụ thể các",
     ["Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025"]),
    ("Triển khai thực hiện chương trình hành động thực hiện Quy hoạch tỉnh Hậu \n\nGiang thời"
     " kỳ 2021 - 2030, tầm nhìn đến năm 2050. Đổi mới",
     ["Quy hoạch tỉnh Hậu Giang thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"]),
    ("Triển khai \n\nthực hiện hiệu quả Đề án “Phát triển bền vững một triệu ha lúa chuyên"
     " canh\n\nđến năm 2030”. Ứng dụng",
     ["Đề án Phát triển bền vững một triệu ha lúa chuyên canh đến năm 2030"]),
    ("triển khai Chương trình mục tiêu quốc gia xây dựng nông thôn mới gắn với đô thị hóa",
     ["Chương trình mục tiêu quốc gia xây dựng nông thôn mới"]),
    ("Triển khai mạnh mẽ \n\nChương trình mỗi xã một sản phẩm (OCOP) nhằm nâng cao giá trị",
     ["Chương trình mỗi xã một sản phẩm (OCOP)"]),
    ("kiểm tra, giám sát theo quy định của Điều lệ Đảng; rà soát", ["Điều lệ Đảng"]),
    ("hệthống chính trịtheo Nghị quyết Trung ương 11 khóa XIII, các kết luận của Bộ",
     ["Nghị quyết Trung ương 11 khóa XIII"]),
    ("- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ xã;",
     ["Quy chế làm việc của Ban Chấp hành Đảng bộ xã"]),
    ("* Khối Đảng: Đã chủđộng ban hành quy chếlàm việc của Ban Chấp hành, Ban\nThường"
     " vụcủa Đảng uỷxã nhiệm kỳ2025-2030; Thông báo",
     ["Quy chếlàm việc của Ban Chấp hành, Ban Thường vụcủa Đảng ủyxã nhiệm kỳ2025-2030"]),
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ \nsung một số"
     " điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa \nphương ngày 22 tháng"
     " 11 năm 2019;",
     ["Luật Tổ chức Chính phủ", "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"
      " và Luật Tổ chức chính quyền địa phương"]),
    ("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", ["Luật Cán bộ, công chức"]),
    ("Người sử dụng lao động quy định tại Điều 43 của Luật Việc làm đang tham gia",
     ["Luật Việc làm"]),
    ("2.6. Kế hoạch triển khai thực hiện Đề án phát triển ứng dụng dữliệu dân cư,\nđịnh danh"
     " và xác thực điện tửphục vụchuyển đổi sốquốc gia giai đoạn 2022 -\n2025, tầm nhìn đến"
     " năm 2030 trên địa bàn xã.",
     ["Đề án phát triển ứng dụng dữliệu dân cư, định danh và xác thực điện tửphục vụchuyển"
      " đổi sốquốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030"]),
    ("xây dựng Kế hoạch\ntriển khai thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV"
     " của Đảng.",
     ["Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"]),
    ("- Trên cơ sởChương trình hành động của Ban Chấp hành Đảng bộxã thực\nhiện Nghị quyết"
     " Đại hội Đảng bộxã lần thứI. Ban Chấp hành",
     ["Chương trình hành động của Ban Chấp hành Đảng bộxã thực hiện Nghị quyết Đại hội Đảng"
      " bộxã lần thứI"]),
    # Not references: drafts still to be written, a congress, the law enacting itself.
    ("- Nghị quyết vềnâng cao chất lượng giáo dục và đào tạo trên địa bàn xã giai\nđoạn 2026"
     " – 2030, định hướng đến năm 2035.", []),
    ("tiến tới Đại hội đại biểu toàn quốc lần thứ XV của Đảng.", []),
    ("Quốc hội ban hành Luật Người lao động Việt Nam đi làm việc ở nước ngoài \ntheo hợp đồng.",
     []),
    ("Luật này quy định về quyền, nghĩa vụ", []),
    ("các quy định vềchức năng, nhiệm vụ, quy chế\nlàm việc của các cấp uỷ, tổ chức đảng", []),
]


@pytest.mark.parametrize(("text", "titles"), NAMED)
def test_named_references(text: str, titles: list[str]) -> None:
    assert [name_key(t) for t in named(text)] == [name_key(t) for t in titles]


def test_a_named_reference_in_a_subject_is_part_of_that_citation() -> None:
    text = ("Quyết định số 40/QĐ-UBND ngày 01/7/2025 về\nQuy chếlàm việc của UBND xã, nhiệm"
            " kỳ2021 - 2026; Quyết định")
    assert named(text) == []


def test_a_law_named_with_its_date() -> None:
    text = ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ\nsung một"
            " số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa\nphương ngày 22"
            " tháng 11 năm 2019;\nCăn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;")
    found = find_citations(source(text))
    assert [(c.doc_type, c.issued_date, c.year, c.intent) for c in found] == [
        ("Luật", "2015-06-19", 2015, Intent.BASED_ON),
        ("Luật", "2019-11-22", 2019, Intent.BASED_ON),
        ("Bộ luật", "2019-11-20", 2019, Intent.BASED_ON),
    ]


def test_named_reference_fields() -> None:
    [cit] = find_citations(source("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"))
    assert (cit.code, cit.title, cit.doc_type, cit.intent) == (
        None, "Điều lệ Đảng Cộng sản Việt Nam", "Điều lệ", Intent.BASED_ON)
    text = "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
    assert text[cit.start : cit.end] == cit.as_written == "Điều lệ Đảng Cộng sản Việt Nam"


# ------------------------------------------------------------------ whole documents

HAU_GIANG = [
    ("137-QĐ/TW", "Quy định", "2023-12-01", "Ban Bí thư"),
    ("208-QĐ/TW", "Quy định", "2019-11-08", "Ban Bí thư"),
    ("1120-QĐ/TU", "Quy định", "2022-06-01", "Ban Chấp hành Đảng bộ tỉnh"),
    ("06-ĐA/TU", "Đề án", "2023-05-01", "Tỉnh ủy"),
    ("238-KH/TU", "Kế hoạch", "2024-01-17", None),
    ("08-ĐA/TU", "Đề án", "2023-10-16", "Ban Chấp hành Đảng bộ tỉnh"),
    ("20-QC/TU", "Quy chế", "2023-04-18", None),
    ("217-QĐ/TW", "Quyết định", "2013-12-12", "Bộ Chính trị"),
    ("218-QĐ/TW", "Quyết định", "2013-12-12", "Bộ Chính trị"),
    ("12-CT/TU", "Chỉ thị", "2021-10-21", "Ban Thường vụ Tỉnh ủy"),
    ("144-QĐ/TW", "Quy định", None, "Bộ Chính trị"),
]
HAU_GIANG_NAMED = [
    "Chương trình công tác năm 2024",
    "Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025",
    "Quy hoạch tỉnh Hậu Giang thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
    "Đề án Phát triển bền vững một triệu ha lúa chuyên canh chất lượng cao và phát thải thấp"
    " gắn với tăng trưởng xanh vùng đồng bằng sông Cửu Long đến năm 2030",
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình mỗi xã một sản phẩm (OCOP)",
    "Điều lệ Đảng",
]


def load(name: str) -> SourceText:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return source(text, f"{name}.txt")


def test_hau_giang_whole_document() -> None:
    src = load("hau-giang-q4-2024")
    found = find_citations(src)
    cited = [c for c in found if c.code]
    assert [(c.code, c.doc_type, c.issued_date, c.issuer) for c in cited] == HAU_GIANG
    titles = {name_key(c.title or "") for c in found if not c.code}
    assert {name_key(t) for t in HAU_GIANG_NAMED} <= titles
    assert found == sorted(found, key=lambda c: c.start)
    assert all(src.text[c.start : c.end] == c.as_written for c in found)


def gold_files() -> list[Path]:
    """Gold files in fixtures/ whose text is there too."""
    golds = sorted(FIXTURES.glob("*.gold.json"))
    return [g for g in golds if (FIXTURES / g.name.replace(".gold.json", ".txt")).exists()]


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name.split(".")[0])
def test_gold_documents(gold_path: Path) -> None:
    """Every numbered citation of every gold file, none more, with the fields it states."""
    gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    src = load(gold["document"].removesuffix(".txt"))
    found = {code_key(c.code): c for c in find_citations(src, gold["self"].get("code")) if c.code}
    wanted = {code_key(g["code"]): g for g in gold["citations"]}
    assert sorted(found) == sorted(wanted)
    for key, g in wanted.items():
        cit = found[key]
        assert g["doc_type"] is None or cit.doc_type == g["doc_type"]
        assert g["date"] is None or cit.issued_date == g["date"]
        assert g["issuer"] is None or same_name(cit.issuer, g["issuer"]), cit


# ------------------------------------------------------------------ robustness

PIECES = ["số ", "Quyết định ", "ngày ", "của ", "Ban Bí thư", "12", "/", "-", "QĐ", "TW",
          "2024", "\n", " ", "và ", ";", ".", "“", "”", "Luật ", "Việc làm", "Đ", "ủy", "[1]"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gives_consistent_spans(pieces: list[str]) -> None:
    text = "".join(pieces)
    src = source(text)
    found = find_citations(src)
    assert found == sorted(found, key=lambda c: (c.start, c.end))
    for cit in found:
        assert src.text[cit.start : cit.end] == cit.as_written
        assert cit.code is not None or cit.title  # numbered, or named by its title


def test_a_subject_cut_inside_an_aside_drops_the_open_aside() -> None:
    text = (
        "Thay thế Nghị định số 68/2000/NĐ-CP ngày 17 tháng 11 năm 2000 của Chính phủ về thực "
        "hiện chế độ hợp đồng một số loại công việc (sau đây viết tắt là Nghị định số 68); "
        "các quy định khác."
    )
    source = SourceText(path="nd.txt", format="txt", lines=[SourceLine(text=text, number=1)])
    (citation,) = [c for c in find_citations(source) if c.code == "68/2000/NĐ-CP"]
    assert citation.subject == "về thực hiện chế độ hợp đồng một số loại công việc"
