"""A program cop runs that the machine lacks: said as such, with how to install it, never as an internal error."""


class MissingTool(RuntimeError):
    pass
