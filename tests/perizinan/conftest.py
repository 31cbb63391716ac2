import pytest

from portal.accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def owner():
    return UserFactory(role=Role.WARGA)


@pytest.fixture
def officer():
    return UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
