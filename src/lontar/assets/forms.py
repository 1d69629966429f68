"""Forms of the assets screens: parse and check input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.assets.kinds import CHOICE, DATE, DECIMAL, DETAIL_FIELDS, NUMBER, YESNO, KibKind
from lontar.assets.models import AssetStatus, Condition, Origin
from lontar.core.orgadmin.forms import BootstrapMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssetFilterForm(BootstrapMixin, forms.Form):
    kib = forms.ChoiceField(
        label=_("KIB"), required=False, choices=[("", _("Semua")), *list(KibKind.choices)]
    )
    kondisi = forms.ChoiceField(
        label=_("Kondisi"), required=False, choices=[("", _("Semua")), *list(Condition.choices)]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Aktif & diusulkan")), *list(AssetStatus.choices)]
    )
    cari = forms.CharField(label=_("Cari nama, kode, label"), required=False, max_length=100)
    saya = forms.BooleanField(label=_("Yang saya pegang"), required=False)


def detail_form_field(spec):
    if spec.type in (CHOICE, YESNO):
        return forms.ChoiceField(label=spec.label, required=False, choices=[("", "—"), *spec.options()])
    if spec.type == DATE:
        return forms.DateField(label=spec.label, required=False, widget=DATE_WIDGET)
    if spec.type == NUMBER:
        return forms.IntegerField(label=spec.label, required=False, min_value=0)
    if spec.type == DECIMAL:
        return forms.DecimalField(
            label=spec.label, required=False, min_value=0, decimal_places=2, max_digits=14
        )
    return forms.CharField(label=spec.label, required=False, max_length=spec.max_length)


class AssetForm(BootstrapMixin, forms.Form):
    """The common fields plus the fields of the asset's card (added per KIB, prefixed "d_")."""

    name = forms.CharField(label=_("Nama barang"), max_length=200)
    brand_type = forms.CharField(label=_("Merk/tipe"), max_length=150, required=False)
    acquisition_year = forms.IntegerField(label=_("Tahun perolehan"), min_value=1900, max_value=2100)
    acquisition_date = forms.DateField(label=_("Tanggal perolehan"), required=False, widget=DATE_WIDGET)
    value = forms.IntegerField(
        label=_("Nilai perolehan (Rp)"), min_value=0, help_text=_("Rupiah penuh tanpa titik, mis. 8500000.")
    )
    origin = forms.ChoiceField(label=_("Asal usul"), choices=Origin.choices)
    condition = forms.ChoiceField(label=_("Kondisi"), choices=Condition.choices)
    room = forms.ModelChoiceField(label=_("Ruangan"), queryset=None, required=False)
    location = forms.CharField(label=_("Lokasi (bila tidak di ruangan)"), max_length=255, required=False)
    holder = forms.ModelChoiceField(label=_("Pemegang"), queryset=None, required=False)
    notes = forms.CharField(
        label=_("Keterangan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    half_width = frozenset(
        {"acquisition_year", "acquisition_date", "value", "origin", "condition", "room", "holder"}
    )

    def __init__(self, *args, kind: str, rooms, staff, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if editing:
            del self.fields["room"], self.fields["holder"]
        else:
            self.fields["room"].queryset, self.fields["holder"].queryset = rooms, staff
        for spec in DETAIL_FIELDS.get(kind, ()):
            field = detail_form_field(spec)
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
            self.fields[f"d_{spec.key}"] = field
        self.groups = [
            (_("Data umum"), [n for n in self.fields if not n.startswith("d_")]),
            (KibKind(kind).label, [n for n in self.fields if n.startswith("d_")]),
        ]

    def details(self) -> dict:
        return {
            name[2:]: ("" if value is None else value)
            for name, value in self.cleaned_data.items()
            if name.startswith("d_")
        }

    @staticmethod
    def initial_for(asset) -> dict:
        data = {
            k: getattr(asset, k)
            for k in (
                "name",
                "brand_type",
                "acquisition_year",
                "acquisition_date",
                "value",
                "origin",
                "condition",
                "location",
                "notes",
            )
        }
        data.update({f"d_{k}": v for k, v in asset.details.items()})
        return data


class PhotoForm(BootstrapMixin, forms.Form):
    photo = forms.FileField(label=_("Foto (JPG/PNG)"))


class TransferForm(BootstrapMixin, forms.Form):
    to_room = forms.ModelChoiceField(label=_("Ruangan tujuan"), queryset=None, required=False)
    to_holder = forms.ModelChoiceField(label=_("Pemegang baru"), queryset=None, required=False)
    moved_on = forms.DateField(label=_("Tanggal mutasi"), required=False, widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Alasan"), max_length=255)
    handover = forms.FileField(label=_("Berita acara serah terima (PDF, opsional)"), required=False)

    def __init__(self, *args, rooms, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_room"].queryset, self.fields["to_holder"].queryset = rooms, staff


class DamageForm(BootstrapMixin, forms.Form):
    description = forms.CharField(
        label=_("Kerusakan yang terlihat"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoomForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Kode ruangan"), max_length=20)
    name = forms.CharField(label=_("Nama ruangan"), max_length=120)
    building = forms.CharField(label=_("Gedung/lantai"), max_length=120, required=False)
    responsible = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=None, required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff


class StockTakeForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Judul sesi"), max_length=150)
    room = forms.ModelChoiceField(
        label=_("Ruangan"), queryset=None, required=False, help_text=_("Kosongkan untuk seluruh kantor.")
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms


class CheckForm(BootstrapMixin, forms.Form):
    found = forms.TypedChoiceField(
        label=_("Hasil"),
        choices=[("1", _("Ditemukan")), ("0", _("Tidak ditemukan"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    found_room = forms.ModelChoiceField(label=_("Ditemukan di ruangan"), queryset=None, required=False)
    found_condition = forms.ChoiceField(label=_("Kondisi"), choices=Condition.choices, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["found_room"].queryset = rooms


class LabelLookupForm(BootstrapMixin, forms.Form):
    label = forms.CharField(label=_("Kode label (ketik atau pindai)"), max_length=12)


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)


class RequiredNoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Alasan"), max_length=255)


class AssignForm(BootstrapMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Petugas"), queryset=None)
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label_from_instance = lambda u: u.display_name


class ResolveForm(BootstrapMixin, forms.Form):
    work_done = forms.CharField(
        label=_("Pekerjaan yang dilakukan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    cost = forms.IntegerField(label=_("Biaya (Rp)"), min_value=0, initial=0)
    resulting_condition = forms.ChoiceField(label=_("Kondisi setelah perbaikan"), choices=Condition.choices)
    resolved_on = forms.DateField(label=_("Tanggal selesai"), required=False, widget=DATE_WIDGET)


class DisposalForm(BootstrapMixin, forms.Form):
    assets = forms.ModelMultipleChoiceField(
        label=_("Aset yang diusulkan"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Alasan penghapusan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(label=_("Dokumen usulan (PDF, opsional)"), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assets"].queryset = candidates
        self.fields["assets"].widget.attrs["class"] = "form-check-input"
        self.fields["assets"].label_from_instance = lambda a: (
            f"{a.code.code} · {a.register_number} · {a.name} ({a.get_condition_display()})"
        )


class DecreeForm(BootstrapMixin, forms.Form):
    decree_number = forms.CharField(label=_("Nomor SK penghapusan"), max_length=100)
    decree_date = forms.DateField(label=_("Tanggal SK"), widget=DATE_WIDGET)


class CodeForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Uraian"), max_length=255)
    is_active = forms.BooleanField(label=_("Aktif"), required=False)


class CodeImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Berkas CSV/XLSX (kolom code, title, is_active)"))
    apply = forms.BooleanField(label=_("Terapkan (tanpa centang: hanya pratinjau)"), required=False)
