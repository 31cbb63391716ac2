import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django import forms
from django.core.exceptions import (
    ImproperlyConfigured,
    SuspiciousFileOperation,
    SuspiciousOperation,
    ValidationError,
)
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils import timezone
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from portal.documents.responses import document_response
from portal.documents.samples import sample_jpeg_bytes, sample_pdf_bytes
from portal.documents.storage import document_upload_to, private_storage, sha256_of
from portal.documents.validators import DocumentValidator, document_clean, document_validate

PDF = sample_pdf_bytes()
JPEG = sample_jpeg_bytes()
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
    form = KkForm(files={"scan_kk": _upload(PDF + b"0" * (5120 - len(PDF)), name="kk.pdf")})
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
    response.file_to_stream.close()  # not close(): request_finished would touch the database
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="KK-3504.pdf"'
    _assert_inert(response)


def test_django_serves_an_attachment_with_a_non_ascii_name(private_root):
    field_file = _stored("ktp/2025/01/abc.jpg", JPEG)
    response = document_response(file_field=field_file, download_name="Paspor Ñoño.jpg", as_attachment=True)
    response.file_to_stream.close()  # not close(): request_finished would touch the database
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
    response.file_to_stream.close()  # not close(): request_finished would touch the database
    assert response["Content-Type"] == "application/octet-stream"


def test_an_unknown_serve_method_is_a_configuration_error(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "x_accel"
    with pytest.raises(ImproperlyConfigured):
        document_response(file_field=_stored("ktp/abc.pdf", PDF), download_name="kk.pdf")


# --- PDF content ---------------------------------------------------------------------------------

JAVASCRIPT_REFUSED = (
    "Berkas PDF ini berisi JavaScript dan tidak dapat diterima. "
    "Cetak ulang sebagai PDF biasa lalu unggah lagi."
)
ENCRYPTED_REFUSED = (
    "Berkas PDF ini terkunci dengan sandi atau enkripsi dan tidak dapat diterima. "
    "Simpan ulang tanpa sandi atau cetak ulang sebagai PDF biasa lalu unggah lagi."
)
BROKEN_REFUSED = (
    "Berkas PDF ini rusak atau tidak dapat dibaca. Simpan ulang atau pindai ulang dokumen sebagai PDF "
    "lalu unggah lagi."
)


def _writer():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _pdf_bytes(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _js_action():
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )


def _pdf_with_open_action():
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = _js_action()
    return _pdf_bytes(writer)


def _pdf_with_names_tree():
    writer = _writer()
    script = writer._add_object(_js_action())
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("mulai"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    return _pdf_bytes(writer)


def _pdf_with_page_actions():
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})
    return _pdf_bytes(writer)


def _pdf_with_link_annotation():
    writer = _writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(99), NumberObject(99)]
            ),
            NameObject("/A"): _js_action(),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _pdf_bytes(writer)


def _pdf_with_orphan_script():
    # An object no page or catalogue points to: some viewers still run what they find by scanning.
    writer = _writer()
    writer._add_object(_js_action())
    return _pdf_bytes(writer)


def _pdf_with_escaped_names():
    # "/J#61vaScript" is "/JavaScript" spelled with a hex escape, which defeats a byte search.
    return _pdf_with_open_action().replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")


@pytest.mark.parametrize(
    "build",
    [
        _pdf_with_open_action,
        _pdf_with_names_tree,
        _pdf_with_page_actions,
        _pdf_with_link_annotation,
        _pdf_with_orphan_script,
        _pdf_with_escaped_names,
    ],
)
def test_a_pdf_with_javascript_is_refused(build):
    content = build()
    assert PdfReader(io.BytesIO(content)).pages, "the sample itself must be a readable PDF"
    error = _refusal(uploaded_file=_upload(content))
    assert error.code == "pdf_javascript"
    assert error.messages == [JAVASCRIPT_REFUSED]


def test_a_pdf_with_an_embedded_file_is_refused():
    writer = _writer()
    writer.add_attachment("faktur.exe", EXE)
    error = _refusal(uploaded_file=_upload(_pdf_bytes(writer)))
    assert error.code == "pdf_active_content"
    assert "lampiran tersembunyi" in error.messages[0]


@pytest.mark.parametrize(
    "user_password, owner_password",
    [("rahasia", "rahasia"), ("", "hanya-pemilik")],
    ids=["password-to-open", "owner-restrictions-only"],
)
def test_an_encrypted_pdf_is_refused(user_password, owner_password):
    writer = _writer()
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    error = _refusal(uploaded_file=_upload(_pdf_bytes(writer)))
    assert error.code == "pdf_encrypted"
    assert error.messages == [ENCRYPTED_REFUSED]


def test_an_exe_renamed_to_pdf_is_refused_by_its_content():
    error = _refusal(uploaded_file=_upload(EXE, name="KK-scan.pdf", content_type="application/pdf"))
    assert error.code == "invalid_kind"
    assert error.messages == [f"Jenis berkas tidak diterima. Unggah {ALL_KINDS}."]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        PDF[: len(PDF) // 2],
        PDF.replace(b"/Count 1", b"/Count 0").replace(b"/Kids [ 4 0 R ]", b"/Kids [ ]"),
    ],
    ids=["no-objects", "garbage", "truncated", "no-pages"],
)
def test_a_broken_pdf_is_refused(content):
    error = _refusal(uploaded_file=_upload(content))
    assert error.code == "pdf_broken"
    assert error.messages == [BROKEN_REFUSED]


def test_a_clean_pdf_is_stored_as_it_came():
    uploaded = _upload(PDF)
    clean = document_clean(uploaded_file=uploaded)
    assert clean.kind == "pdf" and clean.file is uploaded
    assert uploaded.tell() == 0 and uploaded.read() == PDF


def test_the_sample_pdf_is_a_real_one_page_pdf():
    assert sample_pdf_bytes() is sample_pdf_bytes()
    assert len(PdfReader(io.BytesIO(sample_pdf_bytes())).pages) == 1
    assert document_validate(uploaded_file=_upload(sample_pdf_bytes())) == "pdf"


# --- images --------------------------------------------------------------------------------------

GPS_IFD = 0x8825


def _jpeg_with_gps(size=(40, 20), orientation=None):
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "S", (8.0, 4.0, 12.5)  # latitude of Tulungagung
    gps[3], gps[4] = "E", (111.0, 54.0, 6.0)
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG", exif=exif, comment=b"rumah Bu Siti")
    return buffer.getvalue()


def test_a_jpeg_with_exif_gps_comes_out_without_exif():
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the sample must carry GPS"
    clean = document_clean(uploaded_file=_upload(original, name="kk.jpg", content_type="image/jpeg"))
    assert clean.kind == "jpeg"
    stored = clean.file.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (40, 20)
    assert not image.getexif()
    assert "exif" not in image.info and "comment" not in image.info
    assert b"Exif\x00\x00" not in stored and b"KameraPonsel" not in stored and b"Bu Siti" not in stored


def test_a_photo_keeps_its_orientation_when_exif_is_dropped():
    # Orientation 6: the camera was turned; viewers rotate 90 degrees, so must the stored pixels.
    original = _jpeg_with_gps(size=(40, 20), orientation=6)
    clean = document_clean(uploaded_file=_upload(original, name="ktp.jpg", content_type="image/jpeg"))
    image = Image.open(io.BytesIO(clean.file.read()))
    assert image.size == (20, 40)
    assert not image.getexif()


def _zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    return buffer.getvalue()


@pytest.mark.parametrize("trailer", [_zip_bytes(), HTML], ids=["zip", "html"])
def test_a_png_with_an_appended_trailer_comes_out_without_it(trailer):
    polyglot = PNG + trailer
    clean = document_clean(uploaded_file=_upload(polyglot, name="foto.png", content_type="image/png"))
    stored = clean.file.read()
    assert clean.kind == "png"
    assert stored.endswith(b"IEND\xaeB`\x82")
    assert b"PK\x03\x04" not in stored and b"<script" not in stored
    assert Image.open(io.BytesIO(stored)).getpixel((0, 0)) == (255, 255, 255)


def test_png_text_chunks_and_transparency():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "NIK 3504025005900001")
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (0, 0, 0, 0)).save(buffer, format="PNG", pnginfo=info)
    clean = document_clean(uploaded_file=_upload(buffer.getvalue(), name="ttd.png", content_type="image/png"))
    stored = clean.file.read()
    assert b"3504025005900001" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def _png_header_only(width, height):
    """Return a PNG that declares width x height but holds almost no data: a pixel bomb's shape."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 40_000_000
    bomb = _upload(_png_header_only(8000, 6000), name="foto.png", content_type="image/png")
    error = _refusal(uploaded_file=bomb)
    assert error.code == "image_too_large"
    assert error.messages == [
        "Resolusi gambar terlalu besar: 8000 × 6000 piksel (batas 40.000.000 piksel). "
        "Kecilkan resolusi foto atau pindai dengan resolusi lebih rendah, lalu unggah lagi."
    ]


def test_a_pixel_bomb_beyond_pillows_own_limit_is_refused(settings):
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 10**12  # only Pillow's own guard is left to catch it
    bomb = _upload(_png_header_only(100_000, 100_000), name="foto.png", content_type="image/png")
    error = _refusal(uploaded_file=bomb)
    assert error.code == "image_too_large"
    assert error.messages[0].startswith("Resolusi gambar terlalu besar")


def test_the_pixel_limit_setting_is_followed(settings):
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 16 * 12 - 1
    with pytest.raises(ValidationError) as excinfo:
        document_clean(uploaded_file=_upload(JPEG, name="a.jpg", content_type="image/jpeg"))
    assert excinfo.value.code == "image_too_large"
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 16 * 12
    assert document_clean(uploaded_file=_upload(JPEG, name="a.jpg", content_type="image/jpeg")).kind == "jpeg"


@pytest.mark.parametrize(
    "content",
    [JPEG[: len(JPEG) // 2], b"\xff\xd8\xff\xe0" + b"0" * 200, PNG[:40]],
    ids=["cut", "fake", "png-cut"],
)
def test_a_broken_image_is_refused(content):
    error = _refusal(uploaded_file=_upload(content, name="foto.jpg", content_type="image/jpeg"))
    assert error.code == "image_broken"
    assert error.messages[0].startswith("Gambar ini rusak atau tidak dapat dibaca.")


# --- S3-compatible object storage ----------------------------------------------------------------

S3_ENV = {
    "DOCUMENTS_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "dokumen-warga",
    "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "AWS_ACCESS_KEY_ID": "kunci-uji",
    "AWS_SECRET_ACCESS_KEY": "rahasia-uji",
    "AWS_S3_REGION_NAME": "ap-southeast-3",
    "AWS_S3_ADDRESSING_STYLE": "path",
    "DOCUMENT_URL_SECONDS": "45",
}
DESCRIBE_BACKEND = """
import json, django
django.setup()
from portal.documents.storage import private_storage
backend = private_storage.backend
print(json.dumps({
    "class": f"{type(backend).__module__}.{type(backend).__name__}",
    "is_local": private_storage.is_local,
    "options": {key: getattr(backend, key, None) for key in (
        "bucket_name", "endpoint_url", "region_name", "access_key", "default_acl", "querystring_auth",
        "querystring_expire", "file_overwrite", "location", "addressing_style", "custom_domain")},
}))
"""


def _settings_in_a_fresh_process(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DOCUMENTS_", "AWS_", "DOCUMENT_"))}
    return subprocess.run(
        [sys.executable, "-c", DESCRIBE_BACKEND],
        cwd=Path(__file__).resolve().parents[2],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_documents_storage_s3_selects_a_private_s3_backend():
    result = _settings_in_a_fresh_process(S3_ENV)
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout.strip().splitlines()[-1])
    assert described["class"] == "storages.backends.s3.S3Storage"
    assert described["is_local"] is False
    assert described["options"] == {
        "bucket_name": "dokumen-warga",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "ap-southeast-3",
        "access_key": "kunci-uji",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 45,
        "file_overwrite": False,
        "location": "dokumen",
        "addressing_style": "path",
        "custom_domain": None,
    }


def test_documents_storage_defaults_to_the_local_private_disk():
    result = _settings_in_a_fresh_process({})
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout.strip().splitlines()[-1])
    assert described["class"] == "portal.documents.storage.PrivateFileSystemStorage"
    assert described["is_local"] is True


def test_an_unknown_documents_storage_stops_the_start():
    result = _settings_in_a_fresh_process({"DOCUMENTS_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "DOCUMENTS_STORAGE must be 'local' or 's3'" in result.stderr


@pytest.fixture
def s3_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "dokumen-warga",
                "endpoint_url": "http://127.0.0.1:9",
                "region_name": "ap-southeast-3",
                "access_key": "kunci-uji",
                "secret_key": "rahasia-uji",
                "location": "dokumen",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
            },
        },
    }
    return private_storage.backend


def test_the_model_storage_hands_every_call_to_the_configured_backend(s3_storage):
    assert type(s3_storage).__name__ == "S3Storage"
    assert private_storage.is_local is False
    # Still no URL from the field itself: a template cannot leak a link past the permission check.
    with pytest.raises(ValueError):
        private_storage.url("ktp/2025/01/abc.pdf")
    # Names that climb out of the bucket prefix are refused before any request is made.
    with pytest.raises(SuspiciousOperation):
        s3_storage._normalize_name("../../rahasia.pdf")


def test_redirect_gives_a_short_lived_signed_link_after_the_check(settings, s3_storage):
    settings.DOCUMENT_SERVE_METHOD = "redirect"
    settings.DOCUMENT_URL_SECONDS = 30
    field_file = FieldFile(None, FileField(storage=private_storage), "ktp/2025/01/abc.pdf")
    response = document_response(file_field=field_file, download_name="KK-3504.pdf", as_attachment=True)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert location.path == "/dokumen-warga/dokumen/ktp/2025/01/abc.pdf"
    assert query["X-Amz-Expires"] == ["30"] and query["X-Amz-Signature"]
    assert query["response-content-disposition"] == ['attachment; filename="KK-3504.pdf"']
    assert query["response-content-type"] == ["application/pdf"]
    _assert_inert(response)


def test_django_method_streams_from_object_storage_through_the_view(settings, s3_storage, monkeypatch):
    settings.DOCUMENT_SERVE_METHOD = "django"
    opened = []

    def fake_open(name, mode="rb"):
        opened.append(name)
        return ContentFile(PDF, name=name)

    monkeypatch.setattr(s3_storage, "_open", fake_open)
    field_file = FieldFile(None, FileField(storage=private_storage), "ktp/2025/01/abc.pdf")
    response = document_response(file_field=field_file, download_name="kk.pdf")
    assert b"".join(response.streaming_content) == PDF
    assert opened == ["ktp/2025/01/abc.pdf"]
    assert response["Content-Type"] == "application/pdf"
    _assert_inert(response)


@pytest.mark.parametrize("method", ["x-accel", "x-sendfile"])
def test_web_server_methods_need_local_storage(settings, s3_storage, method):
    settings.DOCUMENT_SERVE_METHOD = method
    field_file = FieldFile(None, FileField(storage=private_storage), "ktp/2025/01/abc.pdf")
    with pytest.raises(ImproperlyConfigured):
        document_response(file_field=field_file, download_name="kk.pdf")


def test_redirect_needs_object_storage(settings, private_root):
    settings.DOCUMENT_SERVE_METHOD = "redirect"
    with pytest.raises(ImproperlyConfigured):
        document_response(file_field=_stored("ktp/abc.pdf", PDF), download_name="kk.pdf")
