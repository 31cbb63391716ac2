"""What the biodata step refuses, and what it lets a citizen correct, whatever the form sends."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ktp.services import permohonan_biodata_update
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga():
    return UserFactory(role=Role.WARGA)


def test_a_birth_date_after_today_is_refused_and_nothing_is_saved(warga):
    draft = permohonan_complete_draft(applicant=warga)
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        permohonan_biodata_update(permohonan=draft, data={"tanggal_lahir": tomorrow})
    assert refused.value.message_dict["tanggal_lahir"] == ["Tanggal lahir tidak boleh sesudah hari ini."]
    draft.refresh_from_db()
    assert draft.tanggal_lahir == datetime.date(1990, 5, 10)
