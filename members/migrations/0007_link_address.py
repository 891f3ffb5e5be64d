from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_vouching"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="link_address",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "The address I last signed in through"),
                    ("web", "Web address"),
                    ("onion", "Onion address (for Tor Browser)"),
                ],
                default="",
                max_length=8,
                verbose_name="links in my emails",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="signed_in_through_onion",
            field=models.BooleanField(
                default=False, verbose_name="last signed in through the onion address"
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("link_address__in", ["", "web", "onion"])),
                name="member_link_address_known",
            ),
        ),
    ]
