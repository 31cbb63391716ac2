"""
The form renderer of every form (settings.FORM_RENDERER): widgets, and fields under crispy's |crispy
filter, drawn in Python with the same markup as the templates they stand for.
"""

from crispy_forms.templatetags.crispy_forms_filters import optgroups as crispy_optgroups
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.templatetags.l10n import unlocalize
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# The widget templates that only include input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
                 "search", "tel", "color", "checkbox", "file")
}  # fmt: skip


def _attrs(attrs) -> str:
    """Return attributes as django/forms/widgets/attrs.html writes them (True bare, False left out)."""
    # Escaped here, not through format_html per attribute: a form has a few hundred (issue #9).
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{escape(value)}"')
    return mark_safe("".join(parts))  # nosec B308 B703 - every name and value is escaped above


def options_html(optgroups) -> str:
    """Return the <option>s (in <optgroup>s) of a select's optgroups, as Django's select.html draws them."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        # Escaped here, not through format_html per option: this loop is the whole point.
        for option in options:
            value, label = escape(option["value"]), conditional_escape(option["label"])
            attrs = _attrs(option["attrs"]) if option["attrs"] else ""
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # nosec B308 B703 - every value is escaped above


def select_html(widget, options=None) -> str:
    """
    Return the HTML of a select widget's context: what Django's select.html draws, without its blank lines;
    `options` are its options already drawn, if they are.

    Django's template includes two more templates per option: the desa list of the biodata step
    (271 options, with the job and kecamatan lists ~340) took ~40 ms to draw that way.
    """
    if options is None:
        options = options_html(widget["optgroups"])
    return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), options)


class PrerenderedChoices(BaseChoiceIterator):
    """
    Choices that keep the HTML of their options, drawn once, for a long list that rarely changes (the 271
    desa): the portal's Select widget marks the selected option in it instead of drawing ~300 options
    each request (~1.7 ms). Whoever builds the list keeps it while it holds, and builds a new one when
    the data changes (portal.wilayah.selectors.desa_choices).
    """

    def __init__(self, choices):
        self.choices = normalize_choices(choices)

    def __iter__(self):
        return iter(self.choices)

    def __copy__(self):  # never changed once built: forms and widgets copying their choices may share it
        return self

    def __deepcopy__(self, memo):
        return self

    @cached_property
    def html(self) -> str:
        """Return the options, none selected."""
        return options_html(forms.Select(choices=self.choices).optgroups("", []))

    def html_selecting(self, values) -> str:
        """Return the options with the first one whose value is among `values` (strings) selected."""
        html = self.html
        found = (html.find(f'<option value="{escape(value)}">') for value in values)
        starts = [start for start in found if start != -1]
        if not starts:
            return html
        end = html.index(">", min(starts))
        return mark_safe(f"{html[:end]} selected{html[end:]}")  # nosec B308 B703 - built from escaped HTML


# {(key, language): PrerenderedChoices}, the constant lists of this process.
_constant_choices = {}


def constant_choices(key, choices) -> PrerenderedChoices:
    """
    Return `choices` that are constants of the code (a model field's TextChoices) as PrerenderedChoices,
    labels translated and options drawn once per process and language, kept under `key`.
    """
    language = get_language()
    kept = _constant_choices.get((key, language))
    if kept is None:
        labelled = [
            (value, [(v, str(label)) for v, label in label_or_group])
            if isinstance(label_or_group, (list, tuple))
            else (value, str(label_or_group))
            for value, label_or_group in normalize_choices(choices)
        ]
        kept = _constant_choices[key, language] = PrerenderedChoices(labelled)
    return kept


class Select(forms.Select):
    """
    Django's single Select, drawing choices given as PrerenderedChoices from their prepared HTML, the rest
    as Django does. Named Select on purpose: crispy gives a widget its class name as CSS class ("select").
    """

    def render(self, name, value, attrs=None, renderer=None):
        if not isinstance(self.choices, PrerenderedChoices) or self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        # Widget's context (name, value, attrs) without ChoiceWidget's optgroups: the options are drawn.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        return select_html(widget, options=self.choices.html_selecting(widget["value"]))


def input_html(widget) -> str:
    """Return the HTML of an input widget's context, as Django's input.html draws it."""
    value = "" if widget["value"] is None else format_html(' value="{}"', escape(widget["value"]))
    attrs = _attrs(widget["attrs"])
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attrs)


def textarea_html(widget) -> str:
    """Return the HTML of a textarea widget's context, as Django's textarea.html draws it."""
    attrs = _attrs(widget["attrs"])
    return format_html('<textarea name="{}"{}>\n{}</textarea>', widget["name"], attrs, widget["value"] or "")


def _crispy_widget(field, kind):
    """
    Return the widget as {% crispy_field field 'class' '<kind>[ is-invalid]' %} draws it: the widget's
    class name (through CRISPY_CLASS_CONVERTERS) and those classes added to its attrs' class, once each.
    crispy's node does the same through a Context and three template Variables per field.
    """
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if not css_class:
        css_class = class_name
    elif css_class.find(class_name) == -1:
        css_class += f" {class_name}"
    present = css_class.split()
    for added in (kind, "is-invalid") if field.errors else (kind,):
        if added not in present:
            css_class += f" {added}"
            present.append(added)
    widget.attrs["class"] = css_class
    return str(field)


def _help_text(field):
    """Return what bootstrap5/layout/help_text.html draws (help never inline)."""
    if not field.help_text:
        return "\n"
    div_id = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
    help_text = mark_safe(field.help_text)  # nosec B308 B703 - help text is HTML, as the template's |safe says
    return format_html('\n    \n        <div {}class="form-text">{}</div>\n    \n\n', div_id, help_text)


def _errors_block(field):
    """Return what bootstrap5/layout/field_errors_block.html draws."""
    if not field.errors:
        return "\n"
    messages = format_html_join(
        "",
        '\n        <p id="error_{}_{}"><strong>{}</strong></p>\n    ',
        ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
    )
    field_id = getattr(field.errors, "field_id", "") or ""
    return format_html(
        '\n    <div id="{}_error" class="invalid-feedback">\n    {}\n    </div>\n\n', field_id, messages
    )


def _choices_html(field):
    """Return what bootstrap5/layout/radio_checkbox_select.html draws under field.html (no FormHelper)."""
    invalid = " is-invalid" if field.errors else ""
    groups = crispy_optgroups(field)
    parts = ["\n\n\n<div >\n\n    "]
    for group_number, (group, options, _index) in enumerate(groups, 1):
        parts.append(format_html("\n    <strong>{}</strong>\n    ", group) if group else "\n    \n    ")
        for number, option in enumerate(options, 1):
            parts.append(
                format_html(
                    '\n      <div class="form-check">\n        <input type="{}" class="form-check-input{}"  '
                    'name="{}" value="{}" {}>\n        <label for="{}" class="form-check-label">\n'
                    "            {}\n        </label>\n        ",
                    option["type"],
                    invalid,
                    field.html_name,
                    unlocalize(option["value"]),
                    _attrs(option["attrs"]),
                    option["attrs"].get("id", ""),
                    unlocalize(option["label"]),
                )
            )
            if field.errors and number == len(options) and group_number == len(groups):
                parts.append(f"\n            {_errors_block(field)}\n        ")
            parts.append("\n     </div>\n    ")
        parts.append("\n    ")
    parts.append(f"\n\n</div>\n\n{_help_text(field)}\n")
    return "".join(parts)


def crispy_field_html(field):
    """
    Return what templates/bootstrap5/field.html draws for `field` under crispy's |crispy filter, or None
    for the kinds that field.html still draws (files, widgets that wrap other widgets).

    The same characters, written here rather than through a template, an include and three filters per
    field (issue #9): ~0.3 ms a field, ~5 ms for the biodata step. tests/portal/test_crispy_field.py
    compares the two field by field for every kind.
    """
    widget = field.field.widget
    if field.is_hidden:
        return format_html("{}\n", field)
    if isinstance(widget, forms.FileInput) or hasattr(widget, "widgets") or hasattr(widget, "widget"):
        return None
    checkbox = isinstance(widget, forms.CheckboxInput)
    required = field.field.required
    asterisk = mark_safe('<span class="asteriskField">*</span>') if required else ""  # nosec B308 B703 - constant
    css_classes = field.css_classes()
    parts = [
        '\n<div class="mb-3">\n' if checkbox else "\n\n",
        format_html(
            '<div id="div_{}" class="{}{}">\n',
            field.auto_id,
            "form-check" if checkbox else "mb-3",
            format_html(" {}", css_classes) if css_classes else "",
        ),
    ]
    fieldset = field.use_fieldset
    if field.label and not checkbox:
        if fieldset:
            described = field.aria_describedby
            opening = format_html(
                "<fieldset{}><legend", format_html(' aria-describedby="{}"', described) if described else ""
            )
        else:
            opening = mark_safe("<label")  # nosec B308 B703 - constant
        for_id = format_html('for="{}"', field.id_for_label) if field.id_for_label else ""
        parts.append(
            format_html(
                '{} {} class="form-label{}{}">{}{}</{}>',
                opening,
                for_id,
                " requiredField" if required else "",
                " fs-6" if fieldset else "",
                field.label,
                asterisk,
                "legend" if fieldset else "label",
            )
        )
    parts.append("\n")
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect too
        parts.append(_choices_html(field))
        parts.append("\n")
    elif checkbox:
        parts.append(_crispy_widget(field, "form-check-input"))
        parts.append(
            format_html(
                '\n<label for="{}" class="form-check-label{}">{}{}</label>\n',
                field.id_for_label,
                " requiredField" if required else "",
                field.label,
                asterisk,
            )
        )
        parts.append(f"\n\n\n    {_errors_block(field)}\n\n\n\n    {_help_text(field)}\n\n\n")
    else:
        parts.append(
            _crispy_widget(field, "form-select" if isinstance(widget, forms.Select) else "form-control")
        )
        parts.append("\n")
        if field.errors:
            messages = format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
            )
            field_id = getattr(field.errors, "field_id", "") or ""
            parts.append(
                format_html('<div id="{}_error" class="invalid-feedback">{}</div>', field_id, messages)
            )
        parts.append("\n")
        if field.help_text:
            div_id = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
            parts.append(format_html('<div {}class="form-text">{}</div>', div_id, mark_safe(field.help_text)))  # nosec B308 B703 - help text is HTML, as the template's |safe
        parts.append("\n")
    parts.append("\n</fieldset>\n</div>\n" if fieldset and field.label else "\n\n</div>\n")
    parts.append("</div>\n\n" if checkbox else "\n\n")
    return mark_safe("".join(parts))  # nosec B308 B703 - every value is escaped above


class BoundField(forms.BoundField):
    """Django's BoundField, which can also draw itself as the portal's crispy field.html does."""

    @property
    def crispy_html(self):
        """Return the field as bootstrap5/field.html draws it, or "" where only the template can."""
        return crispy_field_html(self) or ""


class FormRenderer(DjangoTemplates):
    """
    Django's default renderer, with plain selects, inputs and textareas drawn in Python: the same
    elements, without a template and two includes per widget (and per option); its bound fields can
    also draw themselves as crispy's field.html does (templates/bootstrap5/uni_form.html).
    """

    bound_field_class = BoundField

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES:
            return input_html(widget)
        if template_name == TEXTAREA_TEMPLATE:
            return textarea_html(widget)
        if template_name == SELECT_TEMPLATE and all(
            option["template_name"] == OPTION_TEMPLATE
            for _group, options, _index in widget["optgroups"]
            for option in options
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
