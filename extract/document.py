"""Loading documents: reading, decoding, the matching key, and sentences.

Loading refuses what is not a text document, with a reason naming the file (and
the line where it applies): missing files, symlink loops, folders, pipes and
devices, unreadable files, files above :data:`MAX_BYTES`, binary formats,
undecodable bytes, control characters, and empty files.

The decoded text is the single source of offsets and is never changed.  Layout
repair (words broken across line ends, full-width digits, spaces inside
numbers, traditional characters) happens only in the *matching key*, a second
string with a map from each key position back to the text.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from .errors import DocumentError
from .tradsimp import translate_table

#: Largest file read as one document.  Extraction time grows with document size,
#: and nothing written as one policy text comes near this (a 600-page book is
#: about 1 MB); bigger inputs are dumps or concatenations that should be split.
MAX_BYTES = 16 * 1024 * 1024

#: Control characters a text document never contains (tab, line feed, vertical
#: tab, form feed and carriage return are allowed).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: File signatures of formats people drop into a folder of texts by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Line endings become ``\\n``; the BOM and a DOS end-of-file mark (``^Z``) at
    the very end are dropped.  UTF-16 surrogates encoded in UTF-8 (CESU-8 and
    similar) are joined where they pair up; a lone surrogate becomes U+FFFD,
    so the text is always valid Unicode.  Anything else, including binary data
    and control characters, raises :class:`DocumentError` naming the file (and
    the line where it applies).
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(name, f"is {kind}, not a plain-text document; convert it to text first")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DocumentError(name, "is UTF-32, which is not supported; save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        text = _try(data[3:], "utf-8")
        if text is None:
            raise DocumentError(name, "has a UTF-8 byte-order mark but is not valid UTF-8",
                                line=_first_bad_line(data[3:]))
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try(data, "utf-16")
        if text is None:
            raise DocumentError(name, "has a UTF-16 byte-order mark but is not valid UTF-16")
    else:
        bad = _CONTROL_BYTES.search(data)
        if bad is not None and not _is_final_eof_mark(data, bad.start()):
            raise DocumentError(
                name,
                f"contains control byte 0x{data[bad.start()]:02X}; it looks binary, not a text document",
                line=data.count(b"\n", 0, bad.start()) + 1,
            )
        text = _try(data, "utf-8")
        if text is None:
            text = _try(data, "gb18030")
        if text is None:
            line = _first_bad_line(data)
            raise DocumentError(
                name,
                "is neither UTF-8, UTF-16 with a byte-order mark, nor GB18030/GBK",
                line=line,
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\x1a"):
        text = text[:-1]
    bad_char = _CONTROL_CHARS.search(text)
    if bad_char is not None:
        raise DocumentError(
            name,
            f"contains control character U+{ord(bad_char.group()):04X}; "
            "it looks binary, not a text document",
            line=text.count("\n", 0, bad_char.start()) + 1,
        )
    return text


def _try(data: bytes, encoding: str) -> str | None:
    """Strict decoding, then once more letting surrogates through and repairing them."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    if encoding == "gb18030":
        return None
    try:
        text = data.decode(encoding, "surrogatepass")
    except UnicodeDecodeError:
        return None
    # Pairs become the character they encode; a lone surrogate becomes U+FFFD.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _is_final_eof_mark(data: bytes, pos: int) -> bool:
    """A single ^Z at the very end is an old DOS end-of-file mark, not binary content."""
    return pos == len(data) - 1 and data[pos:] == b"\x1a"


def _first_bad_line(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    return 1


def replace_surrogates(text: str) -> str:
    """``text`` with each lone UTF-16 surrogate code point replaced by U+FFFD (same length)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


# --------------------------------------------------------------------------- key

_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = " "
_WS = " \t\n\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_WS_RUN = re.compile(f"[{re.escape(_WS)}]+")
#: A pinyin reading that some mirror sites put after a character ("协(xié)作"): a tone mark tells it
#: from an abbreviation in brackets (RCEP).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")
#: A comma doubled with a list mark by some mirror sites ("青岛市,、福建省福州市"): the list goes on.
_STRAY_COMMA = r"[,，](?=、)"
_DROPPED = re.compile(f"(?P<ws>[{re.escape(_WS)}]+)|{PINYIN_GLOSS.pattern}|{_STRAY_COMMA}")


@cache
def _key_table() -> dict[int, str]:
    """One-to-one replacements for the key: full-width ASCII, then traditional characters."""
    return {**translate_table(), **_FULLWIDTH}


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True, slots=True)
class MatchKey:
    """A normalised copy of the text for matching, with a map back to it.

    Whitespace is dropped (words broken across lines join again) except a single
    space between two ASCII letters or digits, and so are pinyin readings put
    after characters (协(xié)作); full-width ASCII becomes
    half-width; traditional characters become simplified.  Each key character
    comes from exactly one text character, so any key span maps back exactly.

    The map is stored as runs: key positions ``runs_key[r] …`` come from text
    positions ``runs_text[r] …`` one for one, up to the next run.  A run ends only
    where whitespace was dropped, so the map stays small even for a huge text.
    """

    text: str
    length: int
    runs_key: tuple[int, ...]
    runs_text: tuple[int, ...]

    def text_offset(self, k: int) -> int:
        """The text offset of key character ``k`` (``0 <= k < len(key)``)."""
        r = bisect.bisect_right(self.runs_key, k) - 1
        return self.runs_text[r] + (k - self.runs_key[r])

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """Text offsets ``[s, e)`` covering key span ``[start, end)``."""
        if start >= end:
            pos = self.text_offset(start) if start < len(self.text) else self.length
            return pos, pos
        return self.text_offset(start), self.text_offset(end - 1) + 1

    def to_key(self, offset: int) -> int:
        """First key position at or after text offset ``offset``."""
        r = bisect.bisect_right(self.runs_text, offset) - 1
        if r < 0:
            return 0
        run_end = self.runs_key[r + 1] if r + 1 < len(self.runs_key) else len(self.text)
        k = self.runs_key[r] + (offset - self.runs_text[r])
        return k if k < run_end else run_end


def build_key(text: str) -> MatchKey:
    """The matching key of ``text``; linear time, and memory proportional to the text."""
    mapped = text.translate(_key_table())
    n = len(text)
    pieces: list[str] = []
    runs_key: list[int] = []
    runs_text: list[int] = []
    k = 0

    def emit(piece: str, at: int) -> None:
        nonlocal k
        if not (runs_key and runs_text[-1] + (k - runs_key[-1]) == at):
            runs_key.append(k)
            runs_text.append(at)
        pieces.append(piece)
        k += len(piece)

    segment = 0
    for match in _DROPPED.finditer(text):
        i, j = match.span()
        if i > segment:
            emit(mapped[segment:i], segment)
        if match.group("ws") and i > 0 and j < n and _is_ascii_alnum(mapped[i - 1]) and _is_ascii_alnum(mapped[j]):
            emit(" ", i)
        segment = j
    if segment < n:
        emit(mapped[segment:], segment)
    return MatchKey("".join(pieces), n, tuple(runs_key), tuple(runs_text))


# --------------------------------------------------------------------- sentences

_SENT_END = "。！？!?；;"
_CLOSERS = "”’」』）)】》\"'"
_CUT = re.compile(f"[{re.escape(_SENT_END)}\n]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over the text, split on Chinese and ASCII end punctuation.

    A blank line also ends a sentence unless the line before it stops in the
    middle of a clause (a hard-wrapped paragraph continues across a page break).
    A single line break ends a sentence only at a heading in hard-wrapped (print
    layout) text, and everywhere except inside a running clause in
    paragraph-per-line text.  Spans exclude surrounding whitespace; empty
    sentences are dropped.  Only the
    characters that can end a sentence are visited, so a huge text costs linear
    time whether it has one line or millions.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    content = -1  # first non-space offset of the current sentence, computed when needed
    n = len(text)
    wrapped = _is_hard_wrapped(text)
    for match in _CUT.finditer(text):
        i = match.start()
        if i < start:
            continue
        cut = -1
        if text[i] != "\n":
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            cut = j
        else:
            j = i + 1
            while j < n and text[j] in " \t\u3000\r":
                j += 1
            if j >= n or text[j] == "\n":
                # blank line: a paragraph ends unless the clause plainly continues
                if not _continues(text, i):
                    cut = i
            else:
                if content < start:
                    content = _skip_space(text, start, n)
                if wrapped:
                    if _is_heading_line(text, content, i):
                        cut = i
                elif not _mid_clause(text, content, i):
                    cut = i
        if cut > 0:
            _push(text, spans, start, cut)
            start = cut
    _push(text, spans, start, n)
    return spans


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _is_hard_wrapped(text: str) -> bool:
    """True when most lines were broken at a fixed width (print layout), not at paragraphs."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if len(line.strip()) >= 6)
    if len(lengths) < 5:
        return False
    return lengths[len(lengths) // 2] <= 40


def _continues(text: str, nl: int) -> bool:
    line_start = text.rfind("\n", 0, nl) + 1
    line = text[line_start:nl].strip()
    if not line:
        return False
    last = line[-1]
    return len(line) >= 12 and "\u4e00" <= last <= "\u9fff"


def _mid_clause(text: str, content: int, nl: int) -> bool:
    """In paragraph-per-line text, does the line break at ``nl`` fall inside a clause?

    Only when the line stops on a character (not punctuation) and is visibly
    part of running text: the sentence began on an earlier line, or the line
    itself has a comma ("1996年，浙江省对口⏎帮扶…").  A short line standing
    alone, such as a heading, still ends its sentence.
    """
    line_start = text.rfind("\n", 0, nl) + 1
    line = text[line_start:nl].rstrip()
    if not line:
        return False
    last = line[-1]
    if not ("\u4e00" <= last <= "\u9fff" or _is_ascii_alnum(last)):
        return False
    return content < line_start or "，" in line or "," in line


def _is_heading_line(text: str, content: int, nl: int) -> bool:
    """A short line that starts a sentence and has no punctuation is a heading.

    ``content`` is where the current sentence's first non-space character is.
    """
    line_start = text.rfind("\n", 0, nl) + 1
    if content < line_start:
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
    """A decoded source file.  ``doc_id`` is its path relative to the input root.

    The text is always valid Unicode: a lone UTF-16 surrogate code point given
    to the constructor becomes U+FFFD (one for one, so offsets do not move);
    RDF, JSON and UTF-8 cannot carry it.
    """

    doc_id: str
    text: str
    path: str = ""
    sha256: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        clean = replace_surrogates(self.text)
        if clean is not self.text:
            object.__setattr__(self, "text", clean)

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
        text = replace_surrogates(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(doc_id=doc_id, text=text, path=doc_id, sha256=digest)


def load(path: Path, root: Path | None = None, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and decode one file; errors name the file (and line where it applies).

    Only regular files are read (a FIFO or device never blocks the run), at most
    ``max_bytes`` of them.  A file that is empty or holds only whitespace fails
    with "is empty": it has nothing to extract, and is almost always a broken
    download or conversion.  A file of punctuation only loads normally and simply
    yields no facts.
    """
    name = str(path)
    data = read_bytes(path, max_bytes=max_bytes)
    if not data:
        raise DocumentError(name, "is empty (0 bytes)")
    text = decode(data, name)
    if not text.strip(_WS):
        raise DocumentError(name, "is empty (only whitespace)")
    doc_id = path.name
    if root is not None:
        with contextlib.suppress(ValueError):
            doc_id = path.relative_to(root).as_posix()
    return Document(
        doc_id=doc_id,
        text=text,
        path=path.as_posix(),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, or :class:`DocumentError` saying why not."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DocumentError(name, _open_failure(path, exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(name, f"is {_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise DocumentError(name, _too_big(st.st_size, max_bytes))
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(name, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if data is None:  # only possible for non-blocking special files, excluded above
        raise DocumentError(name, "cannot be read: no data available")
    if len(data) > max_bytes:
        raise DocumentError(name, _too_big(len(data), max_bytes))
    return data


def _too_big(size: int, limit: int) -> str:
    return (f"is {size:,} bytes, above the {limit:,}-byte limit for one document; "
            "split it into smaller files")


def _open_failure(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symlink loop (following it leads back to itself)"
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return f"is a broken symlink (its target {os.readlink(path)} does not exist)"
        return "does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
