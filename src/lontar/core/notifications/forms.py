from django import forms

from lontar.core.notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email", "sms", "whatsapp"]
        widgets = {name: forms.CheckboxInput(attrs={"class": "form-check-input"}) for name in fields}
