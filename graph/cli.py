"""The ``shanhai`` command line: a thin layer over library functions.

Subcommands load lazily (``shanhai --help`` stays fast and a broken optional
dependency only affects its own command).  Exit codes: 0 ok, 1 some input or
validation failed, 2 usage.
"""

from __future__ import annotations

import importlib

import click

#: name → "module:attribute" of each subcommand, in help order.
COMMANDS: dict[str, str] = {
    "build": "shanhai.graph.commands.build:build",
    "extract": "shanhai.graph.commands.extract:extract",
    "eval": "shanhai.graph.commands.evaluate:evaluate_command",
    "render": "shanhai.graph.commands.render:render",
    "validate": "shanhai.graph.commands.validate:validate",
    "export": "shanhai.graph.commands.export:export_command",
    "query": "shanhai.graph.commands.query:query",
    "serve": "shanhai.graph.commands.serve:serve",
    "publish": "shanhai.graph.commands.publish:publish",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="shanhai")
def main() -> None:
    """shanhai (山海): knowledge graphs from Chinese policy documents.

    \b
    Example:
      shanhai build seeds --out build/seeds
      shanhai query build/seeds --name who-helps-whom
    """
