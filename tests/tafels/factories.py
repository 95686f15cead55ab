"""factory_boy factories and small helpers for the tafels tests."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from tafels import services
from tafels.models import Agendapunt, BestuurlijkeTafel, Lidmaatschap, Processtap, Vergadering
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory, drechtsteden

# The smallest valid PDF: enough for content sniffing (starts with %PDF).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(naam: str = "stuk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, PDF_BYTES, content_type="application/pdf")


def docx(naam: str = "notitie.docx") -> SimpleUploadedFile:
    """A real (minimal) DOCX written with zipfile: filetype recognises it by its content."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archief.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(naam, buffer.getvalue())


class TafelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BestuurlijkeTafel

    thema = factory.SubFactory(ThemaFactory)
    naam = factory.Sequence(lambda n: f"Tafel {n}")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    tafel = factory.SubFactory(TafelFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)


def tafel_met_leden(**kwargs) -> BestuurlijkeTafel:
    """A table made by the service: the seven real gemeenten take part, with a secretary."""
    drechtsteden()
    kwargs.setdefault("thema", ThemaFactory())
    kwargs.setdefault("naam", f"Tafel {BestuurlijkeTafel.objects.count() + 1}")
    kwargs.setdefault("secretaris", GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMANAGER], organisatie=_dordrecht()))
    kwargs.setdefault("door", systeem())
    return services.tafel_create(**kwargs)


def _dordrecht():
    from drechtsteden.models import Organisatie

    return Organisatie.objects.get(naam="Dordrecht")


def secretaris_van(obj):
    """Who edits in a test that names nobody: the secretary of the object's table, else the portal itself.

    ``obj`` is a table, membership, meeting, agenda item or action.
    """
    for pad in ("agendapunt", "vergadering", "tafel"):
        obj = getattr(obj, pad, obj)
    return obj.secretaris or systeem()


def vergadering(tafel: BestuurlijkeTafel, *, over_dagen: int = 30, **kwargs) -> Vergadering:
    kwargs.setdefault("door", secretaris_van(tafel))
    return services.vergadering_create(
        tafel=tafel, begint_om=timezone.now() + datetime.timedelta(days=over_dagen), plaats="Stadskantoor", **kwargs
    )


def houden(vergadering: Vergadering) -> Vergadering:
    """Takes a meeting (planned in the past or today) through agenda and papers to held: its decisions
    and actions are recorded now. Agenda items are added before, while the agenda is a draft."""
    for stap in (Vergadering.Status.AGENDA_VASTGESTELD, Vergadering.Status.STUKKEN_VERZONDEN, Vergadering.Status.GEHOUDEN):
        if Vergadering.VOLGORDE.index(vergadering.status) < Vergadering.VOLGORDE.index(stap):
            services.vergadering_status_verder(vergadering=vergadering, naar=stap, door=secretaris_van(vergadering))
    return vergadering


def na_vergadering(vergadering: Vergadering, dagen: int = 30) -> datetime.date:
    """A deadline `dagen` days after the meeting: an action is due on or after the day of its meeting."""
    return vergadering.datum + datetime.timedelta(days=dagen)


def agendapunt(vergadering: Vergadering, titel: str = "Voortgang", **kwargs) -> Agendapunt:
    kwargs.setdefault("processtap", Processtap.VOORTGANG)
    kwargs.setdefault("door", secretaris_van(vergadering))
    return services.agendapunt_create(vergadering=vergadering, titel=titel, **kwargs)
