from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.orgadmin.forms import BootstrapMixin


class ClientForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Kantor"), empty_label=None)
    name = forms.CharField(
        label=_("Nama aplikasi"),
        max_length=100,
        help_text=_("Misalnya: Aplikasi Lapor Warga Kota. Kunci hanya ditampilkan sekali setelah dibuat."),
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = offices
        self.fields["organisation"].error_messages["invalid_choice"] = _("Pilih kantor yang Anda kelola.")
