"""
Sealing of tender bids: one Fernet key per package, derived, never stored.

Each package's key is HKDF-SHA256 of a master key from settings.PENGADAAN_BID_KEYS with the
package's reference as context, so the database (and a copy of it) holds no key, and a key that
leaked for one package opens no other. The first master key seals; every master key unseals, so
a master key is rotated the way portal/crypto.py rotates its keys.

`bid_unseal()` is the only way back to the plaintext, and it refuses before the package's bids
were opened (`Paket.dibuka_at`), whoever calls it: a view, the admin, a shell, a superuser.
Every unsealing is written to the access log.
"""

import base64
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _

from portal.audit.models import AksesData


class SealedError(PermissionDenied):
    """A bid was asked for before the opening."""


@functools.cache
def _package_fernet(masters: tuple[str, ...], context: str) -> MultiFernet:
    if not masters:
        raise ImproperlyConfigured("Set PENGADAAN_BID_KEYS: one or more Fernet keys, comma-separated.")
    keys = []
    for master in masters:
        try:
            secret = base64.urlsafe_b64decode(master)
        except ValueError as exc:
            raise ImproperlyConfigured("PENGADAAN_BID_KEYS holds a value that is not a Fernet key.") from exc
        if len(secret) != 32:
            raise ImproperlyConfigured("PENGADAAN_BID_KEYS holds a value that is not a Fernet key.")
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=context.encode()).derive(secret)
        keys.append(Fernet(base64.urlsafe_b64encode(derived)))
    return MultiFernet(keys)


def package_fernet(paket) -> MultiFernet:
    """Return the package's own key ring, derived from the configured master keys."""
    return _package_fernet(tuple(settings.PENGADAAN_BID_KEYS), f"pengadaan-penawaran:{paket.reference}")


def bid_seal(*, paket, plaintext: bytes) -> bytes:
    """Return the sealed form of a bid under the package's key."""
    return package_fernet(paket).encrypt(plaintext)


def sealed_digest(token: bytes) -> str:
    """Return the hex SHA-256 of a sealed bid as stored: what the receipt prints."""
    return hashlib.sha256(token).hexdigest()


def bid_unseal(*, penawaran, actor, ip=None, purpose: str) -> bytes:
    """
    Return the plaintext of a stored bid once its package was opened, and log who read it.

    Before the opening this refuses whoever asks; the row is re-read so a stale object whose
    `dibuka_at` was set in memory cannot pass for an opened package.
    """
    from .models import Paket

    paket = Paket.objects.only("pk", "reference", "dibuka_at").get(pk=penawaran.paket_id)
    if paket.dibuka_at is None:
        raise SealedError(_("Penawaran masih tersegel sampai Pokja membuka penawaran pada jadwal pembukaan."))
    if not penawaran.berkas:
        raise SealedError(_("Penawaran ini sudah diganti penawaran yang lebih baru dan tidak disimpan lagi."))
    with penawaran.berkas.open("rb") as handle:
        token = handle.read()
    try:
        plaintext = package_fernet(paket).decrypt(token)
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A sealed bid none of PENGADAAN_BID_KEYS opens: a key is missing."
        ) from exc
    AksesData.objects.create(
        actor=actor,
        subject=penawaran.penyedia.user,
        action=AksesData.Action.UNDUH_DOKUMEN,
        description=f"{purpose}: {paket.reference} {penawaran.digest[:16]}"[:200],
        content_type=ContentType.objects.get_for_model(penawaran),
        object_id=penawaran.pk,
        ip=ip,
    )
    return plaintext
