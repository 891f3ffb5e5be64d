"""The organizer role: a Django group whose permissions are granted by migrations, not by hand."""

from django.contrib.auth.models import Group

ORGANIZER_GROUP_NAME = "Organizers"


def organizer_group() -> Group:
    return Group.objects.get(name=ORGANIZER_GROUP_NAME)
