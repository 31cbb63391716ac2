from django.db import migrations, models


def append_only_trigger(table: str) -> migrations.RunPython:
    """
    Return a migration operation after which PostgreSQL refuses UPDATE and DELETE on `table`,
    even from an administrator's SQL session; other databases rely on the model's own refusals.
    """
    function = f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {function} ON {table};
CREATE TRIGGER {function}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {function} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a row of an append-only log."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.LOG_NAME} cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.LOG_NAME} cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A log whose rows are written once and never changed or deleted (PostgreSQL: see above)."""

    LOG_NAME = "The log"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self.LOG_NAME} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self.LOG_NAME} cannot be deleted.")
