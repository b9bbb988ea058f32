"""Built-in writers, registered through the `corpus_tool` entry-point group like any plugin."""
