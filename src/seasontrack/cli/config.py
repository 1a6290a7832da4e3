"""`seasontrack config get|set|unset|list`: the settings file (``seasontrack.settings``)."""

from __future__ import annotations

from typing import Annotated

import typer

from seasontrack.cli.common import done

app = typer.Typer(help="Read or change settings (a TOML file).", no_args_is_help=True)

KeyArg = Annotated[str, typer.Argument(help="Setting, e.g. remind.lead.", show_default=False)]


@app.command("set")
def config_set(
    key: KeyArg,
    value: Annotated[str, typer.Argument(help="Its new value.", show_default=False)],
) -> None:
    """Change a setting."""
    from seasontrack import settings

    settings.set_value(key, value)
    done(f"{key} = {settings.shown(key, value)}")


@app.command("get")
def config_get(key: KeyArg) -> None:
    """Print a setting's value (its default when unset)."""
    from seasontrack import settings

    typer.echo(settings.shown(key, settings.get(key)))


@app.command("unset")
def config_unset(key: KeyArg) -> None:
    """Go back to a setting's default."""
    from seasontrack import settings

    settings.unset(key)
    done(f"{key} is back to its default, {settings.SETTINGS[key].default}.")


@app.command("list")
def config_list() -> None:
    """Every setting with its value, and where the file is."""
    from seasontrack import settings

    values = settings.load()
    for key, setting in settings.SETTINGS.items():
        shown = setting.shown(values.get(key, setting.default))
        origin = "" if key in values else "  (default)"
        typer.echo(f"{key} = {shown}{origin}    # {setting.help}")
    typer.echo(f"# file: {settings.config_path()}")
