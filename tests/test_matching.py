"""Content matching for the audit: Vietnamese syllables, one spelling, explainable phrases."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vbgraph.queries.matching import Matcher, clauses

CORPUS = [
    "Tập trung chuẩn bị tốt công tác tuyển chọn và gọi công dân nhập ngũ năm 2026.",
    "Nghị quyết về công tác tuyển chọn và gọi công dân nhập ngũ hằng năm.",
    "Đẩy mạnh chuyển đổi số, cải cách hành chính; nâng cao chất lượng giáo dục.",
    "Tổ chức các hoạt động mừng Đảng - mừng Xuân, đón Tết Nguyên đán.",
    "Ủy ban Mặt trận Tổ quốc xã chủ trì, phối hợp tham mưu trình trong tháng 01/2026.",
    "Xây dựng nông thôn mới và giảm nghèo bền vững giai đoạn 2026 - 2030.",
    "Công dân nhập ngũ; công dân cư trú; bảo tồn văn hóa dân tộc.",
]


def score(mandate: str, candidate: str) -> tuple[float, tuple[str, ...]]:
    matcher = Matcher(CORPUS)
    match = matcher.match(matcher.features(mandate), matcher.features(candidate))
    return match.score, match.phrases


def test_the_shared_key_phrase_is_shown_with_the_score() -> None:
    value, phrases = score(
        "Nghị quyết về công tác tuyển chọn và gọi công dân nhập ngũ hằng năm.",
        "Tập trung chuẩn bị tốt công tác tuyển chọn và gọi công dân nhập ngũ năm 2026.",
    )
    assert value > 0.5
    assert phrases[0] == "tuyển chọn và gọi công dân nhập ngũ"


def test_tone_mark_styles_and_unicode_forms_are_one_spelling() -> None:
    old_style = "Bảo tồn văn hoá dân tộc, Uỷ ban chỉ đạo"
    new_style = unicodedata.normalize("NFD", "bảo tồn văn hóa dân tộc, ủy ban chỉ đạo")
    value, phrases = score(old_style, new_style)
    assert value > 0.5
    assert "bảo tồn văn hóa dân tộc" in phrases


def test_syllables_glued_by_the_pdf_layer_are_split_again() -> None:
    # "dânnhập": the spelling rules allow "dânn"; the corpus writes "dân" and "nhập" alone.
    value, phrases = score("tuyển chọn công dânnhập ngũ", "tuyển chọn công dân nhập ngũ")
    assert phrases == ("tuyển chọn công dân nhập ngũ",)
    assert value > 0.6
    glued_by_rule, _ = score("hoạt động mừng ĐảngMừng Xuân", "hoạt động mừng Đảng Mừng Xuân")
    assert glued_by_rule > 0.6


def test_who_and_when_do_not_make_two_mandates_alike() -> None:
    assignment = "Ủy ban Mặt trận Tổ quốc xã chủ trì, phối hợp tham mưu trình trong tháng 01/2026"
    value, _ = score(
        f"Nghị quyết về chuyển đổi số. {assignment}",
        f"Nghị quyết về xây dựng nông thôn mới. {assignment}",
    )
    assert value == 0


def test_function_words_alone_share_nothing() -> None:
    assert score("của các cơ quan và các đơn vị", "của các ngành và các cấp")[0] == 0


def test_a_pair_never_spans_punctuation() -> None:
    # "số, cải" is not the phrase "số cải".
    assert score("chuyển đổi số, cải cách", "số cải")[0] == 0


def test_the_work_clauses_under_a_heading_are_left_out() -> None:
    text = "2.1. Nghị quyết về giáo dục Đảng uỷUBND xã chủtrì, phối hợp các cơ quan tham mưu"
    kept = " ".join(clauses(text, title="Nghị quyết về giáo dục"))
    assert "giáo dục" in kept and "chủtrì" not in kept and "phối hợp" not in kept


def test_a_cited_documents_name_is_not_shared_content() -> None:
    name = "Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I"
    matcher = Matcher(CORPUS)
    mandate = matcher.features(f"Sơ kết giữa nhiệm kỳ {name}", cited=[name])
    other = matcher.features(f"Năm đầu thực hiện {name}")
    assert matcher.match(mandate, other).score == 0
    # A citation whose wording was not kept takes nothing out.
    kept = matcher.features("Sơ kết giữa nhiệm kỳ", cited=["", "  "])
    assert kept == matcher.features("Sơ kết giữa nhiệm kỳ") and ("sơ", "kết") in kept.pairs


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệ ,.", max_size=80),
       st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệ ,.", max_size=80))
def test_a_score_is_between_zero_and_one_and_a_text_covers_itself_most(a: str, b: str) -> None:
    matcher = Matcher([a, b, *CORPUS])
    fa, fb = matcher.features(a), matcher.features(b)
    other = matcher.match(fa, fb).score
    assert 0 <= other < 1
    assert matcher.match(fa, fa).score >= other
