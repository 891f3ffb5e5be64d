from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models import CharField, TextField
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        # Tasks register by name, so that account mail enqueued by name (and eager mode in
        # tests) finds its task in every process, not only in workers.
        from members import tasks  # noqa: F401

        # Searches match across Persian and Arabic letter variants (members/text.py).
        from members.text import FoldedContains, register_sqlite_fold

        CharField.register_lookup(FoldedContains)
        TextField.register_lookup(FoldedContains)
        connection_created.connect(register_sqlite_fold)
