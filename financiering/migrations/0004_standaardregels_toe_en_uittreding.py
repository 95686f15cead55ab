"""The default rules for joining and leaving (docs/toe-en-uittreding.md explains each choice).

The seeds ask for clear rules for joining and leaving (seed 001, principle decision) without naming
terms; these are the documented starting points (`financiering.overgang.STANDAARDREGELS`), which the
beheerder adapts in the admin.
"""

from django.db import migrations

from financiering.overgang import STANDAARD_TOELICHTING, STANDAARDREGELS


def standaardregels(apps, schema_editor):
    Overgangsregel = apps.get_model("financiering", "Overgangsregel")
    for (niveau, richting), waarden in STANDAARDREGELS.items():
        Overgangsregel.objects.get_or_create(
            niveau=niveau, richting=richting, defaults={**waarden, "toelichting": STANDAARD_TOELICHTING}
        )


class Migration(migrations.Migration):
    dependencies = [("financiering", "0003_toe_en_uittreding")]
    operations = [migrations.RunPython(standaardregels, migrations.RunPython.noop)]
