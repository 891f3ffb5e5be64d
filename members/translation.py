from modeltranslation.translator import TranslationOptions, register

from members.models import AllianceGroup


@register(AllianceGroup)
class AllianceGroupTranslation(TranslationOptions):
    fields = ("name", "description")
