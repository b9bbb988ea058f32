"""Built-in stage `quotes`: quotations and reported speech, attributed to speakers."""
