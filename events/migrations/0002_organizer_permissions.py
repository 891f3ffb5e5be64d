from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here, as in members/0002: what organizers may do with proposals, events and topics.
ORGANIZER_PERMISSIONS = [
    ("events", "review_proposals"),
    ("events", "manage_events"),
    ("events", "view_proposal"),
    ("events", "view_event"),
    ("events", "add_topic"),
    ("events", "change_topic"),
    ("events", "view_topic"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Organizers")
    for app_label, codename in ORGANIZER_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Organizers").first()
    if group is not None:
        for app_label, codename in ORGANIZER_PERMISSIONS:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("members", "0002_organizer_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
