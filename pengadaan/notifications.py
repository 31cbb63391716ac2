"""Emails of the tender module, each sent once per recipient and event (portal.notifications)."""

from django.urls import reverse

from portal.network import site_url
from portal.notifications.services import notification_send, notifications_each

from .models import Langsung, Paket, Pendaftaran, Penyedia, Sanggah

# Events about a package that go to every registered vendor.
PAKET_EVENTS = {"adendum", "jadwal_diubah", "jawaban_terbit", "pembukaan", "hasil", "gagal", "penunjukan"}


def _url(name, *args):
    return site_url(reverse(name, args=args))


def penyedia_notify(*, penyedia_id, riwayat_id):
    """Tell a vendor the outcome of its profile's verification."""
    penyedia = Penyedia.objects.select_related("user").get(pk=penyedia_id)
    riwayat = penyedia.riwayat_set.get(pk=riwayat_id)
    return notification_send(
        event="pengadaan.penyedia_diverifikasi",
        target=penyedia,
        recipient=penyedia.user.email,
        key=str(riwayat.pk),
        context={"penyedia": penyedia, "riwayat": riwayat, "url": _url("pengadaan:penyedia")},
    )


def pendaftaran_notify(*, pendaftaran_id):
    """Confirm a vendor's registration for a package."""
    pendaftaran = Pendaftaran.objects.select_related("paket", "penyedia__user").get(pk=pendaftaran_id)
    return notification_send(
        event="pengadaan.pendaftaran",
        target=pendaftaran.paket,
        recipient=pendaftaran.penyedia.user.email,
        context={"paket": pendaftaran.paket, "url": _url("pengadaan:paket", pendaftaran.paket_id)},
    )


def paket_notify(*, paket_id, event, key):
    """Tell every registered vendor of a package about `event`; each once."""
    if event not in PAKET_EVENTS:
        raise ValueError(f"Unknown pengadaan event {event!r}")
    paket = Paket.objects.get(pk=paket_id)
    emails = Pendaftaran.objects.filter(paket=paket).values_list("penyedia__user__email", flat=True)
    with notifications_each() as send:
        for email in sorted(emails):
            send(
                event=f"pengadaan.{event}",
                target=paket,
                recipient=email,
                key=key,
                context={"paket": paket, "url": _url("pengadaan:paket", paket.pk)},
            )


def penawaran_notify(*, penawaran):
    """Tell a vendor its bid was received, with its digest."""
    return notification_send(
        event="pengadaan.penawaran_diterima",
        target=penawaran,
        recipient=penawaran.penyedia.user.email,
        context={
            "penawaran": penawaran,
            "paket": penawaran.paket,
            "url": _url("pengadaan:bukti", penawaran.digest),
        },
    )


def sanggah_notify(*, sanggah_id):
    """Send the Pokja's answer to the vendor who objected."""
    sanggah = Sanggah.objects.select_related("paket", "penyedia__user").get(pk=sanggah_id)
    return notification_send(
        event="pengadaan.sanggah_dijawab",
        target=sanggah,
        recipient=sanggah.penyedia.user.email,
        context={
            "sanggah": sanggah,
            "paket": sanggah.paket,
            "url": _url("pengadaan:paket", sanggah.paket_id),
        },
    )


def langsung_notify(*, paket_id):
    """Invite the one vendor of a direct procurement to make its offer."""
    langsung = Langsung.objects.select_related("paket", "penyedia__user").get(paket_id=paket_id)
    return notification_send(
        event="pengadaan.undangan_langsung",
        target=langsung.paket,
        recipient=langsung.penyedia.user.email,
        context={
            "paket": langsung.paket,
            "batas": langsung.batas_penawaran,
            "url": _url("pengadaan:langsung_penawaran", langsung.paket_id),
        },
    )
