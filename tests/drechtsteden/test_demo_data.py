import pytest
from django.core.management import call_command

from drechtsteden.models import Gebruiker, Organisatie, Rol, Thema

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_complete(capsys):
    """Running demo_data twice gives the same network: 7 gemeenten, 3 neighbours, partners, one user per role."""
    call_command("demo_data")
    call_command("demo_data")
    out = capsys.readouterr().out
    assert Organisatie.objects.drechtstedengemeenten().count() == 7
    assert set(Organisatie.objects.aanpalende_gemeenten().values_list("naam", flat=True)) == {
        "Hoeksche Waard", "Molenlanden", "Gorinchem"}
    assert Organisatie.objects.partners().count() >= 3
    assert Thema.objects.filter(slug="bereikbaarheid").exists()
    assert set(Rol.objects.values_list("rol", flat=True)) == set(Rol.Soort.values)
    assert Gebruiker.objects.count() >= len(Rol.Soort.values)
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    assert dordrecht.inwonertallen.get().aantal == 121_000
    assert dordrecht.inwonertallen.get().indicatief
    assert "Drechtsteden-demo-2026" in out
    assert Gebruiker.objects.get(username="secretaris").check_password("Drechtsteden-demo-2026")
