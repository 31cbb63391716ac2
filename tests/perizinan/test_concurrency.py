"""
Officers at once: every licence gets its own number, one application is issued once, and a signing
day never takes more applications than its capacity. PostgreSQL only: SQLite serialises every
writer, so it can neither show nor hide these bugs.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from perizinan.constants import Status
from perizinan.models import Izin, KantorTandaTangan, PermohonanIzin
from perizinan.services import (
    permohonan_izin_issue,
    permohonan_izin_schedule,
    permohonan_izin_submit,
    permohonan_izin_verify,
)
from portal.accounts.roles import Role
from portal.workflow import TransitionError
from tests.factories import UserFactory
from tests.factories.perizinan import office_day, permohonan_izin_advance, permohonan_izin_complete_draft

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6


def run_at_once(target, args_list):
    """Run target(barrier, *args) in one thread each, released together; return results or exceptions."""
    barrier = threading.Barrier(len(args_list), timeout=30)
    results = [None] * len(args_list)

    def worker(index, args):
        try:
            results[index] = target(barrier, *args)
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(args_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def signed(*, owner, officer, serial):
    draft = permohonan_izin_complete_draft(
        applicant=owner, code="TDP", nama_usaha=f"UD Serentak {serial}", npwp=f"0123456789{serial:05d}"
    )
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    return permohonan_izin_advance(permohonan, officer=officer, to=Status.DITANDATANGANI)


def issue(barrier, pk, officer):
    permohonan = PermohonanIzin.objects.get(pk=pk)
    barrier.wait()
    return permohonan_izin_issue(permohonan=permohonan, actor=officer, expected_from=Status.DITANDATANGANI)


@pytest.fixture
def officers():
    return [UserFactory(role=Role.PETUGAS_PERIZINAN) for _ in range(THREADS)]


def test_concurrent_issues_get_distinct_numbers(officers):
    owner = UserFactory(role=Role.WARGA)
    applications = [signed(owner=owner, officer=officers[0], serial=i) for i in range(THREADS)]

    results = run_at_once(issue, [(p.pk, officer) for p, officer in zip(applications, officers, strict=True)])

    assert all(isinstance(r, PermohonanIzin) for r in results), results
    numbers = list(Izin.objects.values_list("nomor", flat=True))
    assert len(numbers) == THREADS == len(set(numbers))


def test_two_officers_issuing_one_application_issue_it_once(officers):
    owner = UserFactory(role=Role.WARGA)
    permohonan = signed(owner=owner, officer=officers[0], serial=1)

    results = run_at_once(issue, [(permohonan.pk, officer) for officer in officers[:2]])

    assert sum(isinstance(r, PermohonanIzin) for r in results) == 1, results
    assert sum(isinstance(r, TransitionError) for r in results) == 1, results
    assert Izin.objects.filter(permohonan=permohonan).count() == 1


def schedule(barrier, pk, officer, day):
    permohonan = PermohonanIzin.objects.get(pk=pk)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    barrier.wait()
    return permohonan_izin_schedule(permohonan=permohonan, actor=officer, appointment_at=at)


def test_officers_scheduling_at_once_never_fill_a_day_over_its_capacity(officers):
    owner = UserFactory(role=Role.WARGA)
    applications = []
    for serial in range(THREADS):
        draft = permohonan_izin_complete_draft(
            applicant=owner, code="TDP", nama_usaha=f"UD Jadwal {serial}", npwp=f"0987654321{serial:05d}"
        )
        submitted = permohonan_izin_submit(permohonan=draft, actor=owner)
        applications.append(permohonan_izin_verify(permohonan=submitted, actor=officers[0]))
    booked = {timezone.localdate(p.appointment_at) for p in applications}
    free = office_day(after=max(booked))
    KantorTandaTangan.objects.update(daily_capacity=1)

    results = run_at_once(
        schedule, [(p.pk, officer, free) for p, officer in zip(applications, officers, strict=True)]
    )

    assert sum(isinstance(r, PermohonanIzin) for r in results) == 1, results
    refused = [r for r in results if isinstance(r, TransitionError)]
    assert len(refused) == THREADS - 1 and all("penuh" in str(r) for r in refused), results
    assert PermohonanIzin.objects.filter(appointment_at__date=free).count() == 1


def submit(barrier, pk):
    permohonan = PermohonanIzin.objects.select_related("applicant").get(pk=pk)
    barrier.wait()
    return permohonan_izin_submit(permohonan=permohonan, actor=permohonan.applicant)


def test_owners_sending_drafts_booked_on_the_last_place_at_once_fill_it_once():
    from django.core.exceptions import ValidationError

    KantorTandaTangan.objects.update(daily_capacity=1)
    drafts = [
        permohonan_izin_complete_draft(
            applicant=UserFactory(role=Role.WARGA),
            code="TDP",
            nama_usaha=f"UD Akhir {n}",
            npwp=f"0555555555{n:05d}",
        )
        for n in range(THREADS)
    ]
    # A draft holds no place, so every draft could book the day's one place.
    assert len({p.appointment_at for p in drafts}) == 1

    results = run_at_once(submit, [(p.pk,) for p in drafts])

    assert sum(isinstance(r, PermohonanIzin) for r in results) == 1, results
    refused = [r for r in results if not isinstance(r, PermohonanIzin)]
    assert all(isinstance(r, ValidationError) and "appointment_at" in r.message_dict for r in refused), (
        refused
    )
    assert PermohonanIzin.objects.filter(status=Status.DIAJUKAN).count() == 1
