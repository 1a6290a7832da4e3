"""`search`: the full-text index over titles, aliases, people, characters and episode titles,
best matches first; the substring match and "did you mean" when the index finds nothing; the
index following every write; and old catalogs searching like fresh ones once migrated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from seasontrack.cli import app
from seasontrack.errors import InvalidInput
from seasontrack.services.search import search
from seasontrack.store import open_catalog, transaction
from tests.conftest import Run
from tests.test_migrations import VERSIONS, old_and_fresh


def found(run: Run, text: str, *more: str) -> dict[str, list[Any]]:
    """What `search --json` found, as (show, season, number, title) for episodes, the titles
    of shows and (person, character or job, show) for credits."""
    data = json.loads(run("search", text, "--json", *more).stdout)
    return {
        "shows": [s["title"] for s in data["shows"]],
        "credits": [
            (c["person"], c.get("character") or c.get("job"), c["show"]) for c in data["credits"]
        ],
        "episodes": [(e["show"], e["season"], e["number"], e["title"]) for e in data["episodes"]],
    }


def titled(run: Run, show: str, season: int, *titles: str) -> None:
    """``show`` with one season whose episodes have ``titles``, in order."""
    run("show", "add", show)
    run("season", "add", show, str(season), "--episodes", str(len(titles)))
    for number, title in enumerate(titles, start=1):
        run("episode", "add", show, str(season), str(number), "--title", title)


def test_search_finds_an_episode_by_its_title(run: Run) -> None:
    titled(run, "Numbered", 2, *(f"Episode {n}" for n in range(1, 21)))
    assert found(run, "Episode 7")["episodes"] == [("Numbered", 2, 7, "Episode 7")]
    assert found(run, "episode 17")["episodes"] == [("Numbered", 2, 17, "Episode 17")]
    # On a terminal or piped, as "Show S2E7 Title".
    out = run("search", "Episode 7").stdout
    assert "Numbered S2E7 Episode 7" in out
    assert "Episode 17" not in out
    assert run("search", "Episode 7", "--plain").stdout == (
        "episode\tNumbered\tS2E7\tEpisode 7\t2\n"
    )


def test_episode_titles_are_matched_by_words_in_any_order_and_case(run: Run) -> None:
    titled(run, "Jessica Jones", 2, "AKA Start at the Beginning", "AKA Three Lives and Counting")
    assert found(run, "three lives")["episodes"] == [
        ("Jessica Jones", 2, 2, "AKA Three Lives and Counting")
    ]
    assert [e[3] for e in found(run, "aka")["episodes"]] == [
        "AKA Start at the Beginning",
        "AKA Three Lives and Counting",
    ]
    # The last word may be the start of one, as when typing.
    assert len(found(run, "counting thr")["episodes"]) == 1
    # Accents and case are ignored.
    assert len(found(run, "LÍVES")["episodes"]) == 1


def test_the_best_match_comes_first(run: Run) -> None:
    # Added first, so that only the ranking can put the short title ahead of it.
    titled(run, "Long", 1, "The Harbor at the End of the Long Northern Road", "Harbor")
    run("show", "add", "Lights Over the Old Harbor of the North")
    run("show", "add", "Harbor")
    result = found(run, "harbor")
    assert result["shows"] == ["Harbor", "Lights Over the Old Harbor of the North"]
    assert [e[3] for e in result["episodes"]] == [
        "Harbor",
        "The Harbor at the End of the Long Northern Road",
    ]


def test_limit_keeps_the_best_of_each_kind(run: Run) -> None:
    titled(run, "Many", 1, "Signal", "Signal Lost", "The Signal Is Lost Again", "Signals")
    result = run("search", "signal", "--limit", "2", "--json")
    assert [e["title"] for e in json.loads(result.stdout)["episodes"]] == [
        "Signal",
        "Signal Lost",
    ]
    assert "--limit 0 shows all" in result.stderr
    assert len(found(run, "signal", "--limit", "0")["episodes"]) == 3


def test_people_characters_and_shows_are_found_by_their_words(run: Run, jessica: None) -> None:
    assert found(run, "ritter krysten")["credits"] == [
        ("Krysten Ritter", "Jessica Jones", "Jessica Jones")
    ]
    assert found(run, "trish")["credits"] == [("Rachael Taylor", "Trish Walker", "Jessica Jones")]
    # An alias's words find its show; "Marvel's" is the words "marvel" and "s".
    assert found(run, "marvel's")["shows"] == ["Jessica Jones"]
    # A crew member is found by name, with each job.
    assert found(run, "tucker")["credits"] == [
        ("Raelle Tucker", "writer", "Jessica Jones"),
        ("Raelle Tucker", "producer", "Jessica Jones"),
    ]


# FTS5's own syntax among words: quotes, operators, column filters, prefixes, parentheses.
_SYNTAX = st.sampled_from(['"', "*", "-", "+", "^", ":", "(", ")", "AND", "OR", "NOT", "NEAR"])


@given(words=st.lists(st.one_of(_SYNTAX, st.text(max_size=8)), max_size=6))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_searched_as_words_never_as_query_syntax(
    words: list[str], run: Run, db: Path
) -> None:
    if not db.exists():  # the same catalog serves every example
        run("show", "add", "Not And Or")
    text = " ".join(words)
    with open_catalog(db) as conn:
        try:
            result = search(conn, text)
        except InvalidInput:
            assert not text.strip()
            return
    assert result.text == text.strip()


def test_part_of_a_word_falls_back_to_the_substring_match(run: Run, jessica: None) -> None:
    # "ysten" starts no word: the index finds nothing, the substring match does.
    assert found(run, "ysten")["credits"] == [("Krysten Ritter", "Jessica Jones", "Jessica Jones")]
    assert found(run, "ica jo")["shows"] == ["Jessica Jones"]
    # Text that is no word at all is matched literally (LIKE's wildcards included).
    empty = run("search", "%", "--json", code=1)
    assert json.loads(empty.stdout) == {"query": "%", "shows": [], "credits": [], "episodes": []}


def test_nothing_found_suggests_the_closest_show_or_person(run: Run, jessica: None) -> None:
    show = run("search", "Jessica Jnes", code=1)
    assert show.stderr == (
        "Error: nothing in the catalog matches 'Jessica Jnes' (did you mean 'Jessica Jones'?)\n"
    )
    assert show.stdout == ""
    person = run("search", "Krysten Riter", code=1).stderr
    assert "did you mean 'Krysten Ritter'" in person
    assert "did you mean" not in run("search", "Zzyzx", code=1).stderr


def test_the_index_follows_shows_and_aliases(run: Run) -> None:
    run("show", "add", "Night Watch", "--alias", "Dozor")
    assert found(run, "night")["shows"] == ["Night Watch"]
    run("show", "edit", "Night Watch", "--title", "Day Watch")
    assert found(run, "day")["shows"] == ["Day Watch"]
    run("search", "night", code=1)
    assert found(run, "dozor")["shows"] == ["Day Watch"]
    run("show", "edit", "Day Watch", "--remove-alias", "Dozor", "--alias", "Dnevnoi")
    run("search", "dozor", code=1)
    assert found(run, "dnevnoi")["shows"] == ["Day Watch"]
    run("show", "rm", "Day Watch", "--yes")
    run("search", "watch", code=1)
    run("search", "dnevnoi", code=1)


def test_the_index_follows_people_and_characters(run: Run, jessica: None, db: Path) -> None:
    run("cast", "rm", "Jessica Jones", "David Tennant", "--season", "2")
    run("search", "kilgrave", code=1)
    run("search", "tennant", code=1)
    run("cast", "add", "Jessica Jones", "David Tennant", "--as", "Zebediah Killgrave")
    assert found(run, "zebediah")["credits"] == [
        ("David Tennant", "Zebediah Killgrave", "Jessica Jones")
    ]
    # Names changed by any writer, not only by a command, reach the index.
    with open_catalog(db) as conn, transaction(conn):
        conn.execute("UPDATE people SET name = 'Dave Tennant' WHERE name = 'David Tennant'")
        conn.execute(
            "UPDATE credits SET character = 'Kevin' WHERE character = 'Zebediah Killgrave'"
        )
    run("search", "david", code=1)
    run("search", "zebediah", code=1)
    assert found(run, "kevin")["credits"] == [("Dave Tennant", "Kevin", "Jessica Jones")]
    assert found(run, "dave")["credits"] == [("Dave Tennant", "Kevin", "Jessica Jones")]


def test_the_index_follows_episodes(run: Run) -> None:
    titled(run, "Edited", 1, "Pilot", "Second Wind")
    run("episode", "edit", "Edited", "1", "1", "--title", "Opening Night")
    run("search", "pilot", code=1)
    assert found(run, "opening")["episodes"] == [("Edited", 1, 1, "Opening Night")]
    run("episode", "edit", "Edited", "1", "1", "--title", "")
    run("search", "opening", code=1)
    run("episode", "edit", "Edited", "1", "1", "--title", "Pilot Again")
    assert found(run, "pilot")["episodes"] == [("Edited", 1, 1, "Pilot Again")]
    run("episode", "rm", "Edited", "1", "2", "--yes")
    run("search", "wind", code=1)
    run("season", "rm", "Edited", "1", "--yes")
    run("search", "pilot", code=1)


def test_a_rolled_back_write_leaves_the_index_as_it_was(run: Run, db: Path) -> None:
    titled(run, "Kept", 1, "Still Here")
    with pytest.raises(RuntimeError), open_catalog(db) as conn, transaction(conn):
        conn.execute("UPDATE episodes SET title = 'Gone'")
        raise RuntimeError
    assert found(run, "still")["episodes"] == [("Kept", 1, 1, "Still Here")]


def test_the_index_holds_exactly_the_catalog_s_names_after_many_writes(
    run: Run, jessica: None, db: Path
) -> None:
    titled(run, "Busy", 1, "One", "Two", "Three")
    with open_catalog(db) as conn, transaction(conn):
        # Several writes to the same rows in one transaction: each table's index must end
        # holding what the row holds at the commit, whatever came between.
        conn.execute("UPDATE episodes SET title = 'Uno' WHERE title = 'One'")
        conn.execute("UPDATE episodes SET title = 'Eins' WHERE title = 'Uno'")
        conn.execute("DELETE FROM episodes WHERE title = 'Two'")
        conn.execute(
            "INSERT INTO episodes (season_id, number, title)"
            " SELECT season_id, 2, 'Deux' FROM episodes WHERE title = 'Three'"
        )
        conn.execute("UPDATE episodes SET title = NULL WHERE title = 'Three'")
        conn.execute("UPDATE shows SET title = 'Busier' WHERE title = 'Busy'")
    # The last row deleted, and its id given to a new one: in one transaction, then in two.
    run("episode", "add", "Busier", "1", "9", "--title", "Spare")
    last = "SELECT season_id, number, id FROM episodes ORDER BY id DESC LIMIT 1"
    with open_catalog(db) as conn, transaction(conn):
        season, number, gone = conn.execute(last).fetchone()
        conn.execute("DELETE FROM episodes WHERE id = ?", (gone,))
        conn.execute(
            "INSERT INTO episodes (season_id, number, title) VALUES (?, ?, 'Reused')",
            (season, number),
        )
        assert conn.execute(last).fetchone()[2] == gone
    with open_catalog(db) as conn:
        with transaction(conn):
            conn.execute("DELETE FROM episodes WHERE title = 'Reused'")
        with transaction(conn):
            conn.execute(
                "INSERT INTO episodes (season_id, number, title) VALUES (?, ?, 'Again')",
                (season, number),
            )
        assert conn.execute(last).fetchone()[2] == gone
    conn = sqlite3.connect(db)
    for index in ("shows_fts", "show_aliases_fts", "people_fts", "credits_fts", "episodes_fts"):
        # FTS5 compares an external-content index with its table, row by row.
        conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT count(*) FROM stale_search").fetchone()[0] == 0
    assert [e[3] for e in found(run, "eins")["episodes"]] == ["Eins"]
    assert [e[3] for e in found(run, "deux")["episodes"]] == ["Deux"]
    run("search", "three", code=1)
    run("search", "reused", code=1)
    run("search", "spare", code=1)
    assert [e[3] for e in found(run, "again")["episodes"]] == ["Again"]


def test_names_another_program_writes_are_indexed_at_seasontrack_s_next_write(
    run: Run, db: Path
) -> None:
    run("show", "add", "Mine")
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO shows (title) VALUES ('Foreign Affairs')")
    # Readers do not take the write lock to index it (that program may be holding it): till
    # then, only the substring match finds it.
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert found(run, "foreign")["shows"] == ["Foreign Affairs"]
        run("search", "affairs foreign", code=1)
    finally:
        holder.execute("ROLLBACK")
    run("show", "add", "Yours")
    assert found(run, "affairs foreign")["shows"] == ["Foreign Affairs"]


# Queries that reach every kind of name in the sample catalog (titles, aliases, people,
# characters), whole words, starts of words and parts, and one that finds nothing.
SAMPLE_QUERIES = ["jessica", "marvel", "Krysten Ritter", "kilgrave", "elod", "ell", "Jessca Jnes"]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_migrated_catalog_searches_like_its_data_imported_afresh(
    version: int, run: Run, tmp_path: Path
) -> None:
    migrated, fresh = old_and_fresh(run, tmp_path, version)
    # An episode title written by that version (the sample has none), in its own schema.
    with sqlite3.connect(migrated) as conn:
        has_episodes = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'episodes'"
        ).fetchone()
        season, show, number = conn.execute(
            "SELECT seasons.id, shows.title, seasons.number FROM seasons"
            " JOIN shows ON shows.id = show_id ORDER BY seasons.id LIMIT 1"
        ).fetchone()
        if has_episodes:
            conn.execute(
                "INSERT INTO episodes (season_id, number, title) VALUES (?, 99, 'Old Title')",
                (season,),
            )
    if has_episodes:
        run("episode", "add", show, str(number), "99", "--title", "Old Title", "--db", str(fresh))

    runner = CliRunner()
    for text in [*SAMPLE_QUERIES, "old title"]:
        mine, theirs = (
            runner.invoke(app, ["search", text, "--json", "--db", str(db)])
            for db in (migrated, fresh)
        )
        assert (mine.exit_code, mine.stdout) == (theirs.exit_code, theirs.stdout), text
    assert found(run, "kilgrave", "--db", str(migrated))["credits"], "the sample has Kilgrave"
    if has_episodes:
        assert found(run, "old title", "--db", str(migrated))["episodes"] == [
            (show, number, 99, "Old Title")
        ]
