"""PySide6 desktop app over the Qt-free core: gallery and tagging, training, recognition, suggestions.

Only this package imports Qt. Long jobs run through :mod:`animeid_desktop.gui.jobs` on QThreads;
labelling goes through :class:`animeid_desktop.gui.session.Session` so every change is undoable.
"""

from animeid_desktop.gui import pyside_compat as _pyside_compat

_pyside_compat.apply()  # must run before any signal is emitted (see the module docstring)
