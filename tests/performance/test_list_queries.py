"""
Every list page costs the same number of queries with 1 row and with 30 (issue #9): no query per
row, whatever the regency's size. Rows are made straight in the database (the pages, not the
services, are under test); each test checks that the page really lists 1 and then 30 rows.
"""

import datetime
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koordinasi.constants import Akses, Alasan, Peran
from koordinasi.constants import Status as NaskahStatus
from koordinasi.models import HakBaca, LogAkses, Naskah, Penerima, TandaBaca
from ktp.constants import Status as KtpStatus
from ktp.models import KTP, Penduduk, PermohonanKTP, RiwayatStatus
from perizinan.constants import Status as IzinStatus
from perizinan.models import Izin, JenisIzin, PermohonanIzin, Usaha
from portal.accounts.roles import Role
from portal.audit.models import AksesData
from portal.wilayah.models import Desa, Instansi, Kecamatan
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
SERIAL = itertools.count(1)


def queries(client, url):
    """Return (query count, response) of the second GET of url (the first warms the session)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


def assert_constant(client, url, *, add, rows, fewer=1, more=30):
    """Add `fewer` rows, count; add up to `more`, count again; the counts must be equal."""
    add(fewer)
    small, response = queries(client, url)
    assert rows(response) == fewer
    add(more - fewer)
    large, response = queries(client, url)
    assert rows(response) == more
    assert large == small, f"{url}: {small} queries with {fewer} row(s), {large} with {more}"


def result_count(response):
    return response.context["cl"].result_count


def count_text(marker):
    return lambda response: response.content.decode().count(marker)


def nik(kecamatan="350402"):
    n = next(SERIAL)
    return f"{kecamatan}{(n % 28) + 1:02d}0590{n:04d}"


# ------------------------------------------------------------------------------
# KTP-el
# ------------------------------------------------------------------------------


def ktp_applications(applicant, kecamatan_code="35.04.02", status=KtpStatus.DIAJUKAN, officer=None):
    kecamatan = Kecamatan.objects.get(code=kecamatan_code)
    desa = Desa.objects.filter(kecamatan=kecamatan).first()

    def add(n):
        for _ in range(n):
            i = next(SERIAL)
            permohonan = PermohonanKTP.objects.create(
                applicant=applicant,
                jenis="baru",
                status=status,
                reference=f"KTP-2026-{i:06d}",
                nik=nik(kecamatan.nik_prefix),
                nama=f"Warga {i}",
                tanggal_lahir=datetime.date(1990, 5, 1),
                jenis_kelamin="L",
                desa=desa,
                kecamatan=kecamatan,
                submitted_at=timezone.now(),
                sla_due=timezone.localdate() + datetime.timedelta(days=14),
                appointment_date=timezone.localdate() + datetime.timedelta(days=3),
                assigned_to=officer,
            )
            RiwayatStatus.objects.create(permohonan=permohonan, from_status="draf", to_status=status)

    return add


def test_permohonan_saya(client):
    citizen = UserFactory(role=Role.WARGA)
    client.force_login(citizen)
    assert_constant(client, "/ktp/permohonan/", add=ktp_applications(citizen), rows=count_text("KTP-2026-"))


@pytest.mark.parametrize("query", ["", "?status__exact=diajukan"])
def test_kecamatan_queue(client, query):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    add = ktp_applications(UserFactory(), officer=officer)
    # Another kecamatan's applications are not listed and cost nothing.
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(5)
    assert_constant(client, f"/admin/ktp/permohonanktp/{query}", add=add, rows=result_count)


def test_dispendukcapil_queue(client):
    client.force_login(UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi="DISPENDUKCAPIL"))
    add = ktp_applications(UserFactory())
    assert_constant(client, "/admin/ktp/permohonanktp/", add=add, rows=result_count)


def penduduk_add(n):
    desa = Desa.objects.filter(kecamatan__code="35.04.02").first()
    for _ in range(n):
        i = next(SERIAL)
        penduduk = Penduduk.objects.create(nik=nik(), nama=f"Penduduk {i}", desa=desa)
        today = timezone.localdate()
        KTP.objects.create(penduduk=penduduk, blanko_serial=f"BLK{i:09d}", tanggal_terbit=today)


@pytest.mark.parametrize("model", ["penduduk", "ktp"])
def test_penduduk_and_card_lists(client, model):
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    assert_constant(client, f"/admin/ktp/{model}/", add=penduduk_add, rows=result_count)


# ------------------------------------------------------------------------------
# Perizinan
# ------------------------------------------------------------------------------


def licences(owner, officer=None):
    desa = Desa.objects.filter(kecamatan__code="35.04.02").first()
    jenis = JenisIzin.objects.get(code="SIUP")

    def add(n):
        for _ in range(n):
            i = next(SERIAL)
            data = {
                "nama_usaha": f"UD Usaha {i}",
                "bentuk": "perorangan",
                "npwp": f"{i:015d}",
                "desa": desa,
                "penanggung_jawab": "Budi",
                "penanggung_jawab_nik": nik(),
                "kekayaan_bersih": 100_000_000,
                "luas_ruang": 50,
            }
            usaha = Usaha.objects.create(owner=owner, **data)
            permohonan = PermohonanIzin.objects.create(
                applicant=owner,
                jenis_izin=jenis,
                usaha=usaha,
                status=IzinStatus.DITERBITKAN,
                reference=f"IZN-2026-{i:06d}",
                submitted_at=timezone.now(),
                sla_due=timezone.localdate(),
                assigned_to=officer,
                **data,
            )
            Izin.objects.create(
                nomor=f"510/{i:04d}/SIUP/35.04/2026",
                jenis_izin=jenis,
                usaha=usaha,
                permohonan=permohonan,
                tanggal_terbit=timezone.localdate(),
                berlaku_hingga=timezone.localdate() + datetime.timedelta(days=1800),
            )

    return add


@pytest.mark.parametrize("url", ["/perizinan/permohonan/", "/perizinan/izin/"])
def test_owner_licence_list(client, url):
    owner = UserFactory(role=Role.WARGA)
    client.force_login(owner)
    assert_constant(client, url, add=licences(owner), rows=count_text("IZN-2026-"))


@pytest.mark.parametrize("model", ["permohonanizin", "izin", "usaha"])
def test_licence_queues(client, model):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    add = licences(UserFactory(), officer=officer)
    # The applications made are issued ones: the queue lists them with its closed ones.
    query = "?selesai=semua" if model == "permohonanizin" else ""
    assert_constant(client, f"/admin/perizinan/{model}/{query}", add=add, rows=result_count)


# ------------------------------------------------------------------------------
# Koordinasi
# ------------------------------------------------------------------------------


def memos(sender, to_instansi, *, status=NaskahStatus.TERKIRIM, reader=None):
    def add(n):
        for _ in range(n):
            i = next(SERIAL)
            sent = status == NaskahStatus.TERKIRIM
            naskah = Naskah.objects.create(
                instansi=sender.instansi,
                pengirim=sender,
                perihal=f"Perihal {i}",
                status=status,
                nomor=f"000.8.3/{i}/X/2026" if sent else "",
                tahun=2026 if sent else None,
                nomor_urut=i if sent else None,
                sent_at=timezone.now() if sent else None,
                sifat="segera",
            )
            Penerima.objects.create(naskah=naskah, peran=Peran.KEPADA, instansi=to_instansi)
            if sent:  # the rights naskah_send writes
                HakBaca.objects.create(naskah=naskah, pegawai=sender, alasan=Alasan.PENGIRIM)
                HakBaca.objects.create(naskah=naskah, instansi=to_instansi, alasan=Alasan.INSTANSI)
            if reader:
                TandaBaca.objects.create(
                    naskah=naskah, pembaca=reader, instansi=to_instansi, dibaca_at=timezone.now()
                )
                LogAkses.objects.create(naskah=naskah, pengguna=reader, aksi=Akses.LIHAT)

    return add


def officers():
    sender = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
    receiver = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="BAGIAN-UMUM")
    return sender, receiver


@pytest.mark.parametrize("query", ["", "?kotak=instansi", "?belum_dibaca=1", "?q=Perihal"])
def test_memo_inbox(client, query):
    sender, receiver = officers()
    client.force_login(receiver)
    add = memos(sender, receiver.instansi)
    assert_constant(client, f"/koordinasi/{query}", add=add, rows=lambda r: len(r.context["naskah_list"]))


def test_memo_sent_and_drafts(client):
    sender, receiver = officers()
    client.force_login(sender)
    add = memos(sender, receiver.instansi, reader=receiver)
    assert_constant(client, "/koordinasi/terkirim/", add=add, rows=lambda r: len(r.context["naskah_list"]))
    drafts = memos(sender, receiver.instansi, status=NaskahStatus.DRAF)
    assert_constant(client, "/koordinasi/draf/", add=drafts, rows=lambda r: len(r.context["naskah_list"]))


@pytest.mark.parametrize("model", ["naskah", "logakses"])
def test_memo_admin_lists(client, model):
    sender, receiver = officers()
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))
    add = memos(sender, receiver.instansi, reader=receiver)
    assert_constant(client, f"/admin/koordinasi/{model}/", add=add, rows=result_count)


# ------------------------------------------------------------------------------
# Portal
# ------------------------------------------------------------------------------


def test_data_saya(client):
    citizen = UserFactory(role=Role.WARGA)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(citizen)
    content_type = ContentType.objects.get_for_model(PermohonanKTP)

    def add(n):
        for _ in range(n):
            AksesData.objects.create(
                actor=officer,
                subject=citizen,
                action="lihat",
                description=f"Membuka permohonan AKSES-{next(SERIAL)}",
                content_type=content_type,
                object_id=1,
                ip="127.0.0.1",
            )

    assert_constant(client, "/akun/data-saya/", add=add, rows=count_text("AKSES-"))


@pytest.mark.parametrize("model", ["accounts/user", "wilayah/instansi"])
def test_portal_admin_lists(client, model):
    client.force_login(UserFactory(role=Role.ADMIN, is_superuser=True))

    def add(n):
        for _ in range(n):
            i = next(SERIAL)
            if model == "accounts/user":
                UserFactory(email=f"baris{i}@contoh.id", role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
            else:
                Instansi.objects.create(code=f"UJI-{i}", name=f"Instansi uji {i}")

    def rows(response):
        if model == "accounts/user":
            return response.context["cl"].queryset.filter(email__startswith="baris").count()
        return response.context["cl"].queryset.filter(code__startswith="UJI-").count()

    assert_constant(client, f"/admin/{model}/", add=add, rows=rows)
