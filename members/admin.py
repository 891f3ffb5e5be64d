from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from members.forms import normalise_display_name
from members.models import AllianceGroup, ApiToken, GroupMembership, User, Vouch, VouchLink


class MemberCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name", "preferred_language"]

    def clean_display_name(self) -> str:
        return normalise_display_name(self.cleaned_data["display_name"])


class MemberChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_display_name(self) -> str:
        return normalise_display_name(self.cleaned_data["display_name"])


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = MemberCreationForm
    form = MemberChangeForm
    ordering = ["-date_joined"]
    list_display = [
        "email",
        "display_name",
        "preferred_language",
        "time_zone",
        "membership_status",
        "membership_reviewed_at",
        "is_staff",
        "date_joined",
    ]
    list_filter = [
        "membership_status",
        "preferred_language",
        "is_staff",
        "is_active",
        "groups",
        ("deleted_at", admin.EmptyFieldListFilter),
    ]
    # `folded_contains`: Persian and Arabic letter variants match (members/text.py).
    search_fields = ["email", "display_name__folded_contains"]
    readonly_fields = ["date_joined", "last_login", "membership_reviewed_at", "deleted_at"]
    raw_id_fields = ["membership_reviewed_by"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {"fields": ["display_name", "preferred_language", "time_zone", "digit_style", "bio"]},
        ),
        (
            _("Notifications"),
            {
                "fields": [
                    "reminders_enabled",
                    "remind_week_before",
                    "remind_day_before",
                    "remind_hour_before",
                    "remind_when_maybe",
                    "weekly_digest",
                    "email_notices",
                ]
            },
        ),
        (
            _("Membership"),
            {
                "fields": [
                    "membership_status",
                    "membership_reviewed_by",
                    "membership_reviewed_at",
                    "membership_rejection_reason",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["date_joined", "last_login", "deleted_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "display_name",
                    "preferred_language",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    raw_id_fields = ["member", "decided_by"]
    fields = ["member", "status", "role", "show_publicly", "requested_at", "decided_by"]


@admin.register(AllianceGroup)
class AllianceGroupAdmin(TranslationAdmin):
    list_display = ["slug", "name", "country", "in_exile", "in_arabic", "in_persian", "in_english"]
    list_filter = ["in_exile", "country", "in_arabic", "in_persian", "in_english"]
    search_fields = [
        "slug",
        "name_ar__folded_contains",
        "name_fa__folded_contains",
        "name_en__folded_contains",
    ]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [GroupMembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "group", "status", "role", "show_publicly", "requested_at"]
    list_filter = ["status", "role", "group"]
    search_fields = ["member__display_name__folded_contains", "member__email"]
    raw_id_fields = ["member", "decided_by"]
    list_select_related = ["member", "group"]


@admin.register(Vouch)
class VouchAdmin(admin.ModelAdmin):
    """Who vouched for whom (MEMBERSHIP_APPROVAL): recorded by the vouching page, never here."""

    list_display = ["member", "voucher", "created_at"]
    search_fields = [
        "member__display_name__folded_contains",
        "voucher__display_name__folded_contains",
    ]
    raw_id_fields = ["member", "voucher"]
    list_select_related = ["member", "voucher"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(VouchLink)
class VouchLinkAdmin(admin.ModelAdmin):
    """Pending members' vouching links in use. An admin may delete one (it stops working at
    once) but never sees the secret: only its digest is stored."""

    list_display = ["member", "created_at"]
    fields = ["member", "created_at"]
    readonly_fields = ["member", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Members' personal API tokens. An admin may revoke one by deleting it (it stops working
    at once) but never sees the secret: only its digest is stored, and not shown either."""

    list_display = ["label", "prefix", "member", "created_at", "last_used_on"]
    fields = ["member", "label", "prefix", "created_at", "last_used_on"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
