"""The overdue marker of the officers' queues: one rule for the KTP-el and the licence queue."""

import datetime

import pytest
from django.contrib.admin import site
from django.utils import timezone

from ktp.constants import CLOSED_STATUSES as KTP_CLOSED
from ktp.models import PermohonanKTP
from perizinan.constants import CLOSED_STATUSES as IZIN_CLOSED
from perizinan.models import PermohonanIzin
from portal.admin_filters import OverdueFilter

QUEUES = [(PermohonanKTP, sorted(KTP_CLOSED)[0]), (PermohonanIzin, sorted(IZIN_CLOSED)[0])]


def _application(model, *, days_late, promised_days, status="diajukan"):
    sla_due = timezone.localdate() - datetime.timedelta(days=days_late)
    submitted = datetime.datetime.combine(sla_due - datetime.timedelta(days=promised_days), datetime.time(9))
    return model(status=status, sla_due=sla_due, submitted_at=timezone.make_aware(submitted))


@pytest.mark.parametrize(("model", "closed"), QUEUES)
@pytest.mark.parametrize(
    ("days_late", "expected"),
    [(-1, ""), (0, ""), (1, "terlambat"), (9, "terlambat"), (10, "TERLAMBAT 3×"), (30, "TERLAMBAT 3×")],
)
def test_both_queues_mark_an_open_application_late_then_three_times_late(model, closed, days_late, expected):
    # Promised in 5 days: late the day after its SLA date, flagged once 10 more days have passed.
    admin = site._registry[model]
    assert admin.overdue_column(_application(model, days_late=days_late, promised_days=5)) == expected
    finished = _application(model, days_late=days_late, promised_days=5, status=closed)
    assert admin.overdue_column(finished) == ""


@pytest.mark.parametrize(("model", "closed"), QUEUES)
def test_an_application_without_a_submission_time_counts_a_one_day_promise(model, closed):
    late = _application(model, days_late=2, promised_days=5)
    late.submitted_at = None
    assert site._registry[model].overdue_column(late) == "TERLAMBAT 3×"


def _submitted_pair(model):
    """Return two submitted applications of the queue's service."""
    from ktp.services import permohonan_submit
    from perizinan.services import permohonan_izin_submit
    from portal.accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.ktp import permohonan_complete_draft
    from tests.factories.perizinan import permohonan_izin_complete_draft

    pair = []
    for nik in ("3504025005900001", "3504025005900002"):
        citizen = UserFactory(role=Role.WARGA)
        if model is PermohonanKTP:
            draft = permohonan_complete_draft(applicant=citizen, nik=nik)
            pair.append(permohonan_submit(permohonan=draft, actor=citizen))
        else:
            draft = permohonan_izin_complete_draft(applicant=citizen)
            pair.append(permohonan_izin_submit(permohonan=draft, actor=citizen))
    return pair


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "closed"), QUEUES)
def test_both_queues_filter_lists_the_open_applications_past_their_date(rf, model, closed):
    late, finished = _submitted_pair(model)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    model.objects.filter(pk=late.pk).update(sla_due=yesterday)
    model.objects.filter(pk=finished.pk).update(sla_due=yesterday, status=closed)
    admin = site._registry[model]
    request = rf.get("/", {"terlambat": "ya"})
    assert OverdueFilter in admin.list_filter
    overdue = OverdueFilter(request, {"terlambat": ["ya"]}, model, admin)
    assert list(overdue.queryset(request, model.objects.all()).values_list("pk", flat=True)) == [late.pk]


@pytest.mark.parametrize("model", [PermohonanKTP, PermohonanIzin])
def test_the_promise_counts_from_the_submission_day_in_wib_not_utc(model):
    # Submitted at 02:00 WIB, still the day before in UTC: promised 1 day, 2 days late is 3 times.
    late = _application(model, days_late=2, promised_days=1)
    late.submitted_at = late.submitted_at.replace(hour=2).astimezone(
        datetime.UTC
    )  # as read from the database
    assert site._registry[model].overdue_column(late) == "TERLAMBAT 3×"


@pytest.mark.django_db
def test_a_card_waiting_for_pickup_is_never_overdue_the_office_has_done_its_part(rf):
    ready, late = _submitted_pair(PermohonanKTP)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PermohonanKTP.objects.filter(pk=ready.pk).update(sla_due=yesterday, status="siap_diambil")
    PermohonanKTP.objects.filter(pk=late.pk).update(sla_due=yesterday, status="diverifikasi")
    admin = site._registry[PermohonanKTP]
    assert admin.overdue_column(PermohonanKTP.objects.get(pk=ready.pk)) == ""
    assert admin.overdue_column(PermohonanKTP.objects.get(pk=late.pk)) == "terlambat"
    request = rf.get("/", {"terlambat": "ya"})
    overdue = OverdueFilter(request, {"terlambat": ["ya"]}, PermohonanKTP, admin)
    assert list(overdue.queryset(request, PermohonanKTP.objects.all()).values_list("pk", flat=True)) == [
        late.pk
    ]


@pytest.mark.django_db
def test_a_licence_scheduled_for_signing_waits_for_its_owner_not_for_the_office(rf):
    # Signing days are offered from the SLA date on: a day chosen after it is the owner's wait.
    scheduled, late = _submitted_pair(PermohonanIzin)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PermohonanIzin.objects.filter(pk=scheduled.pk).update(sla_due=yesterday, status="dijadwalkan")
    PermohonanIzin.objects.filter(pk=late.pk).update(sla_due=yesterday, status="ditandatangani")
    admin = site._registry[PermohonanIzin]
    assert admin.overdue_column(PermohonanIzin.objects.get(pk=scheduled.pk)) == ""
    assert admin.overdue_column(PermohonanIzin.objects.get(pk=late.pk)) == "terlambat"
    request = rf.get("/", {"terlambat": "ya"})
    overdue = OverdueFilter(request, {"terlambat": ["ya"]}, PermohonanIzin, admin)
    assert list(overdue.queryset(request, PermohonanIzin.objects.all()).values_list("pk", flat=True)) == [
        late.pk
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [PermohonanKTP, PermohonanIzin])
def test_an_application_sent_back_for_correction_waits_for_its_applicant_not_for_the_office(rf, model):
    from portal.public.dashboard import REGENCY, dashboard_compute

    waiting, late = _submitted_pair(model)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    model.objects.filter(pk=waiting.pk).update(sla_due=yesterday, status="perlu_perbaikan")
    model.objects.filter(pk=late.pk).update(sla_due=yesterday, status="diajukan")
    admin = site._registry[model]
    assert admin.overdue_column(model.objects.get(pk=waiting.pk)) == ""
    request = rf.get("/", {"terlambat": "ya"})
    overdue = OverdueFilter(request, {"terlambat": ["ya"]}, model, admin)
    assert list(overdue.queryset(request, model.objects.all()).values_list("pk", flat=True)) == [late.pk]
    # The transparency page counts it open, not overdue.
    regency = [r for r in dashboard_compute() if r.kecamatan == REGENCY]
    assert sum(r.open for r in regency) == 2 and sum(r.overdue for r in regency) == 1
