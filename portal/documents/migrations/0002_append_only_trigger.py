from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION documents_penghapusandokumen_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'documents_penghapusandokumen is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS documents_penghapusandokumen_append_only ON documents_penghapusandokumen;
CREATE TRIGGER documents_penghapusandokumen_append_only
    BEFORE UPDATE OR DELETE ON documents_penghapusandokumen
    FOR EACH ROW EXECUTE FUNCTION documents_penghapusandokumen_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS documents_penghapusandokumen_append_only ON documents_penghapusandokumen;
DROP FUNCTION IF EXISTS documents_penghapusandokumen_append_only();
"""


def forwards(apps, schema_editor):
    # PostgreSQL refuses UPDATE and DELETE on the log even for an admin's SQL session.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
