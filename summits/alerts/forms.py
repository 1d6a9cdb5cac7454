"""The follow form: an address and how often; what is followed comes from the URL."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from summits.alerts.models import Frequency


def no_line_breaks(value: str) -> None:
    # A line break in an address is an attempt to add mail headers (Bcc:), never a typo.
    if "\r" in value or "\n" in value:
        raise ValidationError("An email address cannot contain a line break.")


class FollowForm(forms.Form):
    # A CharField: EmailField always strips, and a trailing CR/LF must be refused, not cut off.
    email = forms.CharField(
        label="Your email address",
        max_length=254,
        strip=False,
        validators=[no_line_breaks, EmailValidator()],
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.org.",
            "max_length": "An email address has at most 254 characters.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).lower()


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices)
