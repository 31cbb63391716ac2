"""Small, real documents that pass every upload check: for demo data and tests."""

import functools
import io


@functools.cache
def sample_pdf_bytes() -> bytes:
    """Return a valid one-page blank A4 PDF (about 430 bytes)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@functools.cache
def sample_jpeg_bytes() -> bytes:
    """Return a valid small grey JPEG photo."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 200, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()
