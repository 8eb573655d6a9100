from __future__ import annotations

from decimal import Decimal

from django import template

from lib.vnformat import format_number, format_percent
from rounds.sheet import display_value

register = template.Library()


@register.filter
def vn_number(value: Decimal | int | None) -> str:
    return "" if value is None else format_number(value)


@register.filter
def vn_percent(value: Decimal | None) -> str:
    return "" if value is None else format_percent(value, 1)


@register.filter
def qualified(data_value) -> str:
    """A stored DataValue as it reads in a report, the agency's word first: "hơn 500"."""
    if data_value is None:
        return ""
    return display_value(data_value.value, data_value.qualifier, data_value.qualifier_word)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.filter
def named(field, name: str):
    """The field's widget with an accessible name, where the page shows no label beside it."""
    return field.as_widget(attrs={"aria-label": name})
