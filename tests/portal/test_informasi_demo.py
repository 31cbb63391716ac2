"""The demo publishes real-looking public information: regional profile, commodities, investment, schools."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.public.admin import InformasiPublikForm
from portal.public.datasets import number_parse
from portal.public.demo import informasi_demo_create
from portal.public.models import InformasiPublik
from portal.wilayah.models import Desa, Kecamatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return {page.slug: page for page in informasi_demo_create()}


def _csv(client, slug):
    response = client.get(reverse("public:informasi_csv", args=[slug]))
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_list_shows_every_demo_page_marked_as_demo_figures(client, pages):
    body = client.get(reverse("public:informasi")).content.decode()
    for page in pages.values():
        assert page.title in body
    assert body.count('text-bg-warning">angka contoh') == len(pages) == 5


def test_the_regional_profile_lists_every_kecamatan_from_the_region_data(client, pages):
    header, *rows = _csv(client, "profil-daerah-penduduk")
    assert header == ["Kecamatan", "Kode wilayah", "Desa/kelurahan", "Penduduk (jiwa)"]
    assert [r[1] for r in rows] == list(Kecamatan.objects.order_by("code").values_list("code", flat=True))
    assert sum(int(r[2]) for r in rows) == Desa.objects.count()
    assert all(number_parse(r[3]) > 10_000 for r in rows)
    body = client.get(pages["profil-daerah-penduduk"].get_absolute_url()).content.decode()
    assert "Angka contoh" in body and "bukan data resmi" in body
    chart = body[body.index("<svg") : body.index("</svg>")]
    assert chart.count("<rect") == 19 + 1  # a bar per kecamatan and the legend's swatch
    assert ">Boyolangu</text>" in chart and "Penduduk (jiwa)" in chart
    assert '<th scope="row">Tanggunggunung</th>' in body


def test_a_table_of_mixed_units_has_no_chart_and_school_capacity_has_two_series(client, pages):
    assert "<svg" not in client.get(pages["komoditas-unggulan"].get_absolute_url()).content.decode()
    body = client.get(pages["daya-tampung-sekolah"].get_absolute_url()).content.decode()
    chart = body[body.index("<svg") : body.index("</svg>")]
    assert chart.count("<rect") == 19 * 2 + 2
    header, *rows = _csv(client, "daya-tampung-sekolah")
    assert "Daya tampung kelas 1 SD" in header and len(rows) == 19
    investment = client.get(pages["peluang-investasi"].get_absolute_url()).content.decode()
    assert "<svg" in investment and "Pantai Popoh" in investment
    income = client.get(pages["pendapatan-daerah"].get_absolute_url()).content.decode()
    chart = income[income.index("<svg") : income.index("</svg>")]
    assert ">2025</text>" in chart and "2025 PAD (Rp miliar): 502.5" in chart


def test_running_the_demo_again_keeps_the_pages_and_their_files(pages):
    names = {slug: page.dataset.name for slug, page in pages.items()}
    again = {page.slug: page.dataset.name for page in informasi_demo_create()}
    assert again == names and InformasiPublik.objects.count() == 5


def test_a_chart_column_must_be_a_column_of_the_csv():
    form = InformasiPublikForm(
        data={
            "title": "Data",
            "slug": "data",
            "description": "Uji",
            "chart_columns": "Jumlah siswa",
            "is_published": "on",
        },
        files={
            "dataset": SimpleUploadedFile(
                "d.csv", b"Sekolah,Daya tampung\nSD 1,28\n", content_type="text/csv"
            )
        },
    )
    assert not form.is_valid()
    assert "Kolom Jumlah siswa tidak ada di CSV" in str(form.errors["chart_columns"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.345", 12345),
        ("12.345,5", 12345.5),
        ("1.234.567", 1234567),
        ("3.5", 3.5),
        ("28", 28),
        ("", None),
        ("NaN", None),
        ("inf", None),
        ("-Infinity", None),
    ],
)
def test_figures_are_read_the_indonesian_way(text, value):
    assert number_parse(text) == value


def test_a_column_with_text_draws_no_chart(client):
    page = InformasiPublik.objects.create(
        title="Campuran", slug="campuran", description="Uji", chart_columns="Nilai", is_published=True
    )
    page.dataset.save("c.csv", SimpleUploadedFile("c.csv", b"Nama,Nilai\nA,12\nB,tidak ada\n"))
    body = client.get(page.get_absolute_url()).content.decode()
    assert "<svg" not in body and '<th scope="row">B</th>' in body


@pytest.mark.parametrize("figure", [b"NaN", b"inf"])
def test_a_spreadsheets_nan_or_infinity_draws_no_chart_and_the_page_still_answers(client, figure):
    page = InformasiPublik.objects.create(
        title="Ekspor", slug="ekspor", description="Uji", chart_columns="Nilai", is_published=True
    )
    page.dataset.save("e.csv", SimpleUploadedFile("e.csv", b"Nama,Nilai\nA,12\nB," + figure + b"\n"))
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200 and "<svg" not in response.content.decode()


def test_a_negative_figure_draws_no_bar_below_the_axis():
    from portal.public.charts import bar_chart_svg

    svg = bar_chart_svg(title="Uji", labels=["A", "B"], series=[("Nilai", [12.0, -5.0])], tick=str)
    assert 'height="-' not in svg
