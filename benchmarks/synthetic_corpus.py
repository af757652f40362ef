"""A deterministic synthetic corpus shaped like what `vbgraph build` makes of real programmes.

Each document is one source file's contribution: its Document node, 30-80 tasks in a PART_OF
tree, CITES to cited documents, ASSIGNED_TO and ADDRESSED_TO agencies, ISSUED_BY, evidence
(`sourceFile`, `page`, `line`, `quote`, `offset`) on every relationship. Cited documents and
agencies come from shared pools, central ones for the whole corpus and provincial ones per
province, popular ones far more often, so that as in a real corpus a few nodes are asserted by
nearly every document. Used by `neo4j_load.py` and `rdf_export.py`.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Generic, TypeVar

from vbgraph.graph.build import agency_id, document_id, named_document_id, slug, task_id
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType

PROVINCES = ("Hậu Giang", "Khánh Hòa", "Nghệ An", "Bắc Ninh", "Đồng Tháp", "Lào Cai",
             "Quảng Nam", "Sóc Trăng")
CENTRAL_AGENCIES = ("Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Chính phủ",
                    "Thủ tướng Chính phủ", "Quốc hội", "Văn phòng Trung ương Đảng",
                    "Ban Tổ chức Trung ương", "Ban Tuyên giáo Trung ương",
                    "Ủy ban Kiểm tra Trung ương", "Quân khu 9", "Ban Chỉ đạo 35")
LOCAL_AGENCIES = ("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh",
                  "Ủy ban nhân dân tỉnh", "Hội đồng nhân dân tỉnh", "Ban Tổ chức Tỉnh ủy",
                  "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
                  "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy", "Sở Nội vụ tỉnh",
                  "Sở Tài chính tỉnh", "Sở Kế hoạch và Đầu tư tỉnh", "Sở Y tế tỉnh",
                  "Sở Giáo dục và Đào tạo tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
                  "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh",
                  "Hội Liên hiệp Phụ nữ tỉnh", "Đảng đoàn Hội đồng nhân dân tỉnh",
                  "Ban cán sự đảng Ủy ban nhân dân tỉnh")
CENTRAL_TYPES = (("Quy định", "QĐ/TW"), ("Nghị quyết", "NQ/TW"), ("Chỉ thị", "CT/TW"),
                 ("Kết luận", "KL/TW"), ("Hướng dẫn", "HD/TW"))
LOCAL_TYPES = (("Kế hoạch", "KH/TU"), ("Quy định", "QĐ/TU"), ("Nghị quyết", "NQ/TU"),
               ("Chỉ thị", "CT/TU"), ("Đề án", "ĐA/TU"), ("Quy chế", "QC/TU"))
NAMED = ("Điều lệ Đảng", "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
         "Chương trình mỗi xã một sản phẩm (OCOP)", "Chương trình công tác năm 2024",
         "Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025")
INTENTS = ("implements", "implements", "implements", "reviews", "guides", "amends", "mentions")
ROLES = ("responsible", "responsible", "lead", "cooperate", "advise")
WORDS = (  # split when used
    "tiếp tục lãnh đạo chỉ đạo triển khai thực hiện có hiệu quả nghị quyết chỉ thị kết luận "
    "của Trung ương Tỉnh ủy về công tác xây dựng Đảng chính quyền kiểm tra giám sát tổ chức "
    "cán bộ đảng viên tuyên truyền vận động nhân dân phát triển kinh tế xã hội quốc phòng an "
    "ninh đối ngoại nâng cao chất lượng đội ngũ cải cách hành chính chuyển đổi số nông thôn "
    "mới đô thị văn hóa giáo dục y tế môi trường đầu tư công giải ngân vốn hoàn thành trong "
    "quý năm kế hoạch đề ra bảo đảm kịp thời đúng quy định các cấp ngành địa phương đơn vị"
)
ROMAN = ("I", "II", "III", "IV", "V")

# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True, slots=True)
class Document:
    """One source file's contribution, as `vbgraph build` would hand it to a store."""

    path: str
    doc_id: str
    content_hash: str
    graph: Graph


@dataclass(frozen=True, slots=True)
class Cited:
    """A document others cite: its id, what a citation says of it, and its issuer."""

    id: str
    props: dict[str, Any]
    issuer: str | None


T = TypeVar("T")


class Pool(Generic[T]):
    """Things to pick from, the first far more often than the last (Zipf-like), as a few
    documents and agencies are named by almost every document and most by few."""

    def __init__(self, items: Sequence[T], skew: float) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(1 / (i + 1) ** skew for i in range(len(items))))

    def pick(self, rng: random.Random, count: int = 1) -> list[T]:
        return rng.choices(self.items, cum_weights=self.cumulative, k=count)


class _Builder:
    """One document's graph: each node once, evidence on every relationship, offsets rising
    through the text as extraction would find them (so relationship ids are unique)."""

    def __init__(self, path: str, province: str, rng: random.Random) -> None:
        self.path = path
        self.province = province
        self.rng = rng
        self.nodes: dict[str, Node] = {}
        self.rels: list[Relationship] = []
        self.offset = 0

    def node(self, node_id: str, label: Label, props: dict[str, Any]) -> str:
        self.nodes.setdefault(node_id, Node(node_id, label, props))
        return node_id

    def rel(self, rel_type: RelType, start: str, end: str, quote: str, **extra: Any) -> None:
        self.offset += self.rng.randint(20, 400)
        line = self.offset // 45 + 1
        evidence = {"sourceFile": self.path, "page": line // 60 + 1, "line": line,
                    "quote": quote, "offset": self.offset}
        self.rels.append(Relationship(rel_type, start, end, {**extra, **evidence}))

    def graph(self) -> Graph:
        return Graph(nodes=list(self.nodes.values()), relationships=self.rels)


class Corpus:
    """Deterministic synthetic documents. Central documents and agencies are shared by the
    whole corpus, a province's own by the documents of that province."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.text = " ".join(self.rng.choices(WORDS.split(), k=40_000))
        central = [Cited(named_document_id(t), {"docType": t.split()[0], "title": t}, None)
                   for t in NAMED]
        central += [self._numbered(doc_type, f"{n}-{symbol}", None) for n in range(1, 301)
                    for doc_type, symbol in [self.rng.choice(CENTRAL_TYPES)]]
        self.central = Pool(central, skew=0.9)
        self.local = {p: Pool([self._numbered(doc_type, f"{n:02d}-{symbol}", p)
                               for n in range(1, 151)
                               for doc_type, symbol in [self.rng.choice(LOCAL_TYPES)]], skew=0.9)
                      for p in PROVINCES}
        self.agencies = {p: Pool([*CENTRAL_AGENCIES, *(f"{kind} {p}" for kind in LOCAL_AGENCIES)],
                                 skew=0.6) for p in PROVINCES}

    def _numbered(self, doc_type: str, code: str, province: str | None) -> Cited:
        number, _, symbol = code.partition("-")
        issuer = (self.rng.choice(LOCAL_AGENCIES[:3]) + f" {province}" if province
                  else self.rng.choice(CENTRAL_AGENCIES[:4]))
        props: dict[str, Any] = {
            "code": code, "docType": doc_type, "number": number, "symbol": symbol,
            "issuer": issuer, "issuedDate": self.date(),
            "title": self.sentence(40, 160),
        }
        if province:
            props["province"] = province
        return Cited(document_id(code, province), props, issuer)

    def date(self) -> str:
        day = self.rng.randint(1, 28)
        return f"{self.rng.randint(2010, 2024)}-{self.rng.randint(1, 12):02d}-{day:02d}"

    def sentence(self, shortest: int, longest: int) -> str:
        start = self.rng.randrange(len(self.text) - longest)
        start = self.text.index(" ", start) + 1
        piece = self.text[start:start + self.rng.randint(shortest, longest)]
        return piece.rsplit(" ", 1)[0].capitalize()

    def documents(self, relationships: int) -> list[Document]:
        """Documents until together they hold at least `relationships` relationships."""
        docs: list[Document] = []
        total = 0
        while total < relationships:
            docs.append(self.document(len(docs)))
            total += len(docs[-1].graph.relationships)
        return docs

    def document(self, index: int) -> Document:
        province = PROVINCES[index % len(PROVINCES)]
        path = f"synthetic/{slug(province)}/chuong-trinh-{index:05d}.txt"
        b = _Builder(path, province, self.rng)
        doc_id = self._own_document(b, index, province, path)
        self._tasks(b, doc_id)
        for _ in range(self.rng.randint(1, 2)):
            self._cite(b, doc_id, self.sentence(60, 300))
        target = self._cite(b, doc_id, self.sentence(60, 300))
        b.rel(RelType.BASED_ON, doc_id, target, self.sentence(60, 300))
        for name in self._agencies(b, self.rng.randint(4, 9)):
            b.rel(RelType.ADDRESSED_TO, doc_id, self._agency(b, name), name)
        content_hash = hashlib.sha256(path.encode()).hexdigest()
        return Document(path, doc_id, content_hash, b.graph())

    def _own_document(self, b: _Builder, index: int, province: str, path: str) -> str:
        code = f"{index + 1}-CTr/TU"
        issuer = f"Tỉnh ủy {province}"
        doc_id = b.node(document_id(code, province), Label.DOCUMENT, {
            "code": code, "docType": "Chương trình công tác", "number": str(index + 1),
            "symbol": "CTr/TU", "issuer": issuer, "province": province, "format": "txt",
            "issuedDate": f"2024-{index % 12 + 1:02d}-15", "inCorpus": True, "sourceFile": path,
            "signedOnBehalfOf": "Tỉnh ủy", "signerPosition": "Phó Bí thư",
            "title": self.sentence(40, 160),
        })
        b.rel(RelType.ISSUED_BY, doc_id, self._agency(b, issuer), self.sentence(60, 300))
        return doc_id

    def _tasks(self, b: _Builder, doc_id: str) -> None:
        """30-80 headings in a tree up to four deep, each PART_OF its parent (or the
        document), some citing documents and assigned to agencies."""
        tree: list[tuple[str, int]] = []  # (path, depth) in document order
        children: dict[str, int] = {}
        for i in range(self.rng.randint(30, 80)):
            tops = sum(1 for _, depth in tree if depth == 0)
            if i == 0 or (tops < len(ROMAN) and self.rng.random() < 0.04):
                path, depth, parent = ROMAN[tops], 0, doc_id
            else:
                parent_path, parent_depth = self.rng.choice(
                    [t for t in tree[-6:] if t[1] < 3] or tree[:1])
                children[parent_path] = children.get(parent_path, 0) + 1
                path, depth = f"{parent_path}.{children[parent_path]}", parent_depth + 1
                parent = task_id(doc_id, parent_path)
            tree.append((path, depth))
            self._task(b, doc_id, path, depth, parent)

    def _task(self, b: _Builder, doc_id: str, path: str, depth: int, parent: str) -> None:
        title = self.sentence(20, 120)
        text = f"{path.rsplit('.', 1)[-1]}. {title} {self.sentence(60, 1500)}"
        kind = ("part", "section", "section", "item")[depth]
        props: dict[str, Any] = {"documentId": doc_id, "path": path, "title": title,
                                 "text": text, "kind": kind}
        if self.rng.random() < 0.1:
            props |= {"due": "2024-Q4", "dueText": "trong quý IV năm 2024"}
        task = b.node(task_id(doc_id, path), Label.TASK, props)
        b.rel(RelType.PART_OF, task, parent, title)
        if self.rng.random() < 0.45:
            for _ in range(self.rng.randint(1, 2)):
                self._cite(b, task, self.sentence(60, 400))
        if self.rng.random() < 0.35:
            for name in self._agencies(b, self.rng.randint(1, 2)):
                b.rel(RelType.ASSIGNED_TO, task, self._agency(b, name), self.sentence(60, 400),
                      role=self.rng.choice(ROLES))

    def _cite(self, b: _Builder, start: str, quote: str) -> str:
        """A citation, of a central document or one of the province's: what it says of the
        document varies (a date or title is not always given), and one naming an issuer
        asserts ISSUED_BY."""
        pool = self.central if self.rng.random() < 0.55 else self.local[b.province]
        cited = pool.pick(self.rng)[0]
        props = {k: v for k, v in cited.props.items()
                 if k in ("code", "docType", "number", "symbol") or self.rng.random() < 0.7}
        target = b.node(cited.id, Label.DOCUMENT, props)
        b.rel(RelType.CITES, start, target, quote, intent=self.rng.choice(INTENTS),
              asWritten=str(props.get("code") or props.get("title")))
        if cited.issuer and "issuer" in props:
            b.rel(RelType.ISSUED_BY, target, self._agency(b, cited.issuer), quote)
        return target

    def _agencies(self, b: _Builder, count: int) -> list[str]:
        return list(dict.fromkeys(self.agencies[b.province].pick(self.rng, count)))

    def _agency(self, b: _Builder, name: str) -> str:
        return b.node(agency_id(name), Label.AGENCY, {"name": name})
