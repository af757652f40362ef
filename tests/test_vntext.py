"""Folding and tone-mark normalisation: the keys every lookup uses."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbgraph.vntext import canonical_tones, fold, name_key, nfc, normalize_name, unglue

VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
                                  "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐÔƠƯÁÀỦỶ-/")),
    max_size=40,
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Uỷ ban", "Ủy ban"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("hoá", "hóa"),
        ("khoá XII", "khóa XII"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("quý IV", "quý IV"),  # qu + y: the tone already sits where it belongs
        ("hoàn thành", "hoàn thành"),  # closed syllable: unchanged in both styles
        ("UỶ BAN", "ỦY BAN"),
    ],
)
def test_one_tone_mark_style(old: str, new: str) -> None:
    assert canonical_tones(old) == new


def test_fold_drops_diacritics_and_maps_d() -> None:
    assert fold("Quyết định số 208-QĐ/TW") == "quyet dinh so 208-qd/tw"
    assert fold("Ðảng") == "dang"  # the look-alike eth


def test_name_key_ignores_glued_words_and_tone_style() -> None:
    assert name_key("Ban Thường vụTỉnh uỷ") == name_key("Ban Thường vụ Tỉnh ủy")


def test_nfd_input_is_composed() -> None:
    assert nfc(unicodedata.normalize("NFD", "Nghị quyết")) == "Nghị quyết"


@given(VIETNAMESE)
def test_fold_keeps_length_of_nfc_text(text: str) -> None:
    # Extractors match on folded text and use the offsets in the original.
    assert len(fold(nfc(text))) == len(nfc(text))


@given(VIETNAMESE)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert fold(canonical_tones(text)) == fold(text)


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("Ban Thường vụTỉnh uỷ", "Ban Thường vụ Tỉnh ủy"),  # lower case then a capital
        ("BCĐ sắp xếp đơn vịhành chính", "BCĐ sắp xếp đơn vị hành chính"),  # vowel + h
        ("Nghịđịnh số 67", "Nghị định số 67"),  # đ only starts a syllable
        ("thủtục hành chính", "thủ tục hành chính"),  # a stop final takes sắc or nặng only
        ("quy địnhvềchức năng", "quy định về chức năng"),  # "hv" is no onset and no final
        ("Uỷban nhân dân", "Ủy ban nhân dân"),
    ],
)
def test_glued_words_are_split_where_no_syllable_can_join_them(glued: str, spaced: str) -> None:
    assert normalize_name(glued) == spaced


@pytest.mark.parametrize(
    "word",
    ["QyĐ", "TTg", "CTr/ĐU", "COVID-19", "Facebook", "nghiệp", "thuyết", "người", "khuya",
     "trường", "nguyễn", "quốc", "huýt", "Khánh Hòa", "hệthống"],  # the last: ambiguous
)
def test_words_that_may_be_whole_are_left_alone(word: str) -> None:
    assert unglue(word) == word
