"""What the database holds after the surge: every bid sealed with its digest and receipt."""

import hashlib
import io
import json
import re
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

# ------------------------------------------------------------------------------
# Checks in the database
# ------------------------------------------------------------------------------


def receipts_wait(ids, timeout):
    from django.contrib.contenttypes.models import ContentType

    from pengadaan.models import Penawaran
    from portal.verification.models import IssuedDocument

    kind = ContentType.objects.get_for_model(Penawaran)
    started, done = time.monotonic(), 0
    while time.monotonic() - started < timeout:
        done = IssuedDocument.objects.filter(content_type=kind, object_id__in=ids).exclude(file="").count()
        if done >= len(ids):
            break
        time.sleep(0.5)
    return done, time.monotonic() - started


def verify(tender, rows, t0):
    """Check every stored bid against what its vendor sent; return (figures, failures)."""
    from cryptography.fernet import InvalidToken
    from django.contrib.contenttypes.models import ContentType
    from pypdf import PdfReader

    from pengadaan.models import Paket, Penawaran
    from pengadaan.sealing import SealedError, bid_unseal, package_fernet
    from portal.accounts.models import User
    from portal.verification.models import IssuedDocument

    failures = []
    sent = {row["vendor"]: row for row in rows}
    bids = list(Penawaran.objects.filter(paket=tender).select_related("penyedia"))
    active = [b for b in bids if b.aktif]
    figures = {"bids_stored": len(bids), "bids_active": len(active)}
    if len(bids) != len(rows) or len(active) != len(rows) or {b.penyedia_id for b in active} != set(sent):
        failures.append(f"{len(bids)} bids stored ({len(active)} active) for {len(rows)} vendors")
    fernet = package_fernet(tender)
    other = package_fernet(SimpleNamespace(reference="PBJ-0000-0000"))  # another package's key
    tender = Paket.objects.get(pk=tender.pk)
    reader_actor = User.objects.filter(is_superuser=False).first()
    bad = {"digest": 0, "size": 0, "plaintext_visible": 0, "other_key_opens": 0, "documents": 0,
           "price": 0, "unseal_before_opening": 0, "late": 0}  # fmt: skip
    for bid in active:
        with bid.berkas.open("rb") as handle:
            stored = handle.read()
        row = sent.get(bid.penyedia_id)
        if hashlib.sha256(stored).hexdigest() != bid.digest:
            bad["digest"] += 1
        if len(stored) != bid.size:
            bad["size"] += 1
        if b"%PDF" in stored or b"DCTDecode" in stored or str(row["harga"]).encode() in stored:
            bad["plaintext_visible"] += 1
        if bid.harga is not None:
            bad["price"] += 1
        if bid.diterima_at > t0:
            bad["late"] += 1
        try:
            other.decrypt(stored)
            bad["other_key_opens"] += 1
        except InvalidToken:
            pass
        try:
            bid_unseal(penawaran=bid, actor=reader_actor, purpose="bench")
            bad["unseal_before_opening"] += 1
        except SealedError:
            pass
        with zipfile.ZipFile(io.BytesIO(fernet.decrypt(stored))) as archive:
            got = {name: hashlib.sha256(archive.read(f"{name}.pdf")).hexdigest() for name in row["sha256"]}
            price = json.loads(archive.read("penawaran.json"))["harga"]
        if got != row["sha256"]:
            bad["documents"] += 1
        if price != str(row["harga"]):
            bad["price"] += 1
    figures["bid_checks_failed"] = bad
    for name, count in bad.items():
        if count:
            failures.append(f"{count} bids fail the {name} check")
    kind = ContentType.objects.get_for_model(Penawaran)
    receipts = {
        d.object_id: d
        for d in IssuedDocument.objects.filter(content_type=kind, object_id__in=[b.pk for b in active])
        .exclude(file="")
    }  # fmt: skip
    printed = 0
    for bid in active:
        document = receipts.get(bid.pk)
        if document is None:
            continue
        with document.file.open("rb") as handle:
            text = "".join(page.extract_text() for page in PdfReader(handle).pages)
        printed += bid.digest in re.sub(r"\s+", "", text)
    figures["receipts"] = len(receipts)
    figures["receipts_printing_the_digest"] = printed
    if len(receipts) != len(active) or printed != len(active):
        failures.append(f"{len(receipts)} receipts, {printed} printing their bid's digest, for {len(active)}")
    return figures, failures


def late_check(late, tender, late_vendor, first_vendor, t0, stored_before):
    """Both late bids refused with the deadline message (deadline shown), nothing stored."""
    from django.utils import formats, timezone, translation

    from pengadaan.models import Penawaran

    with translation.override("id"):
        deadline = formats.date_format(timezone.localtime(t0), "j F Y H:i:s")
    expected = f"Batas penawaran sudah lewat ({deadline} WIB): penawaran tidak diterima dan tidak disimpan."
    failures = []
    for who, result in zip(("vendor without a bid", "vendor replacing its bid"), late, strict=True):
        result["message_shown"] = expected in result["text"]
        if result["status"] != 400 or not result["message_shown"]:
            failures.append(f"late bid of a {who}: {result['status']}, message: {result['message_shown']}")
    nothing = not Penawaran.objects.filter(paket=tender, penyedia_id=late_vendor["penyedia_id"]).exists()
    first = Penawaran.objects.filter(paket=tender, penyedia_id=first_vendor["penyedia_id"])
    kept = first.count() == 1 and first.filter(aktif=True).count() == 1
    files_after = stored_files()
    if not nothing or not kept or files_after != stored_before:
        failures.append(
            f"late bids stored something: late vendor's rows {not nothing}, first vendor kept its one bid "
            f"{kept}, files {stored_before} -> {files_after}"
        )
    figures = {
        "expected_message": expected,
        "results": [{k: v for k, v in r.items() if k != "text"} for r in late],
        "late_vendor_has_no_bid": nothing,
        "replacing_vendor_kept_its_bid": kept,
        "bid_files_before_after": [stored_before, files_after],
    }
    return figures, failures


def stored_files():
    from django.conf import settings

    from pengadaan.models import Penawaran

    root = Path(settings.PRIVATE_MEDIA_ROOT) / Penawaran.UPLOAD_PREFIX
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0
