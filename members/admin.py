from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from members.forms import normalise_display_name
from members.models import User


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
