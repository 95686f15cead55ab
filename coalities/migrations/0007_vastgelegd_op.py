"""Timestamps are named <werkwoord>_op everywhere: created_at becomes vastgelegd_op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("coalities", "0006_merge_20261130_0007")]

    operations = [
        migrations.RenameField("voortgangsrapportage", "created_at", "vastgelegd_op"),
        migrations.RenameField("resultaatenles", "created_at", "vastgelegd_op"),
    ]
