"""
Seed the legal basis of the fees the licence types charge, and stop the HO licence printing its own
basis as revoked.

The SIUP daftar-ulang fee by class: Permendag 36/M-DAG/PER/9/2007 as amended by 46/M-DAG/PER/9/2009
(in force 1 July 2010). The HO levy: Perda Kabupaten Tulungagung 21/2010, entered as revoked: the
izin gangguan was abolished nationally (Permendagri 19/2017), so it charges nothing. The articles were
not seen in the legal texts; the office fills them in the admin.
"""

import datetime

from django.db import migrations

HO_OLD_BASIS = (
    "Hinderordonnantie Stb. 1926 No. 226; Perda Kab. Tulungagung 21/2010; "
    "Perbup Tulungagung 20/2014 (dicabut nasional oleh Permendagri 19/2017)"
)
HO_BASIS = "Hinderordonnantie Stb. 1926 No. 226; Perda Kab. Tulungagung 21/2010; Perbup Tulungagung 20/2014"
RULES = [
    {
        "code": "SIUP",
        "jenis": "perpanjangan",
        "peraturan_jenis": "permendag",
        "peraturan_nomor": "46/M-DAG/PER/9/2009",
        "peraturan_tahun": 2009,
        "judul": "Perubahan atas Permendag 36/M-DAG/PER/9/2007 tentang Penerbitan SIUP",
        "berlaku_mulai": datetime.date(2010, 7, 1),
    },
    {
        "code": "HO",
        "jenis": "",
        "peraturan_jenis": "perda",
        "peraturan_nomor": "21",
        "peraturan_tahun": 2010,
        "judul": "Penyelenggaraan Izin Gangguan",
        "berlaku_mulai": datetime.date(2010, 1, 1),
        "dicabut": True,
        "dicabut_oleh": "Izin gangguan dihapus secara nasional: Permendagri 19/2017",
    },
]


def seed(apps, schema_editor):
    JenisIzin = apps.get_model("perizinan", "JenisIzin")
    DasarBiaya = apps.get_model("perizinan", "DasarBiaya")
    JenisIzin.objects.filter(code="HO", legal_basis=HO_OLD_BASIS).update(legal_basis=HO_BASIS)
    for rule in RULES:
        row = dict(rule)
        jenis_izin = JenisIzin.objects.filter(code=row.pop("code")).first()
        if jenis_izin is not None and not DasarBiaya.objects.filter(jenis_izin=jenis_izin).exists():
            DasarBiaya.objects.create(jenis_izin=jenis_izin, **row)


def unseed(apps, schema_editor):
    JenisIzin = apps.get_model("perizinan", "JenisIzin")
    JenisIzin.objects.filter(code="HO", legal_basis=HO_BASIS).update(legal_basis=HO_OLD_BASIS)


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0011_dasar_biaya")]
    operations = [migrations.RunPython(seed, unseed)]
