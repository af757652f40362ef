"""The tables citation finding reads: document types, symbol tokens, issuers, intent cues.

Everything here is data with an example beside it: a real one from the corpus or the reference
notes where there is one, else the form ("n/yyyy/TT-BCT"). `codes.py` and `citations.py` build
their patterns from these tables on first use. Spellings are the proper ones (with Đ, mixed
case such as "TTg"); the code folds them itself where it needs a lookup key.
"""

from __future__ import annotations

from dataclasses import dataclass

from vbgraph.graph.model import Intent


@dataclass(frozen=True, slots=True)
class DocType:
    """A document type: its name as written before a number, and its symbol abbreviations.

    When a citation has no type word, the first type in `DOC_TYPES` that lists the symbol's
    type token names it, so order matters where two types share a token (QĐ, TT).
    """

    name: str
    abbreviations: tuple[str, ...]
    example: str


DOC_TYPES: tuple[DocType, ...] = (
    DocType("Quyết định", ("QĐ",), "Quyết định số 15/2025/QĐ-TTg ngày 14/6/2025"),
    DocType("Quy định", ("QĐi", "QyĐ", "QĐ"), "Quy định số 208-QĐ/TW ngày 08/11/2019"),
    DocType("Nghị quyết", ("NQ",), "Nghị quyết số 116/NQ-CP ngày 24 tháng 9 năm 2021"),
    DocType("Nghị định", ("NĐ",), "Nghị định số 60/2021/NĐ-CP ngày 21 tháng 6 năm 2021"),
    DocType("Chỉ thị", ("CT",), "Chỉ thị số 50-CT/TW ngày 23/7/2025"),
    DocType("Thông tư liên tịch", ("TTLT",), "Thông tư liên tịch số 04/2018/TTLT-VKSNDTC-BCA-BQP"),
    # TT is Thông tư in the legal form /yyyy/TT-... and Thông tri otherwise (-TT/TW, /TT-MTTW).
    DocType("Thông tư", ("TT",), "Thông tư số 03/2021/TT-BNV"),
    DocType("Thông tri", ("TT",), "Thông tri số 25/TT-MTTW-BTT"),
    DocType("Kết luận", ("KL",), "Kết luận số 34-KL/TW ngày 18 tháng 5 năm 2026"),
    DocType("Kế hoạch", ("KH",), "Kế hoạch số 238-KH/TU ngày 17/01/2024"),
    DocType("Hướng dẫn", ("HD",), "Hướng dẫn số 36-HD/VPTW"),
    DocType("Thông báo", ("TB",), "Thông báo số 82-TB/TU, ngày 19/12/2025"),
    DocType("Báo cáo", ("BC",), "Báo cáo số 39-BC/ĐU"),
    DocType("Chương trình", ("CTr",), "Chương trình số 22-CTr/ĐU"),
    DocType("Quy chế", ("QC",), "Quy chế số 20-QC/TU ngày 18/4/2023"),
    DocType("Đề án", ("ĐA",), "Đề án số 06-ĐA/TU ngày 01/5/2023"),
    DocType("Dự án", ("DA",), "DA: dự án, Nghị định 30/2020/NĐ-CP, Phụ lục III"),
    DocType("Phương án", ("PA",), "PA: phương án, Nghị định 30/2020/NĐ-CP, Phụ lục III"),
    DocType("Tờ trình", ("TTr",), "TTr: tờ trình, Hướng dẫn 36-HD/VPTW"),
    DocType("Công văn", ("CV",), "Công văn số 63-CV/TU; Công văn số 09/CV-BCĐ"),
    DocType("Công điện", ("CĐ",), "CĐ: công điện, Nghị định 30/2020/NĐ-CP, Phụ lục III"),
    DocType("Biên bản", ("BB",), "BB: biên bản, Hướng dẫn 36-HD/VPTW"),
    DocType("Hợp đồng", ("HĐ",), "HĐ: hợp đồng, Nghị định 30/2020/NĐ-CP, Phụ lục III"),
    DocType("Giấy mời", ("GM",), "GM: giấy mời, Nghị định 30/2020/NĐ-CP, Phụ lục III"),
    DocType("Văn bản hợp nhất", ("VBHN",), "03/VBHN-VPQH"),
    DocType("Lệnh", ("L",), "07/2025/L-CTN"),
    DocType("Pháp lệnh", (), "Pháp lệnh Chi phí tố tụng số 02/2012/UBTVQH13"),
    DocType("Bộ luật", (), "Bộ luật Lao động số 45/2019/QH14"),
    DocType("Luật", (), "Luật số 65/2020/QH14"),
    DocType("Hiến pháp", (), "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
)

# The type a symbol without a type token stands for: laws and resolutions of the National
# Assembly ("59/2020/QH14"), resolutions of its Standing Committee ("03/2021/UBTVQH15"),
# and an official letter, whose symbol is only issuer and unit ("7415/BNV-CCVC").
LAW_TYPE = "Luật"  # 69/2020/QH14
STANDING_COMMITTEE_TYPE = "Nghị quyết"  # 03/2021/UBTVQH15
LETTER_TYPE = "Công văn"  # 7415/BNV-CCVC, 524/UBND-KT, 1966/SKHCN-TTCĐS

# Folding merges these spellings; when the written form has no Đ the system decides:
# Party symbols have ĐA (đề án) but no DA; HD is hướng dẫn far more often than HĐ.
DEFAULT_SPELLING: dict[str, dict[str, str]] = {
    "party": {"da": "ĐA", "hd": "HD"},  # 06-ĐA/TU, 01-HD/BTCTW
    "state": {"da": "DA", "hd": "HD"},  # forms n/DA-UBND (dự án), n/HD-SNV (hướng dẫn)
}


@dataclass(frozen=True, slots=True)
class IssuerToken:
    """An issuer token of a symbol. `local` marks symbols every province, district or commune
    uses alike (TU, HU, ĐU, UBND, HĐND, Sở codes): the concrete body comes from context."""

    token: str
    name: str | None
    local: bool
    example: str


# Party issuer tokens from Hướng dẫn 36-HD/VPTW; "form" marks those without a corpus example.
PARTY_ISSUERS: tuple[IssuerToken, ...] = (
    # TW is used alike by the Central Committee, the Politburo and the Secretariat.
    IssuerToken("TW", None, False, "208-QĐ/TW (Ban Bí thư), 217-QĐ/TW (Bộ Chính trị)"),
    IssuerToken("VPTW", "Văn phòng Trung ương Đảng", False, "36-HD/VPTW"),
    IssuerToken("BTCTW", "Ban Tổ chức Trung ương", False, "01-HD/BTCTW"),
    IssuerToken("UBKTTW", "Ủy ban Kiểm tra Trung ương", False, "form n-HD/UBKTTW"),
    IssuerToken("BTGTW", "Ban Tuyên giáo Trung ương", False, "form n-KH/BTGTW"),
    IssuerToken("BDVTW", "Ban Dân vận Trung ương", False, "form n-KH/BDVTW"),
    IssuerToken("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", False, "94-KH/BTGDVTW"),
    IssuerToken("BNCTW", "Ban Nội chính Trung ương", False, "form n-KH/BNCTW"),
    IssuerToken("BKTTW", "Ban Kinh tế Trung ương", False, "form n-KH/BKTTW"),
    IssuerToken("BĐNTW", "Ban Đối ngoại Trung ương", False, "form n-KH/BĐNTW"),
    IssuerToken("QUTW", "Quân ủy Trung ương", False, "form n-KH/QUTW"),
    IssuerToken("TWĐTN", "Ban Chấp hành Trung ương Đoàn", False, "367-QĐ/TWĐTN-VP"),
    IssuerToken("TU", "Tỉnh ủy", True, "238-KH/TU, 06-ĐA/TU"),
    IssuerToken("HU", "Huyện ủy", True, "form n-KH/HU"),
    IssuerToken("QU", "Quận ủy", True, "form n-KH/QU"),
    IssuerToken("ĐU", "Đảng ủy", True, "39-BC/ĐU, 22-CTr/ĐU"),
    IssuerToken("VPTU", "Văn phòng Tỉnh ủy", True, "Lưu VPTU (hau-giang-q4-2024)"),
    IssuerToken("BTCTU", "Ban Tổ chức Tỉnh ủy", True, "form n-KH/BTCTU"),
    IssuerToken("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", True, "form n-KH/UBKTTU"),
    IssuerToken("BTGTU", "Ban Tuyên giáo Tỉnh ủy", True, "form n-KH/BTGTU"),
    IssuerToken("BCSĐ", "Ban cán sự đảng", True, "form n-KH/BCSĐ"),
    IssuerToken("ĐĐ", "Đảng đoàn", True, "form n-KH/ĐĐ"),
)

# Ministries: each Sở of a province takes the ministry's token with S for B (BKHCN -> SKHCN).
_MINISTRIES: tuple[IssuerToken, ...] = (
    IssuerToken("BNV", "Bộ Nội vụ", False, "7415/BNV-CCVC; 03/2021/TT-BNV"),
    IssuerToken("BTC", "Bộ Tài chính", False, "05/2024/TT-BTC"),
    IssuerToken("BTP", "Bộ Tư pháp", False, "06/2018/TTLT-VKSNDTC-TANDTC-BCA-BTP-BLĐTBXH"),
    IssuerToken("BCT", "Bộ Công Thương", False, "form n/yyyy/TT-BCT"),
    IssuerToken("BYT", "Bộ Y tế", False, "form n/yyyy/TT-BYT"),
    IssuerToken("BGDĐT", "Bộ Giáo dục và Đào tạo", False, "form n/yyyy/TT-BGDĐT"),
    IssuerToken("BKHĐT", "Bộ Kế hoạch và Đầu tư", False, "form n/yyyy/TT-BKHĐT"),
    IssuerToken("BTNMT", "Bộ Tài nguyên và Môi trường", False, "form n/yyyy/TT-BTNMT"),
    IssuerToken("BXD", "Bộ Xây dựng", False, "form n/yyyy/TT-BXD"),
    IssuerToken("BGTVT", "Bộ Giao thông vận tải", False, "form n/yyyy/TT-BGTVT"),
    IssuerToken("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", False, "784/QĐ-BVHTTDL"),
    IssuerToken("BTTTT", "Bộ Thông tin và Truyền thông", False, "form n/yyyy/TT-BTTTT"),
    IssuerToken("BKHCN", "Bộ Khoa học và Công nghệ", False, "its Sở: 1966/SKHCN-TTCĐS"),
    IssuerToken(
        "BLĐTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        False,
        "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH",
    ),
    IssuerToken("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", False, "n/yyyy/TT-BNNPTNT"),
    IssuerToken("BNN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn", False,
                "01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"),
    IssuerToken("BNNMT", "Bộ Nông nghiệp và Môi trường", False, "form n/yyyy/TT-BNNMT (2025)"),
    IssuerToken("BDTTG", "Bộ Dân tộc và Tôn giáo", False, "form n/yyyy/TT-BDTTG (2025)"),
)

# Ministries without a Sở of the same name in each province.
_NO_DEPARTMENT: tuple[IssuerToken, ...] = (
    IssuerToken("BCA", "Bộ Công an", False, "43/2021/TT-BCA"),
    IssuerToken("BQP", "Bộ Quốc phòng", False, "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH"),
    IssuerToken("BNG", "Bộ Ngoại giao", False, "form n/yyyy/TT-BNG"),
)

_STATE_ISSUERS: tuple[IssuerToken, ...] = (
    IssuerToken("TTg", "Thủ tướng Chính phủ", False, "1490/QĐ-TTg; 21/CT-TTg"),
    IssuerToken("CP", "Chính phủ", False, "30/2020/NĐ-CP; 116/NQ-CP; Nghị định số 25/CP"),
    IssuerToken("QH", "Quốc hội", False, "69/2020/QH14 (term number after QH)"),
    IssuerToken("UBTVQH", "Ủy ban Thường vụ Quốc hội", False, "1656/NQ-UBTVQH15"),
    IssuerToken("CTN", "Chủ tịch nước", False, "07/2025/L-CTN"),
    IssuerToken("VPCP", "Văn phòng Chính phủ", False, "55/2005/TTLT-BNV-VPCP"),
    IssuerToken("VPQH", "Văn phòng Quốc hội", False, "03/VBHN-VPQH"),
    IssuerToken("NHNN", "Ngân hàng Nhà nước Việt Nam", False, "form n/yyyy/TT-NHNN"),
    IssuerToken("TTCP", "Thanh tra Chính phủ", False, "form n/yyyy/TT-TTCP"),
    IssuerToken("KTNN", "Kiểm toán nhà nước", False, "form n/QĐ-KTNN"),
    IssuerToken("TANDTC", "Tòa án nhân dân tối cao", False, "02/2018/TT-TANDTC"),
    IssuerToken("VKSNDTC", "Viện kiểm sát nhân dân tối cao", False, "01/2022/TTLT-VKSNDTC-..."),
    IssuerToken("HĐTP", "Hội đồng Thẩm phán Tòa án nhân dân tối cao", False, "form n/yyyy/NQ-HĐTP"),
    IssuerToken("UBDT", "Ủy ban Dân tộc", False, "form n/yyyy/TT-UBDT"),
    IssuerToken("MTTW", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", False, "25/TT-MTTW-BTT"),
    IssuerToken("UBND", "Ủy ban nhân dân", True, "40/QĐ-UBND; 524/UBND-KT; 44/2005/QĐ-UBND"),
    IssuerToken("HĐND", "Hội đồng nhân dân", True, "18/2023/NQ-HĐND"),
    # Every level has its steering committees; the symbol alone does not say whose.
    IssuerToken("BCĐ", "Ban Chỉ đạo", True, "09/CV-BCĐ"),
)

_DEPARTMENTS: tuple[IssuerToken, ...] = tuple(
    IssuerToken("S" + m.token[1:], "Sở" + (m.name or "")[2:], True, f"S for B in {m.token}")
    for m in _MINISTRIES
)

ISSUER_TOKENS: tuple[IssuerToken, ...] = (
    PARTY_ISSUERS + _MINISTRIES + _NO_DEPARTMENT + _STATE_ISSUERS + _DEPARTMENTS
)

# Unit tokens after the issuer in a công văn symbol, spelled with Đ.
UNIT_TOKENS: tuple[str, ...] = (
    "TTCĐS",  # 1966/SKHCN-TTCĐS: Trung tâm chuyển đổi số
    "BLĐTBXH",  # 01/2022/TTLT-...-BLĐTBXH
    "SGDĐT",  # 125/SGDĐT-VP
)

# Issuer names as a careful reader writes them: text glued by the PDF layer ("Thủtướng Chính
# phủ", "Ban Thường vụTỉnh uỷ") is matched against these and takes their spelling.
ISSUER_NAMES: tuple[str, ...] = (
    "Ban Chấp hành Trung ương",  # Nghị quyết ... của Ban Chấp hành Trung ương khóa XIII
    "Bộ Chính trị",  # 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị
    "Ban Bí thư",  # 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư khóa XII
    "Ban Chấp hành Đảng bộ",  # 1120-QĐ/TU của Ban Chấp hành Đảng bộ tỉnh
    "Ban Thường vụ Tỉnh ủy",  # 12-CT/TU của Ban Thường vụ Tỉnh ủy
    "Ban Thường vụ Thành ủy",
    "Ban Thường vụ Huyện ủy",
    "Ban Thường vụ Đảng ủy",  # Tờ trình của Ban Thường vụ Đảng ủy
    "Thường trực Tỉnh ủy",
    "Tỉnh ủy",  # 06-ĐA/TU của Tỉnh ủy
    "Thành ủy",
    "Huyện ủy",
    "Đảng ủy",
    "Thủ tướng Chính phủ",  # 15/2025/QĐ-TTg của Thủ tướng Chính phủ
    "Chính phủ",  # 116/NQ-CP của Chính phủ
    "Ủy ban Thường vụ Quốc hội",  # 03/2021/UBTVQH15 của Ủy ban Thường vụ Quốc hội
    "Quốc hội",
    "Chủ tịch nước",
    "Ủy ban nhân dân",  # Ủy ban nhân dân xã ban hành Quyết định số 40/QĐ-UBND
    "Hội đồng nhân dân",
    "Chánh án Tòa án nhân dân tối cao",  # 01/2017/TT-TANDTC của Chánh án TANDTC
    "Viện trưởng Viện kiểm sát nhân dân tối cao",
    *(t.name for t in ISSUER_TOKENS if t.name and t.token not in ("TU", "HU", "QU", "ĐU")),
)

# The first words of an agency named before a citation ("UBND xã đã có Công văn số ...").
AGENCY_HEADS: tuple[str, ...] = (
    "Ủy ban", "UBND", "HĐND", "Hội đồng", "Ban", "Bộ", "Sở", "Thủ tướng", "Chính phủ",
    "Quốc hội", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Thường trực", "Văn phòng",
    "Chủ tịch", "Tòa án", "Viện", "BCĐ", "Ngân hàng", "Kiểm toán", "Thanh tra", "Quân ủy",
    "Công an", "Trung ương",
)


@dataclass(frozen=True, slots=True)
class IntentCue:
    """Words before a citation, in the same clause, that say why it is cited."""

    intent: Intent
    words: tuple[str, ...]
    example: str
    strong: bool = True  # a strong cue wins over a general one anywhere in the clause


INTENT_CUES: tuple[IntentCue, ...] = (
    IntentCue(Intent.REPEALS, ("bãi bỏ", "hủy bỏ", "hết hiệu lực"),
              "Bãi bỏ Quyết định số ...; Luật ... số 72/2006/QH11 hết hiệu lực"),
    IntentCue(Intent.REPLACES, ("thay thế",), "Quyết định này thay thế Quyết định số ..."),
    IntentCue(Intent.AMENDS, ("sửa đổi",), "sửa đổi, bổ sung một số điều của Nghị định số ..."),
    # Words added to, replaced in or struck from another text amend it; "thay thế" and "bãi
    # bỏ" alone replace or repeal the whole document.
    IntentCue(Intent.AMENDS,
              ("bổ sung cụm từ", "thay thế cụm từ", "bãi bỏ cụm từ", "bỏ cụm từ", "đính chính"),
              "Bổ sung cụm từ “và người lao động” ... trong các quy định của Thông tư số "
              "04/2005/TT-BNV"),
    IntentCue(Intent.REVIEWS, ("sơ kết", "tổng kết"),
              "Tổ chức sơ kết 05 năm thực hiện Quy định số 208-QĐ/TW"),
    IntentCue(Intent.GUIDES, ("hướng dẫn", "quy định chi tiết"),
              "Hướng dẫn thực hiện Quy định số 144-QĐ/TW"),
    IntentCue(Intent.IMPLEMENTS,
              ("thực hiện", "triển khai", "quán triệt", "cụ thể hóa", "thi hành", "chấp hành",
               "theo"),
              "Thực hiện Công văn số 63-CV/TU; theo Kế hoạch số 238-KH/TU", strong=False),
)

# "Căn cứ" opening a clause: the legal basis of the citing document (its preamble).
BASED_ON_OPENERS: tuple[str, ...] = ("căn cứ", "trên cơ sở")  # Căn cứ Luật Việc làm ...

# Wording that changes what a cue means: passive or someone else's act (None: no cue).
INTENT_OVERRIDES: dict[str, Intent | None] = {
    "được sửa đổi": None,  # Nghị định số 68/2000/NĐ-CP được sửa đổi, bổ sung tại ...
    "được thay thế": None,  # Quyết định số ... đã được thay thế bằng ...
    "bị bãi bỏ": None,
    "được bãi bỏ": None,
    "được hướng dẫn": None,  # Luật ... được hướng dẫn tại Nghị định số ...: not this text
    "được quy định chi tiết": None,
    "theo hướng dẫn": Intent.IMPLEMENTS,  # theo hướng dẫn tại Công văn số ...
    "theo dõi": None,  # theo dõi việc thực hiện ... is not "theo" a document
    "tiếp theo": None,  # giai đoạn 2023 - 2025 và các năm tiếp theo; Quy chế số 20-QC/TU
    "theo đó": None,
    "theo đề nghị": None,  # Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số ...
}


# Documents known by name rather than number. Spaces may be missing in PDF text; the
# matcher allows that. Each is a title as a careful reader writes it.
NAMED_PROGRAMMES: tuple[str, ...] = (
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
    "thiểu số và miền núi",
    "Chương trình mỗi xã một sản phẩm",  # ... (OCOP): the abbreviation is kept when written
)

CHARTERS: tuple[str, ...] = (
    "Điều lệ Đảng Cộng sản Việt Nam",  # Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
    "Điều lệ Đảng",  # theo quy định của Điều lệ Đảng
    "Điều lệ Mặt trận Tổ quốc Việt Nam",  # Căn cứ Điều lệ Mặt trận Tổ quốc Việt Nam;
    "Điều lệ Công đoàn Việt Nam",
    "Điều lệ Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",  # Căn cứ Hiến pháp nước ...
)
