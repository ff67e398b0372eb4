"""Tocsin: anticipate, prevent and respond to mass atrocities."""

__version__ = "0.1.0"
