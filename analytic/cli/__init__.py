"""The ``analytic`` command line: parse, call the library once, render.

The only area that imports typer.
"""
