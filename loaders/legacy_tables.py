"""Conversion tables for the two 8-bit Vietnamese encodings still found in old files.

Both were font encodings: the bytes are ordinary Windows-1252 text, and only the font made them
look Vietnamese. Read without that font they show as "§éc lËp" (TCVN3) or "Ñoäc laäp" (VNI).

TCVN3 ("ABC") is the VN3 level of the national standard TCVN 5712:1993 "Vietnamese coded
character set for information interchange". One byte per letter in 0xA1-0xFF; the lower
half is ASCII. VN3 has no toned capitals: documents took them from a second font
(.VnTimeH) that drew the lower-case codes as capitals, so converted text shows them in lower
case. The level VN1 is a superset whose extra slots hold the toned capitals that VN3
leaves empty; glibc's iconv charset TCVN5712-1 is VN1 and agrees with the two tables below
byte for byte over 0xA0-0xFF (a test checks this where iconv is installed). VN1 also puts
capitals in 0x80-0x9F and even in C0 controls; ABC files use 0x80-0x9F for Windows-1252
punctuation (“ ” – …), so those bytes are read as Windows-1252 here.

VNI ("VNI Windows", from VNI Software) is not a standard but was as common: a base letter
followed by a separate byte for its marks ("a" + "ø" = "à", "o" + "ä" = "ộ"), with a few
letters in one byte ("ô" = "ơ", "ö" = "ư", "ñ" = "đ", "æ" = "ỉ"). Capitals use the capital
forms of the mark bytes ("AØ" = "À"; "QÑ-TTg" = "QĐ-TTg").
"""

from __future__ import annotations

# TCVN 5712:1993 level VN3 ("ABC"): 0xA0-0xFE.
TCVN3_HIGH: dict[int, str] = {
    0xA0: "\u00a0",
    # base capitals and small letters with their own shapes
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    # a, ă, â with tones
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    # e, ê
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    # i
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    # o, ô, ơ
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    # u, ư
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    # y
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# The slots VN3 leaves empty, as level VN1 fills them: combining tone marks and toned
# capitals. Read too, since a file made by a VN1 converter may have them.
TCVN3_VN1_EXTRA: dict[int, str] = {
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xAF: "Ằ", 0xBA: "Ẳ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ",
    0xC4: "Ấ", 0xC5: "Ề", 0xCD: "Ể", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xE0: "Ổ",
    0xF0: "Ỗ", 0xFF: "Ố",
}  # fmt: skip

# VNI Windows, lower case: "bytes as Windows-1252 text" -> Unicode, one pair per entry.
# Capitals are the upper-case forms of both sides ("AØ" -> "À"), built in legacy.py.
VNI_LOWER = """
aù á  aø à  aû ả  aõ ã  aï ạ
aâ â  aá ấ  aà ầ  aå ẩ  aã ẫ  aä ậ
aê ă  aé ắ  aè ằ  aú ẳ  aü ẵ  aë ặ
eù é  eø è  eû ẻ  eõ ẽ  eï ẹ
eâ ê  eá ế  eà ề  eå ể  eã ễ  eä ệ
où ó  oø ò  oû ỏ  oõ õ  oï ọ
oâ ô  oá ố  oà ồ  oå ổ  oã ỗ  oä ộ
ô ơ   ôù ớ  ôø ờ  ôû ở  ôõ ỡ  ôï ợ
uù ú  uø ù  uû ủ  uõ ũ  uï ụ
ö ư   öù ứ  öø ừ  öû ử  öõ ữ  öï ự
í í   ì ì   æ ỉ   ó ĩ   ò ị
yù ý  yø ỳ  yû ỷ  yõ ỹ  î ỵ
ñ đ
"""

# Characters that a mis-read TCVN3 or VNI text is full of and real Vietnamese never uses
# (Latin-1 letters and signs outside the Vietnamese alphabet): the cheap first look.
TCVN3_SIGNS = "§®¸µ¶·¹»¼½¾ÆÇËÎÏÑÖ×ØÜÞßåæçëîïñö÷øûüþ"
VNI_SIGNS = "øöñÑïæäåûüëîÖØÛÏÆÄÅËÎ"
