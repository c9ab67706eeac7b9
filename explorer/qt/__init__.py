"""The PySide6 user interface: a thin layer over ``explorer.state``, ``explorer.war``, ``explorer.sources`` and ``explorer.render``."""
