"""Every error a user can cause. The CLI prints `Error: <message>` and exits non-zero;
the message always names the file or the thing at fault."""

from __future__ import annotations


class VbgraphError(Exception):
    """Something went wrong."""

    exit_code = 1


class LoadError(VbgraphError):
    """A source file could not be read. Subclasses say why; str() is the one-line message."""

    exit_code = 2

    def __init__(self, path: str, problem: str | None = None) -> None:
        self.path = path
        self.problem = problem or (self.__doc__ or "cannot be read").strip()
        super().__init__(f"{path}: {self.problem}")


class UnsupportedFormat(LoadError):
    """unsupported file type (expected .txt, .pdf, .docx or .html)"""


class EmptyFile(LoadError):
    """the file is empty or has no text"""


class BinaryFile(LoadError):
    """the file is binary, not text"""


class EncryptedFile(LoadError):
    """the file is encrypted or password-protected"""


class CorruptFile(LoadError):
    """the file is damaged or truncated"""


class StoreError(VbgraphError):
    """The graph store cannot be opened or written."""

    exit_code = 3


class StoreUnavailable(StoreError):
    """The store went away (a server stopped): nothing more can be written in this run."""


class QueryError(VbgraphError):
    """A query was given something it cannot use."""

    exit_code = 4


class GoldFileError(VbgraphError):
    """A gold annotation file cannot be read."""

    exit_code = 2
