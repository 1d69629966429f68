# The correspondence module's first migration: its models follow in the next ones.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0006_files_in_private_storage"),
        ("records", "0001_initial"),
    ]

    operations = []
