"""Signing appointments booked by the owner: office days, holidays, daily capacity, moving the day."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from perizinan.constants import Status
from perizinan.jadwal import (
    kantor_active,
    permohonan_izin_slot_book,
    signing_days_offered,
)
from perizinan.models import KantorTandaTangan
from perizinan.services import (
    permohonan_izin_draft_create,
    permohonan_izin_problems,
    permohonan_izin_schedule,
    permohonan_izin_submit,
    permohonan_izin_verify,
)
from portal.accounts.roles import Role
from portal.holidays.models import HariLibur
from portal.workflow import TransitionError
from tests.factories import UserFactory
from tests.factories.perizinan import jenis, office_day, permohonan_izin_complete_draft, signing_booked

pytestmark = pytest.mark.django_db


def _day(permohonan):
    permohonan.refresh_from_db()
    return timezone.localtime(permohonan.appointment_at).date()


def _submitted(owner, **kwargs):
    return permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, **kwargs), actor=owner
    )


def test_the_office_days_hours_and_capacity_are_data():
    kantor = kantor_active()
    assert kantor.weekdays == [0, 1, 2, 3, 4] and kantor.daily_capacity == 20
    assert f"{kantor.opens_at:%H.%M}–{kantor.closes_at:%H.%M}" == "08.00–12.00"
    kantor.weekdays = [7]
    with pytest.raises(ValidationError):
        kantor.full_clean()
    # A Saturday or Sunday would never be offered nor accepted (days are counted among working days):
    # the office is told so instead of a setting that silently does nothing.
    kantor.weekdays = [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValidationError, match="Sabtu dan Minggu bukan hari kerja"):
        kantor.full_clean()


def test_a_draft_cannot_be_submitted_without_a_signing_day(owner):
    draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"))
    assert "appointment_at" in permohonan_izin_problems(permohonan=draft)


def test_only_working_office_days_are_offered_never_a_sunday_or_a_holiday(owner):
    draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"))
    first = signing_days_offered(kantor=kantor_active(), permohonan=draft)[0]
    HariLibur.objects.create(date=first, name="Libur uji")
    days = signing_days_offered(kantor=kantor_active(), permohonan=draft)
    assert first not in days and all(d.weekday() < 5 for d in days) and len(days) == 15
    assert days[0] > timezone.localdate()


def test_a_full_day_is_no_longer_offered(owner):
    KantorTandaTangan.objects.update(daily_capacity=1)
    first = _submitted(owner)
    other = permohonan_izin_complete_draft(applicant=UserFactory(role=Role.WARGA), code="TDP")
    assert _day(first) not in signing_days_offered(kantor=kantor_active(), permohonan=other)
    with pytest.raises(ValidationError, match="penuh"):
        permohonan_izin_slot_book(permohonan=other, day=_day(first), actor=other.applicant)


def test_the_owner_moves_the_day_with_one_history_event_and_one_email(
    owner, django_capture_on_commit_callbacks
):
    p = _submitted(owner)
    new_day = signing_days_offered(kantor=kantor_active(), permohonan=p)[3]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_izin_slot_book(permohonan=p, day=new_day, actor=owner)
    assert _day(p) == new_day and p.status == Status.DIAJUKAN
    event = p.riwayat_set.order_by("id").last()
    assert event.from_status == event.to_status == Status.DIAJUKAN and "diubah pemohon" in event.note
    assert len(mail.outbox) == 1 and "diubah pemohon" in mail.outbox[0].body


def test_the_owner_may_move_it_until_the_day_before_but_not_on_the_day(owner):
    p = _submitted(owner)
    booked = _day(p)
    later = signing_days_offered(kantor=kantor_active(), permohonan=p)[-1]
    with pytest.raises(ValidationError, match="sehari sebelumnya"):
        permohonan_izin_slot_book(permohonan=p, day=later, actor=owner, today=booked)
    eve = booked - datetime.timedelta(days=1)
    assert _day(permohonan_izin_slot_book(permohonan=p, day=later, actor=owner, today=eve)) == later


def test_verifying_confirms_the_booked_day_as_the_schedule(owner, officer):
    p = _submitted(owner)
    booked = _day(p)
    p = permohonan_izin_verify(permohonan=p, actor=officer)
    assert p.status == Status.DIJADWALKAN and _day(p) == booked
    assert p.appointment_place == kantor_active().name and "KTP asli" in p.appointment_note


def test_a_booked_day_that_has_since_become_a_holiday_is_left_for_the_officer_to_set(owner, officer):
    p = _submitted(owner)
    HariLibur.objects.create(date=_day(p), name="Cuti bersama (ditetapkan kemudian)")
    p = permohonan_izin_verify(permohonan=p, actor=officer)
    assert p.status == Status.DIVERIFIKASI  # not confirmed for a closed office: the officer sets the day


def test_the_officer_never_moves_it_to_a_sunday_a_holiday_or_a_full_day(owner, officer):
    # Through the officer's one door, the "Jadwalkan tanda tangan" action of the queue.
    p = permohonan_izin_verify(permohonan=_submitted(owner), actor=officer)

    def move(day):
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        return permohonan_izin_schedule(permohonan=p, actor=officer, appointment_at=at)

    with pytest.raises(TransitionError, match="tidak melayani"):
        move(office_day(weekday=6))
    holiday = office_day(after=_day(p))
    HariLibur.objects.create(date=holiday, name="Libur uji")
    with pytest.raises(TransitionError, match="tidak melayani"):
        move(holiday)
    KantorTandaTangan.objects.update(daily_capacity=1)
    full = _day(_submitted(UserFactory(role=Role.WARGA), code="TDP"))
    with pytest.raises(TransitionError, match="penuh"):
        move(full)
    assert _day(p) not in (holiday, full)
    free = signing_days_offered(kantor=kantor_active(), permohonan=p)[-1]
    moved = move(free)
    assert moved.status == Status.DIJADWALKAN and _day(moved) == free
    assert free.strftime("%d-%m-%Y") in moved.riwayat_set.last().note


def test_the_owner_books_and_moves_it_on_the_page_and_the_officer_sees_it_in_the_queue(
    client, owner, officer
):
    p = _submitted(owner)
    client.force_login(owner)
    detail = client.get(reverse("perizinan:detail", args=[p.pk])).content.decode()
    assert "Ubah jadwal" in detail
    new_day = signing_days_offered(kantor=kantor_active(), permohonan=p)[2]
    response = client.post(reverse("perizinan:jadwal", args=[p.pk]), {"day": new_day.isoformat()})
    assert response.url == reverse("perizinan:detail", args=[p.pk]) and _day(p) == new_day
    page = client.post(reverse("perizinan:jadwal", args=[p.pk]), {"day": office_day(weekday=6).isoformat()})
    assert "Hari itu tidak tersedia" in page.content.decode() and _day(p) == new_day
    client.force_login(officer)
    queue = client.get(reverse("admin:perizinan_permohonanizin_changelist")).content.decode()
    assert p.reference in queue and str(new_day.year) in queue


def test_a_draft_booking_is_kept_by_the_factory_helper(owner):
    draft = permohonan_izin_complete_draft(applicant=owner, code="TDP")
    assert draft.appointment_at is not None
    again = signing_booked(draft, index=1)
    assert _day(again) != timezone.localdate()


def test_a_booked_day_now_too_soon_for_the_checks_says_so_and_names_the_first_day(owner):
    from django.db.models import F

    from perizinan.models import JenisIzin, PermohonanIzin

    draft = permohonan_izin_complete_draft(applicant=owner, code="TDP")
    # The files now take longer to check (the type's service days raised): the booked day is too soon.
    JenisIzin.objects.filter(code="TDP").update(sla_days_new=F("sla_days_new") + 10)
    draft = PermohonanIzin.objects.get(pk=draft.pk)
    problem = permohonan_izin_problems(permohonan=draft)["appointment_at"]
    first = signing_days_offered(kantor=kantor_active(), permohonan=draft)[0]
    assert "terlalu cepat" in problem and "penuh" not in problem
    assert timezone.localdate() < _day(draft) < first


def test_verifying_on_the_booked_day_itself_keeps_it_while_the_office_is_open(owner, officer):
    from unittest import mock

    p = _submitted(owner)
    booked = _day(p)
    kantor = kantor_active()
    mid_morning = timezone.make_aware(datetime.datetime.combine(booked, datetime.time(9, 30)))
    with mock.patch("django.utils.timezone.now", return_value=mid_morning):
        p = permohonan_izin_verify(permohonan=p, actor=officer)
    assert p.status == Status.DIJADWALKAN and _day(p) == booked  # signed today, as booked

    late = _submitted(owner)
    closed = timezone.make_aware(datetime.datetime.combine(_day(late), kantor.closes_at))
    with mock.patch("django.utils.timezone.now", return_value=closed + datetime.timedelta(minutes=1)):
        late = permohonan_izin_verify(permohonan=late, actor=officer)
        assert late.status == Status.DIVERIFIKASI  # the office has closed: the officer sets a day
        # ...which may be today at a later hour when the office is open, or a later day.
    at = timezone.make_aware(datetime.datetime.combine(_day(late), datetime.time(11)))
    with mock.patch("django.utils.timezone.now", return_value=at - datetime.timedelta(hours=2)):
        late = permohonan_izin_schedule(permohonan=late, actor=officer, appointment_at=at)
    assert late.status == Status.DIJADWALKAN and late.appointment_at == at


def test_the_migration_leaves_only_working_days_on_a_signing_office():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("perizinan.migrations.0021_signing_days_weekend_removed")
    kantor = kantor_active()
    for stored, kept in (([0, 2, 5, 6], [0, 2]), ([5, 6], [0, 1, 2, 3, 4]), ([1, 3], [1, 3])):
        KantorTandaTangan.objects.filter(pk=kantor.pk).update(weekdays=stored)
        migration.weekend_removed(apps, None)
        kantor.refresh_from_db()
        assert kantor.weekdays == kept
