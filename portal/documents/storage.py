"""Private storage for citizens' documents: no public URL, names that reveal nothing."""

import functools
import hashlib
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .validators import ALLOWED_KINDS

# The user's extension is kept only when it names a kind we accept, spelled one way.
SAFE_EXTENSIONS = {extension: extension for _mime, extension in ALLOWED_KINDS.values()} | {".jpeg": ".jpg"}
CHUNK_BYTES = 64 * 1024


class StorageUnavailable(ValidationError):
    """
    The document storage (the disk, or the object store and the network to it) failed. A
    ValidationError, so a form that uploads says so beside the file and saves nothing; a download
    answers 503 (portal.middleware.ServiceUnavailableMiddleware).
    """

    def __init__(self):
        super().__init__(
            _(
                "Penyimpanan dokumen sedang terganggu, jadi berkas belum tersimpan. Isian lain tidak "
                "hilang; coba unggah lagi beberapa menit lagi."
            ),
            code="storage_unavailable",
        )


@functools.cache
def _storage_errors() -> tuple:
    """What a failing disk or object store raises (botocore only loaded once documents are touched)."""
    from botocore.exceptions import BotoCoreError

    return (OSError, BotoCoreError)


def _storage_call(method):
    """Turn the storage's own failure into StorageUnavailable; a missing file stays what it is."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except FileNotFoundError:
            raise
        except _storage_errors() as exc:
            raise StorageUnavailable() from exc

    return wrapper


class PrivateFileSystemStorage(FileSystemStorage):
    """Store files under PRIVATE_MEDIA_ROOT, read at use time, and refuse to give them a URL."""

    # Properties rather than the parent's cached_property, so a changed setting (tests) is followed.
    @property
    def base_location(self):
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        if root is None:
            root = Path(settings.MEDIA_ROOT) / "private"
        return os.fspath(root)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


@deconstructible(path="portal.documents.storage.PrivateStorage")
class PrivateStorage(Storage):
    """
    The storage every private document field names: it hands each call to the backend that
    settings.STORAGES["documents"] configures (local disk, or S3-compatible object storage shared
    by several web nodes), so switching backends changes no model and no migration.
    It never gives a URL: documents are sent by permission-checked views (see responses.py).
    """

    @property
    def backend(self) -> Storage:
        if STORAGE_ALIAS in settings.STORAGES:
            return storages[STORAGE_ALIAS]
        return _local_fallback

    @property
    def is_local(self) -> bool:
        return isinstance(self.backend, FileSystemStorage)

    @_storage_call
    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    @_storage_call
    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    @_storage_call
    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def path(self, name):
        return self.backend.path(name)

    @_storage_call
    def delete(self, name):
        return self.backend.delete(name)

    @_storage_call
    def exists(self, name):
        return self.backend.exists(name)

    @_storage_call
    def listdir(self, path):
        return self.backend.listdir(path)

    @_storage_call
    def size(self, name):
        return self.backend.size(name)

    def url(self, name):
        raise ValueError("Private documents have no URL; serve them with document_response().")

    @_storage_call
    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    @_storage_call
    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    @_storage_call
    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)


STORAGE_ALIAS = "documents"
_local_fallback = PrivateFileSystemStorage()


private_storage = PrivateStorage()


def document_upload_to(instance, filename: str) -> str:
    """Return a random name under the model's prefix and the month, keeping only a safe extension."""
    prefix = getattr(instance, "UPLOAD_PREFIX", None) or instance._meta.app_label
    today = timezone.localdate()
    extension = SAFE_EXTENSIONS.get(os.path.splitext(filename)[1].lower(), "")
    return f"{prefix}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{extension}"


def sha256_of(file) -> str:
    """Return the hex SHA-256 of the file's whole content, read in chunks; leave it rewound."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK_BYTES), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
