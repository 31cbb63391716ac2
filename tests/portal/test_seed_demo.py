import io
from collections import Counter
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from portal.accounts.demo import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD
from portal.accounts.models import User
from portal.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_verified_account_per_row_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), EmailAddress.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), EmailAddress.objects.count()) == counts
    emails = {f"{row[0]}@{DEMO_DOMAIN}" for row in DEMO_ACCOUNTS}
    assert EmailAddress.objects.filter(email__in=emails, verified=True).count() == len(DEMO_ACCOUNTS)
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    boyolangu = User.objects.get(email=f"petugas.boyolangu@{DEMO_DOMAIN}")
    kedungwaru = User.objects.get(email=f"petugas.kedungwaru@{DEMO_DOMAIN}")
    assert boyolangu.kecamatan.name == "Boyolangu" and kedungwaru.kecamatan.name == "Kedungwaru"
    agencies = set(
        User.objects.filter(groups__name=Role.PETUGAS_INSTANSI.value).values_list("instansi__code", flat=True)
    )
    assert len(agencies) == 2
    assert User.objects.get(email=f"admin@{DEMO_DOMAIN}").is_superuser
    assert boyolangu.check_password(DEMO_PASSWORD)


def test_seed_demo_summary_counts_every_account_it_made(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    demo = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    assert demo.count() > len(DEMO_ACCOUNTS)  # the service apps add recipients of their own
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{demo.count()} demo accounts ready")
    assert {line.strip() for line in lines[1:]} == set(demo.values_list("email", flat=True))


def test_demo_accounts_can_log_in(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post("/akun/login/", {"login": f"warga.a@{DEMO_DOMAIN}", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith=DEMO_DOMAIN).exists()


def test_the_readme_lists_every_demo_account_and_no_two_share_a_name(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    demo = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme.split("## Demo accounts", 1)[1].split("\n## ", 1)[0]
    locals_ = [email.split("@")[0] for email in demo.values_list("email", flat=True)]
    missing = [local for local in locals_ if f"`{local}@" not in section]
    assert not missing, f"README's demo accounts leave out {missing}"
    names = Counter(demo.values_list("name", flat=True))
    assert [name for name, count in names.items() if count > 1] == []
