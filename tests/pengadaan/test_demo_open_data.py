"""The demo's packages, as a visitor and a harvester of open data see them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pengadaan.models import Paket, Penyedia
from tests.pengadaan.test_ocds import _valid_package, _valid_release

pytestmark = pytest.mark.django_db


def test_every_demo_package_publishes_valid_open_data_and_no_staff_data(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    staff = [(p.user.name, p.user.email, p.npwp) for p in Penyedia.objects.select_related("user")]
    for paket in Paket.objects.all():
        releases = client.get(reverse("pengadaan:ocds_paket_releases", args=[paket.pk]))
        _valid_package(releases.json())
        record = client.get(reverse("pengadaan:ocds_paket_record", args=[paket.pk])).json()["records"][0]
        _valid_release(record["compiledRelease"])
        for release in record["releases"]:
            _valid_release(release)
        page = client.get(reverse("pengadaan:paket", args=[paket.pk]))
        assert page.status_code == 200 and len(page.content) < 60 * 1024
        for body in (releases.content.decode(), page.content.decode()):
            for secrets in staff:
                assert not any(secret in body for secret in secrets)
    everything = client.get(reverse("pengadaan:ocds_releases")).json()
    _valid_package(everything)
    assert {r["tag"][0] for r in everything["releases"]} >= {"planning", "tender", "award", "contract"}
    # The demo's direct procurements are among what was validated, ordered and in progress.
    methods = {r["tender"]["procurementMethod"] for r in everything["releases"] if "tender" in r}
    assert methods >= {"open", "direct"}
    direct = [r for r in everything["releases"] if r.get("tender", {}).get("procurementMethod") == "direct"]
    assert {"contract"} <= {tag for r in direct for tag in r["tag"]}
    listing = client.get(reverse("pengadaan:index"))
    assert listing.status_code == 200 and len(listing.content) < 60 * 1024
