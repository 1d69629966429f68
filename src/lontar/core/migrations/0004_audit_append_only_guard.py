# Partly hand-written: keep the RunPython when migrations are regenerated. Events keep the ids of
# deleted accounts and offices (DO_NOTHING), and the database refuses to rewrite the trail
# (lontar.core.audit_guard).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lontar.core import audit_guard


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_issued_number_unique_text_per_year'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='pelaku'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.organisation', verbose_name='organisasi'),
        ),
        migrations.RunPython(audit_guard.install, audit_guard.remove),
    ]
