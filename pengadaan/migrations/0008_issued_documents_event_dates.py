from django.db import migrations
from django.utils import timezone

# The tender's PDFs were issued without a document date, so the public verification page dated each
# by the day its PDF was rendered; each is dated by the moment of the event it records.
EVENTS = {"penawaran": "diterima_at", "paket": "dibuka_at", "penetapan": "created_at"}


def dates_set(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IssuedDocument = apps.get_model("verification", "IssuedDocument")
    for model, field in EVENTS.items():
        content_type = ContentType.objects.filter(app_label="pengadaan", model=model).first()
        if content_type is None:
            continue
        undated = IssuedDocument.objects.filter(content_type=content_type, document_date=None)
        targets = apps.get_model("pengadaan", model).objects.filter(pk__in=undated.values("object_id"))
        moments = dict(targets.values_list("pk", field))
        for document in undated:
            if moments.get(document.object_id):
                document.document_date = timezone.localdate(moments[document.object_id])
                document.save(update_fields=["document_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pengadaan", "0007_issued_documents_tender_kinds"),
        ("verification", "0003_issued_document_tender_kinds"),
    ]

    operations = [migrations.RunPython(dates_set, migrations.RunPython.noop)]
