"""Extract and index stored files again, e.g. after a restore or when queued tasks were lost."""

from django.core.management.base import BaseCommand

from lontar.core.files import services
from lontar.core.files.models import StoredFile


class Command(BaseCommand):
    help = "Ekstrak teks berkas yang belum diekstrak dan perbarui indeks pencarian semua berkas."

    def handle(self, *args, **options):
        count = 0
        for stored_file_id in StoredFile.objects.values_list("pk", flat=True).iterator(chunk_size=500):
            stored = services.extract_text(stored_file_id=stored_file_id)
            if stored is not None:
                services.index_file(stored_file=stored)
                count += 1
        self.stdout.write(f"{count} berkas diindeks.")
