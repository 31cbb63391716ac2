"""
Bulk loading for `python -m bench.seed`: regency-scale fake data, fast.

Rows are built as unsaved model instances and every column value goes through the model field
(`pre_save` then `get_db_prep_save`), exactly as `save()` would send it, so a field that encrypts,
hashes or normalises its value keeps doing so here. They then go to PostgreSQL through COPY
(psycopg2 `copy_expert`), or through `executemany` on SQLite for small test runs. Primary keys are
assigned here, so related rows can point at them before anything is written; the identity
sequences are moved past them afterwards.
"""

import datetime
import io
import json
import operator
import random
import time
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone

# Faker is seeded once and only used to fill pools of names: picking from the pools is far faster
# than asking Faker for each of a million residents.
POOL_SIZE = 3000


@dataclass
class ScaleContext:
    """What each generator's `seed(context)` receives."""

    options: dict
    rng: random.Random
    stdout: object
    now: datetime.datetime = field(default_factory=timezone.now)
    # Filled by the accounts part (bench/seed/run.py) before the services' generators run.
    citizen_ids: list = field(default_factory=list)
    demo_citizen_ids: list = field(default_factory=list)  # the accounts the benchmark logs in with
    officer_ids_by_instansi: dict = field(default_factory=dict)
    kecamatan_officer_ids: dict = field(default_factory=dict)
    desa: list = field(default_factory=list)  # (id, code, kecamatan_id, kecamatan_code, name)
    kecamatan: list = field(default_factory=list)  # (id, code, name)
    instansi_ids: list = field(default_factory=list)
    instansi_code: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    _pools: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message + "\n")
        self.stdout.flush()

    def pools(self):
        """Return name and place pools drawn from Faker id_ID."""
        if not self._pools:
            self._pools = faker_pools(self.options["seed"])
        return self._pools

    def person_name(self, sex):
        pools = self.pools()
        first = pools["first_male"] if sex == "L" else pools["first_female"]
        if self.rng.random() < 0.6:
            return f"{self.rng.choice(first)} {self.rng.choice(pools['last'])}"
        return f"{self.rng.choice(first)} {self.rng.choice(first)} {self.rng.choice(pools['last'])}"

    def moment_between(self, start, end):
        """Return a random aware datetime between start and end."""
        span = (end - start).total_seconds()
        return start + datetime.timedelta(seconds=self.rng.random() * span)


def faker_pools(seed):
    """Return pools of Indonesian first names, surnames, streets, towns and company words."""
    try:
        from faker import Faker
    except ImportError as exc:  # pragma: no cover - Faker is in requirements-dev.txt
        raise RuntimeError("bench.seed needs Faker: pip install -r requirements-dev.txt") from exc
    fake = Faker("id_ID")
    fake.seed_instance(seed)

    def pool(fn, size=POOL_SIZE):
        return sorted({fn() for _ in range(size)})

    return {
        "first_male": pool(fake.first_name_male),
        "first_female": pool(fake.first_name_female),
        "last": pool(fake.last_name),
        "street": pool(fake.street_name, 800),
        "city": pool(fake.city, 400),
        "company": pool(fake.company, 2000),
        "job": pool(fake.job, 300),
        "sentence": pool(lambda: fake.sentence(nb_words=8), 1500),
        "paragraph": pool(lambda: fake.paragraph(nb_sentences=4), 600),
    }


class NikIssuer:
    """Issue NIKs of valid structure: PP KK CC DDMMYY SSSS, day + 40 for women, serial from 0001."""

    def __init__(self):
        self._serial = {}

    def issue(self, *, kecamatan_code, birth, sex):
        day = birth.day + (40 if sex == "P" else 0)
        head = f"{kecamatan_code.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        serial = self._serial.get(head, 0) + 1
        if serial > 9999:
            raise ValueError(f"More than 9999 NIKs for {head}")
        self._serial[head] = serial
        return f"{head}{serial:04d}"


class KkIssuer:
    """Issue family card numbers: 6-digit region code + recording date DDMMYY + 4-digit serial."""

    def __init__(self):
        self._serial = {}

    def issue(self, *, kecamatan_code, recorded):
        head = f"{kecamatan_code.replace('.', '')}{recorded:%d%m%y}"
        serial = self._serial.get(head, 0) + 1
        self._serial[head] = serial
        return f"{head}{serial % 10000:04d}"


# ------------------------------------------------------------------------------
# Writing rows
# ------------------------------------------------------------------------------


def next_id(model):
    """Return the first free primary key of model's table."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # nosec B608 - names from model _meta, not input
        return cursor.fetchone()[0] + 1


def id_sequence_reset(model):
    """Move the table's identity sequence past the largest id (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    table, pk = model._meta.db_table, model._meta.pk.column
    first_free = next_id(model)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)", [table, pk, first_free])


def sequence_set(name, value):
    """Make portal.sequences.sequence_next(name) return value + 1 next (PostgreSQL and SQLite)."""
    from portal.sequences import _NAME

    if not _NAME.match(name):
        raise ValueError(f"Bad sequence name: {name!r}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'CREATE SEQUENCE IF NOT EXISTS "seq_{name}"')
            cursor.execute(f"SELECT setval('\"seq_{name}\"', %s, true)", [max(value, 1)])
            return
        cursor.execute("CREATE TABLE IF NOT EXISTS portal_sequence (name TEXT PRIMARY KEY, value INTEGER)")
        cursor.execute(
            "INSERT INTO portal_sequence (name, value) VALUES (%s, %s) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            [name, value],
        )


def _columns(model):
    return list(model._meta.concrete_fields)


# Fields of exactly these classes send their attribute value unchanged (for COPY's text form), so
# they skip the per-value call; any other field, a custom one (encrypted, hashed) above all, goes
# through pre_save() and get_db_prep_save() like save() does.
PLAIN_FIELDS = {
    models.AutoField, models.BigAutoField, models.CharField, models.TextField, models.EmailField,
    models.SlugField, models.IntegerField, models.BigIntegerField, models.SmallIntegerField,
    models.PositiveIntegerField, models.PositiveBigIntegerField, models.PositiveSmallIntegerField,
    models.BooleanField, models.ForeignKey, models.OneToOneField, models.DateField, models.DateTimeField,
}  # fmt: skip


def _preparer(field_):
    """Return a function obj -> the value save() would send for field_."""
    attname = field_.attname
    auto = getattr(field_, "auto_now", False) or getattr(field_, "auto_now_add", False)
    if type(field_) in PLAIN_FIELDS and not auto and connection.vendor == "postgresql":
        return operator.attrgetter(attname)

    def prepare(obj):
        if auto and getattr(obj, attname) is not None:
            value = getattr(obj, attname)  # a seeded past moment, not "now"
        else:
            value = field_.pre_save(obj, add=True)
        return field_.get_db_prep_save(value, connection)

    return prepare


def _copy_text(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return "\\\\x" + bytes(value).hex()
    adapted = getattr(value, "adapted", None)  # psycopg2 Json / Jsonb adapters
    if adapted is not None or isinstance(value, (dict, list)):
        value = json.dumps(adapted if adapted is not None else value)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class RowWriter:
    """Buffer model instances and write them in chunks; `with RowWriter(Model) as w: w.add(obj)`."""

    def __init__(self, model, *, chunk=20000):
        self.model = model
        self.fields = _columns(model)
        self.preparers = [_preparer(f) for f in self.fields]
        self.chunk = chunk
        self.rows = []
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.flush()
            id_sequence_reset(self.model)

    def add(self, obj):
        self.rows.append([prepare(obj) for prepare in self.preparers])
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        columns = [f.column for f in self.fields]
        table = self.model._meta.db_table
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            for row in self.rows:
                buffer.write("\t".join(_copy_text(v) for v in row))
                buffer.write("\n")
            buffer.seek(0)
            names = ", ".join(f'"{c}"' for c in columns)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', buffer)
        else:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # nosec B608 - names from model _meta, not input
                cursor.executemany(sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


class Timer:
    """`with Timer(context, "penduduk"):` logs and records how long a step took."""

    def __init__(self, context, name):
        self.context, self.name = context, name

    def __enter__(self):
        self.start = time.monotonic()
        self.context.log(f"  {self.name} ...")
        return self

    def __exit__(self, *exc):
        elapsed = time.monotonic() - self.start
        self.context.timings[self.name] = round(elapsed, 1)
        self.context.log(f"  {self.name}: {elapsed:.1f} s")
