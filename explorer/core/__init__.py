"""Small pieces both domains use: where the data lives, atomic writes, ISO dates.

Nothing here imports another part of :mod:`explorer`; every package may import it.
"""
