"""How long `vbgraph audit` takes, and how much memory, on a synthetic cascade of documents.

    python3 benchmarks/audit_cascade.py [--sizes 500 1000 2000 5000] [--json]

The cascade is the one the audit follows in real corpora: Central resolutions; for each, a
plan in every province that implements it (cited from its preamble); for each plan, commune
programmes that implement the plan; for each programme, a later report of the same commune
committee. Task texts are real: clauses of the reference documents in tests/fixtures, each
resolution task one or two of them. Lower levels take most tasks up, reworded the way a lower
level rewords ("Tiếp tục ...", "... trên địa bàn tỉnh", words dropped), leave some out and add
their own, and set assignees ("... chủ trì, phối hợp ...") and deadlines ("trong quý II/2026").

Each size runs in a fresh process: it writes the store file, then times `vbgraph audit`'s work
(read the graph from the store, audit it, make the tables) and reports the peak resident
memory of the process. Prints, per size, documents, mandates, seconds and peak MB, and how
both grow from the smallest size to the largest.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from vbgraph.graph.build import agency_id, document_id, task_id
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.store import EmbeddedStore
from vbgraph.queries.audit import audit
from vbgraph.queries.audit_report import audit_tables

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
PROVINCES = ("Hậu Giang", "Khánh Hòa", "Nghệ An", "Bắc Ninh", "Đồng Tháp", "Lào Cai",
             "Quảng Nam", "Sóc Trăng")
COMMUNES_PER_PLAN = 3
PROVINCE_BODIES = ("Ban Tuyên giáo", "Ban Tổ chức", "Ban Dân vận", "Văn phòng", "Ủy ban Kiểm tra")
COMMUNE_BODIES = ("Đảng ủy Ủy ban nhân dân xã", "Ban Xây dựng Đảng", "Văn phòng Đảng ủy",
                  "Ủy ban Mặt trận Tổ quốc xã", "Công an xã")
DOCS_PER_RESOLUTION = 1 + len(PROVINCES) * (1 + COMMUNES_PER_PLAN * 2)


def clause_bank() -> list[str]:
    """Clauses of 6 to 20 words from the reference documents' text."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    clauses = (c.strip() for c in re.split(r"[.;:\n]", text))
    return sorted({c for c in clauses if 6 <= len(c.split()) <= 20 and not re.search(r"\d{3}", c)})


class Cascade:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.bank = clause_bank()
        self.offset = 0

    def documents(self, count: int) -> list[tuple[str, Graph]]:
        out: list[tuple[str, Graph]] = []
        number = 0
        while len(out) < count:
            number += 1
            out += self._resolution_and_below(number)
        return out[:count]

    def _resolution_and_below(self, number: int) -> list[tuple[str, Graph]]:
        code = f"{number}-NQ/TW"
        tasks = [" ".join(self.rng.sample(self.bank, self.rng.randint(1, 2)))
                 for _ in range(self.rng.randint(8, 12))]
        out = [self._document(code, "Nghị quyết", "Ban Chấp hành Trung ương", "2024-06-01",
                              None, tasks, [])]
        for p, province in enumerate(PROVINCES):
            plan_code = f"{number * 10 + p}-KH/TU"
            plan_tasks = self._take_up(tasks, "trên địa bàn tỉnh")
            out.append(self._document(plan_code, "Kế hoạch", f"Ban Thường vụ Tỉnh ủy {province}",
                                      "2024-09-01", code, plan_tasks,
                                      [f"{b} Tỉnh ủy {province}" for b in PROVINCE_BODIES]))
            for c in range(COMMUNES_PER_PLAN):
                commune = f"xã {province} {number}-{c}"
                own = self._take_up(plan_tasks, "trên địa bàn xã")
                programme_code = f"{number * 100 + p * 10 + c}-CTr/ĐU"
                out.append(self._document(programme_code, "Chương trình", f"Đảng ủy {commune}",
                                          "2025-01-15", plan_code, own,
                                          [f"{b} {commune}" for b in COMMUNE_BODIES]))
                done = [f"Đã {t[0].lower()}{t[1:]}, kết quả bước đầu" for t in own
                        if self.rng.random() < 0.5]
                out.append(self._document(f"{number * 100 + p * 10 + c}-BC/ĐU", "Báo cáo",
                                          f"Ban Thường vụ Đảng ủy {commune}", "2025-12-20",
                                          None, done, []))
        return out

    def _take_up(self, tasks: list[str], where: str) -> list[str]:
        """A lower level's tasks: most of the upper ones reworded, some of its own."""
        out = []
        for text in tasks:
            if self.rng.random() < 0.8:
                words = text.split()
                if len(words) > 8:
                    del words[self.rng.randrange(len(words))]
                lead = self.rng.choice(("Tiếp tục", "Tập trung", "Đẩy mạnh", ""))
                out.append(" ".join([lead, *words, where]).strip())
        out += [self.rng.choice(self.bank) for _ in range(self.rng.randint(1, 3))]
        return out

    def _document(self, code: str, doc_type: str, issuer: str, issued: str,
                  implements: str | None, tasks: list[str], bodies: list[str]) -> tuple[str, Graph]:
        path = f"cascade/{re.sub(r'[^0-9a-zA-Z]+', '-', code)}.txt"
        doc_id = document_id(code)
        graph = Graph(nodes=[Node(doc_id, Label.DOCUMENT, {
            "code": code, "docType": doc_type, "issuer": issuer, "issuedDate": issued,
            "title": tasks[0][:80] if tasks else code, "inCorpus": True, "sourceFile": path})])
        if implements:
            self._rel(graph, RelType.CITES, doc_id, document_id(implements), path,
                      intent="implements", asWritten=implements)
        for i, text in enumerate(tasks, start=1):
            node_id = task_id(doc_id, str(i))
            due = f"{self.rng.choice((2025, 2026))}-Q{self.rng.randint(1, 4)}"
            props = {"path": str(i), "title": text, "text": text, "documentId": doc_id,
                     "kind": "section"}
            if bodies:
                lead = self.rng.choice(bodies)
                props["text"] = f"{text}. {lead} chủ trì, phối hợp các cơ quan liên quan tham mưu"
                props |= {"due": due, "dueText": "trong quý " + due[-1] + "/" + due[:4]}
                agency = agency_id(lead)
                graph.nodes.append(Node(agency, Label.AGENCY, {"name": lead}))
                self._rel(graph, RelType.ASSIGNED_TO, node_id, agency, path, role="lead")
            graph.nodes.append(Node(node_id, Label.TASK, props))
            self._rel(graph, RelType.PART_OF, node_id, doc_id, path)
        return path, graph

    def _rel(self, graph: Graph, kind: RelType, start: str, end: str, path: str,
             **props: Any) -> None:
        self.offset += 1
        graph.relationships.append(Relationship(kind, start, end, {
            "sourceFile": path, "line": 1, "quote": "", "offset": self.offset, **props}))


def measure(size: int) -> dict[str, Any]:
    """Build a store of `size` documents, then time the audit's work on it."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "cascade.db"
        with EmbeddedStore(db) as store:
            for path, graph in Cascade().documents(size):
                store.replace_source(path, graph.nodes[0].id, path, "txt", graph)
        start = time.perf_counter()
        with EmbeddedStore(db, create=False) as store:
            graph = store.graph()
        read = time.perf_counter() - start
        result = audit(graph, as_of=date(2026, 6, 30))
        tables = audit_tables(result)
        seconds = time.perf_counter() - start
    statuses: dict[str, int] = {}
    for finding in result.findings:
        statuses[finding.status.value] = statuses.get(finding.status.value, 0) + 1
    return {"documents": size, "mandates": len(result.findings), "coverRows": len(tables[1]),
            "readSeconds": round(read, 2), "seconds": round(seconds, 2),
            "peakMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "statuses": statuses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 5000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's single size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    runs = []
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                               capture_output=True, text=True)
        runs.append(json.loads(child.stdout))
    if args.json:
        print(json.dumps(runs, ensure_ascii=False, indent=1))
        return
    print(f"{'documents':>9} {'mandates':>8} {'read s':>7} {'audit s':>8} {'peak MB':>8}  statuses")
    for r in runs:
        print(f"{r['documents']:>9} {r['mandates']:>8} {r['readSeconds']:>7} {r['seconds']:>8} "
              f"{r['peakMB']:>8}  {r['statuses']}")
    first, last = runs[0], runs[-1]
    print(f"from {first['documents']} to {last['documents']} documents "
          f"(x{last['documents'] / first['documents']:.0f}): time x"
          f"{last['seconds'] / first['seconds']:.1f}, peak memory x"
          f"{last['peakMB'] / first['peakMB']:.1f}")


if __name__ == "__main__":
    main()
