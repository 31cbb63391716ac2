import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from ktp.constants import Status
from ktp.models import DokumenPermohonan, PermohonanKTP
from perizinan.models import DokumenPermohonanIzin, PermohonanIzin
from portal.accounts.roles import Role
from portal.documents.drafts import (
    DRAFT_PROVIDERS,
    draft_delete,
    draft_deletion_date,
    draft_retention_days,
    draft_retention_run,
)
from portal.documents.models import PenghapusanDokumen
from portal.documents.tasks import document_retention_purge_task
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.factories.perizinan import permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _days(settings):
    settings.DRAFT_RETENTION_DAYS = 90
    settings.DRAFT_RETENTION_NOTICE_DAYS = 14


def _untouched(draft, days):
    """Make `draft` look last saved `days` days ago, as saving it in the past would have."""
    type(draft).objects.filter(pk=draft.pk).update(updated_at=timezone.now() - days * DAY)
    draft.refresh_from_db()
    return draft


def _ktp_draft(days, **user):
    applicant = UserFactory(name="Siti Aminah", **user)
    return _untouched(permohonan_complete_draft(applicant=applicant, documents=("kk",)), days)


def _files(draft):
    return [document.file for document in draft.dokumen_set.all()]


def test_both_service_apps_register_their_drafts():
    assert set(DRAFT_PROVIDERS) == {"ktp", "perizinan"}


def test_the_applicant_is_told_fourteen_days_before_and_the_draft_stays_until_then():
    told = _ktp_draft(77)
    not_yet = _ktp_draft(75)

    assert draft_retention_run() == (1, 0)

    (message,) = mail.outbox
    assert message.to == [told.applicant.email]
    deleted_on = draft_deletion_date(told.updated_at)
    assert deleted_on == timezone.localdate() + 14 * DAY
    body = message.body
    assert "Yth. Siti Aminah" in body and "permohonan KTP-el" in body
    assert deleted_on.strftime("%-d") in message.subject and "90 hari" in body
    assert f"/ktp/permohonan/{told.pk}/biodata/" in body
    assert PermohonanKTP.objects.filter(pk__in=[told.pk, not_yet.pk]).count() == 2
    # A second run the same day tells no one again.
    assert draft_retention_run() == (0, 0)
    assert len(mail.outbox) == 1


def test_a_draft_past_its_days_goes_with_its_files_once_its_applicant_was_told_in_time():
    draft = _ktp_draft(80)
    files = _files(draft)
    assert files and all(f.storage.exists(f.name) for f in files)
    draft_retention_run()  # the notice, today

    # Ninety days passed, but the notice is only ten days old: it stays.
    assert draft_retention_run(now=timezone.now() + 10 * DAY) == (0, 0)
    assert PermohonanKTP.objects.filter(pk=draft.pk).exists()

    assert draft_retention_run(now=timezone.now() + 15 * DAY) == (0, 1)
    assert not PermohonanKTP.objects.filter(pk=draft.pk).exists()
    assert not DokumenPermohonan.objects.filter(permohonan_id=draft.pk).exists()
    assert not any(f.storage.exists(f.name) for f in files)
    entry = PenghapusanDokumen.objects.get()
    assert (entry.service, entry.kind, entry.application_status) == ("ktp", "kk", "draf")
    assert entry.reason == (
        f"Draf tidak disimpan lagi selama 90 hari sejak {timezone.localdate(draft.updated_at).isoformat()}."
    )
    logged = " ".join(str(value) for value in PenghapusanDokumen.objects.values().get().values())
    for personal in ("Siti", draft.nik, draft.nama):
        assert personal not in logged


def test_a_draft_found_long_abandoned_still_gets_its_full_notice(settings):
    from django.utils import formats

    draft = _ktp_draft(400)
    assert draft_retention_run() == (1, 0)
    notice = Notification.objects.get(event="portal.draft_expiring", object_id=draft.pk, channel="email")
    day = timezone.localdate() + datetime.timedelta(days=settings.DRAFT_RETENTION_NOTICE_DAYS)
    assert formats.date_format(day, "j F Y") in notice.body_text  # the day it can go, not one long past
    assert draft_retention_run(now=timezone.now() + 13 * DAY) == (0, 0)
    assert draft_retention_run(now=timezone.now() + 15 * DAY) == (0, 1)
    assert not PermohonanKTP.objects.filter(pk=draft.pk).exists()


def test_a_draft_saved_again_after_its_notice_starts_anew():
    draft = _ktp_draft(80)
    draft_retention_run()
    draft.save()  # the citizen goes on filling it in
    assert draft_retention_run(now=timezone.now() + 15 * DAY) == (0, 0)
    assert PermohonanKTP.objects.filter(pk=draft.pk).exists()
    # Untouched again for long enough, it is announced again, for its new date.
    _untouched(draft, 80)
    assert draft_retention_run() == (1, 0)
    assert Notification.objects.filter(event="portal.draft_expiring", object_id=draft.pk).count() == 2


def test_submitted_and_closed_applications_are_never_drafts_to_delete():
    submitted = _ktp_draft(300)
    PermohonanKTP.objects.filter(pk=submitted.pk).update(status=Status.DIAJUKAN, reference="KTP-2026-000001")
    withdrawn = _ktp_draft(300)
    # Withdrawn after it was sent (it has its number): closed, kept by the documents' own retention.
    PermohonanKTP.objects.filter(pk=withdrawn.pk).update(
        status=Status.DIBATALKAN, reference="KTP-2026-000002"
    )
    assert draft_retention_run(now=timezone.now() + 30 * DAY) == (0, 0)
    assert PermohonanKTP.objects.filter(pk__in=[submitted.pk, withdrawn.pk]).count() == 2
    assert not mail.outbox


def test_a_desk_draft_goes_at_ninety_days_without_a_notice_to_the_citizen():
    desk = _ktp_draft(91)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    PermohonanKTP.objects.filter(pk=desk.pk).update(assisted_by=officer)
    recent = _ktp_draft(89)
    PermohonanKTP.objects.filter(pk=recent.pk).update(assisted_by=officer)
    assert draft_retention_run() == (0, 1)
    assert not PermohonanKTP.objects.filter(pk=desk.pk).exists()
    assert PermohonanKTP.objects.filter(pk=recent.pk).exists()
    assert not mail.outbox


def test_a_draft_whose_applicant_has_no_address_goes_at_ninety_days():
    draft = _ktp_draft(91)
    type(draft.applicant).objects.filter(pk=draft.applicant_id).update(email="", phone="")
    assert draft_retention_run() == (0, 1)
    assert not PermohonanKTP.objects.filter(pk=draft.pk).exists()


def test_a_licence_draft_goes_the_same_way():
    owner = UserFactory(role=Role.WARGA)
    draft = _untouched(permohonan_izin_complete_draft(applicant=owner), 80)
    files = _files(draft)
    assert draft_retention_run() == (1, 0)
    assert f"/perizinan/permohonan/{draft.pk}/periksa/" in mail.outbox[0].body
    assert "permohonan izin usaha" in mail.outbox[0].body
    assert draft_retention_run(now=timezone.now() + 15 * DAY) == (0, 1)
    assert not PermohonanIzin.objects.filter(pk=draft.pk).exists()
    assert not DokumenPermohonanIzin.objects.filter(permohonan_id=draft.pk).exists()
    assert not any(f.storage.exists(f.name) for f in files)
    assert set(PenghapusanDokumen.objects.values_list("service", flat=True)) == {"perizinan"}


def test_a_draft_saved_while_the_run_looks_at_it_is_not_deleted():
    draft = _ktp_draft(100)
    provider = DRAFT_PROVIDERS["ktp"]
    due = timezone.now() - 90 * DAY
    draft.save()  # saved between the run's selection and its deletion
    assert draft_delete(service="ktp", provider=provider, pk=draft.pk, due=due) is False
    assert PermohonanKTP.objects.filter(pk=draft.pk).exists()


def test_a_mail_server_down_stops_neither_the_run_nor_the_other_notices(monkeypatch):
    first, second = _ktp_draft(80), _ktp_draft(80)
    sent = []

    def send(self, messages):
        if messages[0].to == [first.applicant.email]:
            raise smtplib.SMTPServerDisconnected("down")
        sent.extend(messages)
        return len(messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", send)
    assert draft_retention_run() == (1, 0)
    assert [m.to for m in sent] == [[second.applicant.email]]
    # The failed notice is not counted as told: the draft waits for a notice that arrives.
    assert draft_retention_run(now=timezone.now() + 15 * DAY)[1] == 1
    assert PermohonanKTP.objects.filter(pk=first.pk).exists()


def test_the_days_come_from_the_settings(settings):
    settings.DRAFT_RETENTION_DAYS, settings.DRAFT_RETENTION_NOTICE_DAYS = 30, 5
    _ktp_draft(26)
    assert draft_retention_run() == (1, 0)
    assert draft_retention_run(now=timezone.now() + 6 * DAY) == (0, 1)
    settings.DRAFT_RETENTION_NOTICE_DAYS = 30
    with pytest.raises(ImproperlyConfigured):
        draft_retention_days()


def test_the_lists_say_when_each_draft_goes(client):
    draft = _ktp_draft(10)
    client.force_login(draft.applicant)
    page = client.get(reverse("ktp:list")).content.decode()
    date = draft_deletion_date(draft.updated_at)
    assert f"Dihapus {date.day} " in page and "bila tidak disimpan lagi" in page
    owner = UserFactory(role=Role.WARGA)
    permohonan_izin_complete_draft(applicant=owner)
    client.force_login(owner)
    assert "bila tidak disimpan lagi" in client.get(reverse("perizinan:list")).content.decode()


def test_the_daily_retention_task_also_deletes_abandoned_drafts():
    draft = _ktp_draft(91)
    PermohonanKTP.objects.filter(pk=draft.pk).update(assisted_by=UserFactory())
    document_retention_purge_task.delay()
    assert not PermohonanKTP.objects.filter(pk=draft.pk).exists()


def test_a_document_uploaded_to_a_draft_counts_as_saving_it():
    from ktp.services import permohonan_document_attach
    from tests.factories.ktp import pdf_upload

    draft = _ktp_draft(85)
    permohonan_document_attach(permohonan=draft, kind="kk", uploaded_file=pdf_upload("kk.pdf"))
    assert draft_retention_run(now=timezone.now() + 10 * DAY) == (0, 0)
    assert PermohonanKTP.objects.filter(pk=draft.pk).exists()


def test_the_list_the_notice_and_the_deletion_name_one_day(client):
    from django.utils import formats

    def at(day, hour, minute=0):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    saved = timezone.localdate() - 77 * DAY  # its notice is due today, when the notice's time is read
    draft = _ktp_draft(0)
    PermohonanKTP.objects.filter(pk=draft.pk).update(updated_at=at(saved, 23, 30))  # late in the evening
    draft.refresh_from_db()
    day = draft_deletion_date(draft.updated_at)
    assert day == saved + 91 * DAY  # ninety whole days unsaved, then the next day

    client.force_login(draft.applicant)
    listed = formats.date_format(day, "j M Y")
    assert f"Dihapus {listed} bila tidak disimpan lagi" in client.get(reverse("ktp:list")).content.decode()

    # The nightly runs, at 02.30: told fourteen days before that day, deleted on it, not the day before.
    assert draft_retention_run(now=at(day - 15 * DAY, 2, 30)) == (0, 0)
    assert day - 14 * DAY == timezone.localdate()
    assert draft_retention_run() == (1, 0)
    assert formats.date_format(day, "j F Y") in mail.outbox[0].body
    assert draft_retention_run(now=at(day - DAY, 2, 30)) == (0, 0)
    assert draft_retention_run(now=at(day, 2, 30)) == (0, 1)


def test_a_draft_withdrawn_before_it_was_sent_goes_at_its_days_too_without_a_notice():
    from portal.workflow import applicant_withdraw

    draft = _ktp_draft(0)
    files = _files(draft)
    applicant_withdraw(instance=draft, actor=draft.applicant)
    draft = _untouched(draft, 91)
    assert draft.status == Status.DIBATALKAN and draft.reference is None and draft.nik
    submitted = permohonan_complete_draft(applicant=UserFactory(), documents=("kk",))
    PermohonanKTP.objects.filter(pk=submitted.pk).update(
        status=Status.DIBATALKAN, reference="KTP-2026-999999"
    )
    _untouched(submitted, 91)

    assert draft_retention_run() == (0, 1)
    assert not PermohonanKTP.objects.filter(pk=draft.pk).exists() and not mail.outbox
    assert not any(f.storage.exists(f.name) for f in files)
    # One withdrawn after it was sent is a closed application: its own retention keeps it.
    assert PermohonanKTP.objects.filter(pk=submitted.pk).exists()
