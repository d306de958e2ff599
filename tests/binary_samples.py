"""Small real binary files that a text loader must refuse: a PNG image and the head of a PDF."""

from __future__ import annotations

import zlib


def small_png() -> bytes:
    """A real 1×1 PNG: signature, IHDR, IDAT and IEND chunks with their CRCs."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    idat = zlib.compress(b"\x00\xff\x00\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def small_pdf(text: str) -> bytes:
    """The head of a real PDF whose compressed content stream holds ``text``: header, binary marker line, stream."""
    stream = zlib.compress(text.encode())
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length "
    head += str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
    return head + stream + b"\nendstream\nendobj\n"
