"""The bid bundle: price and PDFs in one ZIP, the PDFs stored as sent (not deflated again)."""

import io
import json
import os
import zipfile
from decimal import Decimal

import pytest

from pengadaan.bundle import BID_PARTS, bid_pack, bid_part, bid_price


def _parts():
    # Incompressible content, as a scan's JPEG images are.
    return {name: b"%PDF-1.7\n" + os.urandom(200_000) for name in BID_PARTS}


def test_pack_round_trip_keeps_price_and_every_document_byte_for_byte():
    parts = _parts()
    packed = bid_pack(harga=Decimal("812345678"), parts=parts)
    assert bid_price(packed) == Decimal("812345678")
    for name, content in parts.items():
        assert bid_part(packed, name) == content


def test_documents_are_stored_not_deflated_again():
    parts = _parts()
    with zipfile.ZipFile(io.BytesIO(bid_pack(harga=Decimal(1), parts=parts))) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert kinds == {"penawaran.json": zipfile.ZIP_DEFLATED} | {
        f"{name}.pdf": zipfile.ZIP_STORED for name in BID_PARTS
    }


def test_a_bid_packed_with_deflated_documents_still_reads():
    parts = _parts()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("penawaran.json", json.dumps({"harga": "900000000"}))
        for name in BID_PARTS:
            archive.writestr(f"{name}.pdf", parts[name])
    assert bid_price(buffer.getvalue()) == Decimal("900000000")
    assert bid_part(buffer.getvalue(), "teknis") == parts["teknis"]
    with pytest.raises(KeyError):
        bid_part(buffer.getvalue(), "lain")
