"""Emails about memos: arrival, disposisi, and the one reminder for an unread Sangat Segera memo."""

from django.urls import reverse
from django.utils import timezone

from portal.network import site_url
from portal.notifications.services import notification_send, notifications_each

from .constants import REMINDER_AFTER, Sifat, Status
from .deadlines import reminders_since
from .models import Disposisi, Naskah
from .selectors import naskah_recipient_users

REMINDER_KEY = "belum-dibaca-4-jam"


def _context(naskah, **extra) -> dict:
    return {"naskah": naskah, "url": site_url(reverse("koordinasi:detail", args=[naskah.pk])), **extra}


def naskah_arrival_notify(*, naskah_id) -> int:
    """Email every officer who receives the memo, once each; return how many were sent now or before."""
    naskah = Naskah.objects.select_related("instansi", "pengirim").get(pk=naskah_id, status=Status.TERKIRIM)
    users = naskah_recipient_users(naskah=naskah)
    with notifications_each() as send:
        for user in users:
            send(
                event="koordinasi.naskah_masuk", target=naskah, recipient=user.email, context=_context(naskah)
            )
    return len(users)


def disposisi_notify(*, disposisi_id):
    """Email the officer a disposisi was given to."""
    disposisi = Disposisi.objects.select_related("naskah__instansi", "dari", "kepada").get(pk=disposisi_id)
    return notification_send(
        event="koordinasi.disposisi",
        target=disposisi,
        recipient=disposisi.kepada.email,
        context=_context(disposisi.naskah, disposisi=disposisi),
    )


def naskah_unread_users(*, naskah) -> list:
    """Return the officers still to be reminded: named ones who have not opened it, and the officers
    of each addressed agency none of whose officers has opened it."""
    receipts = list(naskah.tanda_baca_set.values_list("pembaca_id", "instansi_id"))
    readers = {reader for reader, _agency in receipts}
    agencies_read = {agency for _reader, agency in receipts}
    named = set(naskah.penerima_set.filter(pegawai__isnull=False).values_list("pegawai_id", flat=True))
    return [
        user
        for user in naskah_recipient_users(naskah=naskah)
        if user.pk not in readers and (user.pk in named or user.instansi_id not in agencies_read)
    ]


def naskah_reminder_send(*, now=None) -> int:
    """
    Remind, once, whoever has not opened a Sangat Segera memo 4 hours after it was sent, on a working
    day; a memo due for it on a weekend or a holiday is reminded on the next working day.
    """
    started = timezone.now()
    now = now or started
    since = reminders_since(now=now)
    if since is None:
        return 0
    due = Naskah.objects.filter(
        status=Status.TERKIRIM,
        sifat=Sifat.SANGAT_SEGERA,
        sent_at__lte=now - REMINDER_AFTER,
        sent_at__gte=since,
    ).select_related("instansi", "pengirim")
    sent = 0
    with notifications_each() as send:
        for naskah in due:
            for user in naskah_unread_users(naskah=naskah):
                notification = send(
                    event="koordinasi.pengingat",
                    target=naskah,
                    recipient=user.email,
                    key=REMINDER_KEY,
                    context=_context(naskah),
                )
                sent += bool(notification and notification.sent_at and notification.sent_at >= started)
    return sent
