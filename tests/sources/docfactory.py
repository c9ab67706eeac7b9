"""Documents in every format, written for the tests (our own words, no source text).

PDFs are drawn with matplotlib's PDF backend (a text layer, as a word processor
would write it); DOCX, ODT and EPUB are zip archives of XML written here by
hand, as small as each format allows.  ``encrypted_pdf`` writes a PDF with a
standard (RC4, revision 2) security handler and a user password.
"""

from __future__ import annotations

import hashlib
import zipfile
from html import escape
from pathlib import Path
from typing import Sequence

# --------------------------------------------------------------------------- PDF


def make_pdf(path: Path, pages: Sequence[Sequence[str]], *, head: str | None = "Notes on a War",
             first_number: int | None = 1, title: str = "", author: str = "",
             numbers: Sequence[str | None] | None = None) -> Path:
    """A PDF with one page per item of ``pages``, each a list of lines ("" for a gap).

    Every page gets the running head ``head`` (if any) at its top and its
    number, counting from ``first_number`` (``None``: no numbers), at its foot;
    ``numbers`` gives instead what each page prints at its foot (``None``: nothing).
    """
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path, metadata={"Title": title, "Author": author}) as pdf:
        for n, lines in enumerate(pages):
            fig = Figure(figsize=(8.5, 11))
            if head:
                fig.text(0.1, 0.96, head, fontsize=8)
            for i, line in enumerate(lines):
                if line:
                    fig.text(0.1, 0.92 - i * 0.018, line, fontsize=10)
            foot = (numbers[n] if n < len(numbers) else None) if numbers is not None else (
                None if first_number is None else str(first_number + n))
            if foot is not None:
                fig.text(0.5, 0.03, foot, fontsize=8)
            pdf.savefig(fig)
    return path


def make_image_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of pictures only: what a scanner writes before OCR."""
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    rng = np.random.default_rng(7)
    with PdfPages(path) as pdf:
        for _ in range(pages):
            fig = Figure(figsize=(4, 5))
            ax = fig.add_axes((0, 0, 1, 1))
            ax.imshow(rng.random((40, 30)), cmap="gray")
            ax.set_axis_off()
            pdf.savefig(fig)
    return path


def make_many_page_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` pages, each a copy of one short page with text (made with pypdfium2)."""
    import pypdfium2 as pdfium

    one = make_pdf(path.with_suffix(".one.pdf"), [["The same short page, again and again, on 4 May 1951."]],
                   head=None)
    src = pdfium.PdfDocument(str(one))
    out = pdfium.PdfDocument.new()
    batch = 500
    done = 0
    while done < pages:
        k = min(batch, pages - done)
        out.import_pages(src, [0] * k)
        done += k
    out.save(str(path))
    out.close()
    src.close()
    one.unlink()
    return path


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for c in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(c ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(path: Path, user_password: bytes = b"secret", owner_password: bytes = b"owner") -> Path:
    """A one-page PDF protected by a user password (standard security handler, RC4 40-bit)."""
    file_id = hashlib.md5(b"kwe-test").digest()
    p = -44  # permissions
    o = _rc4(hashlib.md5((owner_password + _PAD)[:32]).digest()[:5], (user_password + _PAD)[:32])
    key = hashlib.md5((user_password + _PAD)[:32] + o + p.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u = _rc4(key, _PAD)

    def enc(objnum: int, data: bytes) -> bytes:
        k = hashlib.md5(key + objnum.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return _rc4(k, data)

    content = enc(4, b"BT /F1 12 Tf 72 720 Td (A locked page about 1952.) Tj ET")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode()
        + b"> /P %d >>" % p,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<" % (len(objs) + 1)
            + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    path.write_bytes(bytes(out))
    return path


# --------------------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w_par(text: str, style: str | None = None, listed: bool = False) -> str:
    ppr = ""
    if style or listed:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + \
              ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if listed else "") + "</w:pPr>"
    runs = []
    for i, part in enumerate(text.split("\n")):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        runs.append(f'<w:r><w:t xml:space="preserve">{escape(part, quote=False)}</w:t></w:r>')
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def make_docx(path: Path, blocks: Sequence[tuple[str, str]], *, title: str = "", author: str = "",
              external_image: str | None = None, deleted: str | None = None,
              table: Sequence[Sequence[str]] = ()) -> Path:
    """A Word document; ``blocks`` are ``(kind, text)`` with kind "h1".."h3", "p" or "li"."""
    body = []
    for kind, text in blocks:
        if kind.startswith("h"):
            body.append(_w_par(text, f"Heading{kind[1]}"))
        elif kind == "li":
            body.append(_w_par(text, "ListParagraph", listed=True))
        else:
            body.append(_w_par(text))
    if deleted:
        body.append(f'<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del></w:p>')
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{_w_par(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
        body.append(f"<w:tbl>{rows}</w:tbl>")
    if external_image:
        body.append('<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                    'r:link="rIdImg"/></w:drawing></w:r></w:p>')
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}" xmlns:r="{_R}">'
           f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + (f'<Relationship Id="rIdImg" Type="{_R}/image" Target="{escape(external_image)}" TargetMode="External"/>'
               if external_image else "")
            + f'<Relationship Id="rIdLink" Type="{_R}/hyperlink" Target="https://example.org/" TargetMode="External"/>'
            "</Relationships>")
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator></cp:coreProperties>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", rels)
        z.writestr("docProps/core.xml", core)
    return path


# --------------------------------------------------------------------------- ODT


def make_odt(path: Path, blocks: Sequence[tuple[str, str]], *, title: str = "", author: str = "") -> Path:
    """An OpenDocument text; ``blocks`` are ``(kind, text)`` with kind "h1".."h3", "p" or "li"."""
    parts = []
    items: list[str] = []

    def flush() -> None:
        if items:
            parts.append("<text:list>" + "".join(f"<text:list-item><text:p>{escape(t)}</text:p></text:list-item>"
                                                  for t in items) + "</text:list>")
            items.clear()

    for kind, text in blocks:
        if kind == "li":
            items.append(text)
            continue
        flush()
        if kind.startswith("h"):
            parts.append(f'<text:h text:outline-level="{kind[1]}">{escape(text)}</text:h>')
        else:
            parts.append(f"<text:p>{escape(text)}<text:note><text:note-body><text:p>A footnote of ours."
                         "</text:p></text:note-body></text:note></text:p>")
    flush()
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               f"<office:body><office:text>{''.join(parts)}</office:text></office:body></office:document-content>")
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
            f"<dc:title>{escape(title)}</dc:title><meta:initial-creator>{escape(author)}</meta:initial-creator>"
            "</office:meta></office:document-meta>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
    return path


# --------------------------------------------------------------------------- EPUB


def make_epub(path: Path, chapters: Sequence[str], *, title: str = "", author: str = "", date: str = "",
              remote_image: str | None = None) -> Path:
    """An EPUB 3 book whose chapters are the given XHTML bodies, in reading order."""
    manifest = []
    spine = []
    files = {}
    for i, body in enumerate(chapters, 1):
        name = f"text/ch{i}.xhtml"
        files[name] = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
                       '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title>'
                       '<link rel="stylesheet" href="https://example.org/style.css"/></head>'
                       f"<body>{body}</body></html>")
        manifest.append(f'<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{i}"/>')
    if remote_image:
        manifest.append(f'<item id="img" href="{escape(remote_image)}" media-type="image/png"/>')
    opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
           f"<dc:date>{escape(date)}</dc:date></metadata>"
           f"<manifest>{''.join(manifest)}</manifest><spine>{''.join(spine)}"
           "</spine></package>")
    container = ('<?xml version="1.0"?><container version="1.0" '
                 'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                 '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
                 "</rootfiles></container>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            z.writestr(f"OEBPS/{name}", data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def zip_bomb(path: Path, member: str, megabytes: int = 40, extra: dict[str, str] | None = None) -> Path:
    """A zip archive posing as a document, whose ``member`` unpacks to ``megabytes`` of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        with z.open(member, "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return path
