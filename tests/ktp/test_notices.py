"""KTP-el rules and notices that fit the case: checks at the first step they can be known, per-kind
receipts and emails, reschedules as their own event, the card's pickup, the blanko serial's format."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ktp.constants import Jenis
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from tests.factories import UserFactory

from .test_views import KK, NIK, _biodata_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


def _at_biodata(client, jenis):
    client.post(reverse("ktp:start"), {"jenis": jenis})
    permohonan = PermohonanKTP.objects.latest("pk")
    url = reverse("ktp:biodata", args=[permohonan.pk])
    client.post(url, {"nik": NIK, "no_kk": KK})
    return permohonan, url


def test_a_first_card_for_an_unmarried_16_year_old_is_refused_at_the_biodata_step(client, warga):
    permohonan, url = _at_biodata(client, Jenis.BARU)
    born = timezone.localdate().replace(year=timezone.localdate().year - 16)
    response = client.post(
        url,
        _biodata_post(
            tanggal_lahir=born.isoformat(), status_perkawinan="belum_kawin", nik_mismatch_confirmed="on"
        ),
    )
    assert response.status_code == 200  # the form again, before any document was asked for
    assert "hanya untuk yang berumur 17 tahun" in response.content.decode()
    married = client.post(
        url,
        _biodata_post(tanggal_lahir=born.isoformat(), status_perkawinan="kawin", nik_mismatch_confirmed="on"),
    )
    assert married.status_code == 302


def test_an_extension_for_a_citizen_is_refused_at_the_biodata_step(client, warga):
    permohonan, url = _at_biodata(client, Jenis.PERPANJANGAN_WNA)
    response = client.post(url, _biodata_post(kewarganegaraan="WNI"))
    assert response.status_code == 200
    assert "hanya untuk WNA pemegang KITAP" in response.content.decode()


@pytest.fixture
def recorded(warga):
    from ktp.services import permohonan_record, permohonan_submit, permohonan_verify
    from tests.factories.ktp import permohonan_complete_draft

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    p = permohonan_record(permohonan=permohonan_verify(permohonan=p, actor=officer), actor=officer)
    return p, officer


@pytest.mark.parametrize("serial", ["", "apa saja boleh", "B 2026", "B/2026/1", "-B1", "B" * 31])
def test_the_blanko_serial_must_have_its_format_and_nothing_is_issued_otherwise(recorded, serial):
    from django.core.exceptions import ValidationError

    from ktp.models import KTP
    from ktp.services import permohonan_issue

    p, officer = recorded
    with pytest.raises(ValidationError, match="tidak sesuai format"):
        permohonan_issue(permohonan=p, actor=officer, blanko_serial=serial)
    p.refresh_from_db()
    assert p.status == "direkam" and not KTP.objects.exists()


def test_the_refused_serial_is_told_the_format_the_default_pattern_accepts(recorded):
    from django.core.exceptions import ValidationError

    from ktp.services import permohonan_issue

    p, officer = recorded
    with pytest.raises(ValidationError, match="3 sampai 30 huruf, angka atau tanda hubung"):
        permohonan_issue(permohonan=p, actor=officer, blanko_serial="B 2026")
    assert permohonan_issue(permohonan=p, actor=officer, blanko_serial="b-26").status == "diterbitkan"


def test_the_blanko_serial_format_is_a_setting_and_a_used_serial_is_refused(recorded, settings):
    from django.core.exceptions import ValidationError

    from ktp.models import KTP
    from ktp.services import permohonan_issue

    p, officer = recorded
    settings.KTP_BLANKO_SERIAL_PATTERN, settings.KTP_BLANKO_SERIAL_HELP = r"[0-9]{12}", "12 angka"
    with pytest.raises(ValidationError, match="12 angka"):
        permohonan_issue(permohonan=p, actor=officer, blanko_serial="B-2026-1")
    KTP.objects.create(penduduk=_resident(), blanko_serial="350400000001", tanggal_terbit="2020-01-01")
    with pytest.raises(ValidationError, match="sudah dipakai"):
        permohonan_issue(permohonan=p, actor=officer, blanko_serial=" 350400000001 ")
    issued = permohonan_issue(permohonan=p, actor=officer, blanko_serial="350400000002")
    assert issued.status == "diterbitkan"


def test_a_second_click_on_terbitkan_is_told_the_card_was_issued_not_that_its_serial_is_taken(recorded):
    from django.core.exceptions import ValidationError

    from ktp.services import permohonan_issue

    p, officer = recorded
    permohonan_issue(permohonan=p, actor=officer, blanko_serial="B-2026-1", expected_from="direkam")
    with pytest.raises(ValidationError, match="baru saja diubah orang lain; statusnya kini Diterbitkan"):
        permohonan_issue(permohonan=p, actor=officer, blanko_serial="B-2026-1", expected_from="direkam")


def _resident():
    from ktp.models import Penduduk

    return Penduduk.objects.create(nik="3504020101800009", nama="Lain")


def _verified(warga, jenis=Jenis.BARU):
    from ktp.services import permohonan_submit, permohonan_verify
    from tests.factories.ktp import permohonan_complete_draft

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    draft = permohonan_complete_draft(applicant=warga, jenis=jenis, documents=_documents(jenis))
    p = permohonan_submit(permohonan=draft, actor=warga)
    return permohonan_verify(permohonan=p, actor=officer), officer


def _documents(jenis):
    from ktp.rules import required_documents

    return tuple(required_documents(jenis=jenis, is_wna=False))


def test_a_reschedule_is_its_own_event_and_the_same_day_changes_nothing(
    warga, django_capture_on_commit_callbacks, mailoutbox
):
    from django.core.exceptions import ValidationError

    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_reschedule, slot_days_offered

    p, officer = _verified(warga)
    rows = p.riwayat_set.count()
    with pytest.raises(ValidationError, match="Pilih tanggal lain"):
        permohonan_reschedule(permohonan=p, actor=officer, date=p.appointment_date)
    assert p.riwayat_set.count() == rows and mailoutbox == []

    layanan = LayananKecamatan.objects.get(kecamatan=p.kecamatan)
    new_day = next(d for d in slot_days_offered(layanan=layanan, exclude=p) if d != p.appointment_date)
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_reschedule(permohonan=p, actor=officer, date=new_day)
    last = p.riwayat_set.order_by("created_at", "id").last()
    assert last.to_status_label == "Jadwal diubah" and p.status == "diverifikasi"
    (mail,) = mailoutbox
    assert "jadwal diubah" in mail.subject and "diubah menjadi" in mail.body
    assert new_day.strftime("%Y") in mail.body and "sekarang: Terverifikasi" not in mail.body


def test_ready_for_pickup_says_where_and_until_when_and_not_the_old_appointment(
    warga, django_capture_on_commit_callbacks, mailoutbox
):
    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_issue, permohonan_ready, permohonan_record

    p, officer = _verified(warga)
    layanan = LayananKecamatan.objects.get(kecamatan=p.kecamatan)
    layanan.office_address, layanan.office_hours, layanan.pickup_days = (
        "Jl. Pahlawan 1",
        "Senin-Jumat 08.00-14.00",
        20,
    )
    layanan.save()
    p = permohonan_issue(
        permohonan=permohonan_record(permohonan=p, actor=officer), actor=officer, blanko_serial="B-9"
    )
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_ready(permohonan=p, actor=officer)
    (mail,) = mailoutbox
    assert "Jl. Pahlawan 1" in mail.body and "Senin-Jumat 08.00-14.00" in mail.body
    assert "paling lambat" in mail.body and "surat kuasa" in mail.body
    assert "Jadwal perekaman" not in mail.body and "Jadwal pemeriksaan" not in mail.body


@pytest.mark.parametrize(
    ("jenis", "recording"),
    [(Jenis.BARU, True), (Jenis.PERUBAHAN_DATA, True), (Jenis.HILANG, False), (Jenis.RUSAK, False)],
)
def test_the_receipt_and_confirmation_ask_for_recording_only_where_it_is_done(
    client, warga, jenis, recording
):
    from django.template.loader import render_to_string

    from ktp.services import permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    draft = permohonan_complete_draft(applicant=warga, jenis=jenis, documents=_documents(jenis))
    p = permohonan_submit(permohonan=draft, actor=warga)
    receipt = render_to_string("pdf/ktp/bukti_pendaftaran.html", {"permohonan": p, "verify_url": "x"})
    page = client.get(reverse("ktp:konfirmasi", args=[p.pk])).content.decode()
    for text in (receipt, page):
        assert ("untuk perekaman biometrik" in text) is recording
        assert ("tidak perlu perekaman ulang" in text) is not recording


@pytest.mark.parametrize("jenis", [Jenis.BARU, Jenis.HILANG])
def test_the_office_visit_is_told_without_promising_a_recording_the_kind_does_not_have(
    warga, django_capture_on_commit_callbacks, jenis
):
    # A lost card's holder is told at the desk that no new biometrics are recorded: the status the
    # citizen is emailed after the visit must not say they were.
    from django.core import mail

    from ktp.services import permohonan_record, permohonan_submit, permohonan_verify
    from tests.factories.ktp import permohonan_complete_draft

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    documents = ("kk", "surat_kehilangan") if jenis == Jenis.HILANG else ("kk",)
    draft = permohonan_complete_draft(applicant=warga, jenis=jenis, documents=documents)
    p = permohonan_verify(permohonan=permohonan_submit(permohonan=draft, actor=warga), actor=officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_record(permohonan=p, actor=officer)
    (email,) = mail.outbox
    assert "Kunjungan kantor selesai" in email.body and "perekaman" not in email.body.lower()


def test_the_public_pages_say_the_visit_records_biometrics_only_for_the_kinds_that_do(client):
    for name in ("ktp:index", "ktp:standar"):
        page = client.get(reverse(name)).content.decode()
        assert "pemeriksaan dokumen asli" in page
        assert "sesuai jadwal untuk perekaman biometrik." not in page


def test_verifying_after_the_booked_day_passed_says_a_new_day_will_follow_not_the_old_date(
    warga, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail

    from ktp.services import permohonan_submit, permohonan_verify
    from tests.factories.ktp import permohonan_complete_draft

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    missed = timezone.localdate() - datetime.timedelta(days=2)
    PermohonanKTP.objects.filter(pk=p.pk).update(appointment_date=missed)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_verify(permohonan=PermohonanKTP.objects.get(pk=p.pk), actor=officer)
    (email,) = mail.outbox
    assert "sudah lewat" in email.body and "jadwal baru" in email.body
    assert "Jadwal perekaman biometrik di kantor kecamatan:" not in email.body


def test_verifying_a_visit_on_a_day_since_made_a_holiday_says_a_new_day_will_follow(
    warga, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import formats

    from ktp.services import permohonan_submit, permohonan_verify
    from portal.holidays.models import HariLibur
    from tests.factories.ktp import permohonan_complete_draft

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    HariLibur.objects.create(date=p.appointment_date, name="Libur daerah mendadak", kind="libur daerah")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_verify(permohonan=PermohonanKTP.objects.get(pk=p.pk), actor=officer)
    (email,) = mail.outbox
    day = formats.date_format(p.appointment_date, "l, j F Y")
    assert f"Kantor kecamatan tutup pada {day} (hari libur)" in email.body and "jadwal baru" in email.body
    assert "Jadwal perekaman biometrik di kantor kecamatan:" not in email.body
    # The officer reads it in the history, beside the Jadwalkan ulang button.
    assert "tutup pada" in p.riwayat_set.latest("pk").note
