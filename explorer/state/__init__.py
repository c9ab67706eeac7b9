"""The evented view state: "where we are" in the app, shared by the window and
the renderer.  Pure Python; knows nothing of Qt or matplotlib.
"""
