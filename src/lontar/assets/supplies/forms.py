"""Forms of the supplies screens. They parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.assets.supplies.models import Item
from lontar.core.orgadmin.forms import BootstrapMixin

LINES = 8


class ItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Item
        fields = ["code", "name", "category", "unit_of_measure", "minimum_stock", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def validate_unique(self):
        return None  # the service checks, with its message


class _LinesForm(BootstrapMixin, forms.Form):
    """A form with up to LINES item rows (item_N, quantity_N[, price_N])."""

    with_price = False

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(LINES):
            self.fields[f"item_{index}"] = forms.ModelChoiceField(
                label=_("Barang %(n)s") % {"n": index + 1}, queryset=items, required=False
            )
            self.fields[f"quantity_{index}"] = forms.IntegerField(
                label=_("Jumlah"), required=False, min_value=1, max_value=1_000_000
            )
            if self.with_price:
                self.fields[f"price_{index}"] = forms.IntegerField(
                    label=_("Harga satuan (Rp)"), required=False, min_value=0, max_value=1_000_000_000
                )
            self.fields[f"item_{index}"].widget.attrs["class"] = "form-select"
            for name in ("quantity", "price"):
                if f"{name}_{index}" in self.fields:
                    self.fields[f"{name}_{index}"].widget.attrs.update(
                        {"class": "form-control", "placeholder": str(self.fields[f"{name}_{index}"].label)}
                    )

    def clean(self):
        data = super().clean()
        lines = []
        for index in range(LINES):
            item, quantity = data.get(f"item_{index}"), data.get(f"quantity_{index}")
            if item is None and not quantity:
                continue
            if item is None or not quantity:
                self.add_error(f"quantity_{index}", _("Isi barang dan jumlahnya."))
                continue
            if self.with_price:
                price = data.get(f"price_{index}")
                if price is None:
                    self.add_error(f"price_{index}", _("Harga satuan wajib diisi."))
                    continue
                lines.append((item, quantity, price))
            else:
                lines.append((item, quantity))
        data["lines"] = lines
        return data

    def line_rows(self):
        return [
            [
                self[f"{name}_{index}"]
                for name in (("item", "quantity", "price") if self.with_price else ("item", "quantity"))
            ]
            for index in range(LINES)
        ]


class RequestForm(_LinesForm):
    purpose = forms.CharField(label=_("Keperluan"), max_length=255)

    field_order = ["purpose"]


class ReceiptForm(_LinesForm):
    with_price = True
    document_number = forms.CharField(label=_("Nomor dokumen (faktur/BAST)"), max_length=80)
    supplier = forms.CharField(label=_("Penyedia"), max_length=150)
    received_on = forms.DateField(label=_("Tanggal terima"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["document_number", "supplier", "received_on", "note"]


class DirectIssueForm(_LinesForm):
    unit = forms.ModelChoiceField(label=_("Unit penerima"), queryset=None)
    note = forms.CharField(label=_("Keperluan"), max_length=255)
    issued_on = forms.DateField(
        label=_("Tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    field_order = ["unit", "note", "issued_on"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ApproveForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line in lines:
            name = f"line_{line.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("%(item)s (diminta %(n)s %(uom)s, stok %(stock)s)")
                % {
                    "item": line.item.name,
                    "n": line.quantity_requested,
                    "uom": line.item.unit_of_measure,
                    "stock": line.item.stock,
                },
                min_value=0,
                max_value=line.quantity_requested,
                initial=min(line.quantity_requested, max(line.item.stock, 0)) or line.quantity_requested,
            )
            self.fields[name].widget.attrs["class"] = "form-control"
            self.line_fields.append((line, name))
        self.order_fields([name for _line, name in self.line_fields] + ["note"])

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[name] for line, name in self.line_fields}


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(BootstrapMixin, forms.Form):
    issued_on = forms.DateField(
        label=_("Tanggal penyerahan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan untuk hari ini."),
    )


class OpnameForm(BootstrapMixin, forms.Form):
    counted_quantity = forms.IntegerField(
        label=_("Jumlah hasil hitung fisik"), min_value=0, max_value=1_000_000
    )
    reason = forms.CharField(label=_("Alasan selisih"), max_length=255)


class StoreForm(BootstrapMixin, forms.Form):
    keeper_unit = forms.ModelChoiceField(label=_("Unit pengelola persediaan"), queryset=None, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keeper_unit"].queryset = units


class ReportForm(BootstrapMixin, forms.Form):
    month = forms.CharField(label=_("Bulan"), widget=forms.DateInput(attrs={"type": "month"}), required=False)
