from modeltranslation.translator import TranslationOptions, register

from events.models import Event, Proposal, Session, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title",)
