"""Private storage for citizens' documents: no public URL, names that reveal nothing."""

import hashlib
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from .validators import ALLOWED_KINDS

# The user's extension is kept only when it names a kind we accept, spelled one way.
SAFE_EXTENSIONS = {extension: extension for _mime, extension in ALLOWED_KINDS.values()} | {".jpeg": ".jpg"}
CHUNK_BYTES = 64 * 1024


@deconstructible(path="portal.documents.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Store files under PRIVATE_MEDIA_ROOT, read at use time, and refuse to give them a URL."""

    def __init__(self):
        super().__init__()

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
