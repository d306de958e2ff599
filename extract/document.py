"""Loading documents: decoding, the matching key, and sentences.

The decoded text is the single source of offsets and is never changed.  Layout
repair (words broken across line ends, full-width digits, spaces inside
numbers, traditional characters) happens only in the *matching key*, a second
string with a map from each key position back to the text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import DocumentError
from .tradsimp import to_simplified_char

#: Bytes a real text file never contains; their presence means "binary".
_BINARY_HINT = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: Largest file we read whole; bigger inputs are almost always not prose.
MAX_BYTES = 256 * 1024 * 1024


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Line endings become ``\\n`` and the BOM is dropped.  Anything else raises
    :class:`DocumentError` naming the file.
    """
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = _try(data[3:], "utf-8")
        if text is None:
            raise DocumentError(name, "has a UTF-8 byte-order mark but is not valid UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try(data, "utf-16")
        if text is None:
            raise DocumentError(name, "has a UTF-16 byte-order mark but is not valid UTF-16")
    else:
        if _BINARY_HINT.search(data[:65536]):
            raise DocumentError(name, "looks binary (control bytes), not a text document")
        text = _try(data, "utf-8")
        if text is None:
            text = _try(data, "gb18030")
        if text is None:
            line = _first_bad_line(data)
            raise DocumentError(
                name,
                "is neither UTF-8, UTF-16 with BOM nor GB18030/GBK",
                line=line,
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BINARY_HINT.search(text.encode("utf-8", "surrogatepass")[:65536]):
        raise DocumentError(name, "decodes to control characters; it is not a text document")
    return text


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _first_bad_line(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    return 1


# --------------------------------------------------------------------------- key

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH["\u3000"] = " "
_WS = frozenset(" \t\n\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True, slots=True)
class MatchKey:
    """A normalised copy of the text for matching, with a map back to it.

    ``origin[i]`` is the text offset of key character ``i``.  Whitespace is
    dropped (words broken across lines join again) except a single space between
    two ASCII letters or digits; full-width ASCII becomes half-width; traditional
    characters become simplified.  The mapping is one key character to one text
    character, so any key span maps back exactly.
    """

    text: str
    origin: tuple[int, ...]
    length: int

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """Text offsets ``[s, e)`` covering key span ``[start, end)``."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def to_key(self, offset: int) -> int:
        """First key position at or after text offset ``offset``."""
        import bisect

        return bisect.bisect_left(self.origin, offset)


def build_key(text: str) -> MatchKey:
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _WS:
            j = i
            while j < n and text[j] in _WS:
                j += 1
            prev = out[-1] if out else ""
            nxt = _FULLWIDTH.get(text[j], text[j]) if j < n else ""
            if prev and nxt and _is_ascii_alnum(prev) and _is_ascii_alnum(nxt):
                out.append(" ")
                origin.append(i)
            i = j
            continue
        out.append(to_simplified_char(_FULLWIDTH.get(ch, ch)))
        origin.append(i)
        i += 1
    return MatchKey("".join(out), tuple(origin), n)


# --------------------------------------------------------------------- sentences

_SENT_END = "。！？!?；;"
_CLOSERS = "”’」』）)】》\"'"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over the text, split on Chinese and ASCII end punctuation.

    A blank line also ends a sentence unless the line before it stops in the
    middle of a clause (a hard-wrapped paragraph continues across a page break).
    Spans exclude surrounding whitespace; empty sentences are dropped.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    wrapped = _is_hard_wrapped(text)
    i = 0
    while i < n:
        ch = text[i]
        cut = -1
        if ch in _SENT_END:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            cut = j
        elif ch == "\n":
            j = i + 1
            while j < n and text[j] in " \t\u3000\r":
                j += 1
            if (j < n and text[j] == "\n") or j >= n:
                # blank line: a paragraph ends unless the clause plainly continues
                if not _continues(text, start, i):
                    cut = i
            elif not wrapped or _is_heading_line(text, start, i):
                cut = i
        if cut > 0:
            _push(text, spans, start, cut)
            start = cut
            i = max(cut, i + 1)
            continue
        i += 1
    _push(text, spans, start, n)
    return spans


def _is_hard_wrapped(text: str) -> bool:
    """True when most lines were broken at a fixed width (print layout), not at paragraphs."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if len(line.strip()) >= 6)
    if len(lengths) < 5:
        return False
    return lengths[len(lengths) // 2] <= 40


def _continues(text: str, start: int, nl: int) -> bool:
    line_start = text.rfind("\n", 0, nl) + 1
    line = text[line_start:nl].strip()
    if not line:
        return False
    last = line[-1]
    return len(line) >= 12 and "\u4e00" <= last <= "\u9fff"


def _is_heading_line(text: str, start: int, nl: int) -> bool:
    """A short line that starts a sentence and has no punctuation is a heading."""
    line_start = text.rfind("\n", 0, nl) + 1
    if line_start > start and text[start:line_start].strip():
        return False
    line = text[line_start:nl].strip()
    return 0 < len(line) <= 20 and not any(p in line for p in "，,、：:")


def _push(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# ----------------------------------------------------------------------- document


@dataclass(frozen=True)
class Document:
    """A decoded source file.  ``doc_id`` is its path relative to the input root."""

    doc_id: str
    text: str
    path: str = ""
    sha256: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def key(self) -> MatchKey:
        return build_key(self.text)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return tuple(split_sentences(self.text))

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    @classmethod
    def from_text(cls, text: str, doc_id: str = "doc.txt") -> Document:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return cls(doc_id=doc_id, text=text, path=doc_id, sha256=digest)


def load(path: Path, root: Path | None = None) -> Document:
    """Read and decode one file; errors name the file (and line where it applies)."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(name, "does not exist") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise DocumentError(name, f"is {size} bytes, above the {MAX_BYTES}-byte limit")
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise DocumentError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read: {exc.strerror or exc}") from None
    text = decode(data, name)
    doc_id = path.name if root is None else path.relative_to(root).as_posix()
    return Document(
        doc_id=doc_id,
        text=text,
        path=path.as_posix(),
        sha256=hashlib.sha256(data).hexdigest(),
    )
