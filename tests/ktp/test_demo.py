import pytest

from ktp.constants import Status, StatusKTP
from ktp.demo import HISTORY_MONTHS, demo_pdf, demo_samples
from ktp.models import KTP, DokumenPermohonan, Penduduk, PermohonanKTP, RiwayatStatus
from ktp.rules import nik_mismatch_warnings
from portal.accounts.demo import DEMO_DOMAIN
from portal.documents.validators import document_kind
from portal.nik import nik_structure_errors
from tests.utils import demo_seeded_twice, kept_for_module

pytestmark = pytest.mark.django_db

KECAMATAN = ["35.04.02", "35.04.03"]


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (PermohonanKTP, RiwayatStatus, DokumenPermohonan, Penduduk, KTP)
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded twice, once for this module's tests (seeding takes seconds)."""
    with kept_for_module(django_db_blocker):
        yield demo_seeded_twice(_counts)


def test_seed_demo_covers_every_status_in_both_kecamatan_and_is_idempotent(seeded):
    assert _counts() == seeded
    assert len(demo_samples()) == len(Status) * len(KECAMATAN)
    assert seeded["PermohonanKTP"] == len(demo_samples()) + HISTORY_MONTHS
    for code in KECAMATAN:
        statuses = set(PermohonanKTP.objects.filter(kecamatan__code=code).values_list("status", flat=True))
        assert statuses == set(Status.values), code


def test_demo_applications_are_real_ones(seeded):
    applications = PermohonanKTP.objects.select_related("applicant", "kecamatan")
    assert {p.applicant.email for p in applications} == {
        f"warga.a@{DEMO_DOMAIN}",
        f"warga.b@{DEMO_DOMAIN}",
    }
    assert len({p.nik for p in applications}) == len(applications)
    for p in applications:
        assert p.nik.startswith(p.kecamatan.code.replace(".", "")), p.nama
        assert nik_structure_errors(p.nik) == [], p.nama
        assert (
            nik_mismatch_warnings(nik=p.nik, tanggal_lahir=p.tanggal_lahir, jenis_kelamin=p.jenis_kelamin)
            == []
        )
        assert p.dokumen_set.exists() and p.appointment_date is not None, p.nama
        if p.status != Status.DRAF:
            assert p.reference and p.submitted_at and p.sla_due, p.nama
            assert p.riwayat_set.exists(), p.nama
            assert p.riwayat_set.last().to_status == p.status, p.nama


def test_demo_officers_act_only_in_their_own_kecamatan(seeded):
    officer_moves = RiwayatStatus.objects.exclude(to_status__in=[Status.DIAJUKAN, Status.DIBATALKAN])
    assert officer_moves.exists()
    for row in officer_moves.select_related("actor__kecamatan", "permohonan__kecamatan"):
        assert row.actor.email.startswith("petugas.")
        assert row.actor.kecamatan == row.permohonan.kecamatan


def test_issued_replacements_replace_the_old_card(seeded):
    for p in PermohonanKTP.objects.filter(status=Status.SELESAI):
        cards = dict(KTP.objects.filter(penduduk__nik_hash=p.nik_hash).values_list("blanko_serial", "status"))
        assert cards[f"DEMO-{p.nik[-4:]}"] == StatusKTP.AKTIF
        if p.jenis in ("hilang", "rusak"):
            assert cards[f"DEMO-{p.nik[-4:]}-LAMA"] == StatusKTP.DIGANTI


def test_demo_documents_are_pdfs():
    assert document_kind(head=demo_pdf("Kartu Keluarga (KK)")) == "pdf"


def test_no_table_holds_a_demo_nik_or_kk_in_clear(seeded):
    """What a leaked database dump would show: every text column of every table, read raw."""
    from django.apps import apps
    from django.db import connection, models

    from perizinan.models import PermohonanIzin

    numbers = {n for p in PermohonanKTP.objects.all() for n in (p.nik, p.no_kk) if n}
    numbers |= {p.penanggung_jawab_nik for p in PermohonanIzin.objects.all() if p.penanggung_jawab_nik}
    assert len(numbers) > 20
    with connection.cursor() as cursor:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                    continue
                cursor.execute(f'SELECT "{field.column}" FROM "{model._meta.db_table}"')  # noqa: S608
                for (value,) in cursor.fetchall():
                    text = str(value or "")
                    leaked = [n for n in numbers if n in text]
                    assert not leaked, f"{model._meta.label}.{field.name} holds {leaked[0]}"


def test_the_demo_gives_the_transparency_page_a_year_of_months(seeded):
    from portal.public.dashboard import REGENCY, dashboard_compute

    months = {r.month for r in dashboard_compute() if r.service == "KTP-el" and r.kecamatan == REGENCY}
    assert len(months) >= 12
    completed = [r for r in dashboard_compute() if r.kecamatan == REGENCY and r.completed]
    assert {r.within_sla_pct for r in completed} - {100.0}  # some finished past the service level
