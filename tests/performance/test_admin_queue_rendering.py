"""
The officers' queues render their rows, filters, read-only fields and status history in Python
(portal.admin_queue, issue #9): the HTML must stay what the admin's own templates make of the same
changelist or application, so the look, the sorting links and the screen-reader markup are kept.
"""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from ktp.admin import PermohonanKTPAdmin, RiwayatInline
from ktp.models import PermohonanKTP
from perizinan.models import PermohonanIzin
from portal.accounts.roles import Role
from tests.factories.accounts import UserFactory
from tests.performance.test_list_queries import ktp_applications, licences

pytestmark = pytest.mark.django_db

GENERIC_RESULTS = Template("{% load admin_list %}{% result_list cl %}")
GENERIC_FILTERS = Template(
    "{% load admin_list %}{% for spec in cl.filter_specs %}{% admin_list_filter cl spec %}{% endfor %}"
)
GENERIC_FIELDSETS = Template(
    "{% for fieldset in adminform %}{% include 'admin/includes/fieldset.html' with heading_level=2 "
    "prefix='fieldset' id_prefix=0 id_suffix=forloop.counter0 %}{% endfor %}"
)
GENERIC_INLINES = Template(
    "{% for inline_admin_formset in inline_admin_formsets %}{% include inline_admin_formset.opts.template %}"
    "{% endfor %}"
)


def squeeze(html):
    """Return html with insignificant whitespace gone, to compare markup made two ways."""
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


def generic(template, context):
    with translation.override("id"):
        return squeeze(template.render(Context(context)))


@pytest.fixture
def kecamatan_officer(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", name="Petugas <Satu>")
    client.force_login(officer)
    return officer


def ktp_queue(officer):
    ktp_applications(UserFactory(), officer=officer)(3)
    ktp_applications(UserFactory())(2)
    late = PermohonanKTP.objects.order_by("pk")[:2]
    PermohonanKTP.objects.filter(pk__in=[p.pk for p in late]).update(
        sla_due=timezone.localdate() - datetime.timedelta(days=60), nama="Nama & <Tanda>"
    )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status__exact": "diajukan"},
        {"o": "-6.2", "jenis__exact": "baru"},
        {"terlambat": "ya", "appointment_date__gte": timezone.localdate().isoformat()},
    ],
)
def test_kecamatan_queue_renders_what_the_admin_templates_render(client, kecamatan_officer, query):
    ktp_queue(kecamatan_officer)
    response = client.get(reverse("admin:ktp_permohonanktp_changelist"), query)
    cl = response.context["cl"]
    assert cl.result_count
    assert squeeze(cl.queue_results) == generic(GENERIC_RESULTS, {"cl": cl, "opts": cl.opts})
    assert squeeze(cl.queue_filters) == generic(GENERIC_FILTERS, {"cl": cl})
    body = response.content.decode()
    assert "3504********" in body and 'scope="col"' in body
    assert "Nama &amp; &lt;Tanda&gt;" in body and "Petugas &lt;Satu&gt;" in body


def test_licence_queue_renders_what_the_admin_templates_render(client):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    licences(UserFactory(), officer=officer)(3)
    PermohonanIzin.objects.filter(pk=PermohonanIzin.objects.first().pk).update(
        status="diajukan", biaya=150000
    )
    for query in ({}, {"jenis_izin__id__exact": PermohonanIzin.objects.first().jenis_izin_id, "o": "6"}):
        cl = client.get(reverse("admin:perizinan_permohonanizin_changelist"), query).context["cl"]
        assert cl.result_count == 3
        assert squeeze(cl.queue_results) == generic(GENERIC_RESULTS, {"cl": cl, "opts": cl.opts})
        assert squeeze(cl.queue_filters) == generic(GENERIC_FILTERS, {"cl": cl})


def test_an_empty_queue_shows_no_table(client, kecamatan_officer):
    cl = client.get(reverse("admin:ktp_permohonanktp_changelist")).context["cl"]
    assert cl.result_count == 0 and cl.queue_results == ""


def test_row_links_keep_the_filters_of_the_list(client, kecamatan_officer):
    ktp_queue(kecamatan_officer)
    permohonan = PermohonanKTP.objects.filter(kecamatan__code="35.04.02").first()
    body = client.get(reverse("admin:ktp_permohonanktp_changelist"), {"status__exact": "diajukan"}).content
    change = reverse("admin:ktp_permohonanktp_change", args=[permohonan.pk])
    assert f'href="{change}?_changelist_filters=status__exact%3Ddiajukan"' in body.decode()


def test_change_page_fields_and_history_render_what_the_admin_templates_render(
    client, kecamatan_officer, monkeypatch
):
    ktp_applications(UserFactory(), officer=kecamatan_officer)(1)
    permohonan = PermohonanKTP.objects.get()
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(
        alamat="Jl. Mawar 1\nRT 2 <b>", no_kk="3504020101900001"
    )
    # The admin's own inline, put back for this one request, gives the markup to compare with.
    monkeypatch.setattr(PermohonanKTPAdmin, "inlines", [RiwayatInline])
    response = client.get(reverse("admin:ktp_permohonanktp_change", args=[permohonan.pk]))
    context = response.context
    assert squeeze(context["readonly_fieldsets"]) == generic(
        GENERIC_FIELDSETS, {"adminform": context["adminform"]}
    )
    theirs = generic(GENERIC_INLINES, {"inline_admin_formsets": context["inline_admin_formsets"]})
    # The history is shown, not edited: the formset's hidden management inputs are left out.
    theirs = re.sub(r'<input type="hidden" name="riwayat_set-[^>]*>', "", theirs)
    theirs = re.sub(r' data-inline-type="tabular" data-inline-formset="[^"]*"', "", theirs)
    theirs = theirs.replace("js-inline-admin-formset ", "")
    assert squeeze(context["history_table"]) == theirs
    body = response.content.decode()
    assert "Jl. Mawar 1<br>RT 2 &lt;b&gt;" in body and "draf → diajukan" in body


def test_licence_change_page_fields_render_what_the_admin_templates_render(client):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    licences(UserFactory(), officer=officer)(1)
    permohonan = PermohonanIzin.objects.get()
    response = client.get(reverse("admin:perizinan_permohonanizin_change", args=[permohonan.pk]))
    context = response.context
    assert squeeze(context["readonly_fieldsets"]) == generic(
        GENERIC_FIELDSETS, {"adminform": context["adminform"]}
    )
    assert permohonan.izin.nomor in context["readonly_fieldsets"]
