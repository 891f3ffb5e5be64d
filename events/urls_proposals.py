from django.urls import path

from events.views import co_proposers, comments, proposals, review

app_name = "proposals"

urlpatterns = [
    path("", proposals.index, name="index"),
    path("new/", proposals.create, name="create"),
    path("review/", review.queue, name="review_queue"),
    path("co-propose/<str:token>/", co_proposers.join, name="co_proposer_join"),
    path("<int:proposal_id>/", proposals.detail, name="detail"),
    path("<int:proposal_id>/edit/", proposals.edit, name="edit"),
    path("<int:proposal_id>/submit/", proposals.submit, name="submit"),
    path("<int:proposal_id>/withdraw/", proposals.withdraw, name="withdraw"),
    path("<int:proposal_id>/endorse/", proposals.endorse, name="endorse"),
    path("<int:proposal_id>/comment/", proposals.comment, name="comment"),
    path(
        "<int:proposal_id>/co-proposers/",
        co_proposers.links,
        name="co_proposer_links",
    ),
    path(
        "<int:proposal_id>/comments/<int:comment_id>/hide/",
        comments.hide,
        name="comment_hide",
    ),
    path(
        "<int:proposal_id>/comments/<int:comment_id>/unhide/",
        comments.unhide,
        name="comment_unhide",
    ),
    path("<int:proposal_id>/review/", review.start_review, name="start_review"),
    path("<int:proposal_id>/accept/", review.accept, name="accept"),
    path("<int:proposal_id>/reject/", review.reject, name="reject"),
    path("<int:proposal_id>/reopen/", review.reopen, name="reopen"),
]
