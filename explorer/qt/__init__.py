"""The PySide6 user interface: a thin layer over ``explorer.model`` and ``explorer.render``."""
