"""Document numbers and symbols: canonical spelling, lookup key, parts and scope."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbgraph.extract.codes import canonical_code, code_key, is_local_symbol, parse_code
from vbgraph.vntext import fold

# (as typed or written, canonical): every spelling below was seen in real text or reference
# notes (vietnamese-document-codes.md).
CANONICAL = [
    ("208-QĐ/TW", "208-QĐ/TW"),
    ("208-qd/tw", "208-QĐ/TW"),
    ("208 - QĐ/TW", "208-QĐ/TW"),
    ("số31-QĐ/TW", "31-QĐ/TW"),
    ("06-ĐA/TU", "06-ĐA/TU"),  # leading zero kept
    ("06-DA/TU", "06-ĐA/TU"),  # Party symbols have ĐA (đề án), no DA
    ("01-HD/BTCTW", "01-HD/BTCTW"),  # hướng dẫn stays HD
    ("36-hd/vptw", "36-HD/VPTW"),
    ("141-CV/VPTW/nb", "141-CV/VPTW/nb"),
    ("94- KH/BTGDVTW", "94-KH/BTGDVTW"),
    ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
    ("84 QĐ/TWĐTN", "84-QĐ/TWĐTN"),  # dropped hyphen
    ("84QĐ/TWĐTN", "84-QĐ/TWĐTN"),
    ("HD38-HD/BTCTW", "38-HD/BTCTW"),  # short forms repeat the type before the number
    ("QĐ 1147-QĐ/BTGDVTW", "1147-QĐ/BTGDVTW"),
    ("20-\nQC/TU", "20-QC/TU"),  # split over two lines
    ("1490/QĐ-TTg", "1490/QĐ-TTg"),
    ("1490/QD-TTg", "1490/QĐ-TTg"),
    ("1490/qd-ttg", "1490/QĐ-TTg"),
    ("28/2021/QĐ-TTG", "28/2021/QĐ-TTg"),
    ("1206 /QĐ-HVTC", "1206/QĐ-HVTC"),
    ("7415/BNV-CCVC", "7415/BNV-CCVC"),
    ("524/UBND-KT", "524/UBND-KT"),
    ("1966/SKHCN-TTCDS", "1966/SKHCN-TTCĐS"),
    ("09/CV-BCD", "09/CV-BCĐ"),
    ("12/HĐ-UBND", "12/HĐ-UBND"),  # the writer's Đ is kept: hợp đồng
    ("12/hd-snv", "12/HD-SNV"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
    ("30/2020/nd-cp", "30/2020/NĐ-CP"),
    ("44 /2005/QĐ-UBND", "44/2005/QĐ-UBND"),
    ("55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP"),
    ("01/2011/TTBNV", "01/2011/TT-BNV"),  # dropped hyphen between known tokens
    ("08/2013/TT – BNV", "08/2013/TT-BNV"),  # en dash with spaces
    (
        "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLDTBXH",
        "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH",
    ),
    ("01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC", "01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"),
    ("69/2020/QH14", "69/2020/QH14"),
    ("03/2021/UBTVQH15", "03/2021/UBTVQH15"),
    ("1656/nq-ubtvqh15", "1656/NQ-UBTVQH15"),
    ("06/2022-QH15", "06/2022/QH15"),  # mixed systems
    ("17-NQ/CP", "17-NQ/CP"),
    ("07/2025/L-CTN", "07/2025/L-CTN"),
    ("Số: 21/CT-TTg", "21/CT-TTg"),
    ("1.490/QĐ-TTg", "1490/QĐ-TTg"),  # a thousands dot is not part of the number
    ("25/CP", "25/CP"),
    ("qd-ttg", "QĐ-TTg"),  # a bare symbol
    ("QD-TTg", "QĐ-TTg"),
    ("nd-cp", "NĐ-CP"),
    ("208-qd/tw".upper(), "208-QĐ/TW"),
    ("1490/QÐ-TTg", "1490/QĐ-TTg"),  # Ð (U+00D0, eth) for Đ
    ("367 – QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),  # en dash with spaces in a Party code
    ("44 /2005/QĐ-UBND", "44/2005/QĐ-UBND"),
    ("qđ 1147-qđ/btgdvtw", "1147-QĐ/BTGDVTW"),  # small letters throughout
    ("57/2014/qh13", "57/2014/QH13"),
]

NOT_CODES = [
    "22/12/1944",
    "22/12/1944 - 22/12/2024",
    "01/7/2025",
    "1/500",
    "14.849 người/3.471 hộ",
    "1.047/1.073",
    "2025 - 2027",
    "quý IV/2024",
    "4.856.879.750 đồng",
    "",
    "Quân khu 9",
]


@pytest.mark.parametrize(("raw", "expected"), CANONICAL)
def test_canonical_code(raw: str, expected: str) -> None:
    assert canonical_code(raw) == expected


@pytest.mark.parametrize("raw", NOT_CODES)
def test_dates_fractions_and_counts_are_not_codes(raw: str) -> None:
    assert canonical_code(raw) is None


@pytest.mark.parametrize(
    "variants",
    [
        ("208-qd/tw", "208 - QĐ/TW", "208-QĐ/TW", "208–QD/TW"),
        ("06-ĐA/TU", "6-ĐA/TU", "06-da/tu"),
        ("01/2011/TTBNV", "01/2011/TT-BNV", "1/2011/tt-bnv"),
        ("28/2021/QĐ-TTg", "28/2021/QĐ-TTG", "28 / 2021 / QD - TTg"),
    ],
)
def test_one_key_for_every_spelling(variants: tuple[str, ...]) -> None:
    assert len({code_key(v) for v in variants}) == 1


def test_the_key_is_readable() -> None:
    assert code_key("208-QĐ/TW") == "208-qd/tw"
    assert code_key("06-ĐA/TU") == "6-da/tu"


def test_the_two_systems_keep_different_keys() -> None:
    assert code_key("208-QĐ/TW") != code_key("208/QĐ-TW")
    assert code_key("18-NQ/TW") != code_key("19-NQ/TW")


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("208-qd/tw", ("208", "QĐ/TW", None, "party")),
        ("141-CV/VPTW/nb", ("141", "CV/VPTW/nb", None, "party")),
        ("1490/QĐ-TTg", ("1490", "QĐ-TTg", None, "state")),
        ("7415/BNV-CCVC", ("7415", "BNV-CCVC", None, "state")),
        ("30/2020/NĐ-CP", ("30", "NĐ-CP", 2020, "state")),
        ("69/2020/QH14", ("69", "QH14", 2020, "state")),
        ("17-NQ/CP", ("17", "NQ/CP", None, "state")),  # Party shape, State issuer
        ("06-ĐA/TU", ("06", "ĐA/TU", None, "party")),
    ],
)
def test_parse_code(code: str, parts: tuple[object, ...]) -> None:
    assert tuple(parse_code(code)) == parts


@pytest.mark.parametrize("raw", ["22/12/1944", "qd-ttg", "Quân khu 9"])
def test_parse_code_refuses_what_has_no_number_and_symbol(raw: str) -> None:
    with pytest.raises(ValueError, match="not a document number"):
        parse_code(raw)


@pytest.mark.parametrize(
    ("code", "local"),
    [
        ("06-ĐA/TU", True),  # every province's Tỉnh ủy
        ("238-KH/TU", True),
        ("39-BC/ĐU", True),
        ("12-KH/HU", True),
        ("05-HD/BTGTU", True),
        ("40/QĐ-UBND", True),
        ("524/UBND-KT", True),
        ("18/2023/NQ-HĐND", True),
        ("1966/SKHCN-TTCĐS", True),  # a Sở
        ("09/CV-BCĐ", True),
        ("208-QĐ/TW", False),
        ("36-HD/VPTW", False),
        ("1490/QĐ-TTg", False),
        ("30/2020/NĐ-CP", False),
        ("7415/BNV-CCVC", False),
        ("69/2020/QH14", False),
        ("1206/QĐ-HVTC", False),  # unknown issuers are not assumed local
        ("not a code", False),
    ],
)
def test_local_symbols(code: str, local: bool) -> None:
    assert is_local_symbol(code) is local


# ------------------------------------------------------------------ properties

TYPES = ["QĐ", "NQ", "CT", "KL", "KH", "HD", "TB", "BC", "CTr", "QC", "ĐA", "CV", "NĐ", "TT"]
PARTY_ISSUERS = ["TW", "TU", "HU", "ĐU", "VPTW", "BTCTW", "BTGDVTW", "UBKTTU"]
STATE_ISSUERS = ["TTg", "CP", "BNV", "UBND", "HĐND", "SKHCN", "BLĐTBXH", "VKSNDTC"]
DASHES = ["-", "–", "—", " - ", " -", "- ", "-\n"]
numbers = st.integers(min_value=1, max_value=9999).map(str) | st.sampled_from(["01", "06", "09"])


@st.composite
def codes(draw: st.DrawFn) -> str:
    number = draw(numbers)
    doc_type = draw(st.sampled_from(TYPES))
    if draw(st.booleans()):
        return f"{number}-{doc_type}/{draw(st.sampled_from(PARTY_ISSUERS))}"
    year = draw(st.sampled_from(["", "2019/", "2024/"]))
    return f"{number}/{year}{doc_type}-{draw(st.sampled_from(STATE_ISSUERS))}"


@st.composite
def misspelt(draw: st.DrawFn, code: str) -> str:
    """The same code with case, diacritics, spaces and dashes changed as writers do."""
    text = code
    if draw(st.booleans()):
        text = fold(text)  # no diacritics, lower case: "qd-ttg"
    elif draw(st.booleans()):
        text = text.upper()
    dash = draw(st.sampled_from(DASHES))
    text = text.replace("-", dash)
    if draw(st.booleans()):
        text = text.replace("/", draw(st.sampled_from([" /", "/ ", " / ", "/\n"])))
    return text


# Text made of what codes are made of, so that most draws come close to being one.
code_like = st.lists(st.sampled_from(list("0123456789/-– .:&\nQĐDdđTtWwUuHhNnCcgASsốoL")),
                     max_size=25).map("".join)


@settings(max_examples=500)
@given(st.text(max_size=40) | code_like)
def test_canonical_code_is_idempotent_on_any_text(raw: str) -> None:
    once = canonical_code(raw)
    if once is not None:
        assert canonical_code(once) == once


@given(codes())
def test_canonical_code_is_idempotent_on_codes(code: str) -> None:
    once = canonical_code(code)
    assert once is not None
    assert canonical_code(once) == once


@given(st.data())
def test_code_key_ignores_case_diacritics_spaces_and_dashes(data: st.DataObject) -> None:
    code = data.draw(codes())
    variant = data.draw(misspelt(code))
    assert code_key(variant) == code_key(code)


@given(codes())
def test_written_diacritics_survive_and_typed_ones_are_restored(code: str) -> None:
    # Typing without diacritics loses nothing the symbol table knows (QĐ, NĐ, ĐU, HĐND ...),
    # except where folding merges two symbols (HĐ/HD, ĐA/DA) and the system decides.
    assert code_key(canonical_code(fold(code)) or "") == code_key(code)
