# Uploads move from the default storage (MEDIA_ROOT) to the private store, which no URL serves.
# Files an installation already holds under MEDIA_ROOT are moved along (file systems only).
import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import lontar.core.files.models
import lontar.core.files.storage


def move_uploads_out_of_media(apps, schema_editor):
    if "private" in settings.STORAGES:
        return  # a configured private store is the deployment's own business
    media, private = Path(settings.MEDIA_ROOT), Path(settings.LONTAR_PRIVATE_ROOT)
    StoredFile = apps.get_model("core", "StoredFile")
    for name in StoredFile.objects.values_list("file", flat=True).iterator():
        source, target = media / name, private / name
        if name and source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_delivery_next_attempt_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='storedfile',
            name='file',
            field=models.FileField(max_length=255, storage=lontar.core.files.storage.private_storage, upload_to=lontar.core.files.models.upload_path, verbose_name='berkas'),
        ),
        migrations.RunPython(move_uploads_out_of_media, migrations.RunPython.noop),
    ]
