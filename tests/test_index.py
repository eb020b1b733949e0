"""The index: every contributed text listed once, and searched all at once."""

from cop import load
from cop.index import Index
from cop.rules import unsafe_markup


def index_of(project) -> Index:
    loaded = load.load(project.root)
    return Index(loaded.kb, loaded.files)


def test_a_search_of_the_joined_texts_names_exactly_the_texts_that_hold_what_was_sought(project):
    entry = "practices/EP/program-claims.yaml"
    project.write(entry, project.read(entry).replace("Program claims are", "Program <b>claims</b> [x] (y) a=b are"))
    index = index_of(project)
    texts = [text for _, _, _, text in index.texts]
    assert len(texts) > 100 and any("](" in text for text in texts)
    for needle in ("](", "<", ":", "Program", "]"):
        places = [at for at in range(len(index.joined)) if index.joined.startswith(needle, at)]
        assert index.holding(places) == [i for i, text in enumerate(texts) if needle in text], needle
    marked = [i for i, text in enumerate(texts) if next(unsafe_markup._marks(text), None) is not None]
    assert marked and index.holding(unsafe_markup._marks(index.joined)) == marked


def test_texts_side_by_side_never_make_a_match_between_them(project):
    index = index_of(project)
    index.__dict__["texts"] = [("a.yaml", 1, 1, "ends with ]"), ("a.yaml", 2, 1, "(starts"), ("a.yaml", 3, 1, "at:"),
                               ("b.yaml", 1, 1, ""), ("b.yaml", 2, 1, "](x)")]
    assert index.holding([index.joined.index("](")]) == [4]
    assert index.holding(unsafe_markup._marks(index.joined)) == [2]  # a colon after a t counts; none at a start
    assert index.holding([]) == []
