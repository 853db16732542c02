"""``checker serve``: a local web page for journalists (Starlette + Jinja2, served by uvicorn).

``app.create_app`` builds the application; ``service`` runs the checks on documents already in
memory, ``corpus`` lists the server-side documents a visitor may pick by id, ``uploads`` reads
form uploads within their limits, ``charts`` draws a series as SVG. Nothing here is imported by
``checker --help``: the CLI imports this package only when ``serve`` runs.
"""
