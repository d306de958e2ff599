"""Exceptions for misuse and for inputs that cannot be read.

A :class:`DocumentError` is an *outcome* for one file: the pipeline records it in
the run report and carries on with the other documents.
"""

from __future__ import annotations


class ShanhaiError(Exception):
    """Base class for errors raised by shanhai."""


class DocumentError(ShanhaiError):
    """A file could not be loaded; the message names the file (and line where known)."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # picklable with its fields, so it can cross a process pool intact
        return (_document_error, (self.path, self.reason, self.line))


def _document_error(path: str, reason: str, line: int | None) -> DocumentError:
    return DocumentError(path, reason, line=line)


class GazetteerError(ShanhaiError):
    """The gazetteer data could not be found or parsed."""
