"""The hooks a plugin implements. Each receives a `register` callback and calls it with classes.

    from corpus_tool import hookimpl

    @hookimpl
    def register_stages(register):
        register(WordCount)
"""
import pluggy

hookspec = pluggy.HookspecMarker("corpus_tool")
hookimpl = pluggy.HookimplMarker("corpus_tool")


@hookspec
def register_stages(register):
    """Register `Stage` subclasses: steps that annotate documents."""


@hookspec
def register_readers(register):
    """Register `Reader` subclasses: document sets turned into documents."""


@hookspec
def register_writers(register):
    """Register `Writer` subclasses: outputs such as JSONL and CSV files."""


@hookspec
def register_tables(register):
    """Register `Table` subclasses: tabular views of documents for tabular writers."""


@hookspec
def register_commands(cli):
    """Add commands to the `corpus` command line: `cli` is its click group."""
