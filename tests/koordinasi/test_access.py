"""Who may read a memo: each rule by list, detail, attachment, export and search; others get 404."""

import pytest
from django.urls import reverse

from koordinasi.constants import Akses, Klasifikasi
from koordinasi.models import LogAkses
from koordinasi.services import disposisi_give, naskah_send
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.koordinasi import naskah_draft, naskah_sent, officer, pdf_upload

pytestmark = pytest.mark.django_db

SUBJECT = "Pemeriksaan kas bendahara"


def urls(naskah):
    lampiran = naskah.lampiran_set.get()
    return {
        "detail": reverse("koordinasi:detail", args=[naskah.pk]),
        "attachment": reverse("koordinasi:attachment", args=[naskah.pk, lampiran.pk]),
        "export": reverse("koordinasi:export", args=[naskah.pk]),
        "reply": reverse("koordinasi:reply", args=[naskah.pk]),
        "disposisi": reverse("koordinasi:disposisi", args=[naskah.pk]),
    }


def assert_invisible(client, user, naskah):
    client.force_login(user)
    for name, url in urls(naskah).items():
        method = client.post if name in ("reply", "disposisi") else client.get
        assert method(url).status_code == 404, name
    inbox = client.get(reverse("koordinasi:index"), {"q": naskah.nomor}).content.decode()
    assert urls(naskah)["detail"] not in inbox and SUBJECT not in inbox
    assert SUBJECT not in client.get(reverse("koordinasi:index"), {"q": "kas"}).content.decode()
    assert SUBJECT not in client.get(reverse("koordinasi:sent"), {"q": "kas"}).content.decode()


def assert_visible(client, user, naskah):
    client.force_login(user)
    for name in ("detail", "attachment"):
        assert client.get(urls(naskah)[name]).status_code == 200, name
    assert SUBJECT in client.get(reverse("koordinasi:index"), {"q": "kas"}).content.decode()


@pytest.fixture
def rahasia(a, b):
    """A Rahasia memo from officer A (DPMPTSP) to officer B (Bagian Umum), with an attachment."""
    return naskah_sent(
        sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA, perihal=SUBJECT, files=[pdf_upload()]
    )


@pytest.mark.parametrize("klasifikasi", [Klasifikasi.RAHASIA, Klasifikasi.SANGAT_RAHASIA])
def test_officer_of_another_agency_cannot_see_a_restricted_memo(client, a, b, c, klasifikasi):
    naskah = naskah_sent(
        sender=a, to_officers=[b], klasifikasi=klasifikasi, perihal=SUBJECT, files=[pdf_upload()]
    )
    assert_invisible(client, c, naskah)


def test_colleague_of_the_named_officer_cannot_see_a_restricted_memo(client, rahasia, b2):
    assert_invisible(client, b2, rahasia)


def test_named_officer_sees_a_restricted_memo(client, rahasia, b):
    assert_visible(client, b, rahasia)


def test_disposisi_chain_opens_a_restricted_memo_to_its_members_only(client, rahasia, b, b2):
    third = officer("BAGIAN-UMUM")
    disposisi_give(naskah=rahasia, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert_visible(client, b2, rahasia)
    assert_invisible(client, third, rahasia)


@pytest.mark.parametrize("klasifikasi", [Klasifikasi.BIASA, Klasifikasi.TERBATAS])
def test_open_memo_is_visible_to_every_officer_of_the_addressed_agency(client, a, b, b2, c, klasifikasi):
    naskah = naskah_sent(
        sender=a, to_agencies=["BAGIAN-UMUM"], klasifikasi=klasifikasi, perihal=SUBJECT, files=[pdf_upload()]
    )
    assert_visible(client, b, naskah)
    assert_visible(client, b2, naskah)
    assert_invisible(client, c, naskah)


def test_tembusan_agency_may_read_an_open_memo(client, a, b, c):
    naskah = naskah_sent(
        sender=a, to_officers=[b], cc_agencies=["DISPENDUKCAPIL"], perihal=SUBJECT, files=[pdf_upload()]
    )
    assert_visible(client, c, naskah)


def test_sender_sees_own_memo_and_colleagues_of_the_sender_do_not(client, rahasia, a, a2):
    client.force_login(a)
    assert client.get(urls(rahasia)["detail"]).status_code == 200
    assert_invisible(client, a2, rahasia)


def test_a_draft_is_its_authors_alone_until_it_is_sent(client, a, a2, b):
    subject = "Rencana mutasi pejabat eselon"
    draft = naskah_draft(sender=a, to_officers=[b], perihal=subject)
    index, register = reverse("koordinasi:index"), reverse("admin:koordinasi_naskah_changelist")
    officer_pages = [
        index,
        f"{index}?q=mutasi",
        f"{reverse('koordinasi:sent')}?q=mutasi",
        reverse("koordinasi:drafts"),
        reverse("koordinasi:detail", args=[draft.pk]),
        reverse("koordinasi:draft_edit", args=[draft.pk]),
    ]
    admin_pages = [
        register,
        f"{register}?_facets=1",
        f"{register}?status__exact=draf",
        reverse("admin:koordinasi_naskah_change", args=[draft.pk]),
        reverse("admin:koordinasi_naskah_history", args=[draft.pk]),
    ]
    admins = [UserFactory(role=Role.ADMIN), UserFactory(role=Role.ADMIN, is_superuser=True)]
    for user, pages in [(a2, officer_pages), (b, officer_pages), *[(admin, admin_pages) for admin in admins]]:
        client.force_login(user)
        for url in pages:
            assert subject not in client.get(url, follow=True).content.decode(), (user, url)
    assert client.get(register).context["cl"].result_count == 0
    client.force_login(b)
    assert client.get(reverse("koordinasi:draft_edit", args=[draft.pk])).status_code == 404
    assert client.get(index).context["counts"]["semua"] == 0

    naskah_send(naskah=draft, actor=a)
    assert subject in client.get(index).content.decode()
    assert client.get(reverse("koordinasi:detail", args=[draft.pk])).status_code == 200
    client.force_login(admins[0])
    assert client.get(register).context["cl"].result_count == 1


def test_every_open_is_logged(client, rahasia, b):
    client.force_login(b)
    client.get(urls(rahasia)["detail"])
    client.get(urls(rahasia)["detail"])
    client.get(urls(rahasia)["attachment"])
    actions = list(LogAkses.objects.filter(naskah=rahasia, pengguna=b).values_list("aksi", flat=True))
    assert actions == [Akses.LIHAT, Akses.LIHAT, Akses.LAMPIRAN]


def test_access_log_is_append_only(client, rahasia, b):
    client.force_login(b)
    client.get(urls(rahasia)["detail"])
    row = LogAkses.objects.get()
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        row.save()
    with pytest.raises(Exception):  # noqa: B017
        row.delete()


def test_users_without_an_agency_are_refused_with_a_reason(client):
    client.force_login(UserFactory(role=Role.WARGA))
    response = client.get(reverse("koordinasi:index"))
    assert response.status_code == 403
    assert "instansi" in response.content.decode()


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("koordinasi:index"))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
