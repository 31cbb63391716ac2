"""Numbers that are never reused: database sequences on PostgreSQL, a counter table on SQLite."""

import re

from django.db import connection

_NAME = re.compile(r"^[a-z0-9_]{1,60}\Z")


def sequence_next(name: str) -> int:
    """Return the next value of the named sequence, creating it at 1 on first use."""
    if not _NAME.match(name):
        raise ValueError(f"Bad sequence name: {name!r}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # CREATE SEQUENCE IF NOT EXISTS is not safe when two transactions create the same new
            # sequence at once (the second fails on the catalog's unique index): serialise creators.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"seq_{name}"])
            cursor.execute(f'CREATE SEQUENCE IF NOT EXISTS "seq_{name}"')
            cursor.execute(f"SELECT nextval('\"seq_{name}\"')")
            return cursor.fetchone()[0]
        # SQLite serialises writers, so this upsert is atomic; it is for development only.
        cursor.execute("CREATE TABLE IF NOT EXISTS portal_sequence (name TEXT PRIMARY KEY, value INTEGER)")
        cursor.execute(
            "INSERT INTO portal_sequence (name, value) VALUES (%s, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
            [name],
        )
        return cursor.fetchone()[0]
