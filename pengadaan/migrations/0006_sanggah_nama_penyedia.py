from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = "Nama badan usaha terverifikasi saat sanggah diajukan; nama inilah yang diumumkan."


def fill(apps, schema_editor):
    # No earlier name was kept: existing objections take the profile's present name.
    Penyedia = apps.get_model("pengadaan", "Penyedia")
    nama = Subquery(Penyedia.objects.filter(pk=OuterRef("penyedia_id")).values("nama_usaha")[:1])
    apps.get_model("pengadaan", "Sanggah").objects.update(nama_penyedia=nama)


class Migration(migrations.Migration):
    dependencies = [("pengadaan", "0005_nama_penyedia")]

    operations = [
        migrations.AddField(
            model_name="sanggah",
            name="nama_penyedia",
            field=models.CharField(
                default="", help_text=HELP, max_length=200, verbose_name="nama penyanggah"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
