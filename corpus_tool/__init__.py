"""corpus-tool: turn folders of news articles into analysable data."""

__version__ = "0.1.0"
