# Hand-written: keep when migrations are regenerated. The search index's database-specific parts
# (PostgreSQL tsvector + GIN + trigram indexes, SQLite FTS5 tables) are created here, guarded by vendor.
from django.db import migrations

from lontar.core.search import sql


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        sql.TrigramExtensionOnPostgres(),
        migrations.RunPython(sql.create, sql.drop),
    ]
