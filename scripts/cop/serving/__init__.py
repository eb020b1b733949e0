"""Serving a built site as examiners get it: one header policy for every server.

`policy` says which headers each response carries and writes them into the site as `_headers`
(the file Netlify and Cloudflare Pages read); `app` serves a site by that file (`cop serve`);
`configs` turns the same file into nginx, Apache and IIS configuration. None of this imports
MkDocs: a built site is plain files.
"""
