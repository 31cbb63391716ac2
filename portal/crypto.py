"""
Encryption at rest for personal numbers (NIK, KK), with a keyed hash for exact search.

`EncryptedCharField` stores a Fernet token (AES-128-CBC + HMAC-SHA256) made with the first key
of settings.PERSONAL_DATA_KEYS; every key in that list decrypts, so a key is rotated by putting a
new one first and re-saving the rows (`personal_data_reencrypt`). A Fernet token differs on each
save, so the database cannot compare it: each encrypted field names a plain `hash_field` that
holds `personal_digest(value)`, an HMAC-SHA256 with settings.PERSONAL_DATA_HASH_KEY. The hash is
kept in step on every assignment, so uniqueness, constraints and lookups all go to it:
`Penduduk.objects.filter(nik_hash=personal_digest(nik))`. A lookup on the encrypted column
itself raises FieldError instead of silently matching nothing.
"""

import contextlib
import functools
import hashlib
import hmac
import threading

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from portal.nik import digits_as_printed

# Rows read from the database bring their hash with them: skip recomputing it for every field read.
_loading = threading.local()


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("Set PERSONAL_DATA_KEYS: one or more Fernet keys, comma-separated.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "PERSONAL_DATA_KEYS holds a value that is not a Fernet key (32 url-safe base64-encoded bytes)."
        ) from exc


def _keys() -> MultiFernet:
    return _fernet(tuple(settings.PERSONAL_DATA_KEYS))


def personal_encrypt(value: str) -> str:
    """Return the Fernet token of `value` under the first key; an empty value stays empty."""
    if not value:
        return ""
    return _keys().encrypt(value.encode()).decode("ascii")


def personal_decrypt(token: str) -> str:
    """Return the plaintext of `token`, trying every configured key."""
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise ImproperlyConfigured(
            "A personal-data column holds a value none of PERSONAL_DATA_KEYS decrypts: a key is missing."
        ) from exc


def personal_digest(value) -> str:
    """Return the hex HMAC-SHA256 of the normalised `value`: the searchable stand-in for it."""
    value = digits_as_printed(str(value or ""))  # a NIK typed in groups finds the same row
    if not value:
        return ""
    key = settings.PERSONAL_DATA_HASH_KEY
    if not key:
        raise ImproperlyConfigured("Set PERSONAL_DATA_HASH_KEY: a long random string.")
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def personal_mask(value) -> str:
    """Return a 16-digit number with its middle eight digits hidden, e.g. 3504********0001."""
    value = value or ""
    return f"{value[:4]}{'*' * 8}{value[-4:]}" if len(value) == 16 else ""


def recipient_mask(value: str) -> str:
    """Hide most of an address or number: "siti@contoh.id" -> "si***@contoh.id"."""
    local, at, domain = value.partition("@")
    if at:
        return f"{local[:2]}***@{domain}"
    return f"{value[:4]}***{value[-2:]}" if len(value) > 6 else "***"


class _HashingAttribute(DeferredAttribute):
    """Keep the hash field in step with every assignment of the plaintext."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value
        if self.field.hash_field and not getattr(_loading, "depth", 0):
            instance.__dict__[self.field.hash_field] = personal_digest(value)


class EncryptedCharField(models.CharField):
    """A CharField whose value is encrypted in the database; `max_length` is the plaintext's."""

    descriptor_class = _HashingAttribute

    def __init__(self, *args, hash_field=None, **kwargs):
        self.hash_field = hash_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.hash_field:
            kwargs["hash_field"] = self.hash_field
        return name, path, args, kwargs

    def db_type(self, connection):
        # A token is ~120 characters for 16 digits, and grows with the plaintext.
        return connection.data_types["TextField"]

    def rel_db_type(self, connection):
        return self.db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        return personal_encrypt(value) if value else value

    def from_db_value(self, value, expression, connection):
        return personal_decrypt(value) if value else value

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        # An encrypted column cannot be compared: search through the hash field instead.
        return None

    def get_transform(self, lookup_name):
        return None


def hash_errors_to_source(model, error: ValidationError) -> ValidationError:
    """Report a uniqueness error on a hash field against the field a person filled in."""
    if not hasattr(error, "error_dict"):
        return error
    sources = {
        f.hash_field: f.name for f in model._meta.fields if isinstance(f, EncryptedCharField) and f.hash_field
    }
    return ValidationError({sources.get(k, k): v for k, v in error.error_dict.items()})


class EncryptedFieldsModel(models.Model):
    """
    The base of a model with encrypted fields: keeps each hash in step with its plaintext on
    creation and on save(update_fields=...), and validates a hash's uniqueness and constraints
    whenever its plaintext field is validated, reporting errors against the plaintext field.
    """

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(_loading, "depth", 0):
            return
        # A hash field set after its source in __init__ (its default) would otherwise win.
        for f in self._meta.concrete_fields:
            if isinstance(f, EncryptedCharField) and f.hash_field and f.attname in self.__dict__:
                self.__dict__[f.hash_field] = personal_digest(self.__dict__[f.attname])

    def save(self, *args, **kwargs):
        # update_or_create() and save(update_fields=...) name the plaintext field, not its hash.
        if kwargs.get("update_fields"):
            names = set(kwargs["update_fields"])
            kwargs["update_fields"] = names | {
                f.hash_field
                for f in self._meta.concrete_fields
                if isinstance(f, EncryptedCharField) and f.hash_field and names & {f.name, f.attname}
            }
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        _loading.depth = getattr(_loading, "depth", 0) + 1
        try:
            return super().from_db(db, field_names, values)
        finally:
            _loading.depth -= 1

    def _with_hashes(self, exclude):
        exclude = set(exclude or ())
        for f in self._meta.fields:
            if isinstance(f, EncryptedCharField) and f.hash_field and f.name not in exclude:
                exclude.discard(f.hash_field)
        return exclude

    def validate_unique(self, exclude=None):
        try:
            super().validate_unique(exclude=self._with_hashes(exclude))
        except ValidationError as exc:
            raise hash_errors_to_source(type(self), exc) from None

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=self._with_hashes(exclude))
        except ValidationError as exc:
            raise hash_errors_to_source(type(self), exc) from None


def personal_reencrypt(model, *, batch_size=500) -> int:
    """
    Re-save every encrypted field of `model` with the first key, and recompute its hash with the
    current hash key (after rotating either); return the rows done.
    """
    encrypted = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
    hashes = {f.attname: f.hash_field for f in encrypted if f.hash_field}
    done = 0
    for batch in _rows_in_batches(model, batch_size):
        for row in batch:
            for source, hash_field in hashes.items():
                setattr(row, hash_field, personal_digest(getattr(row, source)))
        model._base_manager.bulk_update(batch, [f.name for f in encrypted] + list(hashes.values()))
        done += len(batch)
    return done


def _rows_in_batches(model, batch_size):
    last_pk = None
    while True:
        qs = model._base_manager.order_by("pk")
        if last_pk is not None:
            qs = qs.filter(pk__gt=last_pk)
        batch = list(qs[:batch_size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1].pk


def migration_rows_encrypt(model, *, fields: dict, batch_size=1000) -> int:
    """
    Encrypt the plaintext columns of a historical `model` and fill their hashes, in batches.

    `fields` maps each plaintext column to its hash column. A value that already decrypts is kept,
    so the step can run again after a partial failure. Works on SQLite and PostgreSQL alike.
    """
    done = 0
    for batch in _rows_in_batches(model, batch_size):
        for row in batch:
            for field, hash_field in fields.items():
                value = getattr(row, field) or ""
                try:
                    plain = personal_decrypt(value)
                except ImproperlyConfigured:
                    plain, value = value, personal_encrypt(value)
                setattr(row, field, value)
                setattr(row, hash_field, personal_digest(plain))
        model._base_manager.bulk_update(batch, [*fields, *fields.values()])
        done += len(batch)
    return done


def migration_rows_decrypt(model, *, fields: dict, batch_size=1000) -> int:
    """Undo `migration_rows_encrypt`: put the plaintext back and empty the hashes."""
    done = 0
    for batch in _rows_in_batches(model, batch_size):
        for row in batch:
            for field, hash_field in fields.items():
                value = getattr(row, field) or ""
                with contextlib.suppress(ImproperlyConfigured):  # else never encrypted
                    value = personal_decrypt(value)
                setattr(row, field, value)
                setattr(row, hash_field, "")
        model._base_manager.bulk_update(batch, [*fields, *fields.values()])
        done += len(batch)
    return done
