from django.db import migrations

# A few entries of the SIAK occupation list; Dispendukcapil completes it in the admin.
PEKERJAAN = [
    ("01", "Belum/Tidak Bekerja"),
    ("02", "Mengurus Rumah Tangga"),
    ("03", "Pelajar/Mahasiswa"),
    ("04", "Pensiunan"),
    ("05", "Pegawai Negeri Sipil"),
    ("06", "Tentara Nasional Indonesia"),
    ("07", "Kepolisian RI"),
    ("08", "Perdagangan"),
    ("09", "Petani/Pekebun"),
    ("10", "Peternak"),
    ("11", "Nelayan/Perikanan"),
    ("15", "Karyawan Swasta"),
    ("19", "Buruh Harian Lepas"),
    ("88", "Wiraswasta"),
    ("89", "Lainnya"),
]


def seed(apps, schema_editor):
    Pekerjaan = apps.get_model("ktp", "Pekerjaan")
    LayananKecamatan = apps.get_model("ktp", "LayananKecamatan")
    Kecamatan = apps.get_model("wilayah", "Kecamatan")
    for code, name in PEKERJAAN:
        Pekerjaan.objects.get_or_create(code=code, defaults={"name": name})
    for kecamatan in Kecamatan.objects.all():
        LayananKecamatan.objects.get_or_create(
            kecamatan=kecamatan, defaults={"office_address": f"Kantor Kecamatan {kecamatan.name}"}
        )


class Migration(migrations.Migration):
    dependencies = [("ktp", "0001_initial"), ("wilayah", "0002_load_wilayah")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
