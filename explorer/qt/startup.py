"""A start-up that never fails silently, and a clean close on Ctrl+C and SIGTERM.

A double-clicked app has no terminal: a traceback printed to stderr is seen by
nobody and the app just vanishes.  So, at start-up:

- every failure (an uncaught exception, PySide6 that cannot be imported, a Qt
  platform plugin that cannot be loaded) is written to a log file in the
  platform's log folder (:func:`explorer.core.paths.log_dir`);
- a plain dialog names that file: a Qt message box when Qt is up, otherwise
  the system's own (Windows ``MessageBoxW``, macOS ``osascript``, on Linux
  ``zenity``, ``kdialog`` or ``xmessage`` when one is installed);
- the message is printed to stderr too.

A missing platform plugin ends in Qt's ``qFatal``, which aborts the process
before Python can catch anything; :func:`install_qt_message_handler` sees the
fatal message first, writes the log and shows the system's dialog.

:func:`install_signal_handlers` makes Ctrl+C (SIGINT) and SIGTERM close the
window the normal way (so the settings are saved) and quit, waking the Qt
event loop through :func:`signal.set_wakeup_fd`.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer import APP_NAME, __version__
from explorer.core.atomic import atomic_write_text
from explorer.core.paths import log_dir

#: The log file a failed start writes (replaced by the next failure).
LOG_NAME = "startup-error.log"

#: Qt's warnings seen before a fatal message (they name the plugin that failed).
_qt_messages: list[str] = []


def log_path() -> Path:
    """The file a failed start-up is logged to."""
    return log_dir() / LOG_NAME


def _qt_version() -> str:
    mod = sys.modules.get("PySide6.QtCore")
    return f"PySide6 {getattr(mod, '__version__', '?')}, Qt {mod.qVersion()}" if mod is not None else "Qt not loaded"


def write_log(summary: str, details: str) -> Path | None:
    """Write a start-up failure to :func:`log_path`; return the file, or ``None`` if it could not be written."""
    text = "\n".join([
        f"{APP_NAME} {__version__} could not start.",
        f"time: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]} ({sys.executable}){' frozen' if getattr(sys, 'frozen', False) else ''}",
        f"system: {platform.platform()}",
        f"qt: {_qt_version()}",
        f"QT_QPA_PLATFORM: {os.environ.get('QT_QPA_PLATFORM', '(not set)')}",
        "",
        summary,
        "",
        details.rstrip(),
        "",
    ])
    if _qt_messages:
        text += "\nQt said:\n" + "\n".join(_qt_messages[-20:]) + "\n"
    path = log_path()
    try:
        atomic_write_text(path, text, make_folder=True)
    except OSError as exc:
        print(f"korean-war-explorer: could not write the log {path}: {exc}", file=sys.stderr)
        return None
    return path


def dialog_text(summary: str, log: Path | None) -> str:
    """What the dialog says: the problem, and where the details are."""
    where = f"The details are in the log file:\n{log}" if log is not None else "The log file could not be written."
    return f"{APP_NAME} could not start.\n\n{summary}\n\n{where}"


def native_dialog(title: str, text: str) -> bool:
    """Show *text* in the system's own dialog, without Qt; return whether one was shown.

    Used when Qt itself cannot show a window.  Nothing is shown when
    ``KWE_NO_DIALOG`` is set (tests, CI) or no dialog program exists.
    """
    if os.environ.get("KWE_NO_DIALOG"):
        return False
    try:
        if sys.platform == "win32":
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, text, title, 0x10)  # MB_ICONERROR
            return True
        if sys.platform == "darwin":
            script = f"display alert {_applescript(title)} message {_applescript(text)} as critical"
            subprocess.run(["osascript", "-e", script], check=False, timeout=600)
            return True
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return False
        for prog, args in (("zenity", ["--error", "--no-markup", f"--title={title}", f"--text={text}"]),
                           ("kdialog", ["--title", title, "--error", text]),
                           ("xmessage", ["-center", text])):
            exe = shutil.which(prog)
            if exe:
                subprocess.run([exe, *args], check=False, timeout=600)
                return True
    except (OSError, subprocess.SubprocessError, AttributeError):
        return False
    return False


def _applescript(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def report_failure(summary: str, details: str = "") -> Path | None:
    """Log a start-up failure, print it and show it in a dialog; return the log file.

    A Qt message box is used when a QApplication exists on a real screen,
    the system's dialog otherwise.
    """
    log = write_log(summary, details)
    text = dialog_text(summary, log)
    print(f"korean-war-explorer: {summary}", file=sys.stderr)
    if details:
        print(details.rstrip(), file=sys.stderr)
    if log is not None:
        print(f"korean-war-explorer: details written to {log}", file=sys.stderr)
    if os.environ.get("KWE_NO_DIALOG"):
        return log
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if widgets is not None and app is not None and app.platformName() not in ("offscreen", "minimal"):
        widgets.QMessageBox.critical(None, f"{APP_NAME}: could not start", text)
    else:
        native_dialog(f"{APP_NAME}: could not start", text)
    return log


def report_exception(exc: BaseException) -> Path | None:
    """:func:`report_failure` for an exception, with its traceback in the log."""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return report_failure(f"{type(exc).__name__}: {exc}", details)


def install_qt_message_handler() -> None:
    """Log Qt's fatal messages (a platform plugin that cannot load) before Qt aborts the process.

    Qt's warnings are kept (the last few go into the log) and printed as Qt
    would print them.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: Any, context: Any, message: str) -> None:
        del context
        _qt_messages.append(message)
        if kind == QtMsgType.QtFatalMsg:
            report_failure(f"Qt could not open a window: {message}{_plugin_hint(message)}")
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _plugin_hint(message: str) -> str:
    """What to do about a platform plugin that could not load, from what Qt said before."""
    if "platform plugin" not in message:
        return ""
    said = " ".join(_qt_messages).lower()
    asked = os.environ.get("QT_QPA_PLATFORM", "")
    no_display = sys.platform.startswith("linux") and asked in ("", "xcb", "wayland") \
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if "could not connect to display" in said or no_display:
        return ("\n\nNo display was found (neither DISPLAY nor WAYLAND_DISPLAY is set): start the app from "
                "a desktop session, or set QT_QPA_PLATFORM=offscreen for a run without a window.")
    if sys.platform.startswith("linux"):
        return ("\n\nOn Linux this usually means a system library the window needs is missing "
                "(Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
                "libxkbcommon-x11-0).")
    return "\n\nReinstalling the app may help: its Qt platform plugin is missing or damaged."


def install_excepthook() -> None:
    """Log and show exceptions that reach the top of the event loop (Qt slots), then go on."""
    shown: list[bool] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        print(details, file=sys.stderr, end="")
        log = write_log(f"An error in the running app: {kind.__name__}: {exc}", details)
        if log is not None:
            print(f"korean-war-explorer: details written to {log}", file=sys.stderr)
        widgets = sys.modules.get("PySide6.QtWidgets")
        if (not shown and widgets is not None and widgets.QApplication.instance() is not None
                and not os.environ.get("KWE_NO_DIALOG")
                and widgets.QApplication.instance().platformName() not in ("offscreen", "minimal")):
            shown.append(True)  # once: an error in a paint handler would otherwise repeat forever
            widgets.QMessageBox.warning(None, APP_NAME, f"Something went wrong: {exc}\n\n"
                                        f"The details are in {log}" if log else f"Something went wrong: {exc}")

    sys.excepthook = hook


def install_signal_handlers(app: Any, close: Callable[[], Any]) -> Callable[[], None]:
    """Close the window (saving settings) and quit on Ctrl+C or SIGTERM; returns a function that undoes it.

    Python runs signal handlers only between bytecodes; while Qt's event
    loop waits in C++ nothing would run.  :func:`signal.set_wakeup_fd`
    writes a byte to a socket on every signal, and a ``QSocketNotifier``
    on that socket hands control back to Python, which runs the handler.
    """
    from PySide6.QtCore import QSocketNotifier

    def on_signal(signum: int, frame: Any) -> None:
        del frame
        name = signal.Signals(signum).name
        print(f"korean-war-explorer: {name}: closing", file=sys.stderr)
        close()
        app.quit()

    kinds = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    previous = {k: signal.signal(k, on_signal) for k in kinds}
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        old_fd = signal.set_wakeup_fd(writer.fileno())
    except ValueError:  # not the main thread
        old_fd = None
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)

    def undo() -> None:
        notifier.setEnabled(False)
        notifier.deleteLater()
        if old_fd is not None:
            signal.set_wakeup_fd(old_fd)
        for k, handler in previous.items():
            signal.signal(k, handler)
        reader.close()
        writer.close()

    return undo
