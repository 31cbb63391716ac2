"""
Check an uploaded JPEG or PNG by decoding it, and re-encode it from its pixels alone.

Re-encoding keeps only what is seen: EXIF (GPS position, camera, time), comments, colour profiles,
text chunks and anything appended after the image (a ZIP or HTML "polyglot" trailer) are left
behind. The camera's orientation is applied to the pixels first, so a photo stays upright.
"""

import io
import logging
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG"}
# 40 million pixels: above a 12-50 MP phone photo's usual output, far below what exhausts a worker
# (decoded RGB needs 3 bytes per pixel).
DEFAULT_MAX_PIXELS = 40_000_000
PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA"}
JPEG_MODES = {"L", "RGB"}
JPEG_QUALITY = 90


def image_check(*, uploaded_file, kind: str) -> None:
    """Raise ValidationError unless uploaded_file decodes fully as a `kind` image within the pixel limit."""
    _decode(uploaded_file, kind).close()


def image_reencode(*, uploaded_file, kind: str) -> bytes:
    """Return the image re-encoded from its pixels alone as `kind`; raise ValidationError if refused."""
    from PIL import ImageOps

    image = _decode(uploaded_file, kind)
    try:
        transparency = image.info.get("transparency") if kind == "png" else None
        upright = ImageOps.exif_transpose(image)
        # Nothing of the original's metadata may reach the encoder through info.
        upright.info = {}
        upright = _saveable(upright, kind)
        buffer = io.BytesIO()
        options = {"quality": JPEG_QUALITY} if kind == "jpeg" else {}
        if transparency is not None and upright.mode in ("P", "L", "RGB"):
            options["transparency"] = transparency
        upright.save(buffer, format=PIL_FORMATS[kind], **options)
        return buffer.getvalue()
    except Exception as exc:  # noqa: BLE001 - a malformed EXIF block, an odd mode
        logger.info("Image not re-encodable, refused: %s: %s", type(exc).__name__, exc)
        raise _broken() from exc
    finally:
        image.close()


def _decode(uploaded_file, kind):
    from PIL import Image

    limit = getattr(settings, "DOCUMENT_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)
    uploaded_file.seek(0)
    # A copy (within DOCUMENT_MAX_BYTES) for Pillow, which closes the file it reads when done.
    data = io.BytesIO(uploaded_file.read())
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; here a warning is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(data, formats=[PIL_FORMATS[kind]])
            width, height = image.size
            if width * height > limit:
                image.close()
                raise _too_many_pixels(width, height, limit)
            image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(None, None, limit) from exc
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - decoders raise many kinds on hostile input
        logger.info("Undecodable %s refused: %s: %s", kind, type(exc).__name__, exc)
        raise _broken() from exc
    finally:
        uploaded_file.seek(0)


def _broken():
    return ValidationError(
        _(
            "Gambar ini rusak atau tidak dapat dibaca. Foto atau pindai ulang dokumen, simpan "
            "sebagai JPG atau PNG, lalu unggah lagi."
        ),
        code="image_broken",
    )


def _too_many_pixels(width, height, limit):
    if width is None:
        message = _("Resolusi gambar terlalu besar (batas %(limit)s piksel).")
    else:
        message = _("Resolusi gambar terlalu besar: %(width)s × %(height)s piksel (batas %(limit)s piksel).")
    message += " " + _("Kecilkan resolusi foto atau pindai dengan resolusi lebih rendah, lalu unggah lagi.")
    return ValidationError(
        message,
        code="image_too_large",
        params={"width": width, "height": height, "limit": number_format(limit, force_grouping=True)},
    )


def _saveable(image, kind):
    if kind == "jpeg" and image.mode not in JPEG_MODES:
        return image.convert("RGB")
    if kind == "png" and image.mode not in PNG_MODES:
        return image.convert("RGBA" if "A" in image.getbands() else "RGB")
    return image
