from django.db import migrations

from portal.db import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [append_only_trigger("documents_penghapusandokumen")]
