"""
The officers' application queues in the admin (KTP-el, licences): one base for both admins.

`QueueAdmin` is a stock ModelAdmin (Django's ChangeList and templates) holding what the two queues
share around the workflow engine: the queryset scoped by the service's selectors, the workflow
buttons, assigning, the document and receipt downloads, and an access-log row for every view of an
application. The table of results and the filters are kept in the cache (admin/queue_change_list.html):
building them is most of the page's time, and officers reload the same pages of their queue all day.
`OpenableLinksMixin` serves the officers' other read-only pages too (residents, cards, licences,
businesses, agencies, the memo and procurement registers and their inlines, periodic tasks).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.auth import get_permission_codename
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from portal.accounts.claims import desk_claim_code
from portal.audit.admin import AccessLoggedAdminMixin
from portal.audit.models import AksesData
from portal.audit.services import access_record
from portal.cache import version, version_watch
from portal.documents.responses import document_response
from portal.workflow import workflow_allowed, workflow_assign

# The name of the {% cache %} fragment of a queue's table of results (admin/queue_change_list.html).
KEPT_TABLE = "admin_queue_results"
# Where a refused workflow button's input waits, in the session, for the page it redirects to.
POSTED_KEY = "admin_queue_posted"


@dataclass(frozen=True)
class WorkflowAction:
    """
    One button on an application's admin page: a move to `to` through the service `service`.

    `needs` names what its form asks besides the status the officer saw: "note" and "fields" here,
    anything else read by an app's subclass in `arguments()`.
    """

    label: str
    to: str
    service: object
    needs: tuple = ()
    only_from: tuple = ()  # statuses where the button shows, when not every allowed one
    danger: bool = False

    def allowed(self, permohonan, user):
        if self.only_from and permohonan.status not in self.only_from:
            return False
        return self.to in workflow_allowed(instance=permohonan, actor=user)

    def run(self, *, permohonan, request):
        post = request.POST
        kwargs = {"permohonan": permohonan, "actor": request.user, "expected_from": post.get("status_seen")}
        if "note" in self.needs:
            kwargs["note"] = post.get("note", "")
        if "fields" in self.needs:
            kwargs["fields"] = post.getlist("fields")
        return self.service(**{**kwargs, **self.arguments(post)})

    def arguments(self, post) -> dict:
        """Return the service's further arguments, read from the posted form (an app's own needs)."""
        return {}


def queue_version_name(model):
    return f"admin-queue:{model._meta.label_lower}"


def queue_watch(model, *related, ignore):
    """
    Make the kept tables of results of `model`'s queue stale when one of its rows that
    `ignore(row)` does not rule out, or a row of `related` (shown in the list), is saved or deleted.
    """
    name = queue_version_name(model)
    version_watch(name, model, ignore=ignore)
    version_watch(name, *related)


class OpenableLinksMixin:
    """
    On an admin page the officer may only read, link a related object to its admin page only for an
    officer who may open that page, and show it to others by its name. Django links every related
    object shown read-only, whoever reads it: behind an applicant's account or a job title a kecamatan
    officer would meet a 403.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets  # on an editable page a relation may be a form field, known by its name
        site = self.admin_site
        unlinked = {
            name: text
            for name, (model, text) in self._related_as_text.items()
            if site.is_registered(model)
            and not site.get_model_admin(model).has_view_or_change_permission(request)
        }
        return [
            (title, {**options, "fields": [unlinked.get(name, name) for name in options["fields"]]})
            for title, options in fieldsets
        ]

    @cached_property
    def _related_as_text(self):
        """Return {name: (related model, its read-only display without a link)} of the model's relations."""
        return {f.name: (f.related_model, self._as_text(f)) for f in self.model._meta.fields if f.is_relation}

    def _as_text(self, field):
        @admin.display(description=field.verbose_name)
        def text(obj):
            related = getattr(obj, field.name)
            return self.get_empty_value_display() if related is None else str(related)

        text.__name__ = field.name  # the row keeps its field-<name> class and the field's help text
        return text


def _officer(request):
    """Return the signed-in officer with their groups read once: each role check of a selector reads them."""
    user = request.user
    if "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "groups")
    return user


class QueueAdmin(OpenableLinksMixin, AccessLoggedAdminMixin, admin.ModelAdmin):
    """
    An officers' application queue: scoped list, read-only application, workflow buttons.

    A subclass names its service through `url_prefix` ("ktp" gives admin:ktp_aksi ...) and
    `workflow_actions` (the buttons), and implements the selectors and services below.
    """

    change_list_template = "admin/queue_change_list.html"
    # 30 rows a page keep the page short on a weak village connection.
    list_per_page = 30
    # A COUNT(*) of the whole queue on every page besides the filtered one is not worth its time.
    show_full_result_count = False
    search_fields = ["reference"]
    ordering = ["sla_due"]
    exclude = ["revision_fields"]
    # The fields the list reads (related ones as "fk__field"): an application has some forty, two of
    # them encrypted, and the list shows ten. A column reading a field left out costs a query per
    # row, which tests/performance/test_admin_queue_queries.py catches.
    list_only = ()
    # The related rows every application has, fetched with it in one query. A row only some have
    # (an assigned officer, a previous licence) is left to its own query when present: PostgreSQL
    # plans a join of many tables in more time than those few small queries take.
    change_select_related = ()
    # The reverse name of the application's status history (portal.workflow.HistoryBase rows).
    history_related = "riwayat_set"
    url_prefix = ""
    workflow_actions = {}
    # The statuses in which an application is finished: never overdue.
    closed_statuses = ()
    # The statuses in which the office has done its part though the application is still open (a card
    # waiting for its citizen to collect it): never overdue either, as the dashboard counts them.
    office_done_statuses = ()
    # The statuses in which the application waits for its applicant (a correction asked): the office
    # is not late meanwhile, here as on the transparency page (cases_of's waiting_statuses).
    applicant_turn_statuses = ()

    @property
    def never_overdue(self):
        """Return the statuses the overdue column and filter never mark: closed, done, applicant's turn."""
        return [*self.closed_statuses, *self.office_done_statuses, *self.applicant_turn_statuses]

    # -- what each service provides ----------------------------------------------------

    def queue(self, user):
        raise NotImplementedError

    def visible(self, user):
        raise NotImplementedError

    def search(self, queryset, term):
        raise NotImplementedError

    def receipt(self, permohonan):
        raise NotImplementedError

    def revision_choices(self, permohonan):
        """Return (name, label) of what `permohonan`'s applicant can be asked to correct."""
        raise NotImplementedError

    # -- the list ------------------------------------------------------------------------

    def get_queryset(self, request):
        # The list's queryset; the change page and the workflow's URLs read through `visible`.
        queryset = self.queue(_officer(request))
        return queryset.only(*self.list_only) if self.list_only else queryset

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.kept_table_key = self._kept_table_key(request)
        if cache.has_key(make_template_fragment_key(KEPT_TABLE, [changelist.kept_table_key])):
            # The table comes from the cache: the admin only counts the page's rows, so it reads
            # their keys, not forty columns with two to decrypt. Should the table expire meanwhile,
            # it is built from these rows, one query a field, and kept again.
            changelist.result_list = changelist.result_list.select_related(None).only("pk")
        return changelist

    def _kept_table_key(self, request):
        """
        Return what the kept table of results and filters depend on: the applications of the queue
        (their version), the officer's scope, the query string, the language and the day (the
        overdue column and the date filter change at midnight).
        """
        parts = [version(queue_version_name(self.model)), self._scope(request), request.get_full_path()]
        return ":".join([*parts, get_language(), timezone.localdate().isoformat()])

    def _scope(self, request):
        """
        Return what scopes the officer's queue. The selectors scope a queue by the officer's
        superuser flag, roles, kecamatan and agency, nothing else of theirs: officers alike in these
        see the same queue and share its kept pages.
        """
        user = _officer(request)
        roles = ",".join(sorted(group.name for group in user.groups.all()))
        return f"{user.is_superuser}|{roles}|{user.kecamatan_id}|{user.instansi_id}"

    @admin.display(description=gettext_lazy("terlambat"))
    def overdue_column(self, obj):
        """
        Mark an open application past its SLA date; one left more than twice its promised time
        past that date (three times the promise in all) stands out for the head of office.
        """
        today = timezone.localdate()
        if not obj.sla_due or obj.status in self.never_overdue or obj.sla_due >= today:
            return ""
        submitted = timezone.localdate(obj.submitted_at) if obj.submitted_at else None  # WIB, as sla_due
        promised = max((obj.sla_due - submitted).days, 1) if submitted else 1
        return _("TERLAMBAT 3×") if (today - obj.sla_due).days >= 2 * promised else _("terlambat")

    def get_search_results(self, request, queryset, search_term):
        # Personal numbers are encrypted: only an exact match, through their keyed hashes, is found.
        return self.search(queryset, search_term), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The application changes only through the workflow's buttons, whose services check each step
        # and record it: to the admin it is read-only, and a Save posted to its page is refused (403).
        return False

    def has_workflow_permission(self, request):
        """Return whether the officer may assign and move applications: the model's change permission."""
        return request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename('change', self.opts)}")

    # -- the change page -----------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        # As ModelAdmin.get_object, in the officer's scope, with what the change page shows joined.
        queryset = self.visible(_officer(request)).select_related(*self.change_select_related)
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def access_log_subject(self, obj):
        return obj.applicant

    def access_log_description(self, obj):
        return obj.reference or str(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            actions = self.workflow_actions.items()
            context["workflow_actions"] = [(k, a) for k, a in actions if a.allowed(obj, request.user)]
            context["status_seen"] = obj.status
            context["assignable"] = obj.status not in self.closed_statuses
            context["revision_choices"] = self.revision_choices(obj)
            context["assign_url_name"] = f"admin:{self.url_prefix}_tugaskan"
            context["action_url_name"] = f"admin:{self.url_prefix}_aksi"
            context["history"] = getattr(obj, self.history_related).select_related("actor")
            posted = request.session.pop(POSTED_KEY, None) if POSTED_KEY in request.session else None
            context["posted"] = posted if posted and posted.get("pk") == obj.pk else {}
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("dokumen"))
    def dokumen_links(self, obj):
        links = [
            (reverse(f"admin:{self.url_prefix}_dokumen", args=[obj.pk, d.pk]), d.get_kind_display())
            for d in obj.dokumen_set.all()
        ]
        if not links:
            return "–"
        return format_html_join(" · ", '<a href="{}" target="_blank">{}</a>', links)

    @admin.display(description=gettext_lazy("bukti pendaftaran"))
    def receipt_link(self, obj):
        if self.receipt(obj) is None:
            return _("sedang disiapkan")
        return format_html(
            '<a href="{}" target="_blank">PDF</a>', reverse(f"admin:{self.url_prefix}_bukti", args=[obj.pk])
        )

    @admin.display(description=gettext_lazy("kode akun loket"))
    def claim_code(self, obj):
        # Printed on the desk receipt; read here for a citizen recorded without an email who lost it.
        return desk_claim_code(obj.applicant) or "–"

    # -- the workflow's own URLs ---------------------------------------------------------

    def get_urls(self):
        prefix, view = self.url_prefix, self.admin_site.admin_view
        return [
            path("<int:pk>/dokumen/<int:doc_pk>/", view(self.dokumen_view), name=f"{prefix}_dokumen"),
            path("<int:pk>/aksi/<str:action>/", view(self.action_view), name=f"{prefix}_aksi"),
            path("<int:pk>/tugaskan/", view(self.assign_view), name=f"{prefix}_tugaskan"),
            path("<int:pk>/bukti/", view(self.receipt_view), name=f"{prefix}_bukti"),
        ] + super().get_urls()

    def _visible(self, request, pk):
        return get_object_or_404(self.visible(_officer(request)), pk=pk)

    def _change_redirect(self, request, pk):
        # Back to the application with the list's filters it was opened from, as the admin's own Save.
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return redirect(add_preserved_filters(preserved, url))

    def dokumen_view(self, request, pk, doc_pk):
        permohonan = self._visible(request, pk)
        document = get_object_or_404(permohonan.dokumen_set, pk=doc_pk)
        with translation.override(settings.LANGUAGE_CODE):  # as AccessLoggedAdminMixin writes it
            kind = document.get_kind_display()
        access_record(
            request=request,
            target=permohonan,
            subject=permohonan.applicant,
            action=AksesData.Action.UNDUH_DOKUMEN,
            description=f"{permohonan.reference}: {kind}",
        )
        return document_response(
            file_field=document.file,
            download_name=f"{permohonan.reference}-{document.kind}{document.file.name[-4:]}",
        )

    def _moved_from(self, permohonan, status):
        """Return the id of whoever last moved `permohonan` on from `status`, or None."""
        if status not in dict(self.model._meta.get_field("status").choices):  # a hand-made post's value
            return None
        rows = (
            getattr(permohonan, self.history_related)
            .filter(from_status=status)
            .order_by("-created_at", "-id")
        )
        return rows.values_list("actor_id", flat=True).first()

    def action_view(self, request, pk, action):
        if request.method != "POST" or action not in self.workflow_actions:
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_workflow_permission(request):
            raise Http404
        chosen = self.workflow_actions[action]
        seen = request.POST.get("status_seen")
        if seen and seen != permohonan.status == chosen.to:
            # Already where the button leads (a second click, or a colleague's same step): nothing to undo.
            status = permohonan.get_status_display()
            messages.info(request, _("Permohonan ini sudah berstatus %(status)s.") % {"status": status})
            return self._change_redirect(request, pk)
        if seen and seen != permohonan.status and self._moved_from(permohonan, seen) == request.user.pk:
            # The officer's own first click moved it on (verifying may also schedule): not a colleague.
            status = permohonan.get_status_display()
            messages.info(
                request,
                _("Permohonan ini sudah Anda proses; statusnya kini %(status)s.") % {"status": status},
            )
            return self._change_redirect(request, pk)
        updated = permohonan.updated_at.isoformat()
        if seen == permohonan.status == chosen.to and request.POST.get("updated_seen", updated) != updated:
            # A step within the status (a new day) from a page drawn before a colleague's change.
            messages.error(request, _("Permohonan ini baru saja diubah orang lain. Periksa lagi."))
            return self._change_redirect(request, pk)
        if (not seen or seen == permohonan.status) and not chosen.allowed(permohonan, request.user):
            # A button the page does not offer in this status (a hand-made request): a stale page
            # instead gets the workflow's own "changed meanwhile" answer from the service.
            messages.error(request, _("Tindakan ini tidak tersedia untuk permohonan ini sekarang."))
            return self._change_redirect(request, pk)
        try:
            chosen.run(permohonan=permohonan, request=request)
            messages.success(request, _("Berhasil: %(action)s.") % {"action": chosen.label})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            # What the officer typed comes back in the button's form, to be corrected, not typed again.
            typed = {name: value for name, value in request.POST.items() if name != "csrfmiddlewaretoken"}
            request.session[POSTED_KEY] = {
                **typed,
                "pk": permohonan.pk,
                "key": action,
                "fields": request.POST.getlist("fields"),
            }
        return self._change_redirect(request, pk)

    def receipt_view(self, request, pk):
        permohonan = self._visible(request, pk)
        receipt = self.receipt(permohonan)
        if receipt is None:
            raise Http404
        access_record(
            request=request,
            target=permohonan,
            subject=permohonan.applicant,
            action=AksesData.Action.UNDUH_BUKTI,
            description=permohonan.reference,
        )
        return document_response(file_field=receipt.file, download_name=f"bukti-{permohonan.reference}.pdf")

    def assign_view(self, request, pk):
        """Assign the application to the officer clicking, or release it."""
        if request.method != "POST":
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_workflow_permission(request):
            raise Http404
        if permohonan.status in self.closed_statuses:
            messages.error(request, _("Permohonan ini sudah selesai atau ditutup: tidak ditangani lagi."))
            return self._change_redirect(request, pk)
        officer = request.user if request.POST.get("officer") == "me" else None
        done = _("Permohonan kini Anda tangani.") if officer else _("Penugasan dilepas.")
        if permohonan.assigned_to_id == (officer and officer.pk):  # already so: a second click
            messages.info(request, done)
            return self._change_redirect(request, pk)
        seen = request.POST.get("assigned_seen")
        if seen is not None and seen != str(permohonan.assigned_to_id or ""):
            # Taken or released by another officer since the page was drawn: let the officer see it first.
            messages.error(request, _("Penugasan permohonan ini baru saja diubah orang lain. Periksa lagi."))
            return self._change_redirect(request, pk)
        workflow_assign(instance=permohonan, officer=officer)
        messages.success(request, done)
        return self._change_redirect(request, pk)
