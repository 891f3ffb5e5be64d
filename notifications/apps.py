from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Receivers connect to the signals; tasks register by name, so that code that enqueues
        # by name (and eager mode in tests) finds them in every process, not only in workers.
        from notifications import receivers, tasks  # noqa: F401
