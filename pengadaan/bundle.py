"""One bid as one file before sealing: a ZIP of its price and its PDF documents."""

import io
import json
import zipfile
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# The parts of a bid, in the order the evaluation reads them.
BID_PARTS = {
    "administrasi": _("Dokumen administrasi"),
    "teknis": _("Dokumen penawaran teknis"),
    "pernyataan": _("Surat penawaran bertanda tangan"),
}


def bid_pack(*, harga: Decimal, parts: dict[str, bytes]) -> bytes:
    """
    Return the ZIP bytes holding the price and one PDF per part.

    The PDFs are stored as they came, not deflated again: a PDF's streams are compressed already
    (a scan's images are JPEG), so deflating them gains nothing and costs the largest part of a
    bid's CPU when hundreds arrive before a deadline. Bids packed
    earlier with deflated parts read the same.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("penawaran.json", json.dumps({"harga": str(harga)}), zipfile.ZIP_DEFLATED)
        for name in BID_PARTS:
            archive.writestr(f"{name}.pdf", parts[name])
    return buffer.getvalue()


def bid_price(plaintext: bytes) -> Decimal:
    """Return the price inside an unsealed bid."""
    with zipfile.ZipFile(io.BytesIO(plaintext)) as archive:
        return Decimal(json.loads(archive.read("penawaran.json"))["harga"])


def bid_part(plaintext: bytes, name: str) -> bytes:
    """Return one PDF part of an unsealed bid."""
    if name not in BID_PARTS:
        raise KeyError(name)
    with zipfile.ZipFile(io.BytesIO(plaintext)) as archive:
        return archive.read(f"{name}.pdf")
