"""Engine-neutral views of the knowledge base: generated Markdown pages and downloads.

Nothing here imports a site engine; the site layer (cop.site) hands these pages to MkDocs,
and another engine could take them from a staging folder.
"""
