import hashlib
import re
import struct
import zlib
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils import timezone

from portal.documents.responses import document_response
from portal.documents.storage import document_upload_to, private_storage, sha256_of
from portal.documents.validators import DocumentValidator, document_validate

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# JFIF header and end-of-image marker; only the first bytes matter to the validator.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
ALL_KINDS = "PDF, JPG atau PNG"


def _png():
    """Return a real 1x1 white PNG, built without Pillow."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


PNG = _png()


def _upload(content, name="berkas.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _refusal(**kwargs):
    with pytest.raises(ValidationError) as excinfo:
        document_validate(**kwargs)
    return excinfo.value


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _stored(name, content):
    saved = private_storage.save(name, ContentFile(content))
    return FieldFile(None, FileField(storage=private_storage), saved)


# --- validators ----------------------------------------------------------------------------------


@pytest.mark.parametrize("content, kind", [(PDF, "pdf"), (JPEG, "jpeg"), (PNG, "png")])
def test_each_kind_is_detected_from_its_bytes_not_its_name(content, kind):
    uploaded = _upload(content, name="lampiran.bin", content_type="application/octet-stream")
    assert document_validate(uploaded_file=uploaded) == kind


@pytest.mark.parametrize("content", [HTML, EXE, b"\n%PDF-1.4 a preamble is not accepted"])
def test_a_file_renamed_to_pdf_is_refused(content):
    error = _refusal(uploaded_file=_upload(content, name="surat-kehilangan.pdf"))
    assert error.code == "invalid_kind"
    assert error.messages == [f"Jenis berkas tidak diterima. Unggah {ALL_KINDS}."]


def test_an_empty_file_is_refused():
    error = _refusal(uploaded_file=_upload(b""))
    assert error.code == "empty"
    assert error.messages == [f"Berkas kosong. Pilih berkas {ALL_KINDS}."]


def test_a_file_over_the_setting_limit_is_refused_with_sizes_in_indonesian(settings):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024 + 512 * 1024 - len(PDF))
    error = _refusal(uploaded_file=_upload(big))
    assert error.code == "too_large"
    assert error.messages == ["Ukuran berkas 1,5\xa0MB melebihi batas 1,0\xa0MB."]


def test_a_file_exactly_at_the_limit_is_accepted(settings):
    settings.DOCUMENT_MAX_BYTES = 2048
    assert document_validate(uploaded_file=_upload(PDF + b"0" * (2048 - len(PDF)))) == "pdf"


def test_the_max_bytes_argument_overrides_the_setting(settings):
    settings.DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
    assert _refusal(uploaded_file=_upload(PDF), max_bytes=len(PDF) - 1).code == "too_large"


def test_the_limit_defaults_to_five_megabytes(settings):
    del settings.DOCUMENT_MAX_BYTES
    big = PDF + b"0" * (5 * 1024 * 1024 + 1 - len(PDF))
    assert _refusal(uploaded_file=_upload(big)).messages == [
        "Ukuran berkas 5,0\xa0MB melebihi batas 5,0\xa0MB."
    ]


def test_allowed_narrows_the_kinds_and_the_message():
    png = _upload(PNG, name="foto.png", content_type="image/png")
    error = _refusal(uploaded_file=png, allowed=("pdf",))
    assert error.messages == ["Jenis berkas tidak diterima. Unggah PDF."]
    error = _refusal(uploaded_file=_upload(PDF), allowed=("jpeg", "png"))
    assert error.messages == ["Jenis berkas tidak diterima. Unggah JPG atau PNG."]
    assert document_validate(uploaded_file=png, allowed=("jpeg", "png")) == "png"


@pytest.mark.parametrize("allowed", ["pdf", ("pdf", "gif"), ()])
def test_an_unknown_allowed_kind_is_a_programming_error(allowed):
    with pytest.raises(ValueError):
        document_validate(uploaded_file=_upload(PDF), allowed=allowed)


def test_the_file_is_read_from_the_start_and_left_rewound():
    uploaded = _upload(PNG, name="foto.png", content_type="image/png")
    uploaded.read(5)
    assert document_validate(uploaded_file=uploaded) == "png"
    assert uploaded.tell() == 0
    assert uploaded.read() == PNG


class KkForm(forms.Form):
    scan_kk = forms.FileField(validators=[DocumentValidator(allowed=("pdf", "jpeg"), max_bytes=4096)])


def test_document_validator_works_on_a_form_field():
    assert KkForm(files={"scan_kk": _upload(PDF, name="kk.pdf")}).is_valid()
    form = KkForm(files={"scan_kk": _upload(PNG, name="kk.pdf")})
    assert not form.is_valid()
    assert form.errors["scan_kk"] == ["Jenis berkas tidak diterima. Unggah PDF atau JPG."]
    form = KkForm(files={"scan_kk": _upload(PDF + b"0" * 5000, name="kk.pdf")})
    assert form.errors["scan_kk"] == ["Ukuran berkas 5,0\xa0KB melebihi batas 4,0\xa0KB."]


def test_document_validator_deconstructs_for_migrations():
    validator = DocumentValidator(allowed=("pdf",), max_bytes=100)
    path, args, kwargs = validator.deconstruct()
    assert path == "portal.documents.validators.DocumentValidator"
    assert (args, kwargs) == ((), {"allowed": ("pdf",), "max_bytes": 100})
    assert validator == DocumentValidator(allowed=["pdf"], max_bytes=100)
    assert validator != DocumentValidator(allowed=("pdf",))


# --- storage -------------------------------------------------------------------------------------


def test_upload_to_gives_a_random_name_under_the_prefix_and_month():
    instance = SimpleNamespace(UPLOAD_PREFIX="ktp/kk")
    today = timezone.localdate()
    first = document_upload_to(instance, "KK Siti Rahayu 3504.PDF")
    second = document_upload_to(instance, "KK Siti Rahayu 3504.PDF")
    assert re.fullmatch(rf"ktp/kk/{today:%Y}/{today:%m}/[0-9a-f]{{32}}\.pdf", first)
    assert first != second
    assert "Siti" not in first and "3504" not in first


def test_upload_to_falls_back_to_the_app_label():
    instance = SimpleNamespace(_meta=SimpleNamespace(app_label="perizinan"))
    assert document_upload_to(instance, "paspor.jpeg").startswith("perizinan/")
    assert document_upload_to(instance, "paspor.jpeg").endswith(".jpg")


@pytest.mark.parametrize(
    "filename", ["shell.php", "foto.pdf.exe", "../../etc/passwd", "x.pdf/", "halaman.html"]
)
def test_upload_to_drops_an_unsafe_extension_and_path(filename):
    name = document_upload_to(SimpleNamespace(UPLOAD_PREFIX="ktp"), filename)
    assert re.fullmatch(r"ktp/\d{4}/\d{2}/[0-9a-f]{32}", name)


def test_private_storage_writes_under_private_media_root_and_has_no_url(private_root):
    name = private_storage.save("ktp/2025/01/abc.pdf", ContentFile(PDF))
    assert (private_root / name).read_bytes() == PDF
    with pytest.raises(ValueError):
        private_storage.url(name)


def test_private_storage_follows_a_changed_setting(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "first"
    assert private_storage.path("a.pdf") == str(tmp_path / "first" / "a.pdf")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "second"
    assert private_storage.path("a.pdf") == str(tmp_path / "second" / "a.pdf")


def test_private_storage_defaults_to_private_under_media_root(settings):
    del settings.PRIVATE_MEDIA_ROOT
    assert private_storage.path("a.pdf") == str(settings.MEDIA_ROOT / "private" / "a.pdf")


def test_private_storage_refuses_a_name_climbing_out(private_root):
    with pytest.raises(SuspiciousFileOperation):
        private_storage.path("../../etc/passwd")


def test_sha256_of_reads_everything_in_chunks_and_rewinds():
    content = PDF + bytes(range(256)) * 1000
    uploaded = _upload(content)
    uploaded.read(10)
    assert sha256_of(uploaded) == hashlib.sha256(content).hexdigest()
    assert uploaded.tell() == 0


# --- responses -----------------------------------------------------------------------------------


def _assert_inert(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox"


def test_django_serves_the_file_inline_with_safe_headers(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "django"
    response = document_response(file_field=_stored("ktp/2025/01/abc.pdf", PDF), download_name="KK-3504.pdf")
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == PDF
    response.close()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="KK-3504.pdf"'
    _assert_inert(response)


def test_django_serves_an_attachment_with_a_non_ascii_name(private_root):
    field_file = _stored("ktp/2025/01/abc.jpg", JPEG)
    response = document_response(file_field=field_file, download_name="Paspor Ñoño.jpg", as_attachment=True)
    response.close()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Paspor%20%C3%91o%C3%B1o.jpg"
    _assert_inert(response)


def test_x_accel_hands_the_file_to_nginx(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "x-accel"
    response = document_response(file_field=_stored("ktp/2025/01/abc.png", PNG), download_name="foto.png")
    assert response["X-Accel-Redirect"] == "/_private/ktp/2025/01/abc.png"
    assert response.content == b""
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="foto.png"'
    _assert_inert(response)


def test_x_accel_prefix_comes_from_the_setting(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "x-accel"
    settings.DOCUMENT_X_ACCEL_PREFIX = "/internal-docs"
    response = document_response(file_field=_stored("ktp/abc.pdf", PDF), download_name="kk.pdf")
    assert response["X-Accel-Redirect"] == "/internal-docs/ktp/abc.pdf"


def test_x_sendfile_gives_the_absolute_path(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "x-sendfile"
    response = document_response(
        file_field=_stored("ktp/2025/01/abc.pdf", PDF), download_name="kk.pdf", as_attachment=True
    )
    assert response["X-Sendfile"] == str(private_root / "ktp/2025/01/abc.pdf")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kk.pdf"'
    _assert_inert(response)


@pytest.mark.parametrize("method", ["django", "x-accel", "x-sendfile"])
def test_every_method_refuses_a_name_climbing_out(settings, private_root, method):
    settings.DOCUMENT_SERVE_METHOD = method
    field_file = FieldFile(None, FileField(storage=private_storage), "../../etc/passwd")
    with pytest.raises(SuspiciousFileOperation):
        document_response(file_field=field_file, download_name="x.pdf")


def test_an_unknown_extension_is_served_as_octet_stream(private_root):
    response = document_response(file_field=_stored("ktp/abc", PDF), download_name="berkas")
    response.close()
    assert response["Content-Type"] == "application/octet-stream"


def test_an_unknown_serve_method_is_a_configuration_error(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "x_accel"
    with pytest.raises(ImproperlyConfigured):
        document_response(file_field=_stored("ktp/abc.pdf", PDF), download_name="kk.pdf")
