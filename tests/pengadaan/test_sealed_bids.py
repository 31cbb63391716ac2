"""Sealed bids: unreadable before the opening by every path, readable after, digest on the receipt."""

import datetime
import hashlib
import io
import os

import pytest
from cryptography.fernet import InvalidToken
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from pengadaan.bundle import bid_price
from pengadaan.constants import Tahap
from pengadaan.models import Paket, Penawaran
from pengadaan.receipts import penawaran_receipt
from pengadaan.sealing import SealedError, bid_unseal, package_fernet
from pengadaan.services import paket_join, paket_open, penawaran_part, penawaran_submit
from portal.audit.models import AksesData
from tests.factories import UserFactory
from tests.factories.pengadaan import (
    bid,
    bid_parts,
    clock,
    during,
    konflik_declare,
    members,
    opened,
    paket,
    stage,
    vendor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tender():
    return paket(mulai=timezone.now() - datetime.timedelta(days=1))


def _stored_bytes(penawaran):
    with penawaran.berkas.open("rb") as handle:
        return handle.read()


def test_stored_bid_is_ciphertext_and_price_is_not_in_the_database(tender):
    penawaran = bid(tender, vendor(), 812_345_678)
    stored = _stored_bytes(penawaran)
    assert b"812345678" not in stored and b"%PDF" not in stored
    penawaran.refresh_from_db()
    assert penawaran.harga is None
    assert penawaran.digest == hashlib.sha256(stored).hexdigest()


def test_bid_unreadable_before_opening_by_every_path(tender, client):
    penawaran = bid(tender, vendor(), 800_000_000)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    pokja = members(tender)[0]
    # The one unsealing function, as a shell or the admin would call it, even for a superuser.
    with pytest.raises(SealedError):
        bid_unseal(penawaran=penawaran, actor=superuser, purpose="shell")
    # A stale object whose opening time was set in memory only does not pass either.
    penawaran.paket.dibuka_at = timezone.now()
    with pytest.raises(SealedError):
        bid_unseal(penawaran=penawaran, actor=superuser, purpose="shell")
    # The Pokja's document service, after declaring no conflict.
    konflik_declare(paket=tender, actor=pokja, ada_konflik=False)
    with pytest.raises(SealedError):
        penawaran_part(penawaran=Penawaran.objects.get(pk=penawaran.pk), actor=pokja, name="teknis")
    # Opening before the opening time is refused.
    with clock(stage(tender, Tahap.PENAWARAN).selesai), pytest.raises(ValidationError):
        paket_open(paket=tender, actor=pokja)
    # The admin shows neither price nor content, to a superuser: before the opening, not the bid.
    client.force_login(superuser)
    response = client.get(f"/admin/pengadaan/penawaran/{penawaran.pk}/change/", follow=True)
    assert response.status_code == 200 and penawaran.digest not in response.content.decode()
    assert b"800000000" not in response.content and b"800.000.000" not in response.content
    assert not AksesData.objects.filter(
        object_id=penawaran.pk, description__contains=tender.reference
    ).exists()


def test_bid_readable_after_opening_and_each_read_is_logged(tender):
    penawaran = bid(tender, vendor(), 800_000_000)
    tender = opened(tender)
    penawaran.refresh_from_db()
    assert penawaran.harga == 800_000_000
    pokja = members(tender)[1]
    konflik_declare(paket=tender, actor=pokja, ada_konflik=False)
    assert penawaran_part(penawaran=penawaran, actor=pokja, name="teknis").startswith(b"%PDF")
    logged = AksesData.objects.filter(object_id=penawaran.pk, content_type__model="penawaran")
    assert {row.actor_id for row in logged} == {members(tender)[0].pk, pokja.pk}


def test_outsider_cannot_read_even_after_opening(tender):
    penawaran = bid(tender, vendor(), 800_000_000)
    opened(tender)
    with pytest.raises(PermissionDenied):
        penawaran_part(penawaran=penawaran, actor=UserFactory(), name="teknis")


def test_each_package_has_its_own_key(tender):
    other = paket(mulai=timezone.now() - datetime.timedelta(days=1))
    penawaran = bid(tender, vendor(), 700_000_000)
    token = _stored_bytes(penawaran)
    assert bid_price(package_fernet(tender).decrypt(token)) == 700_000_000
    with pytest.raises(InvalidToken):
        package_fernet(other).decrypt(token)


def test_receipt_states_the_digest_of_the_stored_bid(tender, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        penawaran = bid(tender, vendor(), 750_000_000)
    document = penawaran_receipt(penawaran=penawaran)
    assert document is not None
    with document.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert hashlib.sha256(_stored_bytes(penawaran)).hexdigest() in "".join(text.split())


def test_bid_at_deadline_is_accepted_and_one_second_later_refused_leaving_nothing(tender, settings):
    penyedia = vendor()
    deadline = stage(tender, Tahap.PENAWARAN).selesai
    with clock(during(tender, Tahap.PENAWARAN)):
        paket_join(paket=tender, penyedia=penyedia)
    with clock(deadline):
        penawaran_submit(paket=tender, penyedia=penyedia, harga=1, parts=bid_parts())
    late = vendor()
    with clock(during(tender, Tahap.PENAWARAN)):
        paket_join(paket=tender, penyedia=late)
    files_before = sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file())
    with clock(deadline + datetime.timedelta(seconds=1)), pytest.raises(ValidationError, match="sudah lewat"):
        penawaran_submit(paket=tender, penyedia=late, harga=1, parts=bid_parts())
    assert not Penawaran.objects.filter(penyedia=late).exists()
    assert sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()) == files_before


def test_replaced_bid_leaves_only_the_last_readable(tender, django_capture_on_commit_callbacks):
    penyedia = vendor()
    first = bid(tender, penyedia, 900_000_000)
    first_file = first.berkas.path
    with (
        clock(during(tender, Tahap.PENAWARAN, seconds=60)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        last = penawaran_submit(paket=tender, penyedia=penyedia, harga=850_000_000, parts=bid_parts())
    first.refresh_from_db()
    assert not first.aktif and not first.berkas and first.digest  # its receipt stays verifiable
    assert not os.path.exists(first_file)
    tender = opened(tender)
    last.refresh_from_db()
    assert last.harga == 850_000_000
    with pytest.raises(SealedError):
        bid_unseal(penawaran=first, actor=members(tender)[0], purpose="uji")
    assert Paket.objects.get(pk=tender.pk).penawaran_set.filter(aktif=True).count() == 1


def test_vendors_data_export_holds_no_bid_content_before_opening(tender, client):
    from django.urls import reverse

    penyedia = vendor()
    penawaran = bid(tender, penyedia, 812_345_678)
    client.force_login(penyedia.user)
    body = client.get(reverse("audit:data_saya_json")).content.decode()
    assert penawaran.digest in body and "812345678" not in body
    opened(tender)
    body = client.get(reverse("audit:data_saya_json")).content.decode()
    assert "812345678" in body


def test_the_receipts_verification_texts_are_stored_in_indonesian_whatever_language_made_it(tender):
    from django.utils import translation

    from pengadaan.receipts import penawaran_receipt_generate

    penawaran = bid(tender, vendor(), 750_000_000)
    with translation.override("en"):  # an eager task runs in the English request that sent the bid
        document = penawaran_receipt_generate(penawaran_id=penawaran.pk)
    assert document.service == "Pengadaan: bukti penerimaan penawaran"


@pytest.mark.django_db(transaction=True)
def test_a_bid_replaced_while_the_broker_is_down_is_kept_sealed_and_opens(monkeypatch, settings):
    from kombu.exceptions import OperationalError

    from pengadaan import tasks

    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    first = bid(tender, penyedia, 810_000_000)
    first_file = settings.PRIVATE_MEDIA_ROOT / first.berkas.name

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.penawaran_receipt_task, "delay", down)
    second = bid(tender, penyedia, 800_000_000)  # no error to the vendor: the receipt waits
    assert Penawaran.objects.get(pk=second.pk).aktif and not Penawaran.objects.get(pk=first.pk).aktif
    assert (settings.PRIVATE_MEDIA_ROOT / second.berkas.name).exists() and not first_file.exists()
    assert opened(tender).penawaran_set.get(aktif=True).harga == 800_000_000
