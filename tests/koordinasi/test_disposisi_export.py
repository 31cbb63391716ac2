"""A disposisi with several instructions, and the memo export with its chain and signature block."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from koordinasi.models import Disposisi
from koordinasi.services import disposisi_complete, disposisi_give
from portal.verification.models import IssuedDocument
from tests.factories.koordinasi import naskah_sent, officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    a = officer("DPMPTSP", name="Ahmad Pengirim", jabatan="Kepala Bidang Perizinan")
    b = officer("BAGIAN-UMUM", name="Budi Penerima", jabatan="Kepala Bagian Umum")
    b2 = officer("BAGIAN-UMUM", name="Bayu Rekan", jabatan="Analis Tata Usaha")
    return a, b, b2


def _text(content) -> str:
    if not isinstance(content, bytes):
        content = b"".join(content)
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _export(client, user, naskah):
    client.force_login(user)
    response = client.get(reverse("koordinasi:export", args=[naskah.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return _text(body)


def test_a_disposisi_carries_several_instructions_from_the_form(client, people):
    a, b, b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    client.post(
        reverse("koordinasi:disposisi", args=[naskah.pk]),
        {"kepada": b2.pk, "instruksi": ["tindak_lanjuti", "siapkan_jawaban"]},
    )
    assert Disposisi.objects.get().instruksi == ["tindak_lanjuti", "siapkan_jawaban"]
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    chain = page[page.index('id="disposisi"') :]
    assert "Tindak lanjuti" in chain and "Siapkan jawaban" in chain


def test_a_disposisi_without_an_instruction_is_refused_with_a_message(client, people):
    a, b, b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    response = client.post(reverse("koordinasi:disposisi", args=[naskah.pk]), {"kepada": b2.pk}, follow=True)
    assert "Pilih sedikitnya satu instruksi" in response.content.decode()
    assert not Disposisi.objects.exists()


def test_the_service_refuses_unknown_or_no_instructions(people):
    a, b, b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    for wrong in ([], ["terbangkan"]):
        with pytest.raises(ValidationError):
            disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi=wrong)
    assert not Disposisi.objects.exists()
    row = disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi=["hadiri", "hadiri", "tanggapan"])
    assert row.instruksi == ["hadiri", "tanggapan"]


def test_the_export_has_a_signature_block(client, people):
    a, b, _b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    text = _export(client, b, naskah)
    sent = formats.date_format(timezone.localtime(naskah.sent_at), "j F Y")
    assert f"Tulungagung, {sent}" in text
    assert "Kepala Bidang Perizinan" in text and "Ahmad Pengirim" in text
    assert "Dinas Penanaman Modal" in text
    assert "LEMBAR DISPOSISI" not in text


def test_the_export_shows_the_disposisi_chain_to_those_in_it(client, people):
    a, b, b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    due = timezone.localdate() + datetime.timedelta(days=3)
    first = disposisi_give(
        naskah=naskah, actor=b, kepada=b2, instruksi=["koordinasikan", "siapkan_jawaban"], batas_waktu=due
    )
    disposisi_complete(disposisi=first, actor=b2, catatan="Jawaban sudah disiapkan.")
    text = _export(client, b2, naskah)
    chain = text[text.index("LEMBAR DISPOSISI") :]
    assert "Budi Penerima" in chain and "Bayu Rekan" in chain and "Kepala Bagian Umum" in chain
    assert "Koordinasikan/" in chain and "Siapkan jawaban" in chain
    assert formats.date_format(due, "j M Y") in chain and "Jawaban sudah disiapkan." in chain
    assert formats.date_format(timezone.localtime(Disposisi.objects.get().selesai_at), "j M Y") in chain


def test_another_agency_never_sees_the_chain_not_even_in_the_issued_file(client, people):
    a, b, b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti", catatan="Internal saja")
    assert "LEMBAR DISPOSISI" in _export(client, b, naskah)
    issued = IssuedDocument.objects.get(kind=IssuedDocument.Kind.NASKAH_DINAS)
    with issued.file.open("rb") as f:
        assert "Bayu Rekan" not in _text(f.read())
    text = _export(client, a, naskah)
    assert "LEMBAR DISPOSISI" not in text and "Bayu Rekan" not in text and "Internal saja" not in text


def test_the_verification_page_dates_an_exported_memo_by_its_own_date(client, people):
    from koordinasi.models import Naskah

    a, b, _b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    sent_at = timezone.now() - datetime.timedelta(days=40)  # exported weeks after it was sent
    Naskah.objects.filter(pk=naskah.pk).update(sent_at=sent_at)
    _export(client, a, naskah)
    document = IssuedDocument.objects.get(kind=IssuedDocument.Kind.NASKAH_DINAS)
    page = client.get(f"/verifikasi/{document.token}/").content.decode()
    assert formats.date_format(timezone.localdate(sent_at), "j F Y") in page


def test_the_issued_file_holds_no_read_receipts_which_only_the_sender_sees(client, people):
    a, b, b2 = people
    naskah = naskah_sent(
        sender=a, to_agencies=["BAGIAN-UMUM"], to_officers=[officer("DISPENDUKCAPIL", name="Citra")]
    )
    client.force_login(b2)
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))  # Bayu reads it: a receipt
    for reader in (b, a):
        text = _export(client, reader, naskah)
        assert "Catatan baca" not in text and "Bayu Rekan" not in text and "Citra" not in text
    client.force_login(a)
    assert "Bayu Rekan" in client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()


def test_the_sender_of_a_memo_is_no_choice_for_its_disposisi_and_is_refused(client, people):
    a, b, b2 = people
    colleague = officer("BAGIAN-UMUM", name="Kepala Umum")
    naskah = naskah_sent(sender=b2, to_officers=[colleague])  # within one agency
    client.force_login(colleague)
    choices = (
        client.get(reverse("koordinasi:detail", args=[naskah.pk])).context["disposisi_form"].fields["kepada"]
    )
    assert b2 not in choices.queryset and b in choices.queryset
    with pytest.raises(ValidationError, match="naskahnya sendiri"):
        disposisi_give(naskah=naskah, actor=colleague, kepada=b2, instruksi="tindak_lanjuti")
    assert not Disposisi.objects.exists()


def test_a_memo_of_an_agency_with_the_longest_unit_code_is_exported(client, people):
    from portal.wilayah.models import Instansi

    _a, b, _b2 = people
    code = "KEC-" + "X" * 36  # as long as a unit code may be: the number runs past 60 characters
    Instansi.objects.create(code=code, name="Kecamatan Uji")
    naskah = naskah_sent(
        sender=officer(code), to_agencies=["BAGIAN-UMUM"], kode_klasifikasi="500.123.123.123.123"
    )
    assert len(naskah.nomor) > 60
    assert naskah.nomor in _export(client, b, naskah).replace(" ", "")


def test_memos_exported_before_are_drawn_again_without_receipts_under_the_same_token(
    client, people, settings
):
    import importlib

    from django.apps import apps

    a, b, _b2 = people
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    _export(client, b, naskah)
    before = IssuedDocument.objects.get(kind=IssuedDocument.Kind.NASKAH_DINAS)
    old_file = settings.PRIVATE_MEDIA_ROOT / before.file.name
    migration = importlib.import_module("koordinasi.migrations.0010_exported_memos_without_read_receipts")
    migration.files_clear(apps, None)
    assert not IssuedDocument.objects.get(pk=before.pk).file and not old_file.exists()
    _export(client, b, naskah)
    after = IssuedDocument.objects.get(pk=before.pk)
    assert after.file and after.token == before.token
