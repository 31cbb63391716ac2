from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = "Nama badan usaha terverifikasi saat penawaran disampaikan; nama inilah yang diumumkan."


def fill(apps, schema_editor):
    # No earlier name was kept: existing bids and offers take the profile's present name.
    Penyedia = apps.get_model("pengadaan", "Penyedia")
    nama = Subquery(Penyedia.objects.filter(pk=OuterRef("penyedia_id")).values("nama_usaha")[:1])
    apps.get_model("pengadaan", "Penawaran").objects.update(nama_penyedia=nama)
    apps.get_model("pengadaan", "Langsung").objects.exclude(penawaran_at=None).update(nama_penyedia=nama)


class Migration(migrations.Migration):
    dependencies = [("pengadaan", "0004_seed_langsung")]

    operations = [
        migrations.AddField(
            model_name="penawaran",
            name="nama_penyedia",
            field=models.CharField(default="", help_text=HELP, max_length=200, verbose_name="nama penyedia"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="langsung",
            name="nama_penyedia",
            field=models.CharField(blank=True, help_text=HELP, max_length=200, verbose_name="nama penyedia"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
