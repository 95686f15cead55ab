"""factory_boy factories and small helpers for the tafels tests."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from drechtsteden.models import Rol
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
    return services.tafel_create(**kwargs)


def _dordrecht():
    from drechtsteden.models import Organisatie

    return Organisatie.objects.get(naam="Dordrecht")


def vergadering(tafel: BestuurlijkeTafel, *, over_dagen: int = 30, **kwargs) -> Vergadering:
    return services.vergadering_create(
        tafel=tafel, begint_om=timezone.now() + datetime.timedelta(days=over_dagen), plaats="Stadskantoor", **kwargs
    )


def agendapunt(vergadering: Vergadering, titel: str = "Voortgang", **kwargs) -> Agendapunt:
    kwargs.setdefault("processtap", Processtap.VOORTGANG)
    return services.agendapunt_create(vergadering=vergadering, titel=titel, **kwargs)
