"""
Seed the licence types the regency asked for and the fee data.

SIUP classes and daftar-ulang fees: Permendag 46/M-DAG/PER/9/2009 and 36/2007 as amended.
HO indices and tariff: sample values of the national formula, for the office to set in the admin
from Perda Tulungagung 21/2010 (its tariff articles were not seen).
"""

import datetime

from django.db import migrations

JENIS = [
    {
        "code": "SIUP",
        "name": "Surat Izin Usaha Perdagangan",
        "legal_basis": "Permendag 36/M-DAG/PER/9/2007 jo. 46/M-DAG/PER/9/2009 dan 39/M-DAG/PER/12/2011",
        "description": "Untuk usaha perdagangan. Berlaku selama usaha berjalan, daftar ulang setiap 5 tahun. "
        "Usaha dengan kekayaan bersih sampai Rp50.000.000 tidak wajib SIUP, tetapi boleh mengajukan.",
        "validity_months": 60,
        "while_business_runs": True,
        "renewal_window_days": 90,
        "grace_days": 42,
        "documents_new": ["akta", "ktp", "npwp", "neraca"],
        "documents_renewal": ["izin_lama", "ktp", "neraca"],
        "sla_days_new": 3,
        "sla_days_renewal": 3,
        "fee_rule": "siup_kelas",
        "number_pattern": "510/{seq:04d}/SIUP/35.04/{year}",
        "what_to_bring": "KTP asli penanggung jawab, akta pendirian asli, NPWP asli, stempel usaha.",
        "order": 1,
    },
    {
        "code": "TDP",
        "name": "Tanda Daftar Perusahaan",
        "legal_basis": "UU 3/1982 tentang Wajib Daftar Perusahaan; Permendag 37/M-DAG/PER/9/2007",
        "description": "Berlaku 5 tahun. Daftar ulang dibuka 3 bulan sebelum berakhir.",
        "validity_months": 60,
        "while_business_runs": False,
        "renewal_window_days": 90,
        "grace_days": 30,
        "documents_new": ["akta", "ktp", "npwp", "siup"],
        "documents_renewal": ["izin_lama", "ktp", "npwp"],
        "sla_days_new": 3,
        "sla_days_renewal": 3,
        "fee_rule": "gratis",
        "number_pattern": "503/{seq:04d}/TDP/35.04/{year}",
        "what_to_bring": "KTP asli penanggung jawab, akta pendirian asli, SIUP asli.",
        "order": 2,
    },
    {
        "code": "HO",
        "name": "Izin Gangguan (HO)",
        "legal_basis": "Hinderordonnantie Stb. 1926 No. 226; Perda Kab. Tulungagung 21/2010; "
        "Perbup Tulungagung 20/2014 (dicabut nasional oleh Permendagri 19/2017)",
        "description": "Untuk tempat usaha yang dapat menimbulkan gangguan. Retribusi menurut luas ruang, "
        "lokasi dan tingkat gangguan. Berlaku selama usaha berjalan, daftar ulang setiap 5 tahun.",
        "validity_months": 60,
        "while_business_runs": True,
        "renewal_window_days": 90,
        "grace_days": 30,
        "documents_new": ["ktp", "bukti_tempat", "persetujuan_tetangga", "dokumen_lingkungan", "denah"],
        "documents_renewal": ["izin_lama", "ktp"],
        "sla_days_new": 5,
        "sla_days_renewal": 3,
        "fee_rule": "ho_retribusi",
        "number_pattern": "503/{seq:04d}/HO/35.04/{year}",
        "what_to_bring": "KTP asli penanggung jawab, bukti hak atau sewa tempat usaha asli.",
        "order": 3,
    },
]
KELAS = [
    ("KECIL", "SIUP Kecil", 50_000_000, 500_000_000, 100_000),
    ("MENENGAH", "SIUP Menengah", 500_000_000, 10_000_000_000, 150_000),
    ("BESAR", "SIUP Besar", 10_000_000_000, None, 300_000),
]
LOKASI = [
    ("Jalan arteri", "3.00"),
    ("Jalan kolektor", "2.00"),
    ("Jalan lokal", "1.50"),
    ("Jalan lingkungan", "1.00"),
]
GANGGUAN = [("Gangguan besar", "3.00"), ("Gangguan sedang", "2.00"), ("Gangguan kecil", "1.00")]


def seed(apps, schema_editor):
    JenisIzin = apps.get_model("perizinan", "JenisIzin")
    KelasSIUP = apps.get_model("perizinan", "KelasSIUP")
    IndeksLokasi = apps.get_model("perizinan", "IndeksLokasi")
    IndeksGangguan = apps.get_model("perizinan", "IndeksGangguan")
    TarifHO = apps.get_model("perizinan", "TarifHO")
    for row in JENIS:
        JenisIzin.objects.get_or_create(code=row["code"], defaults=row)
    for code, name, lower, upper, fee in KELAS:
        KelasSIUP.objects.get_or_create(
            code=code, defaults={"name": name, "lower": lower, "upper": upper, "renewal_fee": fee}
        )
    for name, value in LOKASI:
        IndeksLokasi.objects.get_or_create(name=name, defaults={"value": value})
    for name, value in GANGGUAN:
        IndeksGangguan.objects.get_or_create(name=name, defaults={"value": value})
    TarifHO.objects.get_or_create(
        valid_from=datetime.date(2010, 1, 1),
        defaults={"tariff": 1_000, "legal_basis": "Contoh; sesuaikan dengan Perda Tulungagung 21/2010"},
    )


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
