"""An office's review round without Git: a workbook out (`cop review export`), the same workbook
back (`cop review import`).

`sheet` says what a row of the workbook is and writes it; `importing` reads a filled workbook,
refuses it whole when anything about it is wrong, and otherwise changes that office's files
only, keeping their comments and layout.
"""
