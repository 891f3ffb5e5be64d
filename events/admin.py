from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from events.models import (
    CalendarFeedToken,
    Endorsement,
    Event,
    EventChange,
    ExportLog,
    Proposal,
    ProposalComment,
    Rsvp,
    Session,
    Topic,
)


# Search boxes match names and titles across Persian and Arabic keyboards' letter variants
# (ی/ي/ى, ک/ك, diacritics...): `folded_contains`, members/text.py.
@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["slug", "name"]
    search_fields = [
        "slug",
        "name_ar__folded_contains",
        "name_fa__folded_contains",
        "name_en__folded_contains",
    ]


class SessionInline(TranslationTabularInline):
    model = Session
    extra = 0
    raw_id_fields = ["speakers"]


# Meeting links are https unless typed otherwise (Django 6's default, chosen now).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "kind", "starts_at", "visibility", "status", "capacity", "country"]
    list_filter = ["kind", "status", "visibility", "modality", "country", "topics"]
    search_fields = [
        "title_ar__folded_contains",
        "title_fa__folded_contains",
        "title_en__folded_contains",
        "city__folded_contains",
    ]
    date_hierarchy = "starts_at"
    raw_id_fields = ["organizers"]
    readonly_fields = [
        "sequence",
        "personal_data_erased_at",
        "erased_interpretation_counts",
        "created_at",
        "updated_at",
    ]
    inlines = [SessionInline]


@admin.register(Proposal)
class ProposalAdmin(TranslationAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "kind", "proposer", "state", "submitted_at", "decided_at"]
    list_filter = ["state", "kind", "modality", "topics"]
    search_fields = [
        "title_ar__folded_contains",
        "title_fa__folded_contains",
        "title_en__folded_contains",
        "proposer__display_name__folded_contains",
    ]
    raw_id_fields = ["proposer", "co_proposers", "decided_by", "event"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["title", "event", "starts_at", "room", "language"]
    list_filter = ["language"]
    search_fields = [
        "title_ar__folded_contains",
        "title_fa__folded_contains",
        "title_en__folded_contains",
        "speaker_names__folded_contains",
    ]
    raw_id_fields = ["event", "speakers"]


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ["display_name", "event", "status", "interpretation", "checked_in_at"]
    list_filter = ["status", "interpretation", ("checked_in_at", admin.EmptyFieldListFilter)]
    search_fields = [
        "member__display_name__folded_contains",
        "guest_name__folded_contains",
        "guest_email",
    ]
    raw_id_fields = ["event", "member", "checked_in_by"]
    readonly_fields = ["checkin_code", "created_at", "updated_at"]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ["proposal", "member", "created_at"]
    raw_id_fields = ["proposal", "member"]


@admin.register(ProposalComment)
class ProposalCommentAdmin(admin.ModelAdmin):
    list_display = ["proposal", "author", "created_at"]
    search_fields = ["body__folded_contains"]
    raw_id_fields = ["proposal", "author"]


@admin.register(EventChange)
class EventChangeAdmin(admin.ModelAdmin):
    """An event's history, written by the services that change events: read-only here (an
    empty "add" form had nothing to save and failed on the database's NOT NULL)."""

    list_display = ["event", "kind", "changed_by", "changed_at", "had_attendees"]
    list_filter = ["kind", "had_attendees"]
    raw_id_fields = ["event", "changed_by"]
    readonly_fields = ["event", "kind", "changes", "changed_by", "changed_at", "had_attendees"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """The audit log of exports: readable by admins, written only by the exports themselves."""

    list_display = ["exported_at", "kind", "event", "exported_by", "all_emails", "language"]
    list_filter = ["kind", "all_emails"]
    date_hierarchy = "exported_at"
    raw_id_fields = ["event", "exported_by"]
    readonly_fields = ["event", "exported_by", "kind", "all_emails", "language", "exported_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    """Private calendar addresses in use. An admin may delete one (it stops working at once)
    but never sees or sets the secret: only its digest is stored."""

    list_display = ["member", "created_at"]
    raw_id_fields = ["member"]
    fields = ["member", "created_at"]
    readonly_fields = ["member", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
