"""Installing the app into the current user's desktop menu (freedesktop conventions).

``korean-war-explorer --install-desktop`` writes the desktop entry to
``$XDG_DATA_HOME/applications`` and the icons to
``$XDG_DATA_HOME/icons/hicolor/<size>/apps``; ``--uninstall-desktop`` removes
exactly those files.  The entry's ``Exec`` line names the executable that ran
the command, so it works from a virtual environment that is not on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from explorer import APP_ID
from explorer.core.atomic import atomic_write_bytes

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share``."""
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env else Path.home() / ".local" / "share"


def launcher_command() -> str:
    """The command the desktop entry runs: this installation's executable, quoted."""
    exe = shutil.which("korean-war-explorer")
    argv0 = Path(sys.argv[0])
    if argv0.name == "korean-war-explorer" and argv0.exists():
        exe = str(argv0.resolve())
    if exe is None:
        return f'"{sys.executable}" -m explorer'
    return f'"{exe}"' if " " in exe else exe


def desktop_entry_text(resources: Path, command: str) -> str:
    """The bundled desktop entry with its Exec and TryExec set to *command*."""
    lines = []
    for line in (resources / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={command}"
        elif line.startswith("TryExec="):
            exe = command.split('"')[1] if command.startswith('"') else command.split()[0]
            line = f"TryExec={exe}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_paths(base: Path | None = None) -> list[Path]:
    """Every file that :func:`install` writes."""
    base = base or data_home()
    paths = [base / "applications" / f"{APP_ID}.desktop",
             base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"]
    paths += [base / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES]
    return paths


def install(base: Path | None = None) -> list[Path]:
    """Install the desktop entry and icons for the current user; returns the files written."""
    from explorer.core.paths import resources_dir

    res = resources_dir()
    base = base or data_home()
    written = []
    entry = base / "applications" / f"{APP_ID}.desktop"
    atomic_write_bytes(entry, desktop_entry_text(res, launcher_command()).encode("utf-8"), make_folder=True)
    written.append(entry)
    icons = res / "icons"
    svg = base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    atomic_write_bytes(svg, (icons / f"{APP_ID}.svg").read_bytes(), make_folder=True)
    written.append(svg)
    for s in ICON_SIZES:
        png = base / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png"
        atomic_write_bytes(png, (icons / f"{APP_ID}-{s}.png").read_bytes(), make_folder=True)
        written.append(png)
    return written


def uninstall(base: Path | None = None) -> list[Path]:
    """Remove what :func:`install` wrote; returns the files removed."""
    removed = []
    for p in installed_paths(base):
        if p.exists():
            p.unlink()
            removed.append(p)
    return removed


# --------------------------------------------------------------------------- Windows and macOS

MACOS_ADVICE = (
    "On macOS the app goes in the Dock and Launchpad as an app bundle, not through a desktop entry:\n"
    "  - with the desktop bundle, drag 'Korean War Explorer.app' into your Applications folder;\n"
    "  - installed with pipx or pip, start it from Terminal with  korean-war-explorer\n"
    "    (or make an Automator 'Run Shell Script' app that runs that command).\n"
    "Nothing was installed."
)


def start_menu_folder() -> Path:
    """The current user's Start-menu Programs folder on Windows."""
    appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs"


def shortcut_path() -> Path:
    """The Start-menu shortcut :func:`install_start_menu_shortcut` makes."""
    return start_menu_folder() / "Korean War Explorer.lnk"


def windows_target() -> tuple[str, str]:
    """(program, arguments) the Start-menu shortcut runs: the bundle's .exe, else the windowed launcher."""
    exe = Path(sys.executable)
    if getattr(sys, "frozen", False):
        return str(exe), ""
    gui = exe.parent / "korean-war-explorer-gui.exe"
    if not gui.is_file():
        gui = exe.parent / "Scripts" / "korean-war-explorer-gui.exe"
    if gui.is_file():
        return str(gui), ""
    pythonw = exe.with_name("pythonw.exe")
    return (str(pythonw if pythonw.is_file() else exe), "-m explorer")


def _ps_quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def shortcut_script(link: Path, target: str, arguments: str, icon: str) -> str:
    """The PowerShell that makes the shortcut (Windows' own WScript.Shell, no extra package)."""
    return ("$s = (New-Object -ComObject WScript.Shell).CreateShortcut(" + _ps_quote(str(link)) + "); "
            "$s.TargetPath = " + _ps_quote(target) + "; "
            "$s.Arguments = " + _ps_quote(arguments) + "; "
            "$s.IconLocation = " + _ps_quote(icon) + "; "
            "$s.Description = 'The Korean War, day by day, on a real map'; "
            "$s.Save()")


def install_start_menu_shortcut() -> Path:
    """Make a Start-menu shortcut for the current user on Windows; returns it.

    Raises
    ------
    OSError
        PowerShell is missing or failed; the message says what it said.
    """
    import subprocess

    link = shortcut_path()
    link.parent.mkdir(parents=True, exist_ok=True)
    target, arguments = windows_target()
    proc = subprocess.run(["powershell", "-NoProfile", "-NonInteractive", "-Command",
                           shortcut_script(link, target, arguments, target)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not link.is_file():
        raise OSError(f"PowerShell could not make {link}: {(proc.stderr or proc.stdout).strip()[-400:]}")
    return link
