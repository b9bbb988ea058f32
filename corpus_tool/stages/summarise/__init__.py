"""Built-in stage `summarise`: extractive summaries."""
