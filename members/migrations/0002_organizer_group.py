from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here: later apps add their own permissions to the group in their own migrations.
ORGANIZER_GROUP_NAME = "Organizers"
ORGANIZER_PERMISSIONS = [("members", "review_members"), ("members", "view_user")]


def create_organizer_group(apps, schema_editor):
    # Permissions are normally created after all migrations; organizers need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=ORGANIZER_GROUP_NAME)
    for app_label, codename in ORGANIZER_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_organizer_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ORGANIZER_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_organizer_group, remove_organizer_group)]
