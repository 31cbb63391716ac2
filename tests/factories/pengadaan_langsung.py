"""Direct procurement fixtures: a Pejabat Pengadaan, an invitation, and each later step."""

import datetime

from django.utils import timezone

from pengadaan.models import Kategori, Metode
from pengadaan.services import langsung_create, langsung_negotiate, langsung_offer, langsung_order
from portal.accounts.roles import Role
from portal.wilayah.models import Instansi
from tests.factories import UserFactory
from tests.factories.pengadaan import pdf, ppk, vendor


def pejabat(**kwargs):
    return UserFactory(role=Role.PEJABAT_PENGADAAN, **kwargs)


def langsung_form(*, ppk_user, penyedia, **over):
    """Return what a Pejabat posts to create a direct procurement inviting `penyedia`."""
    data = {
        "instansi": Instansi.objects.get(code="BAGIAN-UMUM").pk,
        "nama": "Pengadaan Alat Tulis Kantor Bagian Umum",
        "kategori": Kategori.objects.get(code="barang").pk,
        "metode": Metode.objects.get(code="pengadaan-langsung").pk,
        "tahun_anggaran": 2026,
        "pagu": "150000000",
        "hps": "140000000",
        "kbli_syarat": "41011",
        "syarat_pengalaman": "",
        "lokasi": "Tulungagung",
        "ppk": ppk_user.pk,
        "penyedia": penyedia.pk,
        "batas_penawaran": (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(over)
    return data


def undangan(*, penyedia=None, actor=None, kategori="barang", pagu=180_000_000, hps=170_000_000, **over):
    """Return a direct procurement whose one vendor (verified, KBLI 41011) was just invited."""
    fields = {
        "instansi": Instansi.objects.get(code="BAGIAN-UMUM"),
        "nama": "Pengadaan Printer untuk Bagian Umum",
        "kategori": Kategori.objects.get(code=kategori),
        "metode": Metode.objects.get(code="pengadaan-langsung"),
        "tahun_anggaran": 2026,
        "pagu": pagu,
        "hps": hps,
        "kbli_syarat": "41011",
        "syarat_pengalaman": "",
        "lokasi": "Tulungagung",
        "ppk": ppk(),
        "penyedia": penyedia or vendor(),
        "batas_penawaran": timezone.now() + datetime.timedelta(days=3),
    }
    fields.update(over)
    return langsung_create(actor=actor or pejabat(), **fields)


def offered(paket, harga=165_000_000):
    langsung = paket.langsung
    langsung_offer(paket=paket, penyedia=langsung.penyedia, harga=harga, dokumen=pdf("penawaran.pdf"))
    paket.refresh_from_db()
    return paket


def negotiated(paket, harga=160_000_000):
    langsung_negotiate(
        paket=paket, actor=paket.langsung.pejabat, harga=harga, catatan="Harga satuan toner disepakati turun."
    )
    paket.refresh_from_db()
    return paket


def ordered(paket, nilai=160_000_000):
    today = timezone.localdate()
    langsung_order(
        paket=paket,
        actor=paket.ppk,
        nomor="027/SPK/PL/2026",
        tanggal=today,
        nilai=nilai,
        tanggal_selesai=today + datetime.timedelta(days=30),
    )
    paket.refresh_from_db()
    return paket


def whole_langsung(**kw):
    """Return a direct procurement that ran its whole course: invitation, offer, negotiation, order."""
    return ordered(negotiated(offered(undangan(**kw))))
