import pytest
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db


def test_the_memo_register_offers_no_link_to_the_memo_page_which_refuses_its_readers(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(UserFactory(role=Role.ADMIN))
    page = client.get(reverse("admin:koordinasi_naskah_change", args=[naskah.pk]))
    assert page.status_code == 200 and "/admin/r/" not in page.content.decode()
    assert client.get(naskah.get_absolute_url()).status_code == 403
