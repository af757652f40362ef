"""The whole pipeline: read a file, find its structure, citations and agencies, build its graph,
and write it to a store. Folders are spread over all cores; the store is written by one process,
one document per transaction."""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from vbgraph.errors import LoadError, StoreError, StoreUnavailable, VbgraphError
from vbgraph.extract.agencies import find_agencies, find_assignments, find_deadlines
from vbgraph.extract.citations import find_citations
from vbgraph.extract.closing import find_recipients, find_signature
from vbgraph.extract.header import find_header
from vbgraph.extract.structure import find_tasks
from vbgraph.graph.build import build_graph, own_document_id
from vbgraph.graph.model import Extraction, Graph, SourceText
from vbgraph.graph.store import EmbeddedStore, GraphStore
from vbgraph.loaders import collector_paused, find_sources, read_source


def extract(source: SourceText) -> Extraction:
    """Everything vbgraph finds in one repaired source text."""
    signature = find_signature(source)
    header = find_header(source, signature)
    tasks = find_tasks(source, header)
    agencies = find_agencies(source, header)
    return Extraction(
        source=source,
        header=header,
        tasks=tasks,
        citations=find_citations(source, own_code=header.code),
        agencies=agencies,
        assignments=find_assignments(source, tasks, agencies),
        deadlines=find_deadlines(source),
        recipients=find_recipients(source),
        signature=signature,
    )


def extract_file(path: str | Path) -> Extraction:
    return extract(read_source(path))


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document, read and turned into its graph, ready to be written."""

    path: str
    doc_id: str
    content_hash: str
    format: str
    graph: Graph


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    message: str


@dataclass(slots=True)
class BuildReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (skipped, kept)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (new path, old path)
    not_written: list[str] = field(default_factory=list)  # left when the store went away
    stopped: str | None = None  # why writing stopped before the end

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None


def store_path(path: str | Path) -> str:
    """How a source is named in the store: relative to the working folder when inside it."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    return Path(absolute if rel.startswith("..") else rel).as_posix()


def file_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: str, content_hash: str | None = None) -> Loaded | Failed:
    """Read and extract one file; a user's bad file becomes a Failed, never an exception."""
    try:
        content_hash = content_hash or file_hash(path)
        with collector_paused():
            source = read_source(path)
            source.path = path
            ex = extract(source)
            ex.content_hash = content_hash
            graph = build_graph(ex)
        return Loaded(
            path=path,
            doc_id=own_document_id(ex),
            content_hash=content_hash,
            format=source.format,
            graph=graph,
        )
    except VbgraphError as exc:
        return Failed(path, str(exc))
    except OSError as exc:
        return Failed(path, f"{path}: {exc.strerror or exc}")


def _process_chunk(items: list[tuple[str, str]]) -> list[Loaded | Failed]:
    return [process_file(path, content_hash) for path, content_hash in items]


def process_many(
    paths: list[str], hashes: list[str], workers: int | None = None
) -> Iterator[Loaded | Failed]:
    """process_file over many files, in order, on all cores when there are enough files.

    Only a few chunks are in flight at a time, so memory stays flat however large the corpus:
    results are written as they come instead of piling up behind a slow writer."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(paths) < 4:
        yield from map(process_file, paths, hashes)
        return
    size = max(1, min(16, len(paths) // (workers * 4)))
    items = list(zip(paths, hashes, strict=True))
    chunks = (items[i : i + size] for i in range(0, len(items), size))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        window: deque[Future[list[Loaded | Failed]]] = deque(
            pool.submit(_process_chunk, chunk)
            for chunk in itertools.islice(chunks, workers * 2)
        )
        while window:
            results = window.popleft().result()
            for chunk in itertools.islice(chunks, 1):
                window.append(pool.submit(_process_chunk, chunk))
            yield from results


def build(
    inputs: Iterable[str | Path],
    store: GraphStore,
    *,
    workers: int | None = None,
    on_progress: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildReport:
    """Load files and folders into the store. Unchanged files are skipped; each document is
    written in its own transaction, so a failure never leaves one half-written. If the store
    goes away (a server stops), writing stops and the report lists what was not written."""
    report = BuildReport()
    todo: list[str] = []
    hashes: list[str] = []
    for path in _expand(inputs, report):
        try:
            content_hash = file_hash(path)
        except OSError as exc:
            report.failed.append(Failed(path, f"{path}: {exc.strerror or exc}"))
            continue
        if store.is_current(path, content_hash):
            report.unchanged.append(path)
        else:
            todo.append(path)
            hashes.append(content_hash)
    if on_start:
        on_start(len(todo))
    for done, result in enumerate(process_many(todo, hashes, workers)):
        if isinstance(result, Failed):
            report.failed.append(result)
        elif not _write_safely(store, result, report):
            report.not_written = todo[done:]
            break
        if on_progress:
            on_progress(result.path)
    return report


def push(
    source: EmbeddedStore,
    target: GraphStore,
    *,
    on_progress: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildReport:
    """Copy every document of an embedded store into another store (Neo4j), one transaction
    each; documents the target already holds unchanged are skipped."""
    report = BuildReport()
    records = sorted(source.sources(), key=lambda r: r.path)
    todo = [r for r in records if not target.is_current(r.path, r.content_hash)]
    report.unchanged = [r.path for r in records if r not in todo]
    if on_start:
        on_start(len(todo))
    for done, record in enumerate(todo):
        loaded = Loaded(record.path, record.doc_id, record.content_hash, record.format or "",
                        source.contribution(record.path))
        if not _write_safely(target, loaded, report, keep_present=False):
            report.not_written = [r.path for r in todo[done:]]
            break
        if on_progress:
            on_progress(record.path)
    return report


def _write_safely(
    store: GraphStore, result: Loaded, report: BuildReport, *, keep_present: bool = True
) -> bool:
    """Write one document; a document the store refuses is reported and the load goes on,
    a store that is gone stops it (False)."""
    try:
        _write(store, result, report, keep_present=keep_present)
    except StoreUnavailable as exc:
        report.stopped = str(exc)
        report.failed.append(Failed(result.path, str(exc)))
        return False
    except StoreError as exc:
        report.failed.append(Failed(result.path, str(exc)))
    return True


def _write(
    store: GraphStore, result: Loaded, report: BuildReport, *, keep_present: bool = True
) -> None:
    """Write one document. A numbered document already loaded from another file that still
    exists (a PDF and its text copy) is kept from that file; one whose file is gone (moved,
    renamed) is replaced by this one."""
    holders = store.holders(result.doc_id, besides=result.path)
    present = [path for path in holders if keep_present and os.path.exists(path)]
    if present:
        report.duplicates.append((result.path, present[0]))
        return
    store.replace_source(
        result.path, result.doc_id, result.content_hash, result.format, result.graph,
        supersedes=holders,
    )
    report.written.append(result.path)
    report.replaced.extend((result.path, old) for old in holders)


def _expand(inputs: Iterable[str | Path], report: BuildReport) -> list[str]:
    paths: list[str] = []
    for item in inputs:
        try:
            paths.extend(store_path(p) for p in find_sources([item]))
        except LoadError as exc:
            report.failed.append(Failed(str(item), str(exc)))
    return list(dict.fromkeys(paths))
