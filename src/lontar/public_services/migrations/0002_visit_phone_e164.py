"""Booking phone numbers were kept as 08…; applications keep +62… (E.164). One format for both."""

from django.db import migrations


def to_e164(apps, schema_editor):
    Visit = apps.get_model("public_services", "Visit")
    for visit in Visit.objects.filter(phone__startswith="0").only("pk", "phone").iterator():
        Visit.objects.filter(pk=visit.pk).update(phone="+62" + visit.phone[1:])


def to_local(apps, schema_editor):
    Visit = apps.get_model("public_services", "Visit")
    for visit in Visit.objects.filter(phone__startswith="+62").only("pk", "phone").iterator():
        Visit.objects.filter(pk=visit.pk).update(phone="0" + visit.phone[3:])


class Migration(migrations.Migration):
    dependencies = [("public_services", "0001_initial")]

    operations = [migrations.RunPython(to_e164, to_local)]
