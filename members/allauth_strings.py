"""allauth's own words on the pages and in the mails Tadamun uses, in the project's catalogues.

allauth's bundled Arabic and Persian catalogues do not follow locale/GLOSSARY.md (Persian in the
familiar «تو» with slang on the sign-up page; Arabic «الاشتراك» for sign up, the app's word for
subscribing to a calendar). LOCALE_PATHS comes before the apps' catalogues, so an entry for the
same msgid in locale/<lang>/LC_MESSAGES/django.po wins. Listing the msgids here, in the project's
code, is what makes `makemessages` extract them and keep those entries, and makes
scripts/i18n_check.py check that each one is translated.

`ALLAUTH_TEMPLATES` are allauth's templates that are rendered as allauth ships them (the project's
templates/ overrides the others), `ALLAUTH_MODULES` the modules whose labels, errors and admin
names reach a reader. scripts/i18n_check.py reads every msgid in them and reports the ones that
are neither listed below nor in `NOT_SHOWN`, so a new string in an allauth upgrade is noticed.
"""

# ruff: noqa: E501 — the msgids are allauth's, character for character.
from django.utils.translation import gettext_noop

ALLAUTH_TEMPLATES = (
    "account/account_inactive.html",
    "account/base_entrance.html",
    "account/base_manage.html",
    "account/base_manage_email.html",
    "account/base_manage_password.html",
    "account/base_reauthenticate.html",
    "account/email/account_already_exists_message.txt",
    "account/email/account_already_exists_subject.txt",
    "account/email/base_message.txt",
    "account/email/email_changed_message.txt",
    "account/email/email_changed_subject.txt",
    "account/email/email_confirm_message.txt",
    "account/email/email_confirm_subject.txt",
    "account/email/email_confirmation_signup_subject.txt",
    "account/email/email_confirmation_subject.txt",
    "account/email/email_deleted_message.txt",
    "account/email/email_deleted_subject.txt",
    "account/email/password_changed_message.txt",
    "account/email/password_changed_subject.txt",
    "account/email/password_reset_key_message.txt",
    "account/email/password_reset_key_subject.txt",
    "account/email/password_reset_message.txt",
    "account/email/password_reset_subject.txt",
    "account/email/password_set_message.txt",
    "account/email/password_set_subject.txt",
    "account/email/unknown_account_message.txt",
    "account/email/unknown_account_subject.txt",
    "account/login.html",
    "account/logout.html",
    "account/messages/cannot_delete_primary_email.txt",
    "account/messages/email_confirmation_failed.txt",
    "account/messages/email_confirmation_sent.txt",
    "account/messages/email_confirmed.txt",
    "account/messages/email_deleted.txt",
    "account/messages/logged_in.txt",
    "account/messages/logged_out.txt",
    "account/messages/password_changed.txt",
    "account/messages/password_set.txt",
    "account/messages/primary_email_set.txt",
    "account/messages/unverified_primary_email.txt",
    "account/password_change.html",
    "account/password_reset.html",
    "account/password_reset_done.html",
    "account/password_reset_from_key.html",
    "account/password_reset_from_key_done.html",
    "account/password_set.html",
    "account/reauthenticate.html",
    "account/signup.html",
    "account/snippets/already_logged_in.html",
    "account/verification_sent.html",
    "mfa/authenticate.html",
    "mfa/base_entrance.html",
    "mfa/base_manage.html",
    "mfa/email/recovery_codes_generated_message.txt",
    "mfa/email/recovery_codes_generated_subject.txt",
    "mfa/email/totp_activated_message.txt",
    "mfa/email/totp_activated_subject.txt",
    "mfa/email/totp_deactivated_message.txt",
    "mfa/email/totp_deactivated_subject.txt",
    "mfa/messages/recovery_codes_generated.txt",
    "mfa/messages/totp_activated.txt",
    "mfa/messages/totp_deactivated.txt",
    "mfa/reauthenticate.html",
    "mfa/recovery_codes/base.html",
    "mfa/recovery_codes/download.txt",
    "mfa/recovery_codes/generate.html",
    "mfa/totp/base.html",
    "mfa/totp/deactivate_form.html",
)
ALLAUTH_MODULES = (
    "account/forms.py",
    "account/adapter.py",
    "account/fields.py",
    "mfa/adapter.py",
    "mfa/base/forms.py",
    "mfa/totp/forms.py",
    "account/models.py",
    "mfa/models.py",
)

# In those files but never shown here: Tadamun signs in by email address only and by password
# (no usernames, phone numbers, passkeys, security keys or codes sent by mail) and asks for the
# address once at sign-up.
NOT_SHOWN = frozenset(
    {
        "A user is already registered with this phone number.",
        "Backup key",
        "Email (again)",
        "Email (optional)",
        "Email address confirmation",
        "Email or phone",
        "Enter a phone number including country code (e.g. +1 for the US).",
        "In case you forgot, your username is %(username)s.",
        "Key nr. {number}",
        "Login",
        "Master key",
        "Phone",
        "Please select only one.",
        "Send me a sign-in code",
        "Sign in with a passkey",
        "Sign up using a passkey",
        "The phone number and/or password you specified are not correct.",
        "The phone number is not assigned to any user account.",
        "The username and/or password you specified are not correct.",
        "Use a security key",
        "Username",
        "Username (optional)",
        "Username can not be used. Please use other username.",
        "Username or email",
        "Username or phone",
        "Username, email or phone",
        "WebAuthn",
        "You must type the same email each time.",
    }
)

STRINGS = (
    # templates/account/account_inactive.html
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    # templates/account/base_reauthenticate.html
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Alternative options"),
    # templates/account/email/account_already_exists_message.txt
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    # templates/account/email/account_already_exists_subject.txt
    gettext_noop("Account Already Exists"),
    # templates/account/email/base_message.txt
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    # templates/account/email/email_changed_message.txt
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    # templates/account/email/email_changed_subject.txt
    gettext_noop("Email Changed"),
    # templates/account/email/email_confirm_message.txt
    gettext_noop("Your email has been confirmed."),
    # templates/account/email/email_confirm_subject.txt
    gettext_noop("Email Confirmation"),
    # templates/account/email/email_confirmation_subject.txt
    gettext_noop("Please Confirm Your Email Address"),
    # templates/account/email/email_deleted_message.txt
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    # templates/account/email/email_deleted_subject.txt
    gettext_noop("Email Removed"),
    # templates/account/email/password_changed_message.txt
    gettext_noop("Your password has been changed."),
    # templates/account/email/password_changed_subject.txt
    gettext_noop("Password Changed"),
    # templates/account/email/password_reset_key_message.txt
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    # templates/account/email/password_reset_key_subject.txt
    gettext_noop("Password Reset Email"),
    # templates/account/email/password_reset_message.txt
    gettext_noop("Your password has been reset."),
    # templates/account/email/password_reset_subject.txt
    gettext_noop("Password Reset"),
    # templates/account/email/password_set_message.txt
    gettext_noop("Your password has been set."),
    # templates/account/email/password_set_subject.txt
    gettext_noop("Password Set"),
    # templates/account/email/unknown_account_message.txt
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    # templates/account/email/unknown_account_subject.txt
    gettext_noop("Unknown Account"),
    # templates/account/email_confirm.html
    gettext_noop("Confirm"),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    # templates/account/login.html
    gettext_noop("Sign In"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    # templates/account/logout.html
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # templates/account/messages/cannot_delete_primary_email.txt
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # templates/account/messages/email_confirmation_sent.txt
    gettext_noop("Confirmation email sent to %(email)s."),
    # templates/account/messages/email_confirmed.txt
    gettext_noop("You have confirmed %(email)s."),
    # templates/account/messages/email_deleted.txt
    gettext_noop("Removed email address %(email)s."),
    # templates/account/messages/logged_in.txt
    gettext_noop("Successfully signed in as %(name)s."),
    # templates/account/messages/logged_out.txt
    gettext_noop("You have signed out."),
    # templates/account/messages/password_changed.txt
    gettext_noop("Password successfully changed."),
    # templates/account/messages/password_set.txt
    gettext_noop("Password successfully set."),
    # templates/account/messages/primary_email_set.txt
    gettext_noop("Primary email address set."),
    # templates/account/messages/unverified_primary_email.txt
    gettext_noop("Your primary email address must be verified."),
    # templates/account/password_change.html
    gettext_noop("Change Password"),
    # templates/account/password_reset.html
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    # templates/account/password_reset_done.html
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    # templates/account/password_reset_from_key.html
    gettext_noop("Bad Token"),
    gettext_noop(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Cancel"),
    # templates/account/password_reset_from_key_done.html
    gettext_noop("Your password is now changed."),
    # templates/account/password_set.html
    gettext_noop("Set Password"),
    # templates/account/reauthenticate.html
    gettext_noop("Enter your password:"),
    # templates/account/signup.html
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # templates/account/snippets/already_logged_in.html
    gettext_noop("Note"),
    gettext_noop("You are already logged in as %(user_display)s."),
    # templates/account/verification_sent.html
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    # templates/mfa/authenticate.html
    gettext_noop("Two-Factor Authentication"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator code:"
    ),
    # templates/mfa/email/recovery_codes_generated_message.txt
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
    # templates/mfa/email/recovery_codes_generated_subject.txt
    gettext_noop("New Recovery Codes Generated"),
    # templates/mfa/email/totp_activated_message.txt
    gettext_noop("Authenticator app activated."),
    # templates/mfa/email/totp_activated_subject.txt
    gettext_noop("Authenticator App Activated"),
    # templates/mfa/email/totp_deactivated_message.txt
    gettext_noop("Authenticator app deactivated."),
    # templates/mfa/email/totp_deactivated_subject.txt
    gettext_noop("Authenticator App Deactivated"),
    # templates/mfa/messages/recovery_codes_generated.txt
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    # templates/mfa/reauthenticate.html
    gettext_noop("Enter an authenticator code:"),
    # templates/mfa/recovery_codes/base.html
    gettext_noop("Recovery Codes"),
    # templates/mfa/recovery_codes/generate.html
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("Are you sure?"),
    gettext_noop("Generate"),
    # templates/mfa/totp/base.html
    gettext_noop("Authenticator App"),
    # templates/mfa/totp/deactivate_form.html
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    gettext_noop("Deactivate"),
    # account/forms.py
    gettext_noop("You must type the same password each time."),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Email"),
    gettext_noop("Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Code"),
    # account/adapter.py
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
    # account/fields.py
    gettext_noop("Email address"),
    gettext_noop("Forgot your password?"),
    # mfa/adapter.py
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    # mfa/totp/forms.py
    gettext_noop("Authenticator code"),
    # account/models.py
    gettext_noop("user"),
    gettext_noop("email address"),
    gettext_noop("verified"),
    gettext_noop("primary"),
    gettext_noop("email addresses"),
    gettext_noop("created"),
    gettext_noop("sent"),
    gettext_noop("key"),
    gettext_noop("email confirmation"),
    gettext_noop("email confirmations"),
    # mfa/models.py
    gettext_noop("Recovery codes"),
    gettext_noop("TOTP Authenticator"),
)
