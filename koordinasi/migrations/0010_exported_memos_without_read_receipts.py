"""
Exported memos are drawn again, without their read receipts: the file is one for every reader, and
the receipts are the sender's alone. Emptying a document's file makes the next export draw it anew
under the same token, so a copy printed before still verifies.
"""

from django.db import migrations


def files_clear(apps, schema_editor):
    IssuedDocument = apps.get_model("verification", "IssuedDocument")
    for document in IssuedDocument.objects.filter(kind="naskah_dinas").exclude(file=""):
        document.file.delete(save=False)
        document.save(update_fields=["file"])


class Migration(migrations.Migration):
    dependencies = [
        ("koordinasi", "0009_nomor_unique_per_agency_and_year"),
        ("verification", "0004_reference_holds_any_memo_number"),
    ]
    operations = [migrations.RunPython(files_clear, migrations.RunPython.noop)]
