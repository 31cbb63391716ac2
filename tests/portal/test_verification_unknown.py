"""The public verification page when a code is not one the portal issued: a possible forgery."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_unknown_code_is_called_a_possible_forgery_with_whom_to_tell_and_still_404(client, settings):
    response = client.get(reverse("verification:verify", args=["kode-yang-tidak-pernah-terbit"]))
    assert response.status_code == 404
    # The footer names the contact on every page: the message itself must.
    page = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert "Dokumen dengan kode ini tidak ada dalam daftar dokumen yang diterbitkan portal ini." in page
    assert "dokumen itu mungkin palsu" in page
    assert settings.PORTAL_CONTACT["phone"] in page
    assert f'href="mailto:{settings.PORTAL_CONTACT["email"]}"' in page
    assert "sudah dipindahkan" not in page  # not the page for a mistyped address
    assert "<script" not in page
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
