"""The fixture every rule test starts from is itself clean, so each test's one problem is its own."""


def test_the_good_fixture_has_no_problem_at_all(project):
    assert project.problems() == []


def test_the_good_fixture_exercises_every_file_kind(project):
    from cop.kinds import TABLE
    from cop.load import load

    loaded = load(project.root)
    kb = loaded.kb
    assert set(loaded.files.files.values()) == {kind.name for kind in TABLE}
    assert len(kb.entries) == 4 and len(kb.workshops["demo"].sessions) == 2
