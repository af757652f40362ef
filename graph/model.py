"""The typed data model every stage of vbgraph speaks.

A document travels through the pipeline as:

    file --loaders--> SourceText --extract--> Extraction --graph.build--> Graph --store-->

`SourceText` is repaired text with enough bookkeeping to point back at a page and line;
`Extraction` is what was found in one document (spans in that text); `Graph` is nodes and
relationships with stable ids, ready for a store or an export.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# --------------------------------------------------------------------------- source text


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a source as a reader sees it: `number` counts from the top of its page
    when the source has real pages (PDF), from the top of the file otherwise."""

    text: str
    number: int
    page: int | None = None


@dataclass(slots=True)
class SourceText:
    """The repaired body text of one source file.

    `text` is the body lines joined with "\\n". `line_starts[i]` is the offset in `text` where
    `lines[i]` begins; repairs that move characters between lines (a code split over two
    lines) keep those offsets true, so any span can be traced back with `locate`.
    """

    path: str
    format: str
    lines: list[SourceLine]
    footnotes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    text: str = field(init=False)
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.reindex()

    @classmethod
    def from_text(cls, text: str, path: str = "text.txt") -> SourceText:
        """A source from a string already in hand: one line per line, numbered as in the
        string, blank lines left out. No repair is done; `loaders.read_source` does that."""
        lines = [
            SourceLine(text=line, number=i + 1)
            for i, line in enumerate(text.splitlines())
            if line.strip()
        ]
        return cls(path=path, format="txt", lines=lines)

    def reindex(self) -> None:
        """Rebuild `text` and `line_starts` after `lines` changed."""
        starts, offset = [], 0
        for line in self.lines:
            starts.append(offset)
            offset += len(line.text) + 1
        self.line_starts = starts
        self.text = "\n".join(line.text for line in self.lines)

    def line_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.line_starts, offset) - 1)

    def locate(self, offset: int) -> tuple[int | None, int]:
        """(page, line number) of the character at `offset`."""
        if not self.lines:
            return None, 1
        line = self.lines[self.line_index(offset)]
        return line.page, line.number

    def evidence(self, start: int, end: int, quote: str | None = None) -> Evidence:
        page, line = self.locate(start)
        return Evidence(
            source_file=self.path,
            page=page,
            line=line,
            quote=quote if quote is not None else self.text[start:end],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: file, page, line and the quoted sentence (original spelling)."""

    source_file: str
    page: int | None
    line: int
    quote: str
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------- extraction


class Intent(StrEnum):
    """Why a document is cited, as the wording says it."""

    IMPLEMENTS = "implements"  # thực hiện, triển khai, quán triệt, cụ thể hóa
    REVIEWS = "reviews"  # sơ kết, tổng kết
    AMENDS = "amends"  # sửa đổi, bổ sung
    REPLACES = "replaces"  # thay thế
    REPEALS = "repeals"  # bãi bỏ
    GUIDES = "guides"  # hướng dẫn
    BASED_ON = "basedOn"  # Căn cứ ... (preamble)
    MENTIONS = "mentions"


class TaskKind(StrEnum):
    """What sort of numbered part of a document a Task is."""

    PART = "part"  # Phần, A. B. / Roman I. II.
    SECTION = "section"  # 1. 2. / 1.1.
    ITEM = "item"  # a) b) / - +
    CHAPTER = "chapter"  # Chương
    SUBSECTION = "subsection"  # Mục
    ARTICLE = "article"  # Điều
    CLAUSE = "clause"  # Khoản (1. under an Điều)
    POINT = "point"  # Điểm (a) under a Khoản)


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to another document, numbered (`code` set) or named (`title` only)."""

    as_written: str
    start: int
    end: int
    code: str | None = None  # canonical: "208-QĐ/TW", "30/2020/NĐ-CP"
    doc_type: str | None = None  # "Quy định", "Nghị định", ...
    number: str | None = None
    symbol: str | None = None  # "QĐ/TW", "NĐ-CP"
    year: int | None = None
    issued_date: str | None = None  # ISO 8601
    issuer: str | None = None
    subject: str | None = None
    title: str | None = None  # named references: "Điều lệ Đảng"
    intent: Intent = Intent.MENTIONS

    @property
    def numbered(self) -> bool:
        return self.code is not None


@dataclass(frozen=True, slots=True)
class TaskSpan:
    """A heading and the text under it: `path` like "II.1.2" or "Điều 5.2.a"."""

    path: str
    title: str
    kind: TaskKind
    start: int  # offset of the heading
    end: int  # offset where the next sibling-or-higher heading starts
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """An agency named in the text, with its canonical name."""

    name: str  # canonical, e.g. "Ủy ban nhân dân tỉnh"
    as_written: str
    start: int
    end: int
    abbreviation: str | None = None


class Role(StrEnum):
    """An agency's part in a task, as the wording gives it."""

    RESPONSIBLE = "responsible"  # the subject of a directive: "Ban Tuyên giáo ... triển khai"
    LEAD = "lead"  # chủ trì
    COOPERATE = "cooperate"  # phối hợp
    ADVISE = "advise"  # tham mưu


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who is to do a task ("chủ trì", "phối hợp", the subject of a directive)."""

    agency: str
    start: int
    end: int
    role: Role = Role.RESPONSIBLE


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date or period: "hoàn thành trong quý IV/2024" -> due "2024-Q4"."""

    due: str  # ISO date, "YYYY-MM", "YYYY-Qn" or "YYYY"
    as_written: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Signature:
    on_behalf_of: str | None  # "Tỉnh ủy" from "T/M TỈNH ỦY"
    position: str | None  # "Phó Bí thư"
    signer: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Header:
    """The document's own identity from its header block. Its number is not a citation."""

    code: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None  # "ĐẢNG BỘ TỈNH KHÁNH HOÀ" above the issuer
    place: str | None = None
    issued_date: str | None = None
    province: str | None = None  # scope for local symbols (/TU, /HU, /ĐU)
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Extraction:
    """Everything found in one source document."""

    source: SourceText
    header: Header
    tasks: list[TaskSpan] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    agencies: list[AgencyMention] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    recipients: list[AgencyMention] = field(default_factory=list)
    signature: Signature | None = None
    content_hash: str = ""

    def task_at(self, offset: int) -> TaskSpan | None:
        """The innermost task whose span holds `offset` (None: preamble or closing)."""
        best: TaskSpan | None = None
        for task in self.tasks:
            if task.start <= offset < task.end and (best is None or task.start >= best.start):
                best = task
        return best


# --------------------------------------------------------------------------- graph


class Label(StrEnum):
    DOCUMENT = "Document"
    AGENCY = "Agency"
    TASK = "Task"


class RelType(StrEnum):
    CITES = "CITES"
    ISSUED_BY = "ISSUED_BY"
    PART_OF = "PART_OF"
    ASSIGNED_TO = "ASSIGNED_TO"
    ADDRESSED_TO = "ADDRESSED_TO"
    BASED_ON = "BASED_ON"


@dataclass(frozen=True, slots=True)
class Node:
    """A graph node. `id` is stable across runs and machines (derived from codes and names);
    `properties` use Neo4j-style camelCase keys (`code`, `docType`, `issuedDate`, ...)."""

    id: str
    label: Label
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Relationship:
    """A graph edge; `properties` carry the evidence (`sourceFile`, `page`, `line`, `quote`)."""

    type: RelType
    start: str
    end: str
    properties: dict[str, Any]

    @property
    def id(self) -> str:
        ev = self.properties
        return f"{self.type}:{self.start}->{self.end}@{ev.get('sourceFile')}:{ev.get('offset', 0)}"


@dataclass(slots=True)
class Graph:
    """The part of the graph one source file contributes (or a whole store's contents)."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
