"""The search box and its filters. Every field is optional; bad dates get a message in Indonesian."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import Unit
from lontar.core.permissions import visible_organisation_ids
from lontar.core.search import registry
from lontar.core.search.selectors import MAX_QUERY_CHARS, SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Kata yang dicari"), required=False, max_length=MAX_QUERY_CHARS)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    party = forms.CharField(label=_("Pengirim/penerima"), required=False, max_length=100)
    classification_code = forms.CharField(
        label=_("Kode klasifikasi"),
        required=False,
        max_length=30,
        help_text=_("Kode induk ikut mencari kode di bawahnya, mis. 000 menemukan 000.1.2."),
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Semua"))]
        self.fields["kind"].choices = any_choice + sorted(
            ((key, str(label)) for key, label in registry.kind_labels().items()), key=lambda c: c[1]
        )
        self.fields["status"].choices = any_choice + sorted(
            ((key, str(label)) for key, label in registry.status_labels().items()), key=lambda c: c[1]
        )
        office_ids = visible_organisation_ids(user) if user is not None else []
        units = Unit.objects.filter(organisation_id__in=office_ids).select_related("organisation")
        many = len(set(office_ids)) > 1
        self.fields["unit"].choices = any_choice + [
            (unit.pk, f"{unit.name} — {unit.organisation.name}" if many else unit.name)
            for unit in units.order_by("organisation__name", "order", "name")[:500]
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            party=data.get("party") or "",
            classification_code=data.get("classification_code") or "",
            status=data.get("status") or "",
            unit_id=data.get("unit"),
            kind=data.get("kind") or "",
        )
