"""
Signing appointments: the owner books a day at the licensing office when submitting, and may move it
until the day before; an officer may move it too, never to a closed or full day. Which days the office
signs, its hours and how many owners a day it serves are data (`KantorTandaTangan`); holidays come
from the shared calendar. Each booking after submission is a history event and one notification.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from portal.holidays.selectors import (
    is_working_date,
    working_days_add,
    working_days_after,
)
from portal.workflow import workflow_transition

from .constants import Status
from .models import KantorTandaTangan, PermohonanIzin

# The statuses whose booked day takes a place in the office's daily capacity.
BOOKED_STATUSES = [Status.DIAJUKAN, Status.PERLU_PERBAIKAN, Status.DIVERIFIKASI, Status.DIJADWALKAN]
# The statuses in which the owner may still choose or move the day.
OWNER_BOOKABLE = [Status.DRAF, *BOOKED_STATUSES]


def kantor_active():
    """Return the signing office whose days are offered, or None when the office schedules by hand."""
    return KantorTandaTangan.objects.filter(active=True).order_by("pk").first()


def kantor_locked():
    """
    Return the active signing office with its row locked until the transaction ends. Whoever books a
    day (the owner or an officer) takes this lock before counting the day's bookings, so bookings are
    counted one at a time and a day never goes over its capacity.
    """
    return KantorTandaTangan.objects.select_for_update().filter(active=True).order_by("pk").first()


def day_label(day) -> str:
    return formats.date_format(day, "l, j F Y")


def signing_earliest(*, permohonan, today) -> datetime.date:
    """Return the first day that may be offered: after verification is due, or tomorrow once verified."""
    tomorrow = today + datetime.timedelta(days=1)
    if permohonan.status in (Status.DIVERIFIKASI, Status.DIJADWALKAN):
        return tomorrow
    due = permohonan.sla_due or working_days_add(
        start=today, days=permohonan.jenis_izin.sla_days_for(permohonan.jenis)
    )
    return max(due, tomorrow)


def _bookings(*, start, end, exclude=None) -> dict:
    qs = PermohonanIzin.objects.filter(
        status__in=BOOKED_STATUSES,
        appointment_at__date__gte=start,
        appointment_at__date__lte=end,
    )
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    rows = qs.annotate(day=TruncDate("appointment_at")).values("day").annotate(n=Count("id"))
    return {row["day"]: row["n"] for row in rows}


def signing_days_offered(*, kantor, permohonan, today=None) -> list:
    """Return the office days from the earliest allowed one that still have room, as many as offered."""
    today = today or timezone.localdate()
    earliest = signing_earliest(permohonan=permohonan, today=today)
    candidates = working_days_after(
        start=earliest - datetime.timedelta(days=1), count=kantor.booking_days_ahead
    )
    days = [d for d in candidates if d.weekday() in kantor.weekdays]
    if not days:
        return []
    counts = _bookings(start=days[0], end=days[-1], exclude=permohonan)
    return [d for d in days if counts.get(d, 0) < kantor.daily_capacity]


def signing_day_refusal(*, kantor, day, permohonan, today_allowed=False) -> str | None:
    """
    Return why `day` cannot be booked for `permohonan` (closed, holiday, past, full); None if it can.
    `today_allowed`: a day booked earlier that has come (confirmed the morning of it) is not past.
    """
    today = timezone.localdate()
    if day < today or (day == today and not today_allowed):
        return _("Pilih hari sesudah hari ini.")
    if not is_working_date(day) or day.weekday() not in kantor.weekdays:
        return _("Kantor tidak melayani tanda tangan pada %(day)s (hari libur atau bukan hari layanan).") % {
            "day": day_label(day)
        }
    if _bookings(start=day, end=day, exclude=permohonan).get(day, 0) >= kantor.daily_capacity:
        return _("Jadwal %(day)s sudah penuh. Pilih hari lain.") % {"day": day_label(day)}
    return None


def _owner_may_move(permohonan, today):
    if permohonan.status not in OWNER_BOOKABLE:
        raise ValidationError(_("Jadwal permohonan ini tidak bisa diubah lagi."))
    booked = permohonan.appointment_at and timezone.localdate(permohonan.appointment_at)
    if booked and permohonan.status != Status.DRAF and today >= booked:
        raise ValidationError(
            _("Jadwal hanya bisa diubah paling lambat sehari sebelumnya. Hubungi kantor untuk mengubahnya.")
        )


def signing_movable(*, permohonan) -> bool:
    """Return whether the owner may still move the booked day (until the day before, office open)."""
    try:
        _owner_may_move(permohonan, timezone.localdate())
    except ValidationError:
        return False
    return permohonan.appointment_at is not None and kantor_active() is not None


@transaction.atomic
def permohonan_izin_slot_book(*, permohonan, day, actor, today=None) -> PermohonanIzin:
    """The owner books (or moves) their signing day; after submission it is a history event and an email."""
    today = today or timezone.localdate()
    kantor = kantor_locked()
    if kantor is None:
        raise ValidationError(_("Kantor belum membuka pemesanan jadwal; petugas akan menjadwalkan Anda."))
    _owner_may_move(permohonan, today)
    if day not in signing_days_offered(kantor=kantor, permohonan=permohonan, today=today):
        raise ValidationError(
            {"day": _("Hari itu sudah penuh atau tidak tersedia. Pilih hari lain dari daftar.")}
        )
    return _book(permohonan, kantor, day, actor)


def _book(permohonan, kantor, day, actor):
    appointment_at = timezone.make_aware(datetime.datetime.combine(day, kantor.opens_at))
    update = {"appointment_at": appointment_at, "appointment_place": kantor.name}
    if permohonan.status == Status.DRAF:
        for field, value in update.items():
            setattr(permohonan, field, value)
        permohonan.save(update_fields=[*update, "updated_at"])
        return permohonan
    from .services import notify_after_commit

    with translation.override(settings.LANGUAGE_CODE):  # stored, and read in the owner's email
        note = _("Jadwal tanda tangan diubah %(who)s ke %(day)s, %(hours)s, di %(place)s.") % {
            "who": _who(permohonan, actor),
            "day": day_label(day),
            "hours": kantor_hours(kantor),
            "place": kantor.name,
        }
    permohonan = workflow_transition(
        instance=permohonan, to=permohonan.status, actor=actor, update=update, note=note
    )
    notify_after_commit(permohonan)
    return permohonan


def _who(permohonan, actor) -> str:
    # The front-desk officer who filed it may move the day too: the history must not name the owner.
    if actor.pk == permohonan.applicant_id:
        return _("pemohon")
    return _("petugas %(name)s") % {"name": actor.get_full_name()}


def kantor_hours(kantor) -> str:
    return f"{kantor.opens_at:%H.%M}–{kantor.closes_at:%H.%M}"


def signing_booked_confirmable(*, permohonan) -> bool:
    """
    Return whether the owner's booked day may be confirmed as the signing appointment: still ahead
    or come today with the office still open (the owner may be at the desk), and not since become a
    holiday, a day the office no longer serves, or full.
    """
    booked, kantor = permohonan.appointment_at, kantor_active()
    if booked is None:
        return False
    day = timezone.localdate(booked)
    ends = timezone.make_aware(datetime.datetime.combine(day, kantor.closes_at)) if kantor else booked
    if ends <= timezone.now():
        return False
    return kantor is None or not signing_day_refusal(
        kantor=kantor, day=day, permohonan=permohonan, today_allowed=True
    )


def signing_submit_problem(*, permohonan) -> str | None:
    """Return why the booked signing day blocks submitting (none booked, or it filled up); None if fine."""
    kantor = kantor_active()
    if kantor is None:
        return None
    if permohonan.appointment_at is None:
        return _("Pilih hari tanda tangan di kantor.")
    day = timezone.localdate(permohonan.appointment_at)
    if permohonan.status != Status.DRAF or day in signing_days_offered(kantor=kantor, permohonan=permohonan):
        return None
    today = timezone.localdate()
    earliest = signing_earliest(permohonan=permohonan, today=today)
    if today < day < earliest:  # booked days ago: the files are now checked until a later day
        return _(
            "Hari tanda tangan yang dipilih terlalu cepat: berkas diperiksa dulu. Pilih hari mulai %(day)s."
        ) % {"day": day_label(earliest)}
    return _("Hari tanda tangan yang dipilih sudah penuh atau lewat. Pilih hari lain.")
