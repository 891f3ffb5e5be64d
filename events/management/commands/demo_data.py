from django.core.management.base import BaseCommand

from events.demo import load_event_demo
from members.demo import DEMO_ORGANIZER_TOTP_SECRET, DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo members (Arabic, Persian, English) and an organizer, and print the logins."
    )

    def handle(self, *args, **options):
        demo = load_demo_data()
        events = load_event_demo(organizer=demo["organizer"], members=demo["members"])
        out = self.stdout
        out.write(self.style.SUCCESS("Demo data is ready. Every demo account's password:"))
        out.write(f"    {DEMO_PASSWORD}")
        out.write(self.style.SUCCESS("Organizer (two-factor authentication is set up):"))
        out.write(f"    email:        {demo['organizer'].email}")
        out.write(
            f"    TOTP secret:  {DEMO_ORGANIZER_TOTP_SECRET}  (add it to an authenticator app)"
        )
        out.write(f"    or a recovery code: {', '.join(demo['recovery_codes'])}")
        out.write(self.style.SUCCESS("Administrator (/admin/):"))
        out.write(f"    email:        {demo['admin'].email}  (same TOTP secret)")
        out.write(f"Topics: {events['topics']}, events: {events['events']}")
        out.write(f"Groups: {', '.join(group.slug for group in demo['groups'])}")
        out.write(self.style.SUCCESS("Members:"))
        for member in demo["members"]:
            out.write(
                f"    {member.email:<26} {member.preferred_language}  "
                f"{member.get_membership_status_display()}"
            )
