"""Names of agencies, as data: canonical spelling, other written forms, a real example each.

`extract.agencies` compiles these tables into one matcher; nothing here runs at import time
beyond building the tuples. Canonical names use today's tone style ("Ủy", "hóa"); the
matcher accepts "Uỷ", "hoá", capitals and words glued by PDF extraction ("Ban Thường vụTỉnh
uỷ") on its own, so forms list only real variants: abbreviations, longer or older names.

Scope words are not part of an entry: "Hội đồng nhân dân" + level "tỉnh" + place
"Hậu Giang" is assembled by the matcher, so one entry covers every province and commune.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    """What may follow a name and belongs to it."""

    NONE = "none"
    LEVEL = "level"  # a level word and a place: "Ủy ban nhân dân" + "tỉnh Hậu Giang"
    PLACE = "place"  # a place right after: "Tỉnh ủy" + "Hậu Giang"
    NUMBER = "number"  # "Quân khu" + "9", "Ban Chỉ đạo" + "35"


@dataclass(frozen=True, slots=True)
class AgencyName:
    """One agency (or kind of agency, when its scope is assembled from the text).

    `joins`: the name takes the agency written right after it ("Ban Thường vụ" + "Tỉnh ủy",
    "Đảng đoàn" + "Hội đồng nhân dân tỉnh"). `alone`: the name is an agency even with
    nothing after it; a joining name that is not `alone` ("Văn phòng", "Thường trực") is
    dropped when nothing follows. `needs_scope`: only an agency with its scope ("Công an"
    alone is the police force in general, "Công an xã" is an agency). `display_only`: used to
    write header lines in normal case ("ĐẢNG BỘ TỈNH ..."), never reported as a mention.
    `lower_case`: also a name when written in lower case; other names must start with a
    capital, because "thành ủy", "đảng ủy trực thuộc" in lower case name a kind of body.
    """

    name: str
    example: str
    forms: tuple[str, ...] = ()
    abbreviation: str | None = None
    scope: Scope = Scope.NONE
    joins: bool = False
    alone: bool = True
    needs_scope: bool = False
    display_only: bool = False
    lower_case: bool = False


_L, _P, _N = Scope.LEVEL, Scope.PLACE, Scope.NUMBER

PARTY: tuple[AgencyName, ...] = (
    AgencyName(
        "Ban Chấp hành Trung ương",
        "theo Nghị quyết của Ban Chấp hành Trung ương Đảng khóa XIII",
        forms=("Ban Chấp hành Trung ương Đảng", "BCH Trung ương", "BCHTW"),
        abbreviation="BCHTW",
    ),
    AgencyName("Bộ Chính trị", "Quyết định số 217-QĐ/TW ... của Bộ Chính trị về giám sát"),
    AgencyName(
        "Ban Bí thư",
        "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư khóa XII",
        forms=("Ban Bí thư Trung ương Đảng", "Ban Bí thư Trung ương"),
    ),
    AgencyName(
        "Văn phòng Trung ương Đảng",
        "- Văn phòng Trung ương Đảng, (Nơi nhận)",
        forms=("VPTW",),
        abbreviation="VPTW",
    ),
    AgencyName(
        "Ban Tổ chức Trung ương",
        "hướng dẫn của Ban Tổ chức Trung ương",
        forms=("BTCTW",),
        abbreviation="BTCTW",
    ),
    AgencyName(
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Đề nghị Ban Tuyên giáo và Dân vận Trung ương lãnh đạo, chỉ đạo",
        forms=("BTGDVTW",),
        abbreviation="BTGDVTW",
    ),
    AgencyName(
        "Ban Tuyên giáo Trung ương",
        "Bộ Thông tin và Truyền thông chủ trì, phối hợp với Ban Tuyên giáo Trung ương",
        forms=("BTGTW",),
        abbreviation="BTGTW",
    ),
    AgencyName("Ban Dân vận Trung ương", "Ban Dân vận Trung ương hướng dẫn"),
    AgencyName("Ban Nội chính Trung ương", "Ban Nội chính Trung ương theo dõi"),
    AgencyName(
        "Ủy ban Kiểm tra Trung ương",
        "Ủy ban Kiểm tra Trung ương kết luận",
        forms=("UBKTTW",),
        abbreviation="UBKTTW",
    ),
    AgencyName("Quân ủy Trung ương", "Quân ủy Trung ương lãnh đạo", forms=("QUTW",)),
    AgencyName("Ban Chỉ đạo Trung ương", "kế hoạch của Ban Chỉ đạo Trung ương"),
    AgencyName(
        "Tỉnh ủy",
        "Tỉnh ủy Hậu Giang tập trung triển khai thực hiện nhiều nhiệm vụ",
        scope=_P,
    ),
    AgencyName("Thành ủy", "Ban Thường vụ Tỉnh ủy, Thành ủy lãnh đạo, chỉ đạo", scope=_P),
    AgencyName(
        "Huyện ủy", "Chương trình công tác của Ban Chấp hành, Ban Thường vụ Huyện uỷ", scope=_P
    ),
    AgencyName("Quận ủy", "Ban Thường vụ Quận ủy chỉ đạo", scope=_P),
    AgencyName("Thị ủy", "Ban Thường vụ Thị ủy chỉ đạo", scope=_P),
    AgencyName(
        "Đảng ủy",
        "Đảng uỷ xã Công Hải báo cáo tình hình; Đảng uỷ UBND xã tham mưu",
        scope=_L,
        joins=True,
    ),
    AgencyName(
        "Ban Thường vụ",
        "Sau khi nghe Tờtrình của Ban Thường vụĐảng uỷ",
        forms=("BTV",),
        abbreviation="BTV",
        joins=True,
    ),
    AgencyName(
        "Thường trực",
        "Đề nghị Thường trực Tỉnh uỷ, quan tâm, chỉ đạo UBND tỉnh",
        joins=True,
        alone=False,
    ),
    AgencyName(
        "Ban Chấp hành Đảng bộ",
        "Quy định 1120-QĐ/TU ngày 01/6/2022 của Ban Chấp hành Đảng bộ tỉnh",
        forms=("BCH Đảng bộ",),
        scope=_L,
    ),
    AgencyName(
        "Ban Chấp hành",
        "Chương trình công tác của Ban Chấp hành, Ban Thường vụĐảng uỷ năm 2026",
        forms=("BCH",),
        abbreviation="BCH",
        joins=True,
    ),
    AgencyName(
        "Ủy ban kiểm tra",
        "Cấp ủy, ủy ban kiểm tra các cấp tổ chức thực hiện; Uỷ ban Kiểm tra Đảng uỷ tham mưu",
        forms=("UBKT",),
        abbreviation="UBKT",
        joins=True,
        lower_case=True,
    ),
    AgencyName("Văn phòng Tỉnh ủy", "- Lưu VPTU.", forms=("VPTU",), abbreviation="VPTU", scope=_P),
    AgencyName("Văn phòng Đảng ủy", "- Lưu VPĐU.", forms=("VPĐU",), abbreviation="VPĐU"),
    AgencyName("Văn phòng Huyện ủy", "- Lưu VPHU.", forms=("VPHU",), abbreviation="VPHU"),
    AgencyName(
        "Văn phòng", "Văn phòng Đảng uỷ chủtrì, phối hợp UBKT Đảng uỷ", joins=True, alone=False
    ),
    AgencyName("Ban Tổ chức", "Trưởng Ban Tổ chức Tỉnh uỷ", joins=True, alone=False),
    AgencyName(
        "Ban Tuyên giáo và Dân vận", "Ban Tuyên giáo và Dân vận Tỉnh ủy", joins=True, alone=False
    ),
    AgencyName("Ban Tuyên giáo", "Ban Tuyên giáo Tỉnh ủy", joins=True, alone=False),
    AgencyName("Ban Dân vận", "Ban Dân vận Tỉnh ủy", joins=True, alone=False),
    AgencyName("Ban Nội chính", "Ban Nội chính Tỉnh ủy", joins=True, alone=False),
    AgencyName(
        "Ban Xây dựng Đảng", "Ban Xây dựng Đảng chủ trì, phối hợp với các cơ quan liên quan"
    ),
    AgencyName(
        "Đảng đoàn",
        "Tiếp tục lãnh đạo, chỉ đạo Đảng đoàn Hội đồng nhân dân tỉnh",
        joins=True,
        alone=False,
    ),
    AgencyName("Ban cán sự đảng", "- Các ban cán sự đảng, đảng đoàn tỉnh,", joins=True),
    AgencyName(
        "Ban Chỉ đạo",
        "Ban Chỉ đạo 35 các cấp bám sát kế hoạch; Ban Chỉ đạo phòng, chống tham nhũng, "
        "tiêu cực tỉnh theo dõi",
        forms=("BCĐ",),
        abbreviation="BCĐ",
        scope=_N,
        needs_scope=True,  # which one is unknown without its number or subject
    ),
    AgencyName("Đảng bộ", "ĐẢNG BỘ TỈNH KHÁNH HOÀ (header)", scope=_L, display_only=True),
)

STATE: tuple[AgencyName, ...] = (
    AgencyName("Quốc hội", "Quốc hội ban hành Luật Người lao động Việt Nam"),
    AgencyName(
        "Ủy ban Thường vụ Quốc hội",
        "Nghị quyết số 03/2021/UBTVQH15 ... của Ủy ban Thường vụ Quốc hội",
        forms=("UBTVQH",),
        abbreviation="UBTVQH",
    ),
    AgencyName("Chính phủ", "báo cáo Chính phủ, Thủ tướng Chính phủ xem xét, chỉ đạo"),
    AgencyName(
        "Thủ tướng Chính phủ",
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương",
        forms=("TTg",),
        abbreviation="TTg",
    ),
    AgencyName(
        "Văn phòng Chính phủ",
        "(qua Bộ Nội vụ, Văn phòng Chính phủ)",
        forms=("VPCP",),
        abbreviation="VPCP",
    ),
    AgencyName("Bộ Nội vụ", "5. Bộ Nội vụ", forms=("BNV",), abbreviation="BNV"),
    AgencyName("Bộ Công an", "7. Bộ Công an", forms=("BCA",), abbreviation="BCA"),
    AgencyName("Bộ Quốc phòng", "BỘ CÔNG AN - BỘ QUỐC PHÒNG", forms=("BQP",), abbreviation="BQP"),
    AgencyName("Bộ Tài chính", "6. Bộ Tài chính", forms=("BTC",), abbreviation="BTC"),
    AgencyName("Bộ Tư pháp", "Bộ Tư pháp thẩm định", forms=("BTP",), abbreviation="BTP"),
    AgencyName("Bộ Ngoại giao", "Bộ Ngoại giao có trách nhiệm phối hợp"),
    AgencyName("Bộ Y tế", "Bộ Y tế ban hành", forms=("BYT",), abbreviation="BYT"),
    AgencyName(
        "Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo", forms=("BGDĐT",), abbreviation="BGDĐT"
    ),
    AgencyName(
        "Bộ Khoa học và Công nghệ",
        "Bộ Khoa học và Công nghệ chủ trì",
        forms=("BKHCN",),
        abbreviation="BKHCN",
    ),
    AgencyName("Bộ Công Thương", "Bộ Công Thương chủ trì"),
    AgencyName("Bộ Xây dựng", "Bộ Xây dựng hướng dẫn", forms=("BXD",), abbreviation="BXD"),
    AgencyName(
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Trung ương",
        forms=("BVHTTDL",),
        abbreviation="BVHTTDL",
    ),
    AgencyName(
        "Bộ Nông nghiệp và Môi trường",
        "Bộ Nông nghiệp và Môi trường chủ trì",
        forms=("BNNMT",),
        abbreviation="BNNMT",
    ),
    AgencyName(
        "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn chủ trì"
    ),
    AgencyName("Bộ Tài nguyên và Môi trường", "Bộ Tài nguyên và Môi trường chủ trì"),
    AgencyName(
        "Bộ Lao động - Thương binh và Xã hội",
        "Theo đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã hội",
        forms=("BLĐTBXH",),
        abbreviation="BLĐTBXH",
    ),
    AgencyName(
        "Bộ Thông tin và Truyền thông",
        "Bộ Thông tin và Truyền thông chủ trì, phối hợp với Ban Tuyên giáo Trung ương",
        forms=("BTTTT",),
        abbreviation="BTTTT",
    ),
    AgencyName(
        "Bộ Kế hoạch và Đầu tư",
        "Bộ Kế hoạch và Đầu tư chủ trì",
        forms=("BKHĐT",),
        abbreviation="BKHĐT",
    ),
    AgencyName("Bộ Giao thông vận tải", "Bộ Giao thông vận tải chủ trì"),
    AgencyName("Bộ Dân tộc và Tôn giáo", "Bộ Dân tộc và Tôn giáo hướng dẫn"),
    AgencyName("Ủy ban Dân tộc", "Ủy ban Dân tộc chủ trì"),
    AgencyName("Thanh tra Chính phủ", "Thanh tra Chính phủ kiểm tra"),
    AgencyName(
        "Ngân hàng Nhà nước Việt Nam",
        "Ngân hàng Nhà nước Việt Nam hướng dẫn",
        forms=("Ngân hàng Nhà nước", "NHNN"),
        abbreviation="NHNN",
    ),
    AgencyName(
        "Kiểm toán Nhà nước", "Kiểm toán Nhà nước kiểm toán", forms=("KTNN",), abbreviation="KTNN"
    ),
    AgencyName(
        "Tòa án nhân dân tối cao",
        "TÒA ÁN NHÂN DÂN TỐI CAO - BỘ CÔNG AN",
        forms=("TANDTC",),
        abbreviation="TANDTC",
    ),
    AgencyName(
        "Viện kiểm sát nhân dân tối cao",
        "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO -",
        forms=("VKSNDTC",),
        abbreviation="VKSNDTC",
    ),
    AgencyName("Tòa án nhân dân", "Tòa án nhân dân tỉnh xét xử", scope=_L, needs_scope=True),
    AgencyName("Viện kiểm sát nhân dân", "Viện kiểm sát nhân dân tỉnh", scope=_L, needs_scope=True),
    AgencyName(
        "Bảo hiểm xã hội Việt Nam", "Bảo hiểm xã hội Việt Nam tuyên truyền, tổ chức thực hiện"
    ),
    AgencyName(
        "Hội đồng nhân dân",
        "tăng cường giám sát, khảo sát việc thực hiện nghị quyết của Hội đồng nhân dân tỉnh",
        forms=("HĐND",),
        abbreviation="HĐND",
        scope=_L,
    ),
    AgencyName(
        "Ủy ban nhân dân",
        "4. Ủy ban nhân dân các tỉnh, thành phố; Đảng uỷ UBND xã tham mưu",
        forms=("UBND",),
        abbreviation="UBND",
        scope=_L,
    ),
    AgencyName("Công an", "phối hợp Công an xã tham mưu trình", scope=_L, needs_scope=True),
    AgencyName("Thanh tra", "Thanh tra tỉnh kiểm tra", scope=_L, needs_scope=True),
    AgencyName("Bộ Chỉ huy Quân sự", "Bộ Chỉ huy Quân sự tỉnh", scope=_L),
    AgencyName("Quân khu", "- Quân khu 9,", scope=_N, needs_scope=True),
    AgencyName("Sở Nội vụ", "Sở Nội vụ tham mưu"),
    AgencyName("Sở Tài chính", "kiến nghị SởTài chính quan tâm sớm bố trí xe ô tô"),
    AgencyName(
        "Sở Khoa học và Công nghệ",
        "Hệthống tác nghiệp điện tửE-Office do SởKhoa học và Công nghệtriển khai",
    ),
    AgencyName("Sở Tư pháp", "Sở Tư pháp thẩm định"),
    AgencyName("Sở Y tế", "Sở Y tế chủ trì"),
    AgencyName("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo chủ trì"),
    AgencyName("Sở Xây dựng", "Sở Xây dựng chủ trì"),
    AgencyName("Sở Công Thương", "Sở Công Thương chủ trì"),
    AgencyName("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường chủ trì"),
    AgencyName("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch chủ trì"),
    AgencyName("Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo chủ trì"),
    AgencyName("Sở Ngoại vụ", "Sở Ngoại vụ chủ trì"),
    AgencyName("Phòng Kinh tế", "Khối lượng công việc các Phòng Kinh tế, Phòng Văn hoá - Xã hội"),
    AgencyName(
        "Phòng Văn hóa - Xã hội", "Khối lượng công việc các Phòng Kinh tế, Phòng Văn hoá - Xã hội"
    ),
)

FRONT: tuple[AgencyName, ...] = (
    AgencyName(
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam lãnh đạo, chỉ đạo",
    ),
    # The Front and its committee are one node in the graph: the text says "Mặt trận Tổ quốc"
    # and "Ủy ban Mặt trận Tổ quốc" of the same body, a paragraph apart.
    AgencyName(
        "Ủy ban Mặt trận Tổ quốc",
        "Hoạt động của Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
        forms=(
            "Ủy ban Mặt trận Tổ quốc Việt Nam",
            "Mặt trận Tổ quốc Việt Nam",
            "Mặt trận Tổ quốc",
            "Ủy ban MTTQVN",
            "Ủy ban MTTQ",
            "UBMTTQVN",
            "UBMTTQ",
            "MTTQVN",
            "MTTQ",
        ),
        abbreviation="MTTQ",
        scope=_L,
    ),
    AgencyName("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam tăng cường"),
    AgencyName("Hội Nông dân", "Hội Nông dân tỉnh", scope=_L),
    AgencyName("Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ tỉnh", scope=_L),
    AgencyName("Hội Cựu chiến binh", "Hội Cựu chiến binh tỉnh", scope=_L),
    AgencyName(
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", scope=_L
    ),
)

AGENCIES: tuple[AgencyName, ...] = PARTY + STATE + FRONT

# What a steering committee ("Ban Chỉ đạo") is about, when the text names it by subject.
STEERING_SUBJECTS: tuple[tuple[str, str], ...] = (
    (
        "phòng, chống tham nhũng, tiêu cực",
        "thuộc diện Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh theo dõi, chỉ đạo",
    ),
    ("phòng, chống tham nhũng", "Ban Chỉ đạo phòng, chống tham nhũng tỉnh"),
    ("sắp xếp đơn vị hành chính", "Công văn số 09/CV-BCĐ ... của BCĐ sắp xếp đơn vịhành chính"),
    ("Vị trí việc làm", "do Ban Chỉ đạo Vị trí việc làm tỉnh triển khai"),
)

# Levels of government and party organisation that scope a name: "... tỉnh", "... xã".
LEVELS: tuple[tuple[str, str], ...] = (
    ("tỉnh", "Hội đồng nhân dân tỉnh"),
    ("thành phố", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("huyện", "Ủy ban nhân dân huyện"),
    ("quận", "Ủy ban nhân dân quận"),
    ("thị xã", "Ủy ban nhân dân thị xã"),
    ("xã", "Đảng uỷ xã Công Hải"),
    ("phường", "Ủy ban nhân dân phường"),
    ("thị trấn", "Ủy ban nhân dân thị trấn"),
    ("đặc khu", "Ủy ban nhân dân đặc khu"),
    ("cấp tỉnh", "Ủy ban nhân dân cấp tỉnh"),
    ("cấp huyện", "Ủy ban nhân dân cấp huyện"),
    ("cấp xã", "Ủy ban nhân dân cấp xã"),
)

# Offices a signer holds, longest first where one is the start of another.
POSITIONS: tuple[tuple[str, str], ...] = (
    ("Phó Bí thư", "T/M TỈNH ỦY / PHÓ BÍ THƯ"),
    ("Tổng Bí thư", "TỔNG BÍ THƯ"),
    ("Bí thư", "T/M ĐẢNG UỶ / BÍ THƯ"),
    ("Phó Thủ tướng", "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"),
    ("Thủ tướng", "TM. CHÍNH PHỦ / THỦ TƯỚNG"),
    ("Bộ trưởng", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"),
    ("Thứ trưởng", "KT. BỘ TRƯỞNG BỘ CÔNG AN / THỨ TRƯỞNG"),
    ("Phó Chủ tịch", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
    ("Chủ tịch", "CHỦ TỊCH QUỐC HỘI"),
    ("Phó Chủ nhiệm", "KT. CHỦ NHIỆM / PHÓ CHỦ NHIỆM"),
    ("Chủ nhiệm", "CHỦ NHIỆM"),
    ("Phó Viện trưởng", "KT. VIỆN TRƯỞNG / PHÓ VIỆN TRƯỞNG"),
    ("Viện trưởng", "VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"),
    ("Phó Chánh án", "KT. CHÁNH ÁN / PHÓ CHÁNH ÁN"),
    ("Chánh án", "CHÁNH ÁN TÒA ÁN NHÂN DÂN TỐI CAO"),
    ("Phó Chánh Văn phòng", "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG"),
    ("Chánh Văn phòng", "TL. BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG"),
    ("Phó Trưởng ban", "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN"),
    ("Trưởng ban", "TRƯỞNG BAN"),
    ("Phó Giám đốc", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
    ("Giám đốc", "GIÁM ĐỐC"),
    ("Phó Thống đốc", "KT. THỐNG ĐỐC / PHÓ THỐNG ĐỐC"),
    ("Thống đốc", "THỐNG ĐỐC"),
    ("Tổng Kiểm toán", "TỔNG KIỂM TOÁN NHÀ NƯỚC"),
    ("Phó Trưởng phòng", "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG"),
    ("Trưởng phòng", "TRƯỞNG PHÒNG"),
    ("Chủ nhiệm Ủy ban kiểm tra", "CHỦ NHIỆM ỦY BAN KIỂM TRA"),
)
