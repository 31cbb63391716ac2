"""
Seed the documents each form of business gives for SIUP and TDP.

A sole trader (perorangan/UD) has no deed of establishment: KTP and NPWP stand for it. A PT, a
koperasi and a yayasan add the approval of their legal entity (SK pengesahan). A CV and a firma give
the deed, as the licence type's own list says. The office edits these rows in the admin.
"""

from django.db import migrations

RULES = {
    "SIUP": {
        "perorangan": ["ktp", "npwp", "neraca"],
        "pt": ["akta", "sk_pengesahan", "ktp", "npwp", "neraca"],
        "koperasi": ["akta", "sk_pengesahan", "ktp", "npwp", "neraca"],
        "yayasan": ["akta", "sk_pengesahan", "ktp", "npwp", "neraca"],
    },
    "TDP": {
        "perorangan": ["ktp", "npwp", "siup"],
        "pt": ["akta", "sk_pengesahan", "ktp", "npwp", "siup"],
        "koperasi": ["akta", "sk_pengesahan", "ktp", "npwp", "siup"],
        "yayasan": ["akta", "sk_pengesahan", "ktp", "npwp", "siup"],
    },
}


def seed(apps, schema_editor):
    JenisIzin = apps.get_model("perizinan", "JenisIzin")
    DokumenBentukUsaha = apps.get_model("perizinan", "DokumenBentukUsaha")
    for code, rules in RULES.items():
        jenis_izin = JenisIzin.objects.filter(code=code).first()
        if jenis_izin is None:
            continue
        for bentuk, documents in rules.items():
            DokumenBentukUsaha.objects.get_or_create(
                jenis_izin=jenis_izin,
                bentuk=bentuk,
                defaults={"documents_new": documents, "documents_renewal": jenis_izin.documents_renewal},
            )


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0015_dokumen_bentuk_usaha")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
