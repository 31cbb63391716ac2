from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories.koordinasi import officer


@pytest.fixture
def a():
    """An officer of agency A (DPMPTSP)."""
    return officer("DPMPTSP", name="Ahmad Pengirim", email="a@dpmptsp.contoh.id")


@pytest.fixture
def a2():
    return officer("DPMPTSP", name="Anik Rekan", email="a2@dpmptsp.contoh.id")


@pytest.fixture
def b():
    """An officer of agency B (Bagian Umum)."""
    return officer("BAGIAN-UMUM", name="Budi Penerima", email="b@umum.contoh.id")


@pytest.fixture
def b2():
    return officer("BAGIAN-UMUM", name="Bayu Rekan", email="b2@umum.contoh.id")


@pytest.fixture
def c():
    """An officer of agency C (Dispendukcapil), addressed by nothing."""
    return officer("DISPENDUKCAPIL", name="Citra Lain", email="c@capil.contoh.id")


@pytest.fixture
def clock(monkeypatch):
    """Stop django.utils.timezone.now() (and so localdate()) at `clock.now`; set it to move time."""
    clock = SimpleNamespace(now=timezone.now())
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock
