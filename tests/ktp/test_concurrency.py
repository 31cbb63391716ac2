"""
Races the row locks must win: many citizens booking the last places of one day, and two
officers clicking Verifikasi on the same application at once. PostgreSQL only: SQLite
serialises every writer, so it can neither show nor hide these bugs.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ktp.constants import Status
from ktp.models import LayananKecamatan, PermohonanKTP
from ktp.services import (
    permohonan_biodata_update,
    permohonan_document_attach,
    permohonan_draft_create,
    permohonan_slot_book,
    permohonan_submit,
    permohonan_verify,
    slot_days_offered,
)
from portal.accounts.roles import Role
from portal.workflow import TransitionError
from tests.factories import UserFactory
from tests.factories.ktp import biodata, pdf_upload, permohonan_complete_draft

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6
CAPACITY = 2


def run_at_once(target, args_list):
    """Run target(*args) in one thread each, released together; return each result or exception."""
    barrier = threading.Barrier(len(args_list), timeout=30)
    results = [None] * len(args_list)

    def worker(index, args):
        try:
            results[index] = target(barrier, *args)
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(args_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def draft_without_slot(*, serial):
    """Return a complete draft of a different woman born 10-05-1990, with no day booked yet."""
    applicant = UserFactory(role=Role.WARGA)
    permohonan = permohonan_draft_create(applicant=applicant, jenis="baru")
    permohonan = permohonan_biodata_update(
        permohonan=permohonan, data=biodata(nik=f"350402500590{serial:04d}")
    )
    permohonan_document_attach(permohonan=permohonan, kind="kk", uploaded_file=pdf_upload())
    return permohonan


def book(barrier, pk, date):
    permohonan = PermohonanKTP.objects.get(pk=pk)
    barrier.wait()
    return permohonan_slot_book(permohonan=permohonan, date=date)


def test_concurrent_bookings_never_exceed_the_daily_capacity():
    layanan = LayananKecamatan.objects.get(kecamatan__code="35.04.02")
    layanan.daily_capacity = CAPACITY
    layanan.save()
    drafts = [draft_without_slot(serial=serial) for serial in range(1, THREADS + 1)]
    day = slot_days_offered(layanan=layanan)[0]

    results = run_at_once(book, [(draft.pk, day) for draft in drafts])

    booked = [r for r in results if isinstance(r, PermohonanKTP)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(booked) == CAPACITY, results
    assert len(refused) == THREADS - CAPACITY, results
    assert all("appointment_date" in r.message_dict for r in refused)
    assert PermohonanKTP.objects.filter(kecamatan=layanan.kecamatan, appointment_date=day).count() == CAPACITY
    assert day not in slot_days_offered(layanan=layanan)


@pytest.fixture
def submitted():
    applicant = UserFactory(role=Role.WARGA)
    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=applicant), actor=applicant)


@pytest.fixture
def two_officers():
    return [UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02") for _ in range(2)]


def verify(barrier, pk, officer, expected_from):
    permohonan = PermohonanKTP.objects.get(pk=pk)
    barrier.wait()
    return permohonan_verify(permohonan=permohonan, actor=officer, expected_from=expected_from)


def assert_verified_once(results, permohonan):
    assert sum(isinstance(r, PermohonanKTP) for r in results) == 1, results
    assert sum(isinstance(r, TransitionError) for r in results) == 1, results
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIVERIFIKASI
    moves = list(permohonan.riwayat_set.values_list("from_status", "to_status"))
    assert moves == [(Status.DRAF, Status.DIAJUKAN), (Status.DIAJUKAN, Status.DIVERIFIKASI)]


def test_two_officers_verifying_at_once_make_one_transition(submitted, two_officers):
    """The admin button sends the status the officer saw, so the second click is refused."""
    results = run_at_once(verify, [(submitted.pk, officer, Status.DIAJUKAN) for officer in two_officers])
    assert_verified_once(results, submitted)


def test_two_officers_verifying_at_once_without_the_seen_status_make_one_transition(submitted, two_officers):
    results = run_at_once(verify, [(submitted.pk, officer, None) for officer in two_officers])
    assert_verified_once(results, submitted)
