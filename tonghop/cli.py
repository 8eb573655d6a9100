"""The `tonghop` command: every subcommand is a Django management command of the app that owns it.

`tonghop CMD ARGS` runs the command CMD of one of tonghop's own apps (`demo`, `serve`,
`extract` ...); `tonghop manage ARGS` passes ARGS to Django unchanged (`migrate`, `createsuperuser`).
Both honour DATABASE_URL and print their own `--help`.
"""

from __future__ import annotations

import os
import sys
import warnings

# pyHanko (PDF signatures) imports cryptography's DSA key class, which cryptography 51
# deprecates: the warning, printed at every start, is pyHanko's to fix (0.38, the latest, still
# imports it) and tonghop signs with no DSA key. Silenced here and, through PYTHONWARNINGS, in
# the gunicorn process `tonghop serve` starts.
DSA_MESSAGE = "DSA is deprecated"
DSA_MODULE = "pyhanko.sign.signers.pdf_cms"


def own_commands() -> dict[str, str]:
    """Name -> app of the commands that tonghop's own apps define (their modules not imported:
    loading them all would import PDF signing, charts and the demo at every command's start)."""
    import django
    from django.conf import settings
    from django.core.management import get_commands

    django.setup()
    return {
        name: app for name, app in sorted(get_commands().items()) if app in settings.TONGHOP_APPS
    }


def usage() -> str:
    from django.core.management import load_command_class

    commands = {
        **{
            name: load_command_class(app, name).help.splitlines()[0]
            for name, app in own_commands().items()
        },
        "manage": "Chạy một lệnh quản trị bất kỳ của Django (tonghop manage help)",
    }
    width = max(map(len, commands)) + 2
    lines = ["Cách dùng: tonghop LỆNH [THAM SỐ]   (tonghop LỆNH --help để xem chi tiết)", ""]
    lines += [f"  {name:<{width}}{text}" for name, text in commands.items()]
    return "\n".join(lines)


def silence_dsa_deprecation() -> None:
    warnings.filterwarnings("ignore", message=DSA_MESSAGE, module=DSA_MODULE)
    rule = f"ignore:{DSA_MESSAGE}::{DSA_MODULE}"
    inherited = os.environ.get("PYTHONWARNINGS", "")
    if rule not in inherited:
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [inherited, rule]))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    silence_dsa_deprecation()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return
    if argv[0] == "manage":
        argv = argv[1:] or ["help"]
    elif argv[0] not in own_commands():
        sys.stderr.write(f"Lệnh không có: {argv[0]!r}.\n\n{usage()}\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tonghop", *argv])


if __name__ == "__main__":
    main()
