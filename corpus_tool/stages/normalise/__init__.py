"""Built-in stage `normalise`: Unicode and whitespace repair before any offsets exist."""
