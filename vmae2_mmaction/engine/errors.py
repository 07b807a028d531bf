"""Errors the engine raises; the tools print their message and exit."""


class ConfigError(ValueError):
    """A config, an override or a launch setting that cannot run; the message
    names the key and what to do."""


class NonFiniteError(RuntimeError):
    """A loss, gradient norm or weight went NaN or inf; the message says where
    and what to try."""
