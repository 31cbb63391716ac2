from django.db import migrations

# The tender's issued PDFs were filed under the kinds of other services' documents, so the public
# verification page called a bid receipt a "Bukti pendaftaran" and an opening record a "Naskah dinas".
MOVES = [
    ("penawaran", "bukti_pendaftaran", "bukti_penerimaan"),
    ("paket", "naskah_dinas", "berita_acara"),
    ("penetapan", "naskah_dinas", "berita_acara"),
]


def kinds_set(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IssuedDocument = apps.get_model("verification", "IssuedDocument")
    for model, old, new in MOVES:
        content_type = ContentType.objects.filter(app_label="pengadaan", model=model).first()
        if content_type is None:
            continue
        before, after = (new, old) if backwards else (old, new)
        IssuedDocument.objects.filter(content_type=content_type, kind=before).update(kind=after)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pengadaan", "0006_sanggah_nama_penyedia"),
        ("verification", "0003_issued_document_tender_kinds"),
    ]

    operations = [
        migrations.RunPython(kinds_set, lambda apps, editor: kinds_set(apps, editor, backwards=True)),
    ]
