from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events.forms.event import TopicForm
from events.models import Topic
from events.services.topics import topic_save
from events.views.common import posted
from members.permissions import organizer_required


@organizer_required
@permission_required("events.change_topic", raise_exception=True)
def topics(request, topic_id: int | None = None):
    topic = get_object_or_404(Topic, pk=topic_id) if topic_id else None
    form = TopicForm(posted(request), instance=topic)
    if request.method == "POST" and form.is_valid():
        topic_save(topic=topic, fields=form.cleaned_data)
        messages.success(request, _("The topic is saved."))
        return redirect("topics")
    return render(
        request,
        "events/organizing/topics.html",
        {"topics": Topic.objects.all(), "form": form, "topic": topic},
    )
