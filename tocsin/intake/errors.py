"""The error a bad submission or import file raises: one line, naming what is wrong."""

from __future__ import annotations

from tocsin.errors import TocsinError


class IntakeInputError(TocsinError):
    """A submission, form instance or import file that cannot be accepted as it is.

    The web layer turns it into a 4xx and the CLI into a non-zero exit; the message never
    repeats the reporter's identity or the report's text, only where the problem is.
    """
