"""Loading: encodings, bad files, lone surrogates, the matching key and traditional characters.

Every case writes a real file into ``tmp_path`` and loads it the way a build does.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from binary_samples import small_pdf, small_png
from shanhai.extract import document as document_module
from shanhai.extract.document import Document, build_key, decode, load, split_sentences
from shanhai.extract.errors import DocumentError
from shanhai.extract.tradsimp import to_simplified

PAIRING = "1996年，浙江省对口帮扶四川省广元市，东西部扶贫协作取得成效。\n"
EXTRACT_DIR = Path(__file__).resolve().parents[2] / "extract"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path, **kw: int) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load(path, **kw)
    err = info.value
    assert err.path == str(path)
    assert str(path) in str(err), "the message names the file"
    return err




# ------------------------------------------------------------------ encodings

ENCODED = [
    ("utf-8", PAIRING.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + PAIRING.encode("utf-8")),
    ("GBK", PAIRING.encode("gbk")),
    ("GB18030 four-byte characters", ("𠀀€" + PAIRING).encode("gb18030")),
    ("UTF-16 LE with BOM", codecs.BOM_UTF16_LE + PAIRING.encode("utf-16-le")),
    ("UTF-16 BE with BOM", codecs.BOM_UTF16_BE + PAIRING.encode("utf-16-be")),
    ("UTF-16 astral pair", codecs.BOM_UTF16_LE + ("𠀀" + PAIRING).encode("utf-16-le")),
]


@pytest.mark.parametrize(("label", "data"), ENCODED, ids=[e[0] for e in ENCODED])
def test_encodings_decode_to_the_same_text(tmp_path: Path, label: str, data: bytes) -> None:
    doc = load(write(tmp_path, "doc.txt", data), tmp_path)
    assert doc.text.endswith(PAIRING)
    assert doc.text in (PAIRING, "𠀀€" + PAIRING, "𠀀" + PAIRING)
    assert doc.doc_id == "doc.txt"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_line_endings_become_newlines(tmp_path: Path, newline: bytes) -> None:
    data = PAIRING.encode("gbk").replace(b"\n", newline) * 2
    doc = load(write(tmp_path, "crlf.txt", data))
    assert doc.text == PAIRING * 2


def test_dos_end_of_file_mark_is_dropped(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "dos.txt", PAIRING.encode("gbk") + b"\x1a"))
    assert doc.text == PAIRING


# ------------------------------------------------------------------ not text

NOT_TEXT = [
    ("report.txt", small_pdf("浙江省对口帮扶四川省广元市"), "is a PDF document"),
    ("scan.txt", small_png(), "is a PNG image"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is a JPEG image"),
    ("paper.txt", b"PK\x03\x04\x14\x00\x06\x00", "is a ZIP archive"),
    ("old.txt", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 8, "legacy Microsoft Office"),
    ("u32.txt", codecs.BOM_UTF32_LE + "浙江".encode("utf-32-le"), "is UTF-32"),
]


@pytest.mark.parametrize(("name", "data", "reason"), NOT_TEXT, ids=[n[0] for n in NOT_TEXT])
def test_binary_formats_are_named(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    err = load_error(write(tmp_path, name, data))
    assert reason in err.reason


def test_control_bytes_fail_with_their_line(tmp_path: Path) -> None:
    data = (PAIRING * 2).encode() + b"\x00\x01\x02binary tail" + PAIRING.encode()
    err = load_error(write(tmp_path, "mixed.txt", data))
    assert err.line == 3
    assert "control byte 0x00" in err.reason
    assert str(err).startswith(f"{tmp_path / 'mixed.txt'}:3: ")


def test_control_character_inside_utf16_fails_with_its_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + (PAIRING + "第二行\x07").encode("utf-16-le")
    err = load_error(write(tmp_path, "bell.txt", data))
    assert err.line == 2
    assert "U+0007" in err.reason


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    data = PAIRING.encode() + b"caf\xe9 \xff\xfe au lait\n"
    err = load_error(write(tmp_path, "latin1.txt", data))
    assert err.line == 2
    assert "neither UTF-8" in err.reason


def test_truncated_utf16_fails(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + PAIRING.encode("utf-16-le") + b"\x41"
    assert "not valid UTF-16" in load_error(write(tmp_path, "cut.txt", data)).reason


def test_utf8_bom_with_gbk_body_fails_with_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + PAIRING.encode() + PAIRING.encode("gbk")
    err = load_error(write(tmp_path, "bom-gbk.txt", data))
    assert "byte-order mark but is not valid UTF-8" in err.reason
    assert err.line == 2


# ------------------------------------------------------------------ surrogates and odd characters


def test_cesu8_surrogate_pairs_join_and_lone_ones_become_replacement(tmp_path: Path) -> None:
    pair = "😀".encode("utf-16-be")
    cesu = b"".join(chr(int.from_bytes(pair[i:i + 2], "big")).encode("utf-8", "surrogatepass")
                    for i in (0, 2))
    lone = "\ud800".encode("utf-8", "surrogatepass")
    data = "浙江省".encode() + cesu + "对口帮扶".encode() + lone + "四川省广元市。".encode()
    doc = load(write(tmp_path, "cesu.txt", data))
    assert doc.text == "浙江省😀对口帮扶\ufffd四川省广元市。"
    doc.text.encode("utf-8")  # valid Unicode: encodes strictly


def test_lone_surrogate_in_utf16_becomes_replacement(tmp_path: Path) -> None:
    body = "浙江省\udc00对口帮扶四川省广元市".encode("utf-16-le", "surrogatepass")
    doc = load(write(tmp_path, "u16.txt", codecs.BOM_UTF16_LE + body))
    assert doc.text == "浙江省\ufffd对口帮扶四川省广元市"


@pytest.mark.parametrize("make", [Document.from_text, lambda t: Document("d.txt", t)])
def test_documents_never_hold_lone_surrogates(make) -> None:
    text = "浙江省\ud800对口帮扶\udfff四川省广元市"
    doc = make(text)
    assert len(doc.text) == len(text), "offsets do not move"
    assert doc.text == "浙江省\ufffd对口帮扶\ufffd四川省广元市"


# ------------------------------------------------------------------ empty and punctuation


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty (0 bytes)"),
        (b" \n\t\r\n", "is empty (only whitespace)"),
        (codecs.BOM_UTF8, "is empty (only whitespace)"),
        ("\u3000\u3000\n\ufeff\u200b".encode(), "is empty (only whitespace)"),
        (codecs.BOM_UTF16_LE, "is empty (only whitespace)"),
    ],
    ids=["zero-bytes", "whitespace", "bom-only", "wide-spaces", "utf16-bom-only"],
)
def test_empty_files_fail(tmp_path: Path, data: bytes, reason: str) -> None:
    assert load_error(write(tmp_path, "empty.txt", data)).reason == reason


def test_punctuation_only_loads_and_yields_nothing(tmp_path: Path, extract_text) -> None:
    text = "，。！？、；：“”‘’（）《》——……【】\n!!!???...;;;\n" * 50
    doc = load(write(tmp_path, "punct.txt", text.encode()))
    assert doc.text == text
    assert doc.sentences  # split, but nothing to find
    assert extract_text(text, "punct.txt").triples == ()


# ------------------------------------------------------------------ files that cannot be read


def test_missing_file(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.txt").reason == "does not exist"


def test_directory_named_like_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    assert load_error(folder).reason == "is a directory, not a regular file"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert load_error(fifo).reason == "is a named pipe (FIFO), not a regular file"


def test_file_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    assert "symlink loop" in load_error(tmp_path / "a.txt").reason


def test_broken_symlink_names_its_target(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved.txt")
    reason = load_error(tmp_path / "gone.txt").reason
    assert reason.startswith("is a broken symlink") and "moved.txt" in reason


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any file, so the refusal the kernel gives other users is simulated here."""
    path = write(tmp_path, "secret.txt", PAIRING.encode())
    real_open = os.open

    def refuse(target, flags, *args, **kw):
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, flags, *args, **kw)

    monkeypatch.setattr(document_module.os, "open", refuse)
    assert load_error(path).reason == "cannot be read: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 files; see the simulated test")
def test_mode_000_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", PAIRING.encode())
    path.chmod(0)
    try:
        assert load_error(path).reason == "cannot be read: permission denied"
    finally:
        path.chmod(0o644)


SYSTEM_PYTHON = Path("/usr/bin/python3")
SETPRIV = Path("/usr/bin/setpriv")


@pytest.mark.skipif(os.geteuid() != 0 or not (SYSTEM_PYTHON.exists() and SETPRIV.exists()),
                    reason="needs root (to drop to nobody), setpriv and a system Python")
def test_mode_000_file_as_nobody() -> None:
    """The real kernel refusal: the loader, copied where nobody can import it, run as nobody.

    The project's interpreter may live under root's home and pytest's temporary
    folders are private, both out of nobody's reach; so the three loading
    modules go to a world-readable folder and run on the system Python
    (without opencc, which only matters for traditional characters).
    """
    base = Path(tempfile.mkdtemp(prefix="shanhai-nobody-"))
    try:
        base.chmod(0o755)
        package = base / "loader"
        package.mkdir(mode=0o755)
        for name in ("__init__.py", "document.py", "errors.py", "tradsimp.py"):
            source = EXTRACT_DIR / name
            (package / name).write_bytes(source.read_bytes() if name != "__init__.py" else b"")
            (package / name).chmod(0o644)
        write(base, "locked.txt", PAIRING.encode()).chmod(0)
        (base / "closed").mkdir(mode=0)
        probe = (
            "import sys\n"
            "sys.path.insert(0, '.')\n"
            "from pathlib import Path\n"
            "from loader.document import load\n"
            "from loader.errors import DocumentError\n"
            "for name in ('locked.txt', 'closed/x.txt'):\n"
            "    try:\n"
            "        load(Path(name))\n"
            "    except DocumentError as exc:\n"
            "        print(exc)\n"
        )
        proc = subprocess.run(
            [str(SETPRIV), "--reuid=65534", "--regid=65534", "--clear-groups",
             str(SYSTEM_PYTHON), "-I", "-c", probe],
            cwd=base, capture_output=True, text=True, timeout=60, check=False,
        )
    finally:
        shutil.rmtree(base)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "locked.txt: cannot be read: permission denied",
        "closed/x.txt: cannot be read: permission denied",
    ]


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", PAIRING.encode() * 100)
    reason = load_error(path, max_bytes=1000).reason
    assert re.fullmatch(r"is [\d,]+ bytes, above the 1,000-byte limit for one document; .*", reason)
    assert load(path, max_bytes=len(PAIRING.encode()) * 100).text == PAIRING * 100


def test_document_errors_cross_process_boundaries_intact() -> None:
    err = DocumentError("corpus/a.txt", "contains control byte 0x00", line=3)
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.reason, back.line) == ("corpus/a.txt", "contains control byte 0x00", 3)
    assert str(back) == "corpus/a.txt:3: contains control byte 0x00"


def test_decode_without_a_file_names_the_source() -> None:
    with pytest.raises(DocumentError, match=r"^<bytes>: is a PNG image"):
        decode(small_png())


# ------------------------------------------------------------------ the matching key


def test_key_joins_broken_lines_and_maps_back() -> None:
    text = "浙江\n  省對口\u3000幫扶 ＡＢ  12 四川省\r\n廣元市"
    key = build_key(text)
    assert key.text == "浙江省对口帮扶AB 12四川省广元市"
    start = key.text.index("四川省广元市")
    s, e = key.to_text(start, start + len("四川省广元市"))
    assert text[s:e] == "四川省\r\n廣元市"
    assert key.to_key(text.index("省對口")) == key.text.index("省对口")
    assert key.to_key(2) == 2, "a dropped line break maps to the next key character"
    assert key.to_text(len(key.text), len(key.text)) == (len(text), len(text))


def test_key_drops_pinyin_readings_after_characters_and_maps_back(extract_text) -> None:
    text = "2016年7月，中央在银川召开東西部扶貧協(xié)作座談會(huì)（RCEP）。"
    key = build_key(text)
    assert "东西部扶贫协作座谈会(RCEP)" in key.text, "an abbreviation in brackets stays"
    start = key.text.index("协作")
    s, e = key.to_text(start, start + 2)
    assert text[s:e] == "協(xié)作"
    starts = {(t.subject.label, t.value) for t in extract_text(text).triples if t.predicate == "startedIn"}
    assert ("东西部扶贫协作座谈会", 2016) in starts


def test_key_map_stays_small_for_one_huge_line() -> None:
    key = build_key("浙江省对口帮扶四川省广元市。" * 20_000)
    assert key.runs_key == (0,) and key.runs_text == (0,)


def test_heading_and_wrapped_lines_split_as_before() -> None:
    text = ("第一章 总体要求\n" + "浙江省对口帮扶四川省广元市东西部扶贫协作取得\n" * 6
            + "明显成效。\n\n二、主要做法\n")
    spans = split_sentences(text)
    assert text[slice(*spans[0])] == "第一章 总体要求"
    assert text[slice(*spans[1])].endswith("明显成效。")
    assert text[slice(*spans[-1])] == "二、主要做法"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("1996年，浙江省对口\n帮扶四川省广元市。\n第二段。",
         ["1996年，浙江省对口\n帮扶四川省广元市。", "第二段。"]),
        ("一、总体要求\n浙江省对口帮扶四川省广元市。", ["一、总体要求", "浙江省对口帮扶四川省广元市。"]),
        ("关于东西部扶贫协作的实施意见\n浙江省对口帮扶。", ["关于东西部扶贫协作的实施意见", "浙江省对口帮扶。"]),
        ("两地携手，共同推进：\n浙江省对口帮扶。", ["两地携手，共同推进：", "浙江省对口帮扶。"]),
    ],
    ids=["comma-clause-continues", "numbered-heading", "title-line", "ends-in-punctuation"],
)
def test_line_breaks_in_paragraph_per_line_text(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


# ------------------------------------------------------------------ traditional characters


def test_traditional_document_finds_regions_and_pairing(tmp_path: Path, extract_text) -> None:
    text = "1996年，浙江省對口幫扶四川省廣元市，東西部扶貧協作取得成效，浙江省投入資金7400餘萬元。\n"
    doc = load(write(tmp_path, "trad.txt", text.encode("gb18030")))
    assert doc.text == text, "the text itself is not converted"
    result = extract_text(doc.text, "trad.txt")
    pairs = [t for t in result.triples if t.predicate == "pairsWith"]
    assert [(t.subject.key, t.object.key if t.object else None) for t in pairs] == [
        ("330000", "510800")
    ]
    assert pairs[0].evidence.quote == "浙江省對口幫扶四川省廣元市"
    regions = {m.key for m in result.mentions if m.kind == "region"}
    assert {"330000", "510000", "510800"} <= regions


def test_hong_kong_variant_forms_fold() -> None:
    assert to_simplified("中衞市敍永縣") == "中卫市叙永县"
    assert build_key("寧夏中衞市").text == "宁夏中卫市"


def test_variant_forms_outside_the_dictionaries_fold(extract_text) -> None:
    """Mirror sites write 陜 for 陝: 蘇陜協作 is still 江苏 helping 陕西."""
    assert to_simplified("陜西擡頭") == "陕西抬头"
    result = extract_text("按照目前的蘇陜協作對口幫扶機制，兩省繼續合作。\n", "mirror.txt")
    pairs = {(t.subject.key, t.object.key if t.object else None) for t in result.triples if t.predicate == "pairsWith"}
    assert pairs == {("320000", "610000")}


def test_every_gazetteer_name_is_its_own_key(gazetteer) -> None:
    """Simplified names must survive the key conversion, or the text can never match them."""
    changed = sorted(n for n in gazetteer.by_name if to_simplified(n) != n)
    assert changed == []


def test_extractor_vocabulary_is_its_own_key() -> None:
    """Every Chinese character the recognisers and rules look for is already simplified."""
    chars: set[str] = set()
    for path in [*EXTRACT_DIR.rglob("*.py"), *(EXTRACT_DIR / "data").glob("*")]:
        if path.name != "tradsimp.py":
            chars.update(re.findall(r"[\u3400-\u9fff]", path.read_text(encoding="utf-8")))
    assert len(chars) > 300
    assert sorted(c for c in chars if to_simplified(c) != c) == []


def test_simplified_place_with_qian_is_found(extract_text) -> None:
    """乾 is a traditional form of 干 but also the simplified name of 乾县 and 乾安县."""
    result = extract_text("陕西省咸阳市乾县和吉林省松原市乾安县开展协作。")
    found = {(m.text, m.key) for m in result.mentions if m.kind == "region"}
    assert {("乾县", "610424"), ("乾安县", "220723")} <= found


def test_key_drops_a_comma_doubled_with_a_list_mark(extract_text) -> None:
    text = "天津市、山东省青岛市,、福建省福州市和厦门市对口支援甘肃省。"
    key = build_key(text)
    assert "青岛市、福建省" in key.text
    helpers = {t.subject.key for t in extract_text(text).triples if t.predicate == "pairsWith"}
    assert helpers == {"120000", "370200", "350100", "350200"}
