"""The two exceptions every layer may raise: the user cancelled, or the user's input is wrong."""


class Cancelled(Exception):
    """Raised inside a job when its ``should_stop`` callback asked it to stop."""


class UserError(Exception):
    """An error caused by the user's input; its message is shown as one line, without traceback."""
