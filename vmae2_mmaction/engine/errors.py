"""Errors a training run stops with (the tools print their message)."""


class NonFiniteError(RuntimeError):
    """A loss, gradient norm or weight went NaN or inf; the message says where
    and what to try."""
