"""
The officers' queues are read through indexes, never by scanning every application of the regency:
EXPLAIN of the exact query the admin changelist runs names the queue index (PostgreSQL only).

Sequential scans are switched off for the EXPLAIN so the answer does not depend on how many rows
the test table holds; what is checked is that an index able to serve the filter and the ordering
exists and is the one PostgreSQL picks.
"""

import datetime

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from koordinasi.models import Naskah
from ktp.models import PermohonanKTP
from perizinan.models import JenisIzin, PermohonanIzin
from portal.accounts.roles import Role
from portal.wilayah.models import Kecamatan
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
STATUSES = ["diajukan", "diverifikasi", "selesai", "ditolak"]


def changelist_plan(model, user, query):
    """Return PostgreSQL's plan for the admin changelist's page query of model."""
    request = RequestFactory().get("/", query)
    request.user = user
    model_admin = admin.site._registry[model]
    changelist = model_admin.get_changelist_instance(request)
    queryset = changelist.get_queryset(request)[: changelist.list_per_page]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("ANALYZE")
        return queryset.explain()


def ktp_rows(kecamatan, n=400):
    today = timezone.localdate()
    citizen = UserFactory()
    PermohonanKTP.objects.bulk_create(
        PermohonanKTP(
            applicant=citizen,
            jenis="baru",
            status=STATUSES[i % len(STATUSES)],
            reference=f"KTP-2026-{kecamatan.pk:02d}{i:04d}",
            nik=f"{kecamatan.nik_prefix}0101{90 + i // 10000:02d}{i % 10000:04d}",
            kecamatan=kecamatan,
            submitted_at=timezone.now(),
            sla_due=today + datetime.timedelta(days=i % 30),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("query", [{"status__exact": "diajukan"}, {}])
def test_kecamatan_queue_uses_the_queue_index(query):
    for kecamatan in Kecamatan.objects.all()[:4]:
        ktp_rows(kecamatan, n=2000)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    plan = changelist_plan(PermohonanKTP, officer, query)
    expected = "ktp_queue_sla_idx" if query else "ktp_kecamatan_sla_idx"
    assert expected in plan, plan
    assert "Seq Scan on ktp_permohonanktp" not in plan


def test_dispendukcapil_queue_by_status_uses_an_index():
    ktp_rows(Kecamatan.objects.get(code="35.04.02"))
    officer = UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi="DISPENDUKCAPIL")
    plan = changelist_plan(PermohonanKTP, officer, {"status__exact": "diajukan"})
    assert "ktp_status_sla_idx" in plan, plan


def test_licence_queue_uses_the_queue_index():
    owner, jenis = UserFactory(), JenisIzin.objects.get(code="SIUP")
    PermohonanIzin.objects.bulk_create(
        PermohonanIzin(
            applicant=owner,
            jenis_izin=jenis,
            status=STATUSES[i % 2],
            reference=f"IZN-2026-{i:06d}",
            submitted_at=timezone.now(),
            sla_due=timezone.localdate() + datetime.timedelta(days=i % 20),
        )
        for i in range(400)
    )
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    plan = changelist_plan(PermohonanIzin, officer, {"status__exact": "diajukan"})
    assert "perizinan_queue_sla_idx" in plan, plan


def test_memo_register_is_read_newest_first_through_its_index():
    officer = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
    now = timezone.now()
    Naskah.objects.bulk_create(
        Naskah(
            instansi=officer.instansi,
            pengirim=officer,
            perihal=f"Perihal {i}",
            status="terkirim",
            nomor=f"000/{i}/DPMPTSP/2026",
            tahun=2026,
            nomor_urut=i + 1,
            sent_at=now - datetime.timedelta(minutes=i),
        )
        for i in range(400)
    )
    plan = changelist_plan(Naskah, UserFactory(role=Role.ADMIN, is_superuser=True), {})
    assert "koordinasi_naskah_terbaru" in plan, plan
