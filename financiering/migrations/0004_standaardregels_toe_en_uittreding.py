"""The default rules for joining and leaving (docs/toe-en-uittreding.md explains each choice).

The seeds ask for clear rules for joining and leaving (seed 001, principle decision) without naming
terms; these are the documented starting points, which the beheerder adapts in the admin.
"""

from django.db import migrations

TOELICHTING = "Standaardregel bij de inrichting van het portaal; de bronstukken noemen geen termijnen. Zie docs/toe-en-uittreding.md."

REGELS = [
    # niveau, richting, opzegtermijn, terugwerkend, financiering per, verschuldigd, component 2 loopt door
    ("samenwerking", "uittreding", 12, 30, "eerste_januari", "volledig_jaar", True),
    ("samenwerking", "toetreding", 0, 30, "eerste_januari", "niets", False),
    ("tafel", "uittreding", 6, 30, "eerste_januari", "naar_rato", True),
    ("tafel", "toetreding", 0, 30, "eerste_van_maand", "naar_rato", False),
    ("coalitie", "uittreding", 3, 30, "eerste_januari", "naar_rato", False),
    ("coalitie", "toetreding", 0, 30, "ingang", "naar_rato", False),
]


def standaardregels(apps, schema_editor):
    Overgangsregel = apps.get_model("financiering", "Overgangsregel")
    for niveau, richting, termijn, terug, per, verschuldigd, doorlopend in REGELS:
        Overgangsregel.objects.get_or_create(
            niveau=niveau,
            richting=richting,
            defaults={
                "opzegtermijn_maanden": termijn, "terugwerkend_dagen": terug, "financiering_per": per,
                "verschuldigd": verschuldigd, "component_2_loopt_door": doorlopend, "toelichting": TOELICHTING,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("financiering", "0003_toe_en_uittreding")]
    operations = [migrations.RunPython(standaardregels, migrations.RunPython.noop)]
