"""
One world for the security tests: nine actors and objects owned by each, built once per module
inside a transaction that is rolled back when the module ends.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, totp_code

KEC_X, KEC_Y = "35.04.02", "35.04.03"  # Boyolangu, Kedungwaru
INSTANSI_P, INSTANSI_Q = "BAGIAN-UMUM", "DISPENDUKCAPIL"
ACTORS = ("anon", "warga_a", "warga_b", "kec_x", "kec_y", "perizinan", "instansi_p", "instansi_q", "admin")
STAFF = {"kec_x", "kec_y", "perizinan", "admin"}


@pytest.fixture(scope="module")
def security_media(tmp_path_factory):
    return tmp_path_factory.mktemp("security-media")


@pytest.fixture(autouse=True)
def _media_root(settings, security_media):
    """Keep the module's files where the module's world wrote them (overrides the suite's fixture)."""
    settings.MEDIA_ROOT = security_media / "media"
    settings.PRIVATE_MEDIA_ROOT = security_media / "private"


def _users():
    return SimpleNamespace(
        warga_a=UserFactory(role=Role.WARGA, name="Warga A", email="warga.a@contoh.id"),
        warga_b=UserFactory(role=Role.WARGA, name="Warga B", email="warga.b@contoh.id"),
        kec_x=UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan=KEC_X, email="kec.x@contoh.id"),
        kec_y=UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan=KEC_Y, email="kec.y@contoh.id"),
        perizinan=UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP", email="izin@contoh.id"),
        instansi_p=UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi=INSTANSI_P, email="p@contoh.id"),
        instansi_q=UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi=INSTANSI_Q, email="q@contoh.id"),
        admin=UserFactory(is_staff=True, is_superuser=True, email="admin@contoh.id"),
    )


def _resident(users, *, kecamatan_code, nik, serial):
    """Return a resident and their card, made the way the office makes them: by issuing a KTP-el."""
    from ktp.services import permohonan_issue, permohonan_record, permohonan_submit, permohonan_verify
    from tests.factories.ktp import permohonan_complete_draft

    citizen = UserFactory(role=Role.WARGA)
    officer = users.admin
    permohonan = permohonan_submit(
        permohonan=permohonan_complete_draft(
            applicant=citizen, kecamatan_code=kecamatan_code, nik=nik, jenis_kelamin="L"
        ),
        actor=citizen,
    )
    permohonan = permohonan_verify(permohonan=permohonan, actor=officer)
    permohonan = permohonan_record(permohonan=permohonan, actor=officer)
    permohonan = permohonan_issue(permohonan=permohonan, actor=officer, blanko_serial=serial)
    kartu = permohonan.ktp if hasattr(permohonan, "ktp") else None
    from ktp.models import KTP

    kartu = kartu or KTP.objects.get(blanko_serial=serial)
    return kartu.penduduk, kartu


def _ktp(users):
    from ktp.receipts import permohonan_receipt, permohonan_receipt_generate
    from ktp.services import permohonan_draft_create, permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    a, b = users.warga_a, users.warga_b
    ktp_a = permohonan_submit(permohonan=permohonan_complete_draft(applicant=a), actor=a)
    ktp_b = permohonan_submit(
        permohonan=permohonan_complete_draft(
            applicant=b, kecamatan_code=KEC_Y, nik="3504031005900002", jenis_kelamin="L", nama="Budi B"
        ),
        actor=b,
    )
    for permohonan in (ktp_a, ktp_b):
        permohonan_receipt_generate(permohonan_id=permohonan.pk)
    penduduk_a, kartu_a = _resident(users, kecamatan_code=KEC_X, nik="3504021005900011", serial="B-X-1")
    penduduk_b, kartu_b = _resident(users, kecamatan_code=KEC_Y, nik="3504031005900012", serial="B-Y-1")
    return {
        "ktp_a": ktp_a,
        "ktp_b": ktp_b,
        "ktp_draft_a": permohonan_draft_create(applicant=a, jenis="baru"),
        "ktp_draft_b": permohonan_draft_create(applicant=b, jenis="baru"),
        "ktp_doc_a": ktp_a.dokumen_set.first(),
        "ktp_doc_b": ktp_b.dokumen_set.first(),
        "ktp_receipt_a": permohonan_receipt(permohonan=ktp_a),
        "penduduk_a": penduduk_a,
        "penduduk_b": penduduk_b,
        "kartu_a": kartu_a,
        "kartu_b": kartu_b,
    }


def _perizinan(users):
    from perizinan.receipts import izin_pdf_generate, permohonan_izin_receipt_generate
    from perizinan.services import permohonan_izin_draft_create
    from tests.factories.perizinan import izin_issued, jenis

    izin = {}
    for who, npwp, nik in (("a", "012345678901234", "3504021005800001"), ("b", "098765432109876", "")):
        owner = getattr(users, f"warga_{who}")
        licence = izin_issued(
            applicant=owner,
            officer=users.perizinan,
            npwp=npwp,
            penanggung_jawab_nik=nik or "3504031005800002",
            nama_usaha=f"CV Usaha {who.upper()}",
        )
        permohonan_izin_receipt_generate(permohonan_id=licence.permohonan_id)
        izin_pdf_generate(izin_id=licence.pk)
        izin[f"izin_{who}"] = licence
        izin[f"piz_{who}"] = licence.permohonan
        izin[f"piz_doc_{who}"] = licence.permohonan.dokumen_set.first()
        izin[f"usaha_{who}"] = licence.usaha
        izin[f"piz_draft_{who}"] = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("HO"))
    return izin


def _koordinasi(users):
    from koordinasi.constants import Instruksi
    from koordinasi.services import disposisi_give
    from tests.factories.koordinasi import naskah_draft, naskah_sent, officer, pdf_upload

    p_sender, p_chief = officer(INSTANSI_P), officer(INSTANSI_P)
    q_sender = officer(INSTANSI_Q)
    naskah_p = naskah_sent(sender=p_sender, to_agencies=[INSTANSI_P], files=[pdf_upload()])
    naskah_q = naskah_sent(sender=q_sender, to_agencies=[INSTANSI_Q], files=[pdf_upload()])
    return {
        "naskah_p": naskah_p,
        "naskah_q": naskah_q,
        "lampiran_p": naskah_p.lampiran_set.first(),
        "lampiran_q": naskah_q.lampiran_set.first(),
        "draft_p": naskah_draft(sender=users.instansi_p, to_agencies=[INSTANSI_Q]),
        "draft_q": naskah_draft(sender=users.instansi_q, to_agencies=[INSTANSI_P]),
        "disposisi_p": disposisi_give(
            naskah=naskah_p, actor=p_chief, kepada=users.instansi_p, instruksi=Instruksi.values[0]
        ),
    }


def _platform(users, objects):
    from django.core.files.base import ContentFile

    from portal.audit.models import AksesData
    from portal.audit.services import access_record
    from portal.public.models import InformasiPublik

    informasi = InformasiPublik(title="Data sekolah", slug="data-sekolah", description="Daya tampung")
    informasi.is_published = True
    informasi.dataset.save("sekolah.csv", ContentFile(b"nama,daya\nSDN 1,120\n"), save=False)
    informasi.save()
    request = RequestFactory().get("/")
    request.user = users.kec_x
    akses = access_record(
        request=request,
        target=objects["ktp_a"],
        subject=users.warga_a,
        action=AksesData.Action.LIHAT,
        description="uji",
    )
    return {"informasi": informasi, "akses": akses} | _registers(users, objects)


def _registers(users, objects):
    """Give the admin's registers a row each, so their change pages are opened for real."""
    from django.utils import timezone
    from django_celery_beat.models import ClockedSchedule, SolarSchedule

    from koordinasi.services import naskah_open
    from portal.holidays.models import HariLibur

    naskah_open(naskah=objects["naskah_p"], user=users.instansi_p)
    client = Client()  # one failed and one good sign-in: django-axes records both
    client.post(reverse("account_login"), {"login": users.warga_a.email, "password": "salah"})
    client.post(reverse("account_login"), {"login": users.warga_a.email, "password": PASSWORD})
    return {
        "harilibur": HariLibur.objects.create(date=datetime.date(2030, 1, 1), name="Tahun Baru"),
        "clocked": ClockedSchedule.objects.create(clocked_time=timezone.now()),
        "solar": SolarSchedule.objects.create(event="sunrise", latitude=-8.06, longitude=111.9),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, security_media):
    """Build every actor and object once; roll it all back when the module is done."""
    from django.conf import settings

    old = settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = security_media / "media", security_media / "private"
    with django_db_blocker.unblock(), transaction.atomic():
        users = _users()
        objects = _ktp(users)
        objects |= _perizinan(users)
        objects |= _koordinasi(users)
        objects |= _platform(users, objects)
        yield SimpleNamespace(users=users, objects=objects, today=datetime.date.today())
        transaction.set_rollback(True)
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = old


def login(actor, users):
    """Return a client signed in as `actor` the way a person would: password, then TOTP for officers."""
    client = Client()
    if actor == "anon":
        return client
    user = getattr(users, actor)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, f"{actor} could not sign in"
    if user.is_officer():
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.session.get("_auth_user_id") == str(user.pk), f"{actor} is not signed in"
    return client
