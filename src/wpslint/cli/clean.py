"""``wpslint clean``: remove the project's cache of results."""

from __future__ import annotations

from pathlib import Path

import click

from wpslint.cli.app import main, print_warning
from wpslint.cli.options import cache_dir_option, config_option
from wpslint.errors import WpslintError
from wpslint.paths import display_path


@main.command("clean", short_help="Remove the cache of results (.wpslint_cache/).")
@click.argument("paths", nargs=-1, type=click.Path(exists=True), metavar="[PATH...]")
@config_option(
    "The configuration file whose folder holds the cache, as with 'wpslint check --config'."
)
@cache_dir_option("Remove the cache in DIR, as given to 'wpslint check --cache-dir'.")
def clean(paths: tuple[str, ...], config_file: Path | None, cache_dir: Path | None) -> None:
    """Remove the cache that 'wpslint check' keeps of unchanged documents' results.

    The cache is .wpslint_cache/ in the project root: the folder of the configuration file
    found for PATH (default: the current folder), as 'wpslint check PATH' finds it, or the
    folder given with --cache-dir or WPSLINT_CACHE_DIR. The next check reads every document
    again and fills the cache anew.

    There is rarely a need: 'wpslint check' already prunes the cache, at most once a day,
    of results not used for 30 days and of the least recently used ones beyond 256 MiB.
    Remove it to reclaim the space at once, or to rule the cache out when a result
    surprises you ('wpslint check --no-cache' does that for one run).

    Only files wpslint wrote are removed: the folder stays when it holds anything else.

    \b
    Exit status:
      0  the cache was removed, or there was none
      2  a file of the cache could not be removed, or invalid configuration

    \b
    Examples:
      wpslint clean                        the cache of the project in this folder
      wpslint clean plans/                 the cache of the project plans/ belongs to
      wpslint clean --cache-dir ~/.cache/wpslint
    """
    from wpslint.config import load_config
    from wpslint.run.cache import cache_directory, clear

    if cache_dir is None:
        cache_dir = cache_directory(load_config(paths or (".",), config_file).root)
    shown = display_path(cache_dir)
    if not cache_dir.exists():
        click.echo(f"No cache to remove: {shown} does not exist.")
        return
    if not cache_dir.is_dir():
        raise WpslintError(f"{shown} is not a folder, so not a wpslint cache")
    try:
        removed, left = clear(cache_dir)
    except OSError as error:
        failed = display_path(error.filename) if error.filename else shown
        raise WpslintError(f"cannot remove {failed}: {error.strerror or error}") from error
    entries = f"{removed.files} {'entry' if removed.files == 1 else 'entries'}"
    if left:
        click.echo(f"Removed {entries} ({_size(removed.bytes)}) from {shown}.")
        print_warning(
            f"kept {shown}: it holds files wpslint did not write ({', '.join(left[:5])}"
            f"{', ...' if len(left) > 5 else ''})"
        )
    else:
        click.echo(f"Removed {shown} ({entries}, {_size(removed.bytes)}).")


def _size(count: int) -> str:
    """A byte count for people: 0 bytes, 812.4 KB, 6.3 MB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} byte{'' if count == 1 else 's'}"
