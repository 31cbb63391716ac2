import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ktp.receipts import permohonan_receipt, permohonan_receipt_generate, permohonan_without_receipt
from ktp.services import permohonan_submit
from ktp.tasks import permohonan_receipt_sweep_task
from portal.accounts.roles import Role
from portal.verification.models import IssuedDocument
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def _pdf_text(field):
    with field.open("rb") as f:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)


@pytest.fixture
def submitted(django_capture_on_commit_callbacks):
    warga = UserFactory(role=Role.WARGA)
    with django_capture_on_commit_callbacks(execute=True):
        return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


def test_submission_makes_a_receipt_with_reference_masked_nik_and_verify_token(submitted):
    receipt = permohonan_receipt(permohonan=submitted)
    assert receipt is not None
    text = _pdf_text(receipt.file)
    assert submitted.reference in text
    assert "3504********0001" in text and submitted.nik not in text
    assert receipt.token[:20] in text.replace("\n", "")
    assert len(receipt.token) >= 43  # 256 random bits, URL-safe


def test_generating_twice_leaves_one_file(submitted, settings):
    first = permohonan_receipt(permohonan=submitted)
    again = permohonan_receipt_generate(permohonan_id=submitted.pk)
    assert again.pk == first.pk and again.file.name == first.file.name
    assert IssuedDocument.objects.count() == 1
    files = list((settings.PRIVATE_MEDIA_ROOT / "terbit").rglob("*.pdf"))
    assert len(files) == 1


def test_verify_page_shows_what_and_by_whom_but_no_personal_data(client, submitted):
    receipt = permohonan_receipt(permohonan=submitted)
    body = client.get(f"/verifikasi/{receipt.token}/").content.decode()
    assert submitted.reference in body and "Bukti pendaftaran" in body and "Kecamatan Boyolangu" in body
    assert "Diajukan" in body
    for private in (submitted.nik, submitted.nik_masked, submitted.nama, submitted.alamat, submitted.no_kk):
        assert private not in body


def test_an_unknown_token_is_a_404(client):
    assert client.get("/verifikasi/bukan-token-yang-ada/").status_code == 404


def test_the_applicant_downloads_the_receipt_and_others_cannot(client, submitted):
    url = reverse("ktp:receipt", args=[submitted.pk])
    client.force_login(submitted.applicant)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_officer_downloads_the_receipt_from_the_admin(client, submitted):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get(reverse("admin:ktp_bukti", args=[submitted.pk])).status_code == 200
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.03"))
    assert client.get(reverse("admin:ktp_bukti", args=[submitted.pk])).status_code == 404


def test_broker_down_at_submission_still_saves_and_the_sweep_makes_the_receipt(
    client, settings, django_capture_on_commit_callbacks
):
    from portal.celery import app

    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    client.force_login(warga)
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("ktp:periksa", args=[draft.pk]), follow=True)
    finally:
        app.conf.task_always_eager, app.conf.broker_url = True, settings.CELERY_BROKER_URL
    draft.refresh_from_db()
    assert draft.reference and draft.reference in response.content.decode()
    assert "sedang disiapkan" in response.content.decode()
    assert permohonan_receipt(permohonan=draft) is None

    type(draft).objects.filter(pk=draft.pk).update(submitted_at=draft.submitted_at.replace(year=2025))
    assert permohonan_without_receipt(older_than=datetime.timedelta(minutes=2)) == [draft.pk]
    type(draft).objects.filter(pk=draft.pk).update(status="dibatalkan")  # withdrawn: not told "submitted"
    assert permohonan_without_receipt(older_than=datetime.timedelta(minutes=2)) == []
    type(draft).objects.filter(pk=draft.pk).update(status="diajukan")
    permohonan_receipt_sweep_task.delay()
    assert permohonan_receipt(permohonan=draft) is not None
    assert client.get(reverse("ktp:receipt", args=[draft.pk])).status_code == 200


def test_permohonan_saya_links_each_ready_receipt(client, submitted):
    client.force_login(submitted.applicant)
    body = client.get(reverse("ktp:list")).content.decode()
    assert reverse("ktp:receipt", args=[submitted.pk]) in body


def test_a_rescheduled_visit_renews_the_receipt_with_the_new_day_and_the_same_token(
    submitted, django_capture_on_commit_callbacks
):
    from django.utils import formats

    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_reschedule, permohonan_verify, slot_days_offered

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    verified = permohonan_verify(permohonan=submitted, actor=officer)
    before = permohonan_receipt(permohonan=verified)
    day = slot_days_offered(layanan=LayananKecamatan.objects.get(kecamatan=verified.kecamatan))[-1]
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_reschedule(permohonan=verified, actor=officer, date=day)
    after = permohonan_receipt(permohonan=verified)
    assert after.token == before.token and IssuedDocument.objects.count() == 1
    assert formats.date_format(day, "j F Y") in _pdf_text(after.file)


def test_a_corrected_resubmission_renews_the_receipt_with_the_corrected_name(
    submitted, django_capture_on_commit_callbacks
):
    from ktp.services import permohonan_biodata_update, permohonan_revision_request

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    before = permohonan_receipt(permohonan=submitted)
    sent_back = permohonan_revision_request(
        permohonan=submitted, actor=officer, note="Nama salah ketik", fields=["nama"]
    )
    corrected = permohonan_biodata_update(permohonan=sent_back, data={"nama": "Sri Wahyuni Lestari"})
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_submit(permohonan=corrected, actor=corrected.applicant)
    after = permohonan_receipt(permohonan=corrected)
    assert after.token == before.token and IssuedDocument.objects.count() == 1
    assert "Sri Wahyuni Lestari" in _pdf_text(after.file)


def test_what_the_verification_page_shows_is_stored_in_indonesian_whatever_language_made_it():
    from django.utils import translation

    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    permohonan_submit(permohonan=draft, actor=warga)
    with translation.override("en"):  # an eager task runs in the English request that submitted
        receipt = permohonan_receipt_generate(permohonan_id=draft.pk)
    assert receipt.service.startswith("Layanan KTP-el: ") and receipt.office == "Kantor Kecamatan Boyolangu"


def test_a_receipt_made_late_by_the_sweep_is_dated_on_the_verification_page_by_its_submission(client):
    from django.utils import formats, timezone

    from ktp.models import PermohonanKTP

    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    permohonan_submit(permohonan=draft, actor=warga)
    submitted_at = timezone.now() - datetime.timedelta(days=3)  # the broker was down since
    PermohonanKTP.objects.filter(pk=draft.pk).update(submitted_at=submitted_at)
    receipt = permohonan_receipt_generate(permohonan_id=draft.pk)
    body = client.get(f"/verifikasi/{receipt.token}/").content.decode()
    assert formats.date_format(timezone.localdate(submitted_at), "j F Y") in body


def test_a_renewal_that_fails_to_render_keeps_the_receipt_there_was(submitted, monkeypatch):
    before = permohonan_receipt(permohonan=submitted)
    with before.file.open("rb") as f:
        content = f.read()

    def broken(*args, **kwargs):
        raise OSError("WeasyPrint could not render")

    monkeypatch.setattr("portal.verification.services.render_to_pdf", broken)
    with pytest.raises(OSError):
        permohonan_receipt_generate(permohonan_id=submitted.pk, renew=True)
    after = permohonan_receipt(permohonan=submitted)
    with after.file.open("rb") as f:
        assert f.read() == content


def test_a_receipt_tells_a_citizen_without_an_account_where_to_track_it(django_capture_on_commit_callbacks):
    from portal.accounts.models import User

    citizen = UserFactory(role=Role.WARGA, phone="")
    User.objects.filter(pk=citizen.pk).update(email="")  # recorded at a desk, no way to reach them
    citizen.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        sent = permohonan_submit(permohonan=permohonan_complete_draft(applicant=citizen), actor=citizen)
    text = " ".join(_pdf_text(permohonan_receipt(permohonan=sent).file).split())
    assert "/lacak/ dengan nomor pendaftaran dan tanggal lahir" in text
    assert "kabarnya dikirim" not in text  # nothing will be sent: none is promised
