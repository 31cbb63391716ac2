"""A whole tender, announced to contract, for the public pages, the open data and the red flags."""

import datetime
import itertools

from django.utils import timezone

from pengadaan.constants import Tahap
from pengadaan.models import DokumenPaket, Paket
from pengadaan.services import (
    jadwal_amend,
    kontrak_record,
    pertanyaan_answer,
    pertanyaan_ask,
    sanggah_answer,
    sanggah_file,
)
from tests.factories import UserFactory
from tests.factories.pengadaan import bid, clock, decided, during, evaluated, members, opened, paket, stage

_numbers = itertools.count(1)
# The vendors' staff: what must never be published.
STAFF = {"name": "Sutrisno Wibowo Rahasia", "email": "sutrisno.rahasia@contoh.id", "phone": "081234567890"}


def staffed_vendor(name):
    """Return a verified vendor whose account holds a person's name, email and phone."""
    n = next(_numbers)
    user = UserFactory(
        name=f"{STAFF['name']} {n}", email=f"{n}.{STAFF['email']}", phone=f"{STAFF['phone']}{n}"
    )
    return _vendor_for(user, name)


def _vendor_for(user, name):
    from pengadaan.services import penyedia_register, penyedia_verify
    from portal.accounts.roles import Role
    from portal.accounts.services import user_assign_role
    from tests.factories.pengadaan import ukpbj

    user_assign_role(user=user, role=Role.WARGA)
    n = user.pk
    profile = penyedia_register(
        user=user,
        nama_usaha=name,
        bentuk_usaha="cv",
        npwp=f"9{n:014d}",
        nib=f"8{n:012d}",
        kbli="41011",
        alamat="Jl. Rumah Pribadi 7, Tulungagung",
    )
    return penyedia_verify(penyedia=profile, actor=ukpbj(), approve=True)


def whole_tender(
    *, hps=900_000_000, prices=(850_000_000, 870_000_000), sanggah=True, amend=True, vendors=None, **kw
):
    """Return a package that ran its whole course: Q&A, amendment, bids, award, sanggah, contract."""
    start = timezone.now() - datetime.timedelta(days=60)
    tender = paket(mulai=start, hps=hps, **kw)
    # Announced when its schedule began, as a real package is.
    announced = start - datetime.timedelta(hours=1)
    Paket.objects.filter(pk=tender.pk).update(created_at=announced)
    DokumenPaket.objects.filter(paket=tender).update(uploaded_at=announced)
    tender.refresh_from_db()
    pokja = members(tender)
    vendors = vendors or [staffed_vendor(f"CV Terbuka {chr(65 + i)} {tender.pk}") for i in range(len(prices))]
    if amend:
        old = stage(tender, Tahap.PENAWARAN)
        with clock(during(tender, Tahap.PENGUMUMAN)):
            jadwal_amend(
                paket=tender,
                tahap=Tahap.PENAWARAN,
                actor=pokja[0],
                mulai=old.mulai + datetime.timedelta(hours=2),
                selesai=old.selesai,
                alasan="Libur daerah mendadak.",
            )
    with clock(during(tender, Tahap.AANWIJZING)):
        from pengadaan.services import paket_join

        paket_join(paket=tender, penyedia=vendors[0])
        question = pertanyaan_ask(paket=tender, penyedia=vendors[0], pertanyaan="Apakah boleh subkontrak?")
        pertanyaan_answer(pertanyaan=question, actor=pokja[0], jawaban="Tidak boleh.")
    for profile, price in zip(vendors, prices, strict=True):
        bid(tender, profile, price)
    tender = opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    if sanggah and len(vendors) > 1:
        with clock(during(tender, Tahap.EVALUASI, seconds=3600)):
            filed = sanggah_file(paket=tender, penyedia=vendors[1], alasan="Harga pemenang tidak wajar.")
            sanggah_answer(sanggah=filed, actor=pokja[0], jawaban="Harga wajar menurut HPS.", diterima=False)
    Paket.objects.filter(pk=tender.pk).update(sanggah_selesai=timezone.now() - datetime.timedelta(seconds=1))
    tender.refresh_from_db()
    today = timezone.localdate()
    kontrak_record(
        paket=tender,
        actor=tender.ppk,
        nomor_sppbj="027/1/SPPBJ/2026",
        tanggal_sppbj=today,
        nomor="027/2/KONTRAK/2026",
        nilai=prices[0],
        tanggal_mulai=today,
        tanggal_selesai=today + datetime.timedelta(days=90),
    )
    tender.refresh_from_db()
    return tender, vendors
