"""`cop codeowners`: CODEOWNERS generated from the offices' maintainers, and a check that it is current."""


def test_codeowners_check_passes_on_a_fresh_file_and_fails_on_a_stale_one(project):
    assert project.cop("codeowners", "--check").code == 0
    project.edit("practices/SG/office.yaml", 'maintainers: ["@sg-examiner"]', 'maintainers: ["@sg-examiner", "@sg-lead"]')
    stale = project.cop("codeowners", "--check")
    assert stale.code == 1 and "out of date" in stale.err
    assert project.cop("codeowners").code == 0
    assert "/practices/SG/ @sg-examiner @sg-lead" in project.read(".github/CODEOWNERS").splitlines()
    assert project.cop("codeowners", "--check").code == 0


def test_the_repository_codeowners_is_current():
    from conftest import REPO, cop

    assert cop("codeowners", "--check", cwd=REPO).code == 0
