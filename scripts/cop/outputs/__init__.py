"""What cop writes outside the knowledge base (the site, packs, CODEOWNERS): where it may write,
one writer at a time, nothing half-written, no temporaries left, failures in plain words.

- `policy`: which targets are allowed, and the marker that names the command that wrote one;
- `claim`: an output folder checked, made writable and locked for the time of a command;
- `lock`: the lock file (filelock);
- `scratch`: temporary folders, recorded so that an interrupted run removes them;
- `interrupt`: SIGINT and SIGTERM as an exception, so cleanup runs, and the exit status;
- `errors`: the refusals and I/O failures that `cli` prints as `cop: ...` with exit 2.
"""
