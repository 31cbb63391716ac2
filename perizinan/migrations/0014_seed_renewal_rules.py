"""
Renewal numbers and the licence's own dates on its verification page.

SIUP and TDP are re-registrations (daftar ulang) of the same permit, so a renewal keeps its number;
HO gets a new one. The office changes this per licence type in the admin. Existing licences start
their term on their issue date, and their verification records get the licence's own issue date,
validity and business name.
"""

from django.db import migrations
from django.db.models import F

KEEPS_NUMBER = ["SIUP", "TDP"]


def seed(apps, schema_editor):
    JenisIzin = apps.get_model("perizinan", "JenisIzin")
    Izin = apps.get_model("perizinan", "Izin")
    IssuedDocument = apps.get_model("verification", "IssuedDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    JenisIzin.objects.filter(code__in=KEEPS_NUMBER).update(renewal_keeps_number=True)
    Izin.objects.filter(berlaku_mulai__isnull=True).update(berlaku_mulai=F("tanggal_terbit"))
    content_type = ContentType.objects.filter(app_label="perizinan", model="izin").first()
    if content_type is None:
        return
    for izin in Izin.objects.select_related("usaha").iterator():
        IssuedDocument.objects.filter(kind="izin", content_type=content_type, object_id=izin.pk).update(
            document_date=izin.tanggal_terbit, valid_until=izin.berlaku_hingga, subject=izin.usaha.nama_usaha
        )


class Migration(migrations.Migration):
    dependencies = [
        ("perizinan", "0013_renewal_term"),
        ("verification", "0002_document_own_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
