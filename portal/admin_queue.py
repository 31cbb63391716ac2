"""
The officers' application queues in the admin (KTP-el, licences): one base for both admins.

`QueueAdmin` holds what the two admins share around the workflow engine: the scoped queryset, the
workflow buttons, assigning, the document and receipt downloads, and an access-log row for every
view of an application. `QueueChangeList` renders the queue's rows, headers and filters in Python
with the admin's markup: the generic per-cell path (lookup_field, display_for_field, a reverse()
and a resolve() per row link, a template per filter) was most of the page's time (issue #9).
"""

import contextlib
import datetime
import hashlib

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_list import _boolean_icon, admin_list_filter, result_headers
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    flatten_fieldsets,
    help_text_for_field,
    label_for_field,
    lookup_field,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.forms.models import _get_foreign_key
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.templatetags.static import static
from django.urls import NoReverseMatch, path, reverse
from django.utils import dateformat, timezone
from django.utils.encoding import iri_to_uri
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html, strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext as admin_text  # the admin's own messages, from its catalog

from portal.audit.admin import AccessLoggedAdminMixin
from portal.audit.models import AksesData
from portal.audit.services import access_record
from portal.cache import (
    cache_is_shared,
    reference_rows,
    version_bump,
    version_key,
    version_watch,
    versioned_get,
)
from portal.documents.responses import document_response

FILTER_TEMPLATE = "admin/filter.html"
CACHE_PREFIX = "admin-queue"
# An upper bound on staleness from changes no signal reports (an officer renamed, a bulk update).
CACHE_SECONDS = 300


def queue_cache_seconds():
    """
    Return how long a rendered queue page is kept: ADMIN_QUEUE_CACHE_SECONDS, else CACHE_SECONDS
    with a shared cache and 0 (off) with a per-process one, where a worker would keep showing a
    page another worker's change has made stale.
    """
    seconds = getattr(settings, "ADMIN_QUEUE_CACHE_SECONDS", None)
    if seconds is None:
        seconds = CACHE_SECONDS if cache_is_shared() else 0
    return seconds


def _version_name(model):
    return f"{CACHE_PREFIX}:{model._meta.label_lower}"


def _version_key(model):
    return version_key(_version_name(model))


def queue_cache_watch(model, *, related=(), ignore=None):
    """
    Bump `model`'s queue cache whenever one of its rows (or of `related` models shown in the list)
    is saved or deleted, unless `ignore(instance)` says the queue cannot show it (a draft).
    """

    def bump(sender, instance, **kwargs):
        if ignore is not None and sender is model and ignore(instance):
            return
        version_bump(_version_name(model))

    for sender in (model, *related):
        uid = f"{CACHE_PREFIX}:{model._meta.label_lower}:{sender._meta.label_lower}"
        post_save.connect(bump, sender=sender, weak=False, dispatch_uid=uid)
        post_delete.connect(bump, sender=sender, weak=False, dispatch_uid=uid)


class OverdueFilter(admin.SimpleListFilter):
    """Applications past their SLA date and not yet closed; `closed_statuses` is set per service."""

    title = gettext_lazy("keterlambatan")
    parameter_name = "terlambat"
    closed_statuses = ()

    def lookups(self, request, model_admin):
        return [("ya", _("Melewati batas waktu"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(sla_due__lt=timezone.localdate()).exclude(status__in=self.closed_statuses)
        return queryset


# ------------------------------------------------------------------------------
# The list
# ------------------------------------------------------------------------------


class _Column:
    """How one list_display entry turns a row into (class, escaped HTML), decided once per page."""

    def __init__(self, cl, index, name, empty):
        self.name = _column_name(name, index)
        self.css = "action-checkbox" if name == "action_checkbox" else f"field-{self.name}"
        self.empty = empty
        field = None
        if isinstance(name, str):
            with contextlib.suppress(FieldDoesNotExist):
                field = cl.lookup_opts.get_field(name)
        if field is not None and not field.auto_created:
            if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
                self.css += " nowrap"
            render = _field_renderer(field, empty)
            css = self.css
            self.render = lambda obj: (css, render(obj))
        else:
            self.render = self._callable_renderer(cl, name)

    def _callable_renderer(self, cl, name):
        # As django.contrib.admin.utils.lookup_field and items_for_result, minus the per-cell lookups.
        if callable(name):
            attr = call = name
        elif name != "__str__" and hasattr(cl.model_admin, name):
            attr = call = getattr(cl.model_admin, name)
        else:
            attr = getattr(cl.model, name, None)

            def call(obj):
                value = getattr(obj, name)
                return value() if callable(value) else value

        fget = attr.fget if isinstance(attr, property) else attr
        boolean = getattr(fget, "boolean", False)
        empty = getattr(attr, "empty_value_display", self.empty)
        css, nowrap = self.css, f"{self.css} nowrap"

        def render(obj):
            value = call(obj)
            if isinstance(value, str) and not value.strip():
                value = ""
            html = conditional_escape(display_for_value(value, empty, boolean))
            return (nowrap if isinstance(value, (datetime.date, datetime.time)) else css), html

        return render


def _column_name(name, index):
    if callable(name):
        return f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
    return name


def _field_renderer(field, empty):
    """Return obj -> escaped HTML of a model field, as display_for_field shows it in a list."""
    attname = field.attname
    if field.flatchoices:
        labels = {value: conditional_escape(label) for value, label in field.flatchoices}
        return lambda obj: labels.get(getattr(obj, attname), empty)
    if isinstance(field, models.ForeignKey):
        name = field.name
        return lambda obj: empty if getattr(obj, attname) is None else escape(getattr(obj, name))
    if isinstance(field, (models.DateField, models.TimeField)):
        return _date_renderer(field, empty)
    if isinstance(field, (models.CharField, models.TextField)) and not isinstance(field, models.URLField):

        def text(obj):
            value = getattr(obj, attname)
            return escape(value) if value is not None and value.strip() else empty

        return text
    return lambda obj: conditional_escape(display_for_field(getattr(obj, attname), field, empty))


def _date_renderer(field, empty):
    """Format dates as the admin does (localised, in local time), each distinct value once per page."""
    if isinstance(field, models.DateTimeField):
        fmt, convert = get_format("DATETIME_FORMAT"), timezone.localtime
    elif isinstance(field, models.DateField):
        fmt, convert = get_format("DATE_FORMAT"), None
    else:
        fmt, convert = get_format("TIME_FORMAT"), None
    attname, seen = field.attname, {}

    def render(obj):
        value = getattr(obj, attname)
        if value is None:
            return empty
        text = seen.get(value)
        if text is None:
            shown = convert(value) if convert and timezone.is_aware(value) else value
            text = seen[value] = escape(dateformat.format(shown, fmt))
        return text

    return render


class _RenderedRows:
    """The rows of a page served from the cache: already rendered, only their number is known."""

    def __init__(self, count):
        self.count = count

    def __len__(self):
        return self.count

    def __iter__(self):
        raise RuntimeError("The rows of this page come rendered from the cache.")


# The officer's scope, per user snapshot (portal.accounts.backends): its SQL, compiled once.
_scopes = {}


def _scope(queryset, user, today):
    """
    Return the SQL of the officer's whole queue, or None if it is empty: exactly the scope, so two
    officers whose queue is the same query share the cached page. Compiling it costs ~1 ms, so it
    is kept per process for as long as the officer's snapshot (their groups, kecamatan, ...) lasts.
    """
    snapshot = getattr(user, "snapshot_id", None)
    memo = (queryset.model, snapshot, today) if snapshot else None
    if memo in _scopes:
        return _scopes[memo]
    try:
        scope = str(queryset.query)
    except EmptyResultSet:
        scope = None
    if memo:
        if len(_scopes) > 10_000:
            _scopes.clear()
        _scopes[memo] = scope
    return scope


class QueueChangeList(ChangeList):
    """
    A changelist whose rows, headers and filters are rendered in Python, with the admin's markup,
    and kept in the shared cache until an application of the queue changes (see queue_cache_watch).
    """

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # Only the columns the list shows: fewer fields to decrypt and to build per row.
        only = self.model_admin.list_only
        return queryset.only(*only) if only else queryset

    def get_results(self, request):
        key = self._cache_key(request)
        cached, version = versioned_get(key, _version_key(self.model)) if key else (None, None)
        if cached is None:
            super().get_results(request)
            if key:
                page = (self.result_count, len(self.result_list), self.queue_results, self.queue_filters)
                cache.set(key, (version, page), queue_cache_seconds())
            return
        count, shown, self.__dict__["queue_results"], self.__dict__["queue_filters"] = cached
        # What ChangeList.get_results sets, from the cached page instead of a COUNT and the rows.
        self.paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        self.paginator.count = self.result_count = count
        self.full_result_count = None
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.can_show_all = count <= self.list_max_show_all
        self.multi_page = count > self.list_per_page
        self.result_list = _RenderedRows(shown)

    def _cache_key(self, request):
        """Return the cache key of this page, or None when it is not cached."""
        seconds = queue_cache_seconds()
        if (
            not seconds
            or request.method != "GET"
            or self.list_editable
            or self.model_admin.show_full_result_count
        ):
            return None
        # Dates shown relative to today (overdue, the date filter) change at midnight.
        today = (timezone.get_current_timezone_name(), timezone.localdate().isoformat())
        scope = _scope(self.root_queryset, request.user, today)
        if scope is None:
            return None
        parts = [scope, sorted(request.GET.lists()), get_language(), today]
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        return f"{CACHE_PREFIX}:{self.opts.label_lower}:{digest}"

    @cached_property
    def queue_results(self):
        """Return the table of results (headers and rows) as the admin's change_list_results renders it."""
        if not self.result_list:
            return ""
        return mark_safe(  # nosec B308 B703 - headers and rows are built from escaped values (test_admin_queue_rendering)
            '<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n'
            + "".join(self._headers())
            + "</tr>\n</thead>\n<tbody>\n"
            + "".join(self._rows())
            + "</tbody>\n</table>\n</div>\n"
        )

    def _headers(self):
        headers = list(result_headers(self))
        sorted_count = sum(1 for h in headers if h.get("sorted"))
        remove_title = escape(admin_text("Remove from sorting"))
        toggle_title = escape(admin_text("Toggle sorting"))
        for header in headers:
            text = header["text"]
            text = text if isinstance(text, SafeData) else escape(capfirst(text))
            parts = [f'<th scope="col"{header["class_attrib"]}>\n']
            priority_number = header.get("sort_priority", 0)
            if header["sortable"] and priority_number > 0:
                priority = ""
                if sorted_count > 1:
                    title = admin_text("Sorting priority: %(priority_number)s")
                    title = escape(title % {"priority_number": priority_number})
                    priority = f'<span class="sortpriority" title="{title}">{priority_number}</span>'
                direction = "ascending" if header["ascending"] else "descending"
                remove, toggle = escape(header["url_remove"]), escape(header["url_toggle"])
                parts.append(
                    '<div class="sortoptions">'
                    f'<a class="sortremove" href="{remove}" title="{remove_title}"></a>{priority}'
                    f'<a href="{toggle}" class="toggle {direction}" title="{toggle_title}"></a>'
                    "</div>\n"
                )
            if header["sortable"]:
                primary = escape(header["url_primary"])
                parts.append(f'<div class="text"><a href="{primary}">{text}</a></div>\n')
            else:
                parts.append(f'<div class="text"><span>{text}</span></div>\n')
            parts.append('<div class="clear"></div>\n</th>')
            yield "".join(parts)

    def _link_columns(self):
        if self.list_display_links is None:
            return set()
        if not self.list_display_links:
            return {self.list_display[0]}
        return set(self.list_display_links)

    def _rows(self):
        empty = conditional_escape(self.model_admin.get_empty_value_display())
        columns = [_Column(self, i, name, empty) for i, name in enumerate(self.list_display)]
        links = self._link_columns()
        linked = [name in links for name in self.list_display]
        # One change URL per page, split around the pk, instead of a reverse() and a resolve() per row.
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=["0"])
        head, _sep, tail = url.rpartition("/0/")
        if self.preserved_filters:
            tail = f"{tail}?{self.preserved_filters}"
        head, tail = escape(f"{head}/"), escape(f"/{tail}")
        pk_attname = self.opts.pk.attname
        for obj in self.result_list:
            pk = escape(quote(getattr(obj, pk_attname)))
            opener = format_html(' data-popup-opener="{}"', pk) if self.is_popup else ""
            cells, first = [], True
            for column, link in zip(columns, linked, strict=True):
                css, html = column.render(obj)
                if link:
                    tag, first = ("th" if first else "td"), False
                    cells.append(
                        f'<{tag} class="{css}"><a href="{head}{pk}{tail}"{opener}>{html}</a></{tag}>'
                    )
                else:
                    cells.append(f'<td class="{css}">{html}</td>')
            yield "<tr>" + "".join(cells) + "</tr>\n"

    @cached_property
    def queue_filters(self):
        """Return the filters of the sidebar, the default filter template rendered without a template."""
        by = admin_text(" By %(filter_title)s ")
        parts = []
        for spec in self.filter_specs:
            if getattr(spec, "template", FILTER_TEMPLATE) != FILTER_TEMPLATE:
                parts.append(admin_list_filter(self, spec))
                continue
            title = escape(spec.title)
            items = "".join(_filter_choice(choice) for choice in spec.choices(self))
            summary = by % {"filter_title": title}
            parts.append(
                f'<details data-filter-title="{title}" open>\n<summary>{summary}</summary>\n'
                f"<ul>\n{items}</ul>\n</details>\n"
            )
        return mark_safe("".join(parts))  # nosec B308 B703 - titles escaped; choices by _filter_choice, escaped (test_admin_queue_rendering)


def _filter_choice(choice):
    selected = ' class="selected"' if choice["selected"] else ""
    href = escape(iri_to_uri(choice["query_string"]))
    return f'<li{selected}>\n<a href="{href}">{conditional_escape(choice["display"])}</a></li>\n'


# ------------------------------------------------------------------------------
# The change page
# ------------------------------------------------------------------------------


def readonly_fieldsets(model_admin, obj, fieldsets):
    """
    Render fieldsets of read-only fields as the admin's includes/fieldset.html does, without a
    form field and a template per field: every field of an application is read-only (the workflow
    buttons change it), and ~35 AdminReadonlyField renderings were a third of the change page.
    """
    empty = model_admin.get_empty_value_display()
    out = []
    for index, (name, options) in enumerate(fieldsets):
        rows = "".join(_readonly_row(model_admin, obj, field_name, empty) for field_name in options["fields"])
        classes = escape(" ".join(options.get("classes", ())))
        heading_id = f"fieldset-0-{index}-heading"
        if name:
            opening = f'<fieldset class="module aligned {classes}" aria-labelledby="{heading_id}">\n'
            opening += f'<h2 id="{heading_id}" class="fieldset-heading">{conditional_escape(name)}</h2>\n'
        else:
            opening = f'<fieldset class="module aligned {classes}">\n'
        description = options.get("description")
        if description:
            opening += f'<div class="description">{description}</div>\n'
        out.append(f"{opening}{rows}</fieldset>\n")
    return mark_safe("".join(out))  # nosec B308 B703 - labels and contents escaped per field; descriptions are trusted admin code, safe in Django's fieldset.html too


def _readonly_row(model_admin, obj, name, empty):
    label, help_text = _label_and_help(type(model_admin), model_admin, type(obj), name)
    help_html = f'<div class="help">\n<div>{help_text}</div>\n</div>\n' if help_text else ""
    return (
        f'<div class="form-row field-{name}">\n<div>\n<div class="flex-container">\n'
        f"<label>{label}:</label>\n"
        f'<div class="readonly">{_readonly_contents(model_admin, obj, name, empty)}</div>\n'
        f"</div>\n{help_html}</div>\n</div>\n"
    )


_texts = {}


def _label_and_help(admin_class, model_admin, model, name):
    """Return a field's escaped, capitalised label and its help text, looked up once per language."""
    key = (admin_class, model, name, get_language())
    texts = _texts.get(key)
    if texts is None:
        label = conditional_escape(capfirst(label_for_field(name, model, model_admin)))
        texts = _texts[key] = (label, str(help_text_for_field(name, model)))
    return texts


def _readonly_contents(model_admin, obj, name, empty):
    """Return what AdminReadonlyField.contents() shows for `name` of `obj`."""
    try:
        field, attr, value = lookup_field(name, obj, model_admin)
    except (AttributeError, ValueError, ObjectDoesNotExist):
        return conditional_escape(empty)
    if field is None:
        if getattr(attr, "boolean", False):
            return _boolean_icon(value)
        return conditional_escape(value if hasattr(value, "__html__") else linebreaksbr(value))
    if field.is_relation and not field.many_to_many and value is not None:
        meta = value._meta
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[quote(value.pk)])
            shown = format_html('<a href="{}">{}</a>', url, value)
        except NoReverseMatch:
            shown = str(value)
    else:
        shown = display_for_field(value, field, empty)
    return conditional_escape(linebreaksbr(shown))


def readonly_tabular(inline, request, obj):
    """
    Render a read-only tabular inline (the status history) as edit_inline/tabular.html shows it,
    without a formset: nothing in it can be added, changed or deleted, and the formset and its
    template were a quarter of the change page. The formset's hidden management inputs, which
    only a save of the inline reads, are left out.
    """
    if not inline.has_view_or_change_permission(request, obj):
        return ""
    opts = inline.model._meta
    fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
    rows = inline.get_queryset(request).filter(**{fk.name: obj})
    if not rows.ordered:
        rows = rows.order_by(opts.pk.name)
    names = flatten_fieldsets(inline.get_fieldsets(request, obj))
    empty = inline.get_empty_value_display()
    prefix = fk.remote_field.get_accessor_name(model=inline.model).replace("+", "")
    title = opts.verbose_name if inline.get_max_num(request, obj) == 1 else opts.verbose_name_plural
    headers = "".join(_tabular_header(inline, name) for name in names)
    body = "".join(
        f'<tr class="form-row has_original" id="{prefix}-{index}">\n'
        f'<td class="original">\n<p>\n{conditional_escape(row)}\n</p>\n</td>\n'
        + "".join(
            f'<td class="field-{name}">\n<p>{_readonly_contents(inline, row, name, empty)}</p>\n</td>\n'
            for name in names
        )
        + '<td class="delete"></td>\n</tr>\n'
        for index, row in enumerate(rows)
    )
    classes = escape(" ".join(inline.classes or ()))
    return mark_safe(  # nosec B308 B703 - cells escaped by _readonly_contents and conditional_escape (test_admin_queue_rendering)
        f'<div class="inline-group" id="{prefix}-group">\n<div class="tabular inline-related last-related">\n'
        f'<fieldset class="module {classes}" aria-labelledby="{prefix}-heading">\n'
        f'<h2 id="{prefix}-heading" class="inline-heading">\n{conditional_escape(capfirst(title))}\n</h2>\n'
        f'<table>\n<thead><tr>\n<th class="original"></th>\n{headers}<th></th>\n</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table>\n</fieldset>\n</div>\n</div>\n"
    )


def _tabular_header(inline, name):
    label, help_text = _label_and_help(type(inline), inline, inline.model, name)
    icon = ""
    if help_text:
        tip = escape(strip_tags(help_text))
        icon = (
            f'<img src="{escape(static("admin/img/icon-unknown.svg"))}" class="help help-tooltip" '
            f'width="10" height="10" alt="({tip})" title="{tip}">\n'
        )
    return f'<th class="column-{name}">{label}\n{icon}</th>\n'


# ------------------------------------------------------------------------------
# The admin
# ------------------------------------------------------------------------------


def _officer(request):
    """Return the signed-in officer with their groups read once: each role check of a selector reads them."""
    user = request.user
    if "groups" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "groups")
    return user


class QueueAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    """
    An officers' application queue: scoped list, read-only application, workflow buttons.

    A subclass names its service through `url_prefix` ("ktp" gives admin:ktp_aksi ...) and
    `workflow_actions` (the buttons), and implements the selectors and services below.
    """

    change_list_template = "admin/portal_queue/change_list.html"
    # 30 rows a page keep the page short on a weak village connection.
    list_per_page = 30
    # A full COUNT(*) on every filtered page is the slow part of a large changelist (and the cache
    # keeps only the filtered count).
    show_full_result_count = False
    search_fields = ["reference"]
    ordering = ["sla_due"]
    exclude = ["revision_fields"]
    # The fields the list reads (related ones as "fk__field"); the others are not loaded per row. A
    # column reading a field left out costs a query per row, which tests/performance catches.
    list_only = ()
    # A read-only TabularInline shown under the application (its status history), see readonly_tabular.
    history_inline = None
    # The related rows the change page shows, fetched with the application in one query.
    change_select_related = ()
    # The small reference tables the change page shows (desa, jobs, ...): {field: its rows'
    # select_related}. They come from this process's copy (portal.cache.reference_rows), not from
    # joins: with every table joined, PostgreSQL spent longer planning the application's query than
    # running it (~1.5 ms for 7 tables against ~0.2 ms for 3).
    change_reference_related = {}
    url_prefix = ""
    workflow_actions = {}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.reference_name = f"{CACHE_PREFIX}:references:{model._meta.label_lower}"
        tables = set()
        for name, related in self.change_reference_related.items():
            table = model._meta.get_field(name).related_model
            tables.add(table)
            for lookup in related:
                current = table
                for step in lookup.split("__"):
                    current = current._meta.get_field(step).related_model
                    tables.add(current)
        if tables:
            version_watch(self.reference_name, *tables)

    # -- what each service provides ----------------------------------------------------

    def queue(self, user):
        raise NotImplementedError

    def visible(self, user):
        raise NotImplementedError

    def search(self, queryset, term):
        raise NotImplementedError

    def receipt(self, permohonan):
        raise NotImplementedError

    def assign(self, permohonan, officer):
        raise NotImplementedError

    def revision_choices(self):
        raise NotImplementedError

    # -- the list ------------------------------------------------------------------------

    def get_queryset(self, request):
        return self.queue(_officer(request))

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_search_results(self, request, queryset, search_term):
        # Personal numbers are encrypted: only an exact match, through their keyed hashes, is found.
        return self.search(queryset, search_term), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # -- the change page -----------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        # As ModelAdmin.get_object, in the officer's scope, with change_select_related joined (and
        # only those: the list's joins include reference tables, see change_reference_related).
        queryset = self.get_queryset(request).select_related(None).select_related(*self.change_select_related)
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            obj = queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None
        self._references_attach(obj)
        return obj

    def _references_attach(self, obj):
        """Give obj its change_reference_related rows from this process's copy (shared: read only)."""
        if not self.change_reference_related:
            return
        opts = self.model._meta
        for name, rows in reference_rows(self.reference_name, self._references_read).items():
            field = opts.get_field(name)
            row = rows.get(getattr(obj, field.attname))
            if row is not None:  # else (none, or a row newer than the copy) read when shown
                field.set_cached_value(obj, row)

    def _references_read(self):
        rows = {}
        for name, related in self.change_reference_related.items():
            model = self.model._meta.get_field(name).related_model
            rows[name] = {row.pk: row for row in model._default_manager.select_related(*related)}
        return rows

    def access_log_subject(self, obj):
        return obj.applicant

    def access_log_description(self, obj):
        return obj.reference or str(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            actions = self.workflow_actions.items()
            context["workflow_actions"] = [(k, a) for k, a in actions if a.allowed(obj, request.user)]
            context["status_seen"] = obj.status
            context["revision_choices"] = self.revision_choices()
            if self.history_inline is not None:
                inline = self.history_inline(self.model, self.admin_site)
                context["history_table"] = readonly_tabular(inline, request, obj)
            adminform = context["adminform"]
            shown = [name for _title, options in adminform.fieldsets for name in options["fields"]]
            # Only when every field is read-only, one a line: then no form field is rendered.
            if all(isinstance(name, str) for name in shown) and set(shown) <= set(adminform.readonly_fields):
                context["readonly_fieldsets"] = readonly_fieldsets(self, obj, adminform.fieldsets)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("dokumen"))
    def dokumen_links(self, obj):
        links = [
            format_html(
                '<a href="{}" target="_blank">{}</a>',
                reverse(f"admin:{self.url_prefix}_dokumen", args=[obj.pk, d.pk]),
                d.get_kind_display(),
            )
            for d in obj.dokumen_set.all()
        ]
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "–"

    @admin.display(description=gettext_lazy("bukti pendaftaran"))
    def receipt_link(self, obj):
        if self.receipt(obj) is None:
            return _("sedang disiapkan")
        return format_html(
            '<a href="{}" target="_blank">PDF</a>', reverse(f"admin:{self.url_prefix}_bukti", args=[obj.pk])
        )

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

    def _change_redirect(self, pk):
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", pk)

    def dokumen_view(self, request, pk, doc_pk):
        permohonan = self._visible(request, pk)
        document = get_object_or_404(permohonan.dokumen_set, pk=doc_pk)
        access_record(
            request=request,
            target=permohonan,
            subject=permohonan.applicant,
            action=AksesData.Action.UNDUH_DOKUMEN,
            description=f"{permohonan.reference}: {document.get_kind_display()}",
        )
        return document_response(
            file_field=document.file,
            download_name=f"{permohonan.reference}-{document.kind}{document.file.name[-4:]}",
        )

    def action_view(self, request, pk, action):
        if request.method != "POST" or action not in self.workflow_actions:
            raise Http404
        permohonan = self._visible(request, pk)
        if not self.has_change_permission(request, permohonan):
            raise Http404
        chosen = self.workflow_actions[action]
        try:
            chosen.run(permohonan=permohonan, request=request)
            messages.success(request, _("Berhasil: %(action)s.") % {"action": chosen.label})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return self._change_redirect(pk)

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
        if not self.has_change_permission(request, permohonan):
            raise Http404
        mine = request.POST.get("officer") == "me"
        self.assign(permohonan, request.user if mine else None)
        messages.success(request, _("Permohonan kini Anda tangani.") if mine else _("Penugasan dilepas."))
        return self._change_redirect(pk)
