"""`python -m bench.seed` at a small size: every table filled, valid NIKs, and its refusals."""

import io
import re
import subprocess  # nosec B404
import sys
from pathlib import Path

import pytest

from bench.seed.run import Refused, main
from koordinasi.models import Naskah, NomorUrut, Penerima, RiwayatNaskah
from ktp.models import KTP, Penduduk, PermohonanKTP, RiwayatStatus
from perizinan.models import Izin, PermohonanIzin, Usaha
from portal.accounts.models import User
from portal.crypto import personal_digest
from portal.sequences import sequence_next
from portal.verification.models import IssuedDocument
from portal.wilayah.models import Desa, Instansi

pytestmark = pytest.mark.django_db
SMALL = {
    "citizens": 60,
    "residents": 600,
    "ktp_applications": 120,
    "businesses": 30,
    "memos": 150,
    "agencies": 30,
    "officers_per_agency": 2,
}


def seed(**options):
    out = io.StringIO()
    argv = []
    for name, value in {**SMALL, **options}.items():
        flag = "--" + name.replace("_", "-")
        argv += [flag] if value is True else [flag, str(value)]
    main(argv, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    return seed()


def test_fills_every_table(seeded):
    assert Penduduk.objects.count() == 600
    assert PermohonanKTP.objects.count() == 120
    assert RiwayatStatus.objects.exists() and KTP.objects.exists()
    assert IssuedDocument.objects.count() == PermohonanKTP.objects.exclude(status="draf").count()
    assert Usaha.objects.count() == 30
    assert Izin.objects.count() >= 30 and PermohonanIzin.objects.count() > Izin.objects.count() - 1
    assert Naskah.objects.count() == 150 and Penerima.objects.exists() and RiwayatNaskah.objects.exists()
    assert Instansi.objects.count() == 30
    assert User.objects.filter(email__endswith="@scale.contoh.id").count() == 60
    assert "bench.seed done" in seeded


def test_disposisi_carry_a_list_of_known_instructions(seeded):
    from koordinasi.constants import Instruksi
    from koordinasi.models import Disposisi

    rows = list(Disposisi.objects.values_list("instruksi", flat=True))
    assert rows and all(isinstance(r, list) and r and set(r) <= set(Instruksi.values) for r in rows)


def test_residents_are_spread_over_every_desa(seeded):
    per_desa = set(Desa.objects.all().values_list("pk", flat=True))
    used = set(Penduduk.objects.values_list("desa_id", flat=True))
    assert used == per_desa


def test_niks_have_a_valid_structure_and_are_encrypted_and_hashed(seeded):
    for penduduk in Penduduk.objects.all()[:300]:
        nik = penduduk.nik
        assert re.fullmatch(r"3504(0[1-9]|1[0-9])[0-9]{10}", nik), nik
        day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
        expected_day = penduduk.tanggal_lahir.day + (40 if penduduk.jenis_kelamin == "P" else 0)
        assert (day, month, year) == (
            expected_day,
            penduduk.tanggal_lahir.month,
            penduduk.tanggal_lahir.year % 100,
        )
        assert nik[12:] != "0000"
        assert penduduk.nik_hash == personal_digest(nik)
    assert Penduduk.objects.values("nik_hash").distinct().count() == 600
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT nik FROM ktp_penduduk LIMIT 1")
        assert not re.fullmatch(r"[0-9]{16}", cursor.fetchone()[0])  # ciphertext at rest


def test_every_status_of_the_queue_is_present(settings):
    settings.DEBUG = True
    seed(ktp_applications=600, residents=1000, ktp_years=1)
    statuses = set(PermohonanKTP.objects.values_list("status", flat=True))
    assert {"diajukan", "diverifikasi", "selesai", "ditolak"} <= statuses
    assert PermohonanKTP.objects.filter(status="diverifikasi", appointment_date__isnull=True).count() == 0


def test_numbers_continue_after_the_seeded_ones(seeded):
    last = PermohonanKTP.objects.exclude(reference=None).order_by("-submitted_at").first()
    year, serial = last.reference.split("-")[1:]
    assert sequence_next(f"ktp_{year}") > int(serial)
    counter = NomorUrut.objects.order_by("-terakhir").first()
    assert Naskah.objects.filter(instansi=counter.instansi, tahun=counter.tahun).count() >= counter.terakhir


def test_refuses_a_database_with_accounts(seeded):
    with pytest.raises(Refused, match="already has accounts"):
        seed()


def test_refuses_with_debug_off_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(Refused, match="DEBUG is off"):
        seed()
    assert not User.objects.exists()
    seed(i_know=True, residents=50, ktp_applications=10, businesses=5, memos=10)
    assert Penduduk.objects.count() == 50


def test_the_entry_point_lists_every_part_s_options():
    """`bench/run --seed` runs `python -m bench.seed`: it loads with the benchmark's settings."""
    result = subprocess.run(  # nosec B603
        [sys.executable, "-m", "bench.seed", "--help"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--database-url", "--citizens", "--residents", "--businesses", "--memos", "--i-know"):
        assert option in result.stdout
