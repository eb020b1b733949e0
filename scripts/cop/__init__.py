"""The CII Community of Practice knowledge base: model, loader, checker and views."""

__version__ = "0.1.0"
