"""`vbgraph eval`: precision and recall of extraction against hand-made gold annotations.

A gold file (`NAME.gold.json`) describes the document `NAME.txt` beside it; when a PDF or HTML
original with the same stem is there too, that original is what gets loaded, since that is what
users feed in. Kinds are scored only where the gold file lists them:

    {"document": "NAME.txt",
     "citations": [{"code": "208-QĐ/TW", "doc_type": "Quy định", "date": "2019-11-08",
                    "issuer": "Ban Bí thư", "cited_in": ["II.1.2"]}],   # null: not stated
     "tasks": [{"path": "II.1.2", "title": "Công tác tổ chức, cán bộ"}],
     "named_references": [{"title": "Điều lệ Đảng"}],
     "agencies": ["Ban Bí thư"], "recipients": ["Văn phòng Trung ương Đảng"],
     "assignments": [{"task": "II.1.5", "agency": "Đảng đoàn Hội đồng nhân dân tỉnh"}],
     "deadlines": [{"task": "I.7", "due": "2024-Q4"}]}

Codes match by their folded key; titles and names leniently (case, tone-mark style, glued
words); a heading matches when its path is the same and one title starts the other.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vbgraph.errors import GoldFileError
from vbgraph.extract.codes import code_key
from vbgraph.graph.build import scoped_agency
from vbgraph.graph.model import Citation, Extraction, TaskKind
from vbgraph.pipeline import extract_file
from vbgraph.vntext import name_key

ORIGINAL_SUFFIXES = (".pdf", ".html", ".htm", ".docx")
FIELDS = ("doc_type", "date", "issuer")


@dataclass(slots=True)
class Score:
    """Matches of one kind in one or more documents; `field_*` count right fields."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def record(self, right: bool, miss: str) -> None:
        """Count one gold item found right, or missed (with what was wrong)."""
        if right:
            self.tp += 1
        else:
            self.fn += 1
            self.misses.append(miss)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras


@dataclass(slots=True)
class DocumentScore:
    gold: str
    source: str
    kinds: dict[str, Score] = field(default_factory=dict)


def source_for(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The file a gold annotation describes, preferring a PDF/HTML original beside it."""
    named = gold_path.parent / str(gold.get("document", ""))
    for suffix in ORIGINAL_SUFFIXES:
        original = named.with_suffix(suffix)
        if original.exists():
            return original
    if not named.is_file():
        raise GoldFileError(f"{gold_path}: its document {named.name} is not beside it")
    return named


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"{path}: not a readable gold file ({exc})") from exc
    if not isinstance(data, dict) or "document" not in data:
        raise GoldFileError(f"{path}: not a gold file (no \"document\" key)")
    return data


def evaluate_file(gold_path: Path) -> DocumentScore:
    gold = load_gold(gold_path)
    source = source_for(gold_path, gold)
    ex = extract_file(source)
    result = DocumentScore(gold=str(gold_path), source=str(source))
    for kind, scorer in SCORERS.items():
        if kind_present(gold, kind):
            result.kinds.update(scorer(gold, ex))
    return result


# Which key of a gold file lists each kind.
GOLD_KEYS = {
    "citations": "citations",
    "headings": "tasks",
    "named": "named_references",
    "agencies": "agencies",
    "assignments": "assignments",
    "deadlines": "deadlines",
    "recipients": "recipients",
}


def kind_present(gold: dict[str, Any], kind: str) -> bool:
    return GOLD_KEYS[kind] in gold


# ------------------------------------------------------------------ scorers


def _match(gold: Iterable[str], found: Iterable[str], same: Callable[[str, str], bool]) -> Score:
    """Greedy one-to-one matching of gold items to found items."""
    left = list(dict.fromkeys(found))
    score = Score()
    for item in dict.fromkeys(gold):
        hit = next((f for f in left if same(item, f)), None)
        if hit is None:
            score.fn += 1
            score.misses.append(item)
        else:
            score.tp += 1
            left.remove(hit)
    score.fp = len(left)
    score.extras = left
    return score


def _equal(a: str, b: str) -> bool:
    return a == b


def _contains(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def _title_match(gold: str, found: str) -> bool:
    # Gold titles are the first words of a heading; ours may run on to the sentence end.
    kg, kf = name_key(gold), name_key(found)
    return bool(kg and kf) and (kf.startswith(kg) or kg.startswith(kf))


def score_citations(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    numbered = [c for c in ex.citations if c.code]
    found = {code_key(c.code or ""): c for c in numbered}
    wanted = {code_key(g["code"]): g for g in gold["citations"]}
    scores = {"citations": _match(wanted, found, _equal)}
    for name in FIELDS:
        scores[f"citation {name}"] = _field_score(wanted, found, name)
    places = _cited_in_score(wanted, numbered, ex)
    if places.tp + places.fn:
        scores["citing heading"] = places
    return scores


def _field_score(
    wanted: dict[str, dict[str, Any]], found: dict[str, Citation], name: str
) -> Score:
    score = Score()
    for key, g in wanted.items():
        if g.get(name) is None or key not in found:
            continue
        cit = found[key]
        value = {"doc_type": cit.doc_type, "date": cit.issued_date, "issuer": cit.issuer}[name]
        if name == "issuer":
            right = value is not None and _same_agency(g[name], value)
        else:
            right = value is not None and name_key(value) == name_key(g[name])
        score.record(right, f"{g['code']}: {name} {g[name]!r}, found {value!r}")
    return score


def _same_agency(gold: str, found: str) -> bool:
    return name_key(gold) == name_key(found) or _contains(gold, found)


def _cited_in_score(
    wanted: dict[str, dict[str, Any]], numbered: list[Citation], ex: Extraction
) -> Score:
    score = Score()
    for key, g in wanted.items():
        for path in g.get("cited_in", []):
            paths = {_path_of(ex, c.start) for c in numbered if code_key(c.code or "") == key}
            score.record(path in paths, f"{g['code']} in {path}, found in {sorted(paths)}")
    return score


def _path_of(ex: Extraction, offset: int) -> str:
    task = ex.task_at(offset)
    return task.path if task else "preamble"


# Gold files list headings down to the numbered sections; lettered points and deeper items
# ("a)", "2.1" under a section of items) are tasks too, but are not what they count.
_ITEM_KINDS = {TaskKind.ITEM, TaskKind.POINT}


def score_headings(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    found = {t.path: t.title for t in ex.tasks if t.kind not in _ITEM_KINDS}
    wanted = {t["path"]: t["title"] for t in gold["tasks"]}
    score = _match(
        [f"{p}\t{t}" for p, t in wanted.items()],
        [f"{p}\t{t}" for p, t in found.items()],
        lambda g, f: g.split("\t")[0] == f.split("\t")[0]
        and _title_match(g.split("\t")[1], f.split("\t")[1]),
    )
    return {"headings": score}


def score_named(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    found = [c.title or c.as_written for c in ex.citations if not c.code]
    wanted = [r["title"] for r in gold["named_references"]]
    return {"named references": _match(wanted, found, _contains)}


def score_agencies(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    # Gold files name agencies as the text does ("Hội đồng nhân dân tỉnh") or scoped
    # ("Tỉnh ủy Hậu Giang"); either form of ours counts.
    names = [a.name for a in ex.agencies] + ([ex.header.issuer] if ex.header.issuer else [])
    by_scoped = {scoped_agency(n, ex.header): n for n in reversed(names)}
    found = sorted(f"{n}\t{scoped}" for scoped, n in by_scoped.items())
    return {"agencies": _match(gold["agencies"], found, _agency_like)}


def _agency_like(gold: str, found: str) -> bool:
    return name_key(gold) in {name_key(name) for name in found.split("\t")}


def score_assignments(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    found = []
    for a in ex.assignments:
        task = ex.task_at(a.start)
        if task:
            found.append(f"{task.path}\t{a.agency}")
    wanted = [f"{a['task']}\t{a['agency']}" for a in gold["assignments"]]
    return {"assignments": _match(wanted, found, _pair_match)}


def _pair_match(g: str, f: str) -> bool:
    gp, ga = g.split("\t")
    fp, fa = f.split("\t")
    return gp == fp and _contains(ga, fa)


def score_deadlines(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    found = []
    for d in ex.deadlines:
        task = ex.task_at(d.start)
        found.append(f"{task.path if task else 'preamble'}\t{d.due}")
    wanted = [f"{d['task']}\t{d['due']}" for d in gold["deadlines"]]
    return {"deadlines": _match(wanted, found, _equal)}


def score_recipients(gold: dict[str, Any], ex: Extraction) -> dict[str, Score]:
    found = [r.name for r in ex.recipients]
    return {"recipients": _match(gold["recipients"], found, _contains)}


SCORERS: dict[str, Callable[[dict[str, Any], Extraction], dict[str, Score]]] = {
    "citations": score_citations,
    "headings": score_headings,
    "named": score_named,
    "agencies": score_agencies,
    "assignments": score_assignments,
    "deadlines": score_deadlines,
    "recipients": score_recipients,
}


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Gold files named directly or found in folders."""
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(path.rglob("*.gold.json")))
        elif path.is_file():
            out.append(path)
        else:
            raise GoldFileError(f"{item}: no such file or folder")
    return out


def totals(results: list[DocumentScore]) -> dict[str, Score]:
    total: dict[str, Score] = {}
    for result in results:
        for kind, score in result.kinds.items():
            total.setdefault(kind, Score()).add(score)
    return total
