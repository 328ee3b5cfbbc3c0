"""Presentation: every table and report (one table model), every figure (one registry), in
English and Japanese, and writing files.

Takes computed results and renders them; computes nothing new. Nothing below imports typer.
"""
