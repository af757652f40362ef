"""The closing block of a document: the recipients ("Nơi nhận:") and the signature
("T/M TỈNH ỦY" / "PHÓ BÍ THƯ")."""

from __future__ import annotations

import re

from vbgraph.extract.agencies import display_name
from vbgraph.extract.agency_names import POSITIONS
from vbgraph.extract.lines import is_caps, line_end, skippable
from vbgraph.graph.model import AgencyMention, Signature, SourceText
from vbgraph.vntext import normalize_name

_SIGNING = re.compile(r"\s*(T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)\s+(\S.*?)\s*$")
_SIGNING_FIRST = ("T", "K", "Q")
_RECIPIENTS = re.compile(r"\s*Nơi\s*nhận\s*:?\s*(.*)$")
_ITEM = re.compile(r"\s*[-+•]\s*(.*)$")
_FILED = re.compile(r"Lưu\b", re.IGNORECASE)  # "- Lưu VPTU.", "- Lưu: VT, ..."
_PURPOSE = re.compile(  # "(báo cáo)", "(để biết)": why it is sent, not who receives it
    r"\s*\((?:để\s+)?(?:báo\s*cáo|b/c|biết|thực\s*hiện|t/h|phối\s*hợp|chỉ\s*đạo)\)",
    re.IGNORECASE,
)


def _name_line(line: str) -> bool:
    """A signer's name: "Phạm Thị Thanh Trà", "Trung tướng Nguyễn Duy Ngọc"."""
    words = line.split()
    return (
        1 < len(words) <= 7
        and line.strip()[0].isupper()
        and not is_caps(line)
        and not any(c.isdigit() for c in line)
        and not line.rstrip().endswith((".", ":", ",", ";"))
    )


def _signature_at(source: SourceText, i: int, on_behalf: str | None) -> Signature:
    """The position and name from line i on (after it, when line i is "T/M ...")."""
    lines = source.lines
    position: str | None = None
    signer: str | None = None
    last = i
    for j in range(i + (on_behalf is not None), min(i + 8, len(lines))):
        line = lines[j].text
        if skippable(line):
            continue
        if _SIGNING.match(line) and position is None:
            last = j  # "TM. CHÍNH PHỦ" then "KT. THỦ TƯỚNG": the outer one speaks
            continue
        if is_caps(line) and position is None and on_behalf and not is_position(line):
            on_behalf, last = (
                display_name(f"{on_behalf} {line}"),
                j,
            )  # "KT. CHÁNH ÁN" / "TÒA ÁN ..."
        elif is_caps(line) and position is None:
            position, last = display_name(line), j
        elif position is not None and _name_line(line):
            signer, last = " ".join(line.split()), j
            break
        else:
            break
    start = source.line_starts[i]
    return Signature(on_behalf, position, signer, start, line_end(source, last))


def find_signature(source: SourceText) -> Signature | None:
    """The signature block: "T/M TỈNH ỦY" / "PHÓ BÍ THƯ" -> on behalf of "Tỉnh ủy", position
    "Phó Bí thư"; "KT. THỦ TƯỚNG" / "PHÓ THỦ TƯỚNG" / "Phạm Thị Thanh Trà"; or a position
    alone ("BỘ TRƯỞNG" / "Phạm Thị Thanh Trà"). The first block counts where several sign."""
    lines = source.lines
    for i, line in enumerate(lines):
        # The pattern's words start with T, K or Q: other lines are not tried.
        m = _SIGNING.match(line.text) if line.text.lstrip()[:1] in _SIGNING_FIRST else None
        if m and is_caps(m.group(2)):
            return _signature_at(source, i, display_name(m.group(2)))
    # A capitals position line followed by a person's name; a header line ("THỦ TƯỚNG
    # CHÍNH PHỦ") is followed by the number or the motto, never by a name.
    for i in range(len(lines)):
        text = lines[i].text
        if is_caps(text) and is_position(text) and next_is_name(source, i):
            return _signature_at(source, i, None)
    return None


def is_position(line: str) -> bool:
    """A capitals line naming an office: "PHÓ BÍ THƯ", "CHỦ TỊCH QUỐC HỘI"."""
    name = display_name(line)
    return any(name == p or name.startswith(p + " ") for p, _ in POSITIONS)


def next_is_name(source: SourceText, i: int) -> bool:
    for j in range(i + 1, min(i + 5, len(source.lines))):
        line = source.lines[j].text
        if not skippable(line):
            return _name_line(line)
    return False


def find_recipients(source: SourceText) -> list[AgencyMention]:
    """The "Nơi nhận:" list, one item per "- ..." joined across wrapped lines; filing notes
    ("- Lưu VPTU.") are left out, and so are notes of purpose such as "(báo cáo)"."""
    lines = source.lines
    if "Nơi" not in source.text:  # no "Nơi nhận:" heading, no list: skip the line search
        return []
    head = next(
        (i for i, line in enumerate(lines) if "Nơi" in line.text and _RECIPIENTS.match(line.text)),
        None,
    )
    if head is None:
        return []
    items: list[list[int]] = []  # [start, end] offsets in source.text
    first = _RECIPIENTS.match(lines[head].text)
    assert first is not None
    if first.group(1).strip():
        pos = source.line_starts[head] + first.start(1)
        items.append([pos, line_end(source, head)])
    for j in range(head + 1, min(head + 40, len(lines))):
        text = lines[j].text
        item = _ITEM.match(text)
        if item:
            pos = source.line_starts[j] + item.start(1)
            items.append([pos, line_end(source, j)])
        elif skippable(text):
            continue
        elif is_caps(text) or _SIGNING.match(text) or not items:
            break
        else:
            items[-1][1] = line_end(source, j)
        if _FILED.match(source.text[items[-1][0] : items[-1][1]]):
            break
    return [r for r in (_recipient(source.text, s, e) for s, e in items) if r is not None]


def _recipient(text: str, start: int, end: int) -> AgencyMention | None:
    written = " ".join(text[start:end].split()).rstrip(" ,;.")
    if not written or _FILED.match(written):
        return None
    while written.endswith(")") and (m := _PURPOSE.search(written)) and m.end() == len(written):
        written = written[: m.start()].rstrip(" ,;.")
    stripped = text[start:end].rstrip(" ,;.")
    return AgencyMention(normalize_name(written), written, start, start + len(stripped))
