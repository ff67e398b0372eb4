"""Server-rendered pages (Jinja2 + htmx); each module is one area of the site."""
