"""Private notes beside the agenda: only the author ever reads them, and they stay with the agenda item."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse

from drechtsteden.models import Rol
from tafels import permissions, services
from tafels.models import PriveNotitie
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, pdf, secretaris_van, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db

GEHEIM = "Geheime afweging: Sliedrecht twijfelt over de bijdrage"


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid")


@pytest.fixture
def punt(tafel):
    return agendapunt(vergadering(tafel), titel="Fietsroute")


def _bestuurder(gemeente="Zwijndrecht"):
    from drechtsteden.models import Organisatie

    return GebruikerFactory(organisatie=Organisatie.objects.get(naam=gemeente), rollen=[Rol.Soort.BESTUURDER])


def _opslaan(punt, door, tekst=GEHEIM, versie=None):
    return services.prive_notitie_opslaan(agendapunt=punt, tekst=tekst, versie=versie, door=door)


# --- Service --------------------------------------------------------------------------------------


def test_bestuurder_saves_changes_and_removes_own_note(punt):
    """Create, change (version goes up), save unchanged (nothing changes), empty text removes the note."""
    bestuurder = _bestuurder()
    notitie = _opslaan(punt, bestuurder, versie=0)
    assert (notitie.tekst, notitie.versie, notitie.auteur) == (GEHEIM, 1, bestuurder)
    notitie = _opslaan(punt, bestuurder, "Nieuwe tekst", versie=1)
    assert notitie.versie == 2
    gewijzigd = notitie.gewijzigd_op
    assert _opslaan(punt, bestuurder, "  Nieuwe tekst  ", versie=2).gewijzigd_op == gewijzigd
    assert _opslaan(punt, bestuurder, "   ", versie=2) is None
    assert not PriveNotitie.objects.exists()


def test_each_bestuurder_has_own_note_on_the_same_item(punt):
    """Two bestuurders of the same gemeente each keep their own note; neither overwrites the other."""
    een, twee = _bestuurder(), _bestuurder()
    _opslaan(punt, een, "Van één")
    _opslaan(punt, twee, "Van twee")
    assert PriveNotitie.objects.van(een).get().tekst == "Van één"
    assert PriveNotitie.objects.van(twee).get().tekst == "Van twee"


def test_stale_version_is_refused_and_nothing_changes(punt):
    """A save from a window that showed an older version is refused; the stored text stays."""
    bestuurder = _bestuurder()
    _opslaan(punt, bestuurder, "Eerste", versie=0)
    _opslaan(punt, bestuurder, "Tweede venster", versie=1)
    with pytest.raises(ValidationError) as fout:
        _opslaan(punt, bestuurder, "Eerste venster, later", versie=1)
    assert fout.value.code == "verouderd"
    with pytest.raises(ValidationError):
        _opslaan(punt, _bestuurder(), "Nieuw", versie=3)  # no note yet: version 0
    assert [n.tekst for n in PriveNotitie.objects.all()] == ["Tweede venster"]


def test_too_long_is_refused(punt):
    """More than 5000 characters is refused with a Dutch message; nothing is saved."""
    with pytest.raises(ValidationError, match="ten hoogste 5000 tekens"):
        _opslaan(punt, _bestuurder(), "x" * 5001)
    assert not PriveNotitie.objects.exists()


@pytest.mark.parametrize("rol", [Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.RAADSLID, Rol.Soort.BEHEERDER,
                                 Rol.Soort.PROGRAMMAMANAGER])
def test_only_bestuurders_keep_notes(punt, rol):
    """Other roles, even a beheerder, get PermissionDenied and nothing is saved."""
    from drechtsteden.models import Organisatie

    gebruiker = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[rol])
    with pytest.raises(PermissionDenied):
        _opslaan(punt, gebruiker)
    assert not PriveNotitie.objects.exists()


def test_bestuurder_who_cannot_see_the_meeting_keeps_no_note(punt, tafel):
    """A bestuurder of a gemeente that left the table cannot see its draft meeting, nor write a note."""
    from drechtsteden.models import Organisatie

    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    services.lidmaatschap_afmelden(lidmaatschap=tafel.lidmaatschappen.get(organisatie=zwijndrecht),
                                   reden="Eigen aanpak", datum=datetime.date(2026, 1, 1), door=secretaris_van(tafel))
    assert not permissions.mag_notitie_schrijven(_bestuurder(), punt)
    with pytest.raises(PermissionDenied):
        _opslaan(punt, _bestuurder())


def test_only_the_author_may_read(punt):
    """The read permission is the author's alone."""
    auteur = _bestuurder()
    notitie = _opslaan(punt, auteur)
    beheerder = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER], is_superuser=True, is_staff=True)
    assert permissions.mag_notitie_lezen(auteur, notitie)
    assert not permissions.mag_notitie_lezen(_bestuurder(), notitie)
    assert not permissions.mag_notitie_lezen(beheerder, notitie)
    assert GEHEIM not in str(notitie)


# --- Views ----------------------------------------------------------------------------------------


def test_bestuurder_writes_a_note_and_sees_it_again(client, punt):
    """The htmx post answers with the note fragment; the meeting page shows the note to its author."""
    bestuurder = _bestuurder()
    client.force_login(bestuurder)
    url = reverse("tafels:prive_notitie", args=[punt.pk])
    response = client.post(url, {f"notitie-{punt.pk}-tekst": GEHEIM, f"notitie-{punt.pk}-versie": "0"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert GEHEIM in response.content.decode() and "Opgeslagen om" in response.content.decode()
    assert b"<html" not in response.content
    pagina = client.get(reverse("tafels:vergadering", args=[punt.vergadering_id])).content.decode()
    assert GEHEIM in pagina and "Alleen u ziet deze notitie" in pagina


def test_without_htmx_the_post_redirects_to_the_item(client, punt):
    """Without JavaScript the form posts and returns to the agenda item."""
    client.force_login(_bestuurder())
    response = client.post(reverse("tafels:prive_notitie", args=[punt.pk]), {f"notitie-{punt.pk}-tekst": GEHEIM})
    assert response.status_code == 302 and response["Location"].endswith(f"#punt-{punt.pk}")
    assert PriveNotitie.objects.get().tekst == GEHEIM


def test_stale_window_keeps_typed_text_and_shows_stored_text(client, punt):
    """A conflict shows the stored text and keeps what was typed in the box; nothing is lost or saved."""
    bestuurder = _bestuurder()
    _opslaan(punt, bestuurder, "Bewaard in het andere venster", versie=0)
    client.force_login(bestuurder)
    html = client.post(reverse("tafels:prive_notitie", args=[punt.pk]),
                       {f"notitie-{punt.pk}-tekst": "Net getypt", f"notitie-{punt.pk}-versie": "0"},
                       headers={"HX-Request": "true"}).content.decode()
    assert "in een ander venster gewijzigd" in html
    assert "Bewaard in het andere venster" in html and "Net getypt" in html
    assert PriveNotitie.objects.get().tekst == "Bewaard in het andere venster"


@pytest.mark.parametrize("waarde", ["abc", "-1", "99999999999"])
def test_bad_version_is_a_message_not_a_500(client, punt, waarde):
    """A malformed version gives a Dutch message and saves nothing."""
    client.force_login(_bestuurder())
    response = client.post(reverse("tafels:prive_notitie", args=[punt.pk]),
                           {f"notitie-{punt.pk}-tekst": GEHEIM, f"notitie-{punt.pk}-versie": waarde},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not PriveNotitie.objects.exists()


def test_others_never_see_the_note(client, punt):
    """Another bestuurder of the same gemeente, the table's secretary and a superuser see no trace of it."""
    _opslaan(punt, _bestuurder())
    secretaris = punt.vergadering.tafel.secretaris
    superuser = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER], is_superuser=True, is_staff=True)
    for gebruiker in (_bestuurder(), secretaris, superuser):
        client.force_login(gebruiker)
        for url in (reverse("tafels:vergadering", args=[punt.vergadering_id]),
                    reverse("tafels:besluitenlijst", args=[punt.vergadering_id]),
                    reverse("tafels:detail", args=[punt.vergadering.tafel_id])):
            assert GEHEIM not in client.get(url).content.decode(), (gebruiker, url)
        htmx = client.get(reverse("tafels:vergadering", args=[punt.vergadering_id]), headers={"HX-Request": "true"})
        assert GEHEIM not in htmx.content.decode()


@pytest.mark.parametrize("rol, gemeente, status", [
    (Rol.Soort.GEMEENTESECRETARIS, "Zwijndrecht", 403),   # sees the meeting, is no bestuurder
    (Rol.Soort.PROGRAMMAMEDEWERKER, "Zwijndrecht", 403),
    (Rol.Soort.RAADSLID, "Zwijndrecht", 403),             # reads only
])
def test_post_refused_and_nothing_saved(client, punt, rol, gemeente, status):
    """Users who may not keep notes get 403 on the post; nothing is saved."""
    from drechtsteden.models import Organisatie

    client.force_login(GebruikerFactory(organisatie=Organisatie.objects.get(naam=gemeente), rollen=[rol]))
    response = client.post(reverse("tafels:prive_notitie", args=[punt.pk]), {f"notitie-{punt.pk}-tekst": GEHEIM})
    assert response.status_code == status
    assert not PriveNotitie.objects.exists()


def test_bestuurder_outside_the_table_gets_404(client, punt):
    """A bestuurder of a gemeente not at the table does not even learn the draft meeting exists."""
    from tests.factories import OrganisatieFactory

    client.force_login(GebruikerFactory(organisatie=OrganisatieFactory(naam="Gorinchem"), rollen=[Rol.Soort.BESTUURDER]))
    response = client.post(reverse("tafels:prive_notitie", args=[punt.pk]), {f"notitie-{punt.pk}-tekst": GEHEIM})
    assert response.status_code == 404
    assert not PriveNotitie.objects.exists()


# --- The note stays with the agenda item -----------------------------------------------------------


def test_note_stays_through_new_document_versions_and_agenda_changes(client, punt):
    """A new version of a document, a retitled item and a moved item keep the note beside it."""
    bestuurder = _bestuurder()
    secretaris = punt.vergadering.tafel.secretaris
    stuk = services.stuk_uploaden(agendapunt=punt, bestand=pdf("notitie.pdf"), titel="Notitie", door=secretaris).stuk
    _opslaan(punt, bestuurder)
    agendapunt(punt.vergadering, titel="Ervoor")
    services.stuk_uploaden(agendapunt=punt, bestand=pdf("notitie-v2.pdf"), stuk=stuk, door=secretaris)
    services.agendapunt_update(agendapunt=punt, titel="Fietsroute (herzien)", toelichting="", soort=punt.soort,
                               minuten=20, processtap=punt.processtap, coalitie=None, door=secretaris)
    services.agendapunt_verplaatsen(agendapunt=punt, richting="omlaag", door=secretaris)
    client.force_login(bestuurder)
    html = client.get(reverse("tafels:vergadering", args=[punt.vergadering_id])).content.decode()
    assert GEHEIM in html and "Fietsroute (herzien)" in html
    assert html.index(f'id="notitie-{punt.pk}"') > html.index("Fietsroute (herzien)")


# --- Admin and exports ------------------------------------------------------------------------------


def test_notes_are_not_in_the_admin(client, punt):
    """The model is not in the admin; no list or change page of any registered model shows a note."""
    _opslaan(punt, _bestuurder())
    assert PriveNotitie not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        reverse("admin:tafels_privenotitie_changelist")
    superuser = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER], is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get("/beheer/tafels/privenotitie/").status_code == 404
    assert "privénotitie" not in client.get(reverse("admin:index")).content.decode().lower()
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        lijst = client.get(reverse("admin:%s_%s_changelist" % info))
        assert lijst.status_code == 200, info
        assert GEHEIM not in lijst.content.decode(), info
    for pk, model in ((punt.vergadering_id, "vergadering"), (punt.vergadering.tafel_id, "bestuurlijketafel")):
        html = client.get(reverse(f"admin:tafels_{model}_change", args=[pk])).content.decode()
        assert GEHEIM not in html


def test_notes_are_in_no_export_or_feed(client, punt):
    """Exports of coalitions, financing, calendar feeds and the raadsinformatie carry no note."""
    from tests.financiering.factories import voorbeeld_netwerk

    netwerk = voorbeeld_netwerk()
    auteur = _bestuurder()
    _opslaan(punt, auteur)
    superuser = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER], is_superuser=True, is_staff=True,
                                 organisatie=netwerk.gemeenten["Zwijndrecht"])
    client.force_login(superuser)
    urls = [reverse("coalities:exporteren", args=[soort, "csv"]) for soort in ("coalities", "deelnames", "toezeggingen")]
    urls += [reverse("financiering:netwerk_export", args=[2026, "csv"]),
             reverse("financiering:organisatie_export", args=[netwerk.gemeenten["Zwijndrecht"].pk, "csv"]),
             reverse("tafels:agenda_persoonlijk", args=[auteur.agenda_token]),
             reverse("tafels:agenda_tafel", args=[auteur.agenda_token, punt.vergadering.tafel_id]),
             reverse("raadsinformatie_pdf", args=[netwerk.gemeenten["Zwijndrecht"].pk]) + "?jaar=2026"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        inhoud = b"".join(response.streaming_content) if response.streaming else response.content
        assert GEHEIM.encode() not in inhoud, url
