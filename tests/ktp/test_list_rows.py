"""The "Permohonan saya" list, drawn from plain rows (ktp.selectors.permohonan_list_of_applicant)."""

import pytest
from django.urls import reverse
from django.utils import translation

from ktp.constants import Jenis, Status
from ktp.receipts import permohonan_receipt_generate
from ktp.selectors import permohonan_list_of_applicant
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


def _rows(client):
    body = client.get(reverse("ktp:list")).content.decode()
    return body.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]


def test_each_row_shows_its_link_labels_and_receipt_state(client, warga):
    draft = permohonan_complete_draft(applicant=warga, jenis=Jenis.BARU)
    submitted = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    submitted_row, draft_row = _rows(client)  # newest first
    assert reverse("ktp:biodata", args=[draft.pk]) in draft_row and "Lanjutkan draf" in draft_row
    assert f"<td>{Jenis.BARU.label}</td>" in draft_row and f"<td>{Status.DRAF.label}</td>" in draft_row
    assert f'href="{reverse("ktp:detail", args=[submitted.pk])}">{submitted.reference}</a>' in submitted_row
    assert f"<td>{Status.DIAJUKAN.label}</td>" in submitted_row
    assert "disiapkan" in submitted_row and reverse("ktp:receipt", args=[submitted.pk]) not in submitted_row

    permohonan_receipt_generate(permohonan_id=submitted.pk)
    submitted_row, _draft_row = _rows(client)
    assert reverse("ktp:receipt", args=[submitted.pk]) in submitted_row and "disiapkan" not in submitted_row


def test_labels_follow_the_chosen_language(client, warga, settings):
    permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    (row,) = _rows(client)
    with translation.override("en"):
        assert f"<td>{Jenis.BARU.label}</td>" in row and f"<td>{Status.DIAJUKAN.label}</td>" in row


def test_the_list_holds_only_the_applicants_own_applications(client, warga):
    mine = permohonan_complete_draft(applicant=warga)
    other = permohonan_complete_draft(applicant=UserFactory(role=Role.WARGA))
    assert [row["pk"] for row in permohonan_list_of_applicant(applicant=warga)] == [mine.pk]
    body = client.get(reverse("ktp:list")).content.decode()
    assert reverse("ktp:biodata", args=[other.pk]) not in body


def test_without_applications_the_list_asks_nothing_about_receipts(warga, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert permohonan_list_of_applicant(applicant=warga) == []
