from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_aksesdata_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_aksesdata is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_aksesdata_append_only ON audit_aksesdata;
CREATE TRIGGER audit_aksesdata_append_only
    BEFORE UPDATE OR DELETE ON audit_aksesdata
    FOR EACH ROW EXECUTE FUNCTION audit_aksesdata_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_aksesdata_append_only ON audit_aksesdata;
DROP FUNCTION IF EXISTS audit_aksesdata_append_only();
"""


def forwards(apps, schema_editor):
    # PostgreSQL refuses UPDATE and DELETE on the log even for an admin's SQL session.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
