"""``fitgen install-desktop [--uninstall]``: the app in the desktop's menu, for this user."""

from __future__ import annotations

import argparse
import sys

from fitgen_gui.cli.common import EXIT_OK, UserError

__all__ = ["add_commands"]


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from fitgen_gui.core import desktop_entry

    if sys.platform in ("win32", "darwin"):
        raise UserError("install-desktop writes a Linux (freedesktop) menu entry; on Windows "
                        "and macOS, start FitGen from the bundle's folder.")
    home = desktop_entry.data_home()
    if args.uninstall:
        removed = desktop_entry.uninstall(home)
        if not removed:
            print(f"FitGen's menu entry was not installed in {home}; nothing to remove.")
        else:
            print(f"Removed FitGen's menu entry, its icons and AppStream file ({len(removed)} "
                  f"files in all) from {home}.")
        return EXIT_OK
    try:
        written = desktop_entry.install(home)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"Could not write the menu entry into {home}: "
                        f"{exc.strerror or exc}.") from None
    command = " ".join(desktop_entry.gui_command())
    print(f"Installed FitGen's menu entry ({written[0]}), its icons and AppStream file "
          f"({len(written)} files in all) in {home}; it starts: {command}")
    print("Remove them with: fitgen install-desktop --uninstall")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    desktop = commands.add_parser(
        "install-desktop", help="add FitGen to the desktop's menu, for this user (Linux)")
    desktop.add_argument("--uninstall", action="store_true",
                         help="remove the menu entry and icons again")
    desktop.set_defaults(func=cmd_install_desktop)
