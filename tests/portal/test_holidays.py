"""National holidays and cuti bersama ship as data; a later year's list loads from CSV."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.accounts.roles import Role
from portal.holidays.models import HariLibur
from portal.holidays.selectors import working_days_add, working_deadline
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CSV_2028 = (
    "tanggal,keterangan,jenis,ditetapkan\n"
    "2028-01-01,Tahun Baru 2028 Masehi,libur nasional,ya\n"
    "2028-01-26,Tahun Baru Imlek 2579 Kongzili,libur nasional,tidak\n"
    "2028-12-25,Hari Raya Natal,libur nasional,ya\n"
)


def test_a_new_database_knows_2026_and_2027():
    assert HariLibur.objects.get(date=datetime.date(2026, 12, 25)).name == "Hari Raya Natal"
    assert HariLibur.objects.get(date=datetime.date(2027, 1, 1)).kind == HariLibur.Jenis.LIBUR_NASIONAL
    assert HariLibur.objects.filter(date__year=2026, kind=HariLibur.Jenis.LIBUR_NASIONAL).count() == 17
    assert HariLibur.objects.filter(date__year=2026, kind=HariLibur.Jenis.CUTI_BERSAMA).count() == 8
    assert not HariLibur.objects.filter(date__year=2026, confirmed=False).exists()
    assert HariLibur.objects.filter(date__year=2027).count() >= 15


def test_sla_days_skip_christmas_and_new_year():
    # After Wednesday 23 December 2026: 24 (cuti bersama), 25, the weekends and 1 January are not
    # working days, so the fifth is Monday 4 January.
    assert working_days_add(start=datetime.date(2026, 12, 23), days=5) == datetime.date(2027, 1, 4)


def test_a_same_day_promise_made_on_a_day_off_falls_due_on_the_next_working_day():
    wednesday, saturday = datetime.date(2026, 12, 2), datetime.date(2026, 12, 5)
    monday = datetime.date(2026, 12, 7)
    assert working_days_add(start=wednesday, days=0) == wednesday
    assert working_days_add(start=saturday, days=0) == monday
    # Christmas (Friday), then the weekend: Monday 28 December.
    assert working_days_add(start=datetime.date(2026, 12, 25), days=0) == datetime.date(2026, 12, 28)


def test_a_deadline_ends_at_the_closing_hour_of_the_first_working_day_not_before_it():
    from django.utils import timezone

    at = lambda *args: timezone.make_aware(datetime.datetime(*args))  # noqa: E731 (WIB)
    assert working_deadline(end=at(2026, 12, 7, 9, 30), hour=14) == at(2026, 12, 7, 14)  # Monday morning
    assert working_deadline(end=at(2026, 12, 7, 14), hour=14) == at(2026, 12, 7, 14)
    assert working_deadline(end=at(2026, 12, 7, 20, 15), hour=14) == at(2026, 12, 8, 14)  # an evening
    assert working_deadline(end=at(2026, 12, 5, 10), hour=14) == at(2026, 12, 7, 14)  # a Saturday
    # Thursday evening, Christmas on Friday, then the weekend: Monday 28 December.
    assert working_deadline(end=at(2026, 12, 24, 19), hour=14) == at(2026, 12, 28, 14)


def test_the_command_loads_a_later_year_and_updates_by_date(tmp_path):
    path = tmp_path / "hari_libur_2028.csv"
    path.write_text(CSV_2028, encoding="utf-8")
    out = io.StringIO()
    call_command("holidays_import", str(path), stdout=out)
    assert "3 created, 0 updated, 0 deleted" in out.getvalue()
    assert not HariLibur.objects.get(date=datetime.date(2028, 1, 26)).confirmed
    path.write_text(CSV_2028.replace("2028-01-26,Tahun Baru Imlek 2579 Kongzili,libur nasional,tidak\n", ""))
    call_command("holidays_import", str(path), "--replace-year", stdout=out)
    assert "0 created, 2 updated, 1 deleted" in out.getvalue()
    assert HariLibur.objects.filter(date__year=2028).count() == 2
    assert HariLibur.objects.filter(date__year=2027).exists()


def test_the_command_refuses_a_wrong_file_whole_with_row_numbers(tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text(CSV_2028 + "28-12-31,Malam tahun baru,libur nasional,ya\n2028-06-01,,hari besar,ya\n")
    with pytest.raises(CommandError) as error:
        call_command("holidays_import", str(path), stdout=io.StringIO())
    assert "Baris 5: tanggal" in str(error.value) and "Baris 6: keterangan" in str(error.value)
    assert not HariLibur.objects.filter(date__year=2028).exists()


def test_an_indonesian_spreadsheet_csv_with_semicolons_loads(tmp_path):
    path = tmp_path / "libur.csv"
    path.write_text("\ufeff" + CSV_2028.replace(",", ";"), encoding="utf-8")
    call_command("holidays_import", str(path), stdout=io.StringIO())
    assert HariLibur.objects.filter(date__year=2028).count() == 3


@pytest.fixture
def dispendukcapil(client):
    officer = UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi="DISPENDUKCAPIL")
    client.force_login(officer)
    return client


def test_an_officer_imports_a_csv_in_the_admin(dispendukcapil):
    changelist = dispendukcapil.get(reverse("admin:holidays_harilibur_changelist")).content.decode()
    url = reverse("admin:holidays_harilibur_import")
    assert url in changelist
    assert dispendukcapil.get(url).status_code == 200
    upload = SimpleUploadedFile("libur.csv", CSV_2028.encode(), content_type="text/csv")
    response = dispendukcapil.post(url, {"file": upload}, follow=True)
    assert "3 baru" in response.content.decode()
    assert HariLibur.objects.filter(date__year=2028).count() == 3


def test_a_wrong_upload_shows_the_rows_to_fix_and_loads_nothing(dispendukcapil):
    upload = SimpleUploadedFile("libur.csv", b"tanggal,keterangan\n2028-01-01,Tahun Baru\n")
    response = dispendukcapil.post(reverse("admin:holidays_harilibur_import"), {"file": upload})
    assert response.status_code == 400 and "Kolom jenis tidak ada" in response.content.decode()
    assert not HariLibur.objects.filter(date__year=2028).exists()


def test_officers_without_the_holiday_rights_cannot_import(client):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get(reverse("admin:holidays_harilibur_import")).status_code == 403


def test_the_holiday_list_warns_of_an_empty_or_estimated_year(dispendukcapil, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2026, 12, 4))
    body = dispendukcapil.get(reverse("admin:holidays_harilibur_changelist")).content.decode()
    estimated = HariLibur.objects.filter(date__year=2027, confirmed=False).count()
    assert f"{estimated} hari libur tahun 2027 masih tanggal perkiraan" in body
    assert "tahun 2026" not in body
    HariLibur.objects.filter(date__year=2027).delete()
    body = dispendukcapil.get(reverse("admin:holidays_harilibur_changelist")).content.decode()
    assert "Belum ada hari libur tahun 2027" in body


def test_an_unquoted_comma_in_a_name_names_its_row_instead_of_failing(dispendukcapil):
    text = (
        "tanggal,keterangan,jenis\n2028-01-01,Tahun Baru 2028 Masehi,libur nasional\n"
        "2028-03-16,Hari Raya Idul Fitri 1449 H, hari kedua,libur nasional\n"
    )
    upload = SimpleUploadedFile("libur.csv", text.encode(), content_type="text/csv")
    response = dispendukcapil.post(reverse("admin:holidays_harilibur_import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 400 and "Baris 3: lebih banyak isian daripada kolom" in body
    assert not HariLibur.objects.filter(date__year=2028).exists()
