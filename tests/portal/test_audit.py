import json

import pytest
from django.db import connection, transaction
from django.urls import reverse

from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from portal.audit.models import AksesData, AppendOnlyError
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    warga = UserFactory(role=Role.WARGA, name="Siti Aminah")
    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


@pytest.fixture
def officer():
    return UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def test_data_saya_shows_an_officers_view_right_after_it_happens(client, submitted, officer):
    client.force_login(officer)
    client.get(reverse("admin:ktp_permohonanktp_change", args=[submitted.pk]))
    doc = submitted.dokumen_set.get()
    client.get(reverse("admin:ktp_dokumen", args=[submitted.pk, doc.pk]), REMOTE_ADDR="10.1.2.3")
    client.force_login(submitted.applicant)
    page = client.get(reverse("audit:data_saya")).content.decode()
    assert "Rina Wulandari" in page and "Kecamatan Boyolangu" in page
    assert "Melihat biodata" in page and "Mengunduh dokumen" in page and submitted.reference in page
    entry = AksesData.objects.filter(action="unduh_dokumen").get()
    assert entry.ip == "10.1.2.3" and entry.actor == officer and entry.subject == submitted.applicant


def test_another_citizen_sees_none_of_it(client, submitted, officer):
    client.force_login(officer)
    client.get(reverse("admin:ktp_permohonanktp_change", args=[submitted.pk]))
    client.force_login(UserFactory())
    assert "Rina Wulandari" not in client.get(reverse("audit:data_saya")).content.decode()


def test_the_log_cannot_be_changed_or_deleted_in_code(submitted, officer, rf):
    from portal.audit.services import access_record

    request = rf.get("/")
    request.user = officer
    entry = access_record(
        request=request, target=submitted, subject=submitted.applicant, action="lihat", description="x"
    )
    entry.description = "diubah"
    for attempt in (
        entry.save,
        entry.delete,
        lambda: AksesData.objects.update(description="y"),
        lambda: AksesData.objects.all().delete(),
    ):
        with pytest.raises(AppendOnlyError):
            attempt()
    assert AksesData.objects.get().description == "x"


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(submitted, officer, rf):
    from django.db.utils import InternalError

    from portal.audit.services import access_record

    request = rf.get("/")
    request.user = officer
    access_record(
        request=request, target=submitted, subject=submitted.applicant, action="lihat", description="x"
    )
    for sql in ("UPDATE audit_aksesdata SET description = 'y'", "DELETE FROM audit_aksesdata"):
        with (
            pytest.raises(InternalError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(sql)
    assert AksesData.objects.get().description == "x"


def test_data_saya_downloads_all_my_data_as_json_and_pdf(client, submitted):
    client.force_login(submitted.applicant)
    response = client.get(reverse("audit:data_saya_json"))
    data = json.loads(response.content)["bagian"]
    assert data["akun"]["isi"]["email"]["nilai"] == submitted.applicant.email
    (mine,) = data["permohonan_ktp"]["isi"]
    assert mine["nomor"]["nilai"] == submitted.reference and mine["biodata"]["nik"]["nilai"] == submitted.nik
    assert data["perizinan"]["isi"]["permohonan"]["nilai"] == []
    pdf = client.get(reverse("audit:data_saya_pdf"))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert client.get(reverse("audit:data_saya_json")).status_code == 200
    client.logout()
    assert client.get(reverse("audit:data_saya_json")).status_code == 302
