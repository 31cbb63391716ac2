"""The form renderer of every form (settings.FORM_RENDERER)."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

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
    shown = ((name, value) for name, value in attrs.items() if value is not False)
    return format_html_join(
        "", " {}{}", ((name, "" if v is True else format_html('="{}"', escape(v))) for name, v in shown)
    )


def select_html(widget) -> str:
    """
    Return the HTML of a select widget's context: what Django's select.html draws, without its blank lines.

    Django's template includes two more templates per option: the desa list of the biodata step
    (271 options, with the job and kecamatan lists ~340) took ~40 ms to draw that way.
    """
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        # Escaped here, not through format_html per option: this loop is the whole point.
        for option in options:
            value, label = escape(option["value"]), conditional_escape(option["label"])
            attrs = _attrs(option["attrs"]) if option["attrs"] else ""
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # nosec B308 B703 - every value is escaped above


def input_html(widget) -> str:
    """Return the HTML of an input widget's context, as Django's input.html draws it."""
    value = "" if widget["value"] is None else format_html(' value="{}"', escape(widget["value"]))
    attrs = _attrs(widget["attrs"])
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, attrs)


def textarea_html(widget) -> str:
    """Return the HTML of a textarea widget's context, as Django's textarea.html draws it."""
    attrs = _attrs(widget["attrs"])
    return format_html('<textarea name="{}"{}>\n{}</textarea>', widget["name"], attrs, widget["value"] or "")


class FormRenderer(DjangoTemplates):
    """
    Django's default renderer, with plain selects, inputs and textareas drawn in Python: the same
    elements, without a template and two includes per widget (and per option).
    """

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
