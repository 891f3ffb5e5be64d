"""What a proposal and the event made from it share: kind, texts, time, place and languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import EventKind, Modality
from members.validators import validate_time_zone

MAX_DESCRIPTION_LENGTH = 20_000
CONTENT_LANGUAGES = ("ar", "fa", "en")


class EventDetails(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION_LENGTH, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    modality = models.CharField(_("format"), max_length=16, choices=Modality.choices)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    meeting_link = models.URLField(_("meeting link"), max_length=500, blank=True)
    in_arabic = models.BooleanField(_("held in Arabic"), default=False)
    in_persian = models.BooleanField(_("held in Persian"), default=False)
    in_english = models.BooleanField(_("held in English"), default=False)
    interpretation_ar = models.BooleanField(_("interpretation into Arabic"), default=False)
    interpretation_fa = models.BooleanField(_("interpretation into Persian"), default=False)
    interpretation_en = models.BooleanField(_("interpretation into English"), default=False)
    topics = models.ManyToManyField("events.Topic", verbose_name=_("topics"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def languages(self) -> list[str]:
        flags = {"ar": self.in_arabic, "fa": self.in_persian, "en": self.in_english}
        return [code for code in CONTENT_LANGUAGES if flags[code]]

    @property
    def interpretation_languages(self) -> list[str]:
        flags = {
            "ar": self.interpretation_ar,
            "fa": self.interpretation_fa,
            "en": self.interpretation_en,
        }
        return [code for code in CONTENT_LANGUAGES if flags[code]]

    @property
    def content_languages(self) -> list[str]:
        """Languages the title is written in, in the alliance's order."""
        return [code for code in CONTENT_LANGUAGES if getattr(self, f"title_{code}", "")]

    @property
    def is_online(self) -> bool:
        return self.modality in (Modality.ONLINE, Modality.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.modality in (Modality.IN_PERSON, Modality.HYBRID)

    @staticmethod
    def details_constraints(prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name=f"{prefix}_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name=f"{prefix}_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(modality__in=Modality.values), name=f"{prefix}_modality_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(title_ar="", title_fa="", title_en=""),
                name=f"{prefix}_has_a_title",
            ),
        ]
