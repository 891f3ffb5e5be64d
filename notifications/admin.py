from django.contrib import admin

from notifications.models import Delivery, ReminderPlan, Suppression


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = [
        "key",
        "recipient__email",
        "recipient__display_name__folded_contains",  # Persian/Arabic variants: members/text.py
        "last_error",
    ]
    raw_id_fields = ["recipient", "rsvp", "event"]
    readonly_fields = ["key", "created_at", "sent_at", "attempts", "last_error"]
    date_hierarchy = "created_at"


@admin.register(ReminderPlan)
class ReminderPlanAdmin(admin.ModelAdmin):
    list_display = ["event", "week", "day", "hour"]
    raw_id_fields = ["event"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "scope", "created_at"]
    list_filter = ["scope"]
    search_fields = ["email"]
