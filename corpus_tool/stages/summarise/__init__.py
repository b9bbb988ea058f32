"""Built-in stage `summarise`: extractive summaries."""

DEFAULT_METHOD = "hybrid"
