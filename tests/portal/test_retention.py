import datetime
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from ktp.constants import Status
from ktp.models import DokumenPermohonan, PermohonanKTP, RiwayatStatus
from perizinan.constants import Status as StatusIzin
from perizinan.models import DokumenPermohonanIzin, PermohonanIzin
from portal.accounts.roles import Role
from portal.celery import app
from portal.documents.models import AppendOnlyError, PenghapusanDokumen
from portal.documents.retention import RETENTION_PROVIDERS, document_retention_purge, retention_cutoff
from portal.documents.tasks import document_retention_purge_task
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.factories.perizinan import izin_issued

pytestmark = pytest.mark.django_db

NIK = "3504025005900001"


def _ktp_closed(*, status, days_ago, reference, documents=("kk",)):
    """Return a KTP-el application that reached `status` `days_ago` days ago, with its documents."""
    permohonan = permohonan_complete_draft(applicant=UserFactory(name="Siti Aminah"), documents=documents)
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(status=status, reference=reference)
    RiwayatStatus.objects.create(
        permohonan=permohonan,
        from_status=Status.SIAP_DIAMBIL if status == Status.SELESAI else Status.DIAJUKAN,
        to_status=status,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    return permohonan


def _files(permohonan):
    return [document.file for document in permohonan.dokumen_set.all()]


def test_both_service_apps_register_a_provider_and_koordinasi_none():
    assert set(RETENTION_PROVIDERS) == {"ktp", "perizinan"}


def test_documents_go_731_days_after_closing_and_stay_at_729_or_while_open(settings):
    settings.DOCUMENT_RETENTION_DAYS = 730
    old = _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000001")
    recent = _ktp_closed(status=Status.SELESAI, days_ago=729, reference="KTP-2024-000002")
    rejected = _ktp_closed(status=Status.DITOLAK, days_ago=800, reference="KTP-2024-000003")
    withdrawn = _ktp_closed(status=Status.DIBATALKAN, days_ago=731, reference="KTP-2024-000004")
    # Open for years (an old history row) but not closed: its documents are still needed.
    still_open = _ktp_closed(status=Status.DIAJUKAN, days_ago=1000, reference="KTP-2024-000005")
    old_files = _files(old) + _files(rejected) + _files(withdrawn)
    assert all(f.storage.exists(f.name) for f in old_files)

    assert document_retention_purge() == 3

    for gone in (old, rejected, withdrawn):
        assert not gone.dokumen_set.exists()
    assert not any(f.storage.exists(f.name) for f in old_files)
    for kept in (recent, still_open):
        (document,) = kept.dokumen_set.all()
        assert document.file.storage.exists(document.file.name)
    # The application and its history stay.
    old.refresh_from_db()
    assert old.status == Status.SELESAI and old.reference == "KTP-2024-000001"
    assert old.riwayat_set.filter(to_status=Status.SELESAI).exists()


def test_running_twice_deletes_nothing_more_and_logs_once():
    old = _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000011")
    _ktp_closed(status=Status.SELESAI, days_ago=10, reference="KTP-2024-000012")
    assert document_retention_purge() == 1
    assert document_retention_purge() == 0
    assert PenghapusanDokumen.objects.count() == 1
    assert PermohonanKTP.objects.filter(pk=old.pk).exists()
    assert DokumenPermohonan.objects.count() == 1


def test_a_missing_file_is_no_obstacle_and_the_row_still_goes():
    old = _ktp_closed(status=Status.SELESAI, days_ago=900, reference="KTP-2024-000021")
    document = old.dokumen_set.get()
    document.file.storage.delete(document.file.name)
    assert document_retention_purge() == 1
    assert not old.dokumen_set.exists()


def test_each_deletion_is_logged_without_personal_data(caplog):
    old = _ktp_closed(status=Status.DITOLAK, days_ago=731, reference="KTP-2024-000031")
    document = old.dokumen_set.get()
    closed_at = old.riwayat_set.get(to_status=Status.DITOLAK).created_at
    # Even when the last request left English active, the log is written in Indonesian.
    with caplog.at_level(logging.INFO, logger="portal.documents.retention"), translation.override("en"):
        document_retention_purge()
    entry = PenghapusanDokumen.objects.get()
    assert (entry.service, entry.kind, entry.reference) == ("ktp", "kk", "KTP-2024-000031")
    assert entry.kind_label == "Kartu Keluarga (KK)"
    assert entry.application_status == "ditolak" and entry.closed_at == closed_at
    assert entry.file_name == document.file.name and entry.size == document.size
    assert entry.content_kind == "pdf"
    assert entry.reason == (
        f"Masa simpan 730 hari sejak permohonan berstatus ditolak pada "
        f"{timezone.localdate(closed_at).isoformat()} berakhir."
    )
    assert timezone.now() - entry.deleted_at < datetime.timedelta(minutes=1)
    logged = " ".join(str(value) for value in PenghapusanDokumen.objects.values().get().values())
    for personal in ("Siti", NIK, old.nama, document.original_name):
        assert personal not in logged
    (line,) = [r.getMessage() for r in caplog.records if "deleted ktp" in r.getMessage()]
    assert "KTP-2024-000031" in line and document.file.name in line and "Siti" not in line


def test_the_retention_period_comes_from_the_setting(settings):
    _ktp_closed(status=Status.SELESAI, days_ago=40, reference="KTP-2024-000041")
    settings.DOCUMENT_RETENTION_DAYS = 60
    assert document_retention_purge() == 0
    settings.DOCUMENT_RETENTION_DAYS = 30
    assert document_retention_purge() == 1
    settings.DOCUMENT_RETENTION_DAYS = 0
    with pytest.raises(ImproperlyConfigured):
        retention_cutoff()


def test_issued_and_rejected_licence_applications_lose_their_documents():
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN)
    izin_issued(applicant=UserFactory(), officer=officer)
    permohonan = PermohonanIzin.objects.get(status=StatusIzin.DITERBITKAN)
    files = [d.file for d in permohonan.dokumen_set.all()]
    assert files
    issued_at = permohonan.riwayat_set.get(to_status=StatusIzin.DITERBITKAN).created_at

    assert document_retention_purge(now=issued_at + datetime.timedelta(days=729)) == 0
    assert document_retention_purge(now=issued_at + datetime.timedelta(days=731)) == len(files)

    assert not DokumenPermohonanIzin.objects.filter(permohonan=permohonan).exists()
    assert not any(f.storage.exists(f.name) for f in files)
    permohonan.refresh_from_db()
    assert permohonan.status == StatusIzin.DITERBITKAN
    assert set(PenghapusanDokumen.objects.values_list("service", "reference").distinct()) == {
        ("perizinan", permohonan.reference)
    }


def test_the_log_is_append_only():
    _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000051")
    document_retention_purge()
    entry = PenghapusanDokumen.objects.get()
    entry.reason = "diubah"
    for attempt in (
        entry.save,
        entry.delete,
        lambda: PenghapusanDokumen.objects.update(reason="y"),
        lambda: PenghapusanDokumen.objects.all().delete(),
    ):
        with pytest.raises(AppendOnlyError):
            attempt()
    assert PenghapusanDokumen.objects.get().reason.startswith("Masa simpan")


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_of_the_log_even_in_raw_sql():
    from django.db.utils import InternalError

    _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000061")
    document_retention_purge()
    for sql in (
        "UPDATE documents_penghapusandokumen SET reason = 'y'",
        "DELETE FROM documents_penghapusandokumen",
    ):
        with (
            pytest.raises(InternalError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(sql)
    assert PenghapusanDokumen.objects.count() == 1


def test_the_admin_shows_the_log_read_only(client):
    _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000071")
    document_retention_purge()
    entry = PenghapusanDokumen.objects.get()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = client.get(reverse("admin:documents_penghapusandokumen_changelist"))
    assert changelist.status_code == 200 and "KTP-2024-000071" in changelist.content.decode()
    detail = client.get(reverse("admin:documents_penghapusandokumen_change", args=[entry.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:documents_penghapusandokumen_add")).status_code == 403
    assert (
        client.post(reverse("admin:documents_penghapusandokumen_delete", args=[entry.pk])).status_code == 403
    )
    assert PenghapusanDokumen.objects.count() == 1


def test_a_daily_beat_schedule_runs_the_registered_task():
    task = PeriodicTask.objects.get(task="portal.documents.tasks.document_retention_purge_task")
    assert task.enabled and task.crontab.hour == "2" and task.crontab.day_of_week == "*"
    assert task.task in app.tasks
    _ktp_closed(status=Status.SELESAI, days_ago=731, reference="KTP-2024-000081")
    document_retention_purge_task.delay()
    assert PenghapusanDokumen.objects.count() == 1
