"""The one exception type a user can cause.

Every error that bad input can trigger is raised as a `TocsinError` whose message is a single
line naming the input and what is wrong with it; the CLI prints it without a traceback and exits
non-zero. Anything else escaping is a bug, and is allowed to show its traceback.
"""


class TocsinError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # A newline would break the one-line promise; fold it rather than trust every caller.
        super().__init__(" ".join(message.split()))
