import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.roles import Role
from portal.public.admin import InformasiPublikForm
from portal.public.models import InformasiPublik
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CSV = "Sekolah;Kecamatan;Daya tampung\nSMPN 1 Tulungagung;Tulungagung;288\nSMPN 1 Boyolangu;Boyolangu;256\n"


def _publish(**extra):
    form = InformasiPublikForm(
        data={
            "title": "Daya tampung SMP negeri",
            "slug": "daya-tampung-smp",
            "description": "Tahun ajaran 2026/2027",
            "source": "Dinas Pendidikan",
            "is_published": "on",
            **extra,
        },
        files={"dataset": SimpleUploadedFile("data.csv", CSV.encode(), content_type="text/csv")},
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_a_published_dataset_shows_as_a_table_and_downloads_unchanged(client):
    page = _publish()
    body = client.get(page.get_absolute_url()).content.decode()
    assert "<caption>Daya tampung SMP negeri</caption>" in body
    assert '<th scope="col">Daya tampung</th>' in body and '<th scope="row">SMPN 1 Boyolangu</th>' in body
    assert client.get(reverse("public:informasi_csv", args=[page.slug])).content.decode() == CSV
    assert page.title in client.get(reverse("public:informasi")).content.decode()


def test_unpublished_pages_are_404(client):
    page = _publish(is_published="")
    assert client.get(page.get_absolute_url()).status_code == 404
    assert page.title not in client.get(reverse("public:informasi")).content.decode()


def test_a_bad_csv_is_refused_with_an_indonesian_message():
    form = InformasiPublikForm(
        data={"title": "X", "slug": "x", "description": "y"},
        files={
            "dataset": SimpleUploadedFile("data.csv", "\u00e9".encode("latin-1"), content_type="text/csv")
        },
    )
    assert not form.is_valid() and "UTF-8" in str(form.errors["dataset"])
    assert not InformasiPublik.objects.exists()


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "@SUM(A1)", "+1+cmd|x", "-2+3"])
def test_a_csv_with_a_cell_a_spreadsheet_would_run_is_refused(cell):
    form = InformasiPublikForm(
        data={"title": "Data", "slug": "data", "description": "-", "source": "-", "is_published": "on"},
        files={"dataset": SimpleUploadedFile("data.csv", f"Nama,Nilai\nA,{cell}\nB,-5\n".encode())},
    )
    assert not form.is_valid()
    assert "Baris 2 berisi sel yang dibaca lembar kerja sebagai rumus" in str(form.errors["dataset"])


def test_negative_and_signed_numbers_are_not_formulas():
    form = InformasiPublikForm(
        data={"title": "Data", "slug": "data", "description": "-", "source": "-", "is_published": "on"},
        files={"dataset": SimpleUploadedFile("data.csv", b"Nama,Nilai\nA,-5\nB,+62355\nC,-1.250,5\n")},
    )
    assert form.is_valid(), form.errors


def test_admins_publish_from_the_admin(client):
    client.force_login(UserFactory(role=Role.ADMIN))
    assert client.get(reverse("admin:public_informasipublik_add")).status_code == 200
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get(reverse("admin:public_informasipublik_add")).status_code == 403


def test_the_admin_links_the_dataset_where_the_public_downloads_it_never_to_an_unserved_file(client):
    page = _publish()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = reverse("admin:public_informasipublik_change", args=[page.pk])
    body = client.get(change).content.decode()
    assert page.dataset.url not in body  # MEDIA_URL: served neither by Django nor by nginx
    assert page.dataset.name in body and 'name="dataset-clear"' in body  # named, and can be removed
    csv_url = reverse("public:informasi_csv", args=[page.slug])
    assert f'<a href="{csv_url}">{csv_url}</a>' in body
    assert client.get(csv_url).status_code == 200

    InformasiPublik.objects.filter(pk=page.pk).update(is_published=False)
    body = client.get(change).content.decode()
    assert csv_url in body and f'href="{csv_url}"' not in body  # a 404 until published
