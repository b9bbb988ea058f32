"""Built-in stage `segment`: paragraphs and sentences with stand-off offsets."""
