import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.network import site_url
from portal.notifications.services import notifications_each

from .constants import Kewarganegaraan, StatusKTP
from .models import KTP
from .selectors import permohonan_latest_for_nik, permohonan_open_for_nik

KITAP_NOTICE_DAYS = 30  # UU 24/2013 art. 63(4): report no later than 30 days before the KITAP ends


def ktp_kitap_expiring(*, today: datetime.date):
    """
    Return active cards of foreign residents whose deadline to report the extension is at most
    KTP_KITAP_REMINDER_LEAD_DAYS away, or passed while the KITAP still runs.
    """
    within = KITAP_NOTICE_DAYS + settings.KTP_KITAP_REMINDER_LEAD_DAYS
    return KTP.objects.filter(
        status=StatusKTP.AKTIF,
        penduduk__kewarganegaraan=Kewarganegaraan.WNA,
        berlaku_hingga__gte=today,
        berlaku_hingga__lte=today + datetime.timedelta(days=within),
    ).select_related("penduduk")


def ktp_kitap_expiry_remind(*, today=None) -> int:
    """
    Email each foreign resident once, KTP_KITAP_REMINDER_LEAD_DAYS before the deadline to report
    the extension of their KTP-el (30 days before their KITAP, and so their KTP-el, expires).
    """
    today = today or timezone.localdate()
    sent = 0
    with notifications_each() as send:
        for ktp in ktp_kitap_expiring(today=today):
            sent += _kitap_remind(send, ktp=ktp, today=today)
    return sent


def _kitap_remind(send, *, ktp, today) -> bool:
    """Remind the holder of `ktp` unless they cannot be reached or have applied; return whether it went."""
    latest = permohonan_latest_for_nik(nik=ktp.penduduk.nik)
    if latest is None or not latest.applicant.email:  # desk-recorded without email
        return False
    if permohonan_open_for_nik(nik=ktp.penduduk.nik):  # already applied, or cannot apply until it ends
        return False
    notification = send(
        event="ktp.kitap_expiry",
        target=ktp,
        recipient=latest.applicant.email,
        # Named after the legal deadline, not the lead: changing the setting sends no second reminder.
        key=f"{KITAP_NOTICE_DAYS}-{ktp.berlaku_hingga.isoformat()}",
        context={
            "ktp": ktp,
            "penduduk": ktp.penduduk,
            "days": (ktp.berlaku_hingga - today).days,
            "url": site_url(reverse("ktp:start")),
        },
    )
    return bool(notification and notification.sent_at)
