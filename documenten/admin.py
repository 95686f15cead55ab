from django.contrib import admin

from .models import Documentopdracht


@admin.register(Documentopdracht)
class DocumentopdrachtAdmin(admin.ModelAdmin):
    list_display = ["soort", "status", "door", "aangemaakt_op", "klaar_op"]
    list_filter = ["soort", "status"]
    readonly_fields = [f.name for f in Documentopdracht._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
