"""A service down (document storage, the database mid-request): a clear page, nothing half-saved."""

import pytest
from botocore.config import Config
from django.urls import reverse

from ktp.models import DokumenPermohonan
from ktp.receipts import permohonan_receipt_generate
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from portal.documents.storage import StorageUnavailable, private_storage
from tests.factories import UserFactory
from tests.factories.ktp import pdf_upload, permohonan_complete_draft

pytestmark = pytest.mark.django_db

LOCAL = "portal.documents.storage.PrivateFileSystemStorage"
# S3-compatible object storage at an address where nothing listens: every call is refused.
DEAD_S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": "dokumen",
        "endpoint_url": "http://127.0.0.1:1",
        "access_key": "uji",
        "secret_key": "uji-rahasia",
        "region_name": "ap-southeast-3",
        "client_config": Config(connect_timeout=1, retries={"max_attempts": 1}),
    },
}


@pytest.fixture(params=["s3", "local"])
def storage_down(request, settings, tmp_path):
    if request.param == "s3":
        settings.STORAGES = {**settings.STORAGES, "documents": DEAD_S3}
    else:
        # A disk that cannot be written: the private root lies under a plain file.
        (tmp_path / "berkas").write_text("")
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "berkas" / "private"
    return settings


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


def test_a_failing_storage_raises_one_exception(storage_down):
    with pytest.raises(StorageUnavailable):
        private_storage.save("ktp/x.pdf", pdf_upload())


def test_an_upload_is_refused_with_a_clear_message_and_nothing_half_saved(client, warga, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    permohonan = permohonan_complete_draft(applicant=warga)
    before = DokumenPermohonan.objects.get(permohonan=permohonan, kind="kk")
    settings.STORAGES = {**settings.STORAGES, "documents": DEAD_S3}
    response = client.post(reverse("ktp:dokumen", args=[permohonan.pk]), {"kk": pdf_upload("kk-baru.pdf")})
    assert response.status_code == 200
    assert "Penyimpanan dokumen sedang terganggu" in response.content.decode()
    kept = DokumenPermohonan.objects.get(permohonan=permohonan, kind="kk")
    assert (kept.pk, kept.original_name, kept.file.name) == (
        before.pk,
        before.original_name,
        before.file.name,
    )
    settings.STORAGES = {**settings.STORAGES, "documents": {"BACKEND": LOCAL}}
    assert kept.file.storage.exists(kept.file.name)  # the old file was not deleted either


def test_a_download_says_try_later_instead_of_a_server_error(client, warga, storage_down, tmp_path):
    storage_down.PRIVATE_MEDIA_ROOT, storages = tmp_path / "ada", storage_down.STORAGES
    storage_down.STORAGES = {**storages, "documents": {"BACKEND": LOCAL}}
    permohonan = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_receipt_generate(permohonan_id=permohonan.pk)
    url = reverse("ktp:receipt", args=[permohonan.pk])
    assert client.get(url).status_code == 200  # the receipt, made when submitted
    storage_down.STORAGES = storages
    if storages["documents"] != DEAD_S3:
        storage_down.PRIVATE_MEDIA_ROOT = tmp_path / "berkas" / "private"
    response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "300"
    assert "Dokumen sedang tidak bisa diambil" in response.content.decode()


def test_a_database_gone_mid_request_answers_a_page_saying_to_try_again(client, monkeypatch):
    from django.db import OperationalError

    def restarting():
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("portal.public.views.dashboard_meta", restarting)
    response = client.get(reverse("public:transparency"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "tidak ada yang tersimpan setengah jalan" in response.content.decode()
