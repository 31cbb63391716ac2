"""A receipt filed at the desk reaches the citizen's phone by SMS where SMS is set up (SMS_BACKEND)."""

import io
import json
import urllib.request

import pytest
from django.core import mail

from portal.accounts.roles import Role
from portal.notifications import sms
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.ktp.test_assisted import _desk_filed

pytestmark = pytest.mark.django_db


@pytest.fixture
def loket():
    return UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


@pytest.fixture
def checker():
    """A second Boyolangu officer: who filed an application at the desk does not also check it."""
    return UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()


def test_a_phone_only_citizen_gets_the_receipt_by_sms_once(loket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, phone="081234567890")
    assert mail.outbox == []
    ((to, text),) = sms.outbox
    assert to == "081234567890" and p.reference in text and "/lacak/" in text and len(text) <= 320
    sent = Notification.objects.get()
    assert (sent.channel, sent.status) == ("sms", Notification.Status.SENT)


def test_email_and_phone_get_one_each_and_without_sms_set_up_only_the_email(
    loket,
    settings,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _desk_filed(loket, phone="081234567890", email="siti@contoh.id")
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    settings.SMS_BACKEND = ""
    from ktp.models import PermohonanKTP
    from ktp.notifications import permohonan_loket_receipt_notify

    sent = permohonan_loket_receipt_notify(permohonan_id=PermohonanKTP.objects.get().pk)
    assert [n.channel for n in sent] == ["email"] and len(sms.outbox) == 1  # nothing sent twice


def test_the_http_gateway_posts_the_number_and_text_with_the_token(settings, monkeypatch):
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TOKEN = "https://sms.example/kirim", "rahasia"
    seen = []

    class Answer(io.BytesIO):
        status = 202

    def urlopen(request, timeout):
        seen.append((request.full_url, request.headers["Authorization"], json.loads(request.data), timeout))
        return Answer(b"{}")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    sms.HttpSmsBackend().send(to="081234567890", text="Halo")
    assert seen == [
        ("https://sms.example/kirim", "Bearer rahasia", {"to": "081234567890", "text": "Halo"}, 10)
    ]


def test_a_phone_only_citizen_follows_each_status_by_sms(loket, checker, django_capture_on_commit_callbacks):
    """Recorded at the desk with a phone and no email: the status news reaches them, the note included."""
    from ktp.services import permohonan_revision_request

    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, phone="081234567890")
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_revision_request(
            permohonan=p, actor=checker, note="Foto KK buram, unggah ulang.", fields=["kk"]
        )
    assert mail.outbox == []
    ((to, text),) = sms.outbox
    assert to == "081234567890" and p.reference in text and "Perlu perbaikan" in text
    assert "Foto KK buram, unggah ulang." in text and "/lacak/" in text and len(text) <= 320
    assert "Yang diminta diperbaiki: Kartu Keluarga (KK)." in text  # the tracking page does not say it
    assert text.index("Yang diminta diperbaiki") < text.index("Catatan petugas")


def test_a_card_ready_is_told_by_sms_with_the_office_and_the_last_day(
    loket, checker, django_capture_on_commit_callbacks
):
    from ktp.services import permohonan_issue, permohonan_ready, permohonan_record, permohonan_verify

    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, phone="081234567890", email="siti@contoh.id")
        for step in (permohonan_verify, permohonan_record):
            p = step(permohonan=p, actor=checker)
        p = permohonan_issue(permohonan=p, actor=checker, blanko_serial="BLK-0001")
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_ready(permohonan=p, actor=checker)
    ((to, text),) = sms.outbox
    assert "Siap diambil" in text and "Kantor Kecamatan Boyolangu paling lambat" in text
    assert len(mail.outbox) == 1  # the email too, once each


def test_without_sms_set_up_a_phone_only_citizen_gets_nothing_and_nothing_fails(
    loket, checker, settings, django_capture_on_commit_callbacks
):
    from ktp.services import permohonan_verify

    settings.SMS_BACKEND = ""
    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, phone="081234567890")
        permohonan_verify(permohonan=p, actor=checker)
    assert sms.outbox == [] and mail.outbox == []
    assert not Notification.objects.filter(event="ktp.status_changed").exists()


def test_a_long_list_of_corrections_is_cut_to_four_with_the_count_of_the_rest(
    loket, checker, django_capture_on_commit_callbacks
):
    from ktp.services import permohonan_revision_request

    with django_capture_on_commit_callbacks(execute=True):
        p = _desk_filed(loket, phone="081234567890")
    sms.outbox.clear()
    fields = ["nama", "tempat_lahir", "tanggal_lahir", "alamat", "rt", "kk"]
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_revision_request(permohonan=p, actor=checker, note="Cek data.", fields=fields)
    ((_to, text),) = sms.outbox
    assert "Yang diminta diperbaiki: Nama, Tempat lahir, Tanggal lahir, Alamat (+2)." in text
