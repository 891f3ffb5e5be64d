from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from events.models import (
    CalendarFeedToken,
    CoProposerLink,
    Endorsement,
    Event,
    EventChange,
    EventCohost,
    ExportLog,
    Proposal,
    ProposalComment,
    ProposalInvitation,
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


class CohostInline(admin.TabularInline):
    model = EventCohost
    extra = 0
    autocomplete_fields = ["group"]


class InvitationInline(admin.TabularInline):
    """The groups a proposal invites and their answers, read-only: coordinators answer on the
    site, where the rules (their group only, a reason to decline) are kept."""

    model = ProposalInvitation
    extra = 0
    fields = ["group", "status", "reason", "answered_by", "answered_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


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
    list_filter = ["kind", "status", "visibility", "modality", "country", "topics", "cohost_groups"]
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
    inlines = [CohostInline, SessionInline]


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
    inlines = [InvitationInline]


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


@admin.register(ProposalInvitation)
class ProposalInvitationAdmin(admin.ModelAdmin):
    """Groups invited to co-host, read-only, as in the proposal's inline (InvitationInline)."""

    list_display = ["proposal", "group", "status", "answered_at"]
    list_filter = ["status", "group"]
    list_select_related = ["proposal", "group"]
    fields = ["proposal", "group", "status", "reason", "answered_by", "answered_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EventCohost)
class EventCohostAdmin(admin.ModelAdmin):
    list_display = ["event", "group", "added_at"]
    list_filter = ["group"]
    raw_id_fields = ["event"]
    list_select_related = ["event", "group"]


@admin.register(ProposalComment)
class ProposalCommentAdmin(admin.ModelAdmin):
    list_display = ["proposal", "author", "created_at", "hidden_at"]
    search_fields = ["body__folded_contains"]
    raw_id_fields = ["proposal", "author", "hidden_by"]


@admin.register(EventChange)
class EventChangeAdmin(admin.ModelAdmin):
    """An event's history, written by the services that change events: read-only here (an
    empty "add" form had nothing to save and failed on the database's NOT NULL)."""

    list_display = ["event", "kind", "changed_by", "changed_at", "had_attendees"]
    list_filter = ["kind", "had_attendees"]
    raw_id_fields = ["event", "changed_by"]
    readonly_fields = [
        "event", "kind", "changes_in_order", "changed_by", "changed_at", "had_attendees",
    ]  # fmt: skip
    exclude = ["changes"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("changes"))
    def changes_in_order(self, obj: EventChange):
        # The same order as the notices (EventChange.ordered_changes), not the jsonb key order.
        return format_html_join("\n", "<div><code>{}</code>: {} → {}</div>", obj.ordered_changes())


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


@admin.register(CoProposerLink)
class CoProposerLinkAdmin(admin.ModelAdmin):
    """Links to co-propose a draft. An admin may delete one (it stops working at once) but
    never sees the secret: only its digest is stored."""

    list_display = ["proposal", "created_by", "created_at", "expires_at", "used_by", "used_at"]
    fields = ["proposal", "created_by", "created_at", "expires_at", "used_by", "used_at"]
    readonly_fields = fields
    list_select_related = ["proposal", "created_by", "used_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
