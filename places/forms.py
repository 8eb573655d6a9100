"""The place picker: units labelled by places.labels, a search box over the list."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from places.labels import unit_labels


class UnitSearchSelect(forms.Select):
    """A select with a search-as-you-type box above it (places/filter.js); a plain select
    without JavaScript."""

    template_name = "places/widgets/unit_select.html"


class UnitChoiceIterator(ModelChoiceIterator):
    """The choices labelled as a list (their eras where names repeat), in one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset)
        labels = unit_labels(units)
        for unit in units:
            yield (ModelChoiceIteratorValue(self.field.prepare_value(unit), unit), labels[unit.pk])


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker: give it places.labels.in_force_first(...) as queryset."""

    iterator = UnitChoiceIterator
    widget = UnitSearchSelect
