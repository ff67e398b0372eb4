"""What every command group shares: the consoles, progress bars, path arguments, the database."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tocsin import startup
from tocsin.config import get_settings
from tocsin.db import Database

out = Console()
err = Console(stderr=True)

PathArg = click.Path(path_type=Path, dir_okay=True, file_okay=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
    )


def database() -> Database:
    return startup.open_database(get_settings())
