import pytest

from tests.financiering.factories import voorbeeld_netwerk

# The example of the issue, as a scenario file; the `netwerk` fixture holds the same in the database.
VOORBEELD_SCENARIO = {
    "jaar": 2026,
    "organisaties": [
        {"naam": "Alblasserdam", "inwoners": 20500},
        {"naam": "Dordrecht", "inwoners": 121000},
        {"naam": "Gorinchem", "inwoners": 38000, "soort": "partner"},
        {"naam": "Hardinxveld-Giessendam", "inwoners": 18500},
        {"naam": "Hendrik-Ido-Ambacht", "inwoners": 32000},
        {"naam": "Papendrecht", "inwoners": 32500},
        {"naam": "Sliedrecht", "inwoners": 26000},
        {"naam": "Zwijndrecht", "inwoners": 45000},
    ],
    "component_1": {"budget": "250000.00", "sleutel": "vaste_voet_inwoners", "vaste_voet_pct": "30"},
    "component_2": {"budget": "400000.00", "sleutel": "inwoners",
                    "vaste_bijdragen": [{"organisatie": "Gorinchem", "bedrag": "10000.00"}]},
    "coalities": [{"naam": "Fietsroute", "budget": "90000.00", "profijt": "gelijk",
                   "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"},
                                 {"organisatie": "Sliedrecht", "variant": "solidariteit", "bedrag": "5000.00"},
                                 {"organisatie": "Papendrecht", "variant": "instap", "instapdatum": "2026-07-01",
                                  "instapfee": "2500.00"},
                                 {"organisatie": "Zwijndrecht", "variant": "geen"}]}],
}


@pytest.fixture
def netwerk(db):
    """The seven gemeenten, Gorinchem as admitted partner, 2026 adopted as in the issue's example."""
    return voorbeeld_netwerk()
