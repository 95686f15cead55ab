"""Project-wide checks: migrations and translations are complete."""

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.mark.django_db
def test_no_missing_migrations():
    """Every model change has a migration."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


CATALOG = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _po_entries(path: Path) -> list[dict]:
    """Parses a .po file into entries with flags, msgid and msgstr / msgstr[n] (obsolete #~ entries skipped)."""
    entries: list[dict] = []
    entry: dict = {"flags": set(), "fields": {}}
    field = None

    def finish() -> None:
        if "msgid" in entry["fields"]:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = {"flags": set(), "fields": {}}, None
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry["fields"][field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry["fields"][field] = ast.literal_eval(value)
    finish()
    return entries


def test_english_catalog_is_complete():
    """Every entry of the English catalog has a non-empty translation (also each plural form) and none is fuzzy."""
    entries = [e for e in _po_entries(CATALOG) if e["fields"]["msgid"]]
    assert len(entries) > 700
    empty = [
        e["fields"]["msgid"]
        for e in entries
        if any(not value for key, value in e["fields"].items() if key.startswith("msgstr"))
    ]
    fuzzy = [e["fields"]["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert empty == []
    assert fuzzy == []


def test_english_catalog_keeps_placeholders():
    """Every English translation contains exactly the placeholders of its Dutch source."""
    placeholder = re.compile(r"%\(\w+\)s|\{\w*\}")
    wrong = []
    for e in _po_entries(CATALOG):
        fields = e["fields"]
        if not fields["msgid"]:
            continue
        expected = sorted(placeholder.findall(fields.get("msgid_plural", fields["msgid"])))
        for key, value in fields.items():
            if key.startswith("msgstr") and key != "msgstr[0]" and sorted(placeholder.findall(value)) != expected:
                wrong.append((fields["msgid"], value))
    assert wrong == []


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        # tafels
        ("Mijn bestuurlijke tafels", "My governance tables"),
        ("Besluitenlijst", "Decision list"),
        ("Openstaande actiepunten", "Open action items"),
        ("te laat", "late"),
        # coalities
        ("Nog geen keuze", "No choice yet"),
        ("Sorteerbak %(tafel)s", "Sorting matrix %(tafel)s"),
        ("Toezeggingen: beloofd en geleverd", "Commitments: promised and delivered"),
        ("Instapmodel", "Later entry"),
        # financiering
        ("Verdeelsleutel", "Allocation key"),
        ("Netwerktotalen per jaar", "Network totals per year"),
        ("Scenario doorrekenen", "Calculate a scenario"),
        ("profijt", "benefit"),
        # core
        ("Bestuurlijke tafels", "Governance tables"),
    ],
)
def test_strings_of_each_app_translate_to_english(dutch, english):
    """With English active, the compiled catalog turns the Dutch source strings of every app into English."""
    with translation.override("en"):
        assert translation.gettext(dutch) == english
    with translation.override("nl"):
        assert translation.gettext(dutch) == dutch


def test_english_plurals_follow_the_count():
    """Plural entries pick the English singular or plural form by count."""
    with translation.override("en"):
        assert translation.ngettext("%(aantal)s coalitie", "%(aantal)s coalities", 1) % {"aantal": 1} == "1 coalition"
        assert translation.ngettext("%(aantal)s coalitie", "%(aantal)s coalities", 3) % {"aantal": 3} == "3 coalitions"
        assert translation.ngettext("%(minuten)s minuut", "%(minuten)s minuten", 20) % {"minuten": 20} == "20 minutes"


def test_choice_labels_are_english():
    """Choice labels of the apps' models are translated (lazy labels resolved under English)."""
    from coalities.models import Deelname
    from financiering.models import Sleutel
    from tafels.models import Vergadering

    with translation.override("en"):
        assert str(Deelname.Variant.INSTAP.label) == "Later entry"
        assert str(Vergadering.Status.GEHOUDEN.label) == "Held"
        assert str(Sleutel.VASTE_VOET_INWONERS.label) == "Fixed base + inhabitants"


def test_compiled_english_catalog_matches_the_po_file():
    """The committed .mo holds exactly the .po's translations (a forgotten compilemessages fails here)."""
    from django.utils import translation

    entries = [
        e["fields"]
        for e in _po_entries(CATALOG)
        if e["fields"]["msgid"] and "msgctxt" not in e["fields"] and "msgid_plural" not in e["fields"]
    ]
    with translation.override("en"):
        stale = [f["msgid"] for f in entries if translation.gettext(f["msgid"]) != f["msgstr"]]
    assert stale == []
