"""The site layer: the only code that imports MkDocs. It hands the engine-neutral views to MkDocs."""
