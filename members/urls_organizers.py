from django.urls import path

from members import views_organizers

app_name = "organizers"

urlpatterns = [
    path("members/", views_organizers.member_review_list, name="members"),
    path(
        "members/<int:member_id>/approve/", views_organizers.member_approve, name="member_approve"
    ),
    path("members/<int:member_id>/reject/", views_organizers.member_reject, name="member_reject"),
]
