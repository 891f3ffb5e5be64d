"""DRF's own words that reach a client of the API, in the project's catalogues.

DRF's bundled Arabic and Persian catalogues do not follow locale/GLOSSARY.md (nor, for some, the
language: «توهی», «مطمعن»). LOCALE_PATHS comes before the apps' catalogues, so an entry for the
same msgid in locale/<lang>/LC_MESSAGES/django.po wins (tests/events/test_api_errors.py checks
it). Listing the msgids here, in the project's code, is what makes `makemessages` keep those
entries, and makes scripts/i18n_check.py check that each one is translated.

`DRF_MODULES` are DRF's modules whose messages an API client can be given: the exceptions (each
status's default wording, which any `raise NotFound()` uses), the fields and serializers that
events/api/ uses, their validators and the pagination. scripts/i18n_check.py reads every msgid
in them and reports the ones neither listed below nor in `NOT_SHOWN`, so that a new message in a
DRF upgrade is read before it ships. Numbers: events/api/errors.py writes the limits in these
messages ("no more than 50") in the reader's digits.
"""

from django.utils.translation import gettext_noop

DRF_MODULES = (
    "exceptions.py",
    "fields.py",
    "pagination.py",
    "serializers.py",
    "validators.py",
)

# In those modules but never said to a client: fields, validators and pagination the API does
# not use, limits it does not set (every CharField of ours allows blank), the browsable API's
# wording, the schema's descriptions that events/api/pagination.py replaces, DRF's cursor
# message that it replaces too, and DRF's 429 sentences, one of which cannot be translated at
# all (it writes the number in before looking the text up): events/api/errors.py puts
# events/api/throttling.py's own in place of every one.
NOT_SHOWN = frozenset(
    {
        '"{input}" is not a valid path choice.',
        "A page number within the paginated result set.",
        "A valid biginteger is required.",
        "A valid number is required.",
        "Date has wrong format. Use one of these formats instead: {format}.",
        "Datetime has wrong format. Use one of these formats instead: {format}.",
        "Datetime value out of range.",
        "Duration has wrong format. Use one of these formats instead: {format}.",
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.',
        'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.',
        "Enter a valid IPv4 or IPv6 address.",
        "Enter a valid URL.",
        "Enter a valid email address.",
        "Ensure that there are no more than {max_decimal_places} decimal places.",
        "Ensure that there are no more than {max_digits} digits in total.",
        "Ensure that there are no more than {max_whole_digits} digits before the decimal point.",
        "Ensure this field has at least {min_length} characters.",
        "Ensure this field has at least {min_length} elements.",
        "Ensure this filename has at most {max_length} characters (it has {length}).",
        "Ensure this value is less than or equal to {max_value}.",
        'Expected a dictionary of items but got type "{input_type}".',
        "Expected a date but got a datetime.",
        "Expected a datetime but got a date.",
        "Expected available in {wait} second.",
        "Expected available in {wait} seconds.",
        "Integer value too large to convert to float",
        "Invalid cursor",
        'Invalid datetime for the timezone "{timezone}".',
        "Invalid page.",
        "More than {count} items...",
        "Must be a valid UUID.",
        "No file was submitted.",
        "No filename could be determined.",
        "Number of results to return per page.",
        "Request was throttled.",
        "The fields {field_names} must make a unique set.",
        "The initial index from which to return the results.",
        "The number of days must be between {min_days} and {max_days}.",
        "The pagination cursor value.",
        "The submitted data was not a file. Check the encoding type on the form.",
        "The submitted file is empty.",
        "This dictionary may not be empty.",
        "This field may not be blank.",
        "This field must be unique.",
        'This field must be unique for the "{date_field}" date.',
        'This field must be unique for the "{date_field}" month.',
        'This field must be unique for the "{date_field}" year.',
        "This list may not be empty.",
        "This selection may not be empty.",
        "This value does not match the required pattern.",
        "Time has wrong format. Use one of these formats instead: {format}.",
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
        "Value must be valid JSON.",
    }
)

STRINGS = (
    # exceptions.py: every status's default wording
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Not found."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    # fields.py: Field, BooleanField, CharField, IntegerField, ChoiceField, ListField
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    # serializers.py: a body that is JSON but not an object
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    # validators.py: run by every CharField
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
)
