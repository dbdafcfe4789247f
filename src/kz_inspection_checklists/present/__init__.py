"""The presenters: the plain text and Markdown that people read, apart from the logic whose
results they show."""
