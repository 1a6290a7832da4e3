"""The editing and reading commands, driven as a user would drive them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seasontrack.cli import COMMANDS
from tests.conftest import Run, dump


def test_seed_article_reads_back_in_table_detail_and_json(run: Run, jessica: None) -> None:
    listing = run("list", "--now", "2018-03-05 12:00").stdout
    assert "Jessica Jones" in listing
    assert "Netflix" in listing
    # Shown in the user's zone (New York in the tests), with a countdown.
    assert "S2E1-E13 March 8, 2018 03:01 EST  in 3 days" in listing

    info = run("info", "Jessica Jones").stdout
    for fact in (
        "Marvel's Jessica Jones",
        "March 8, 2018 03:01 EST (March 8, 2018 00:01 PST)",
        "Krysten Ritter as Jessica Jones",
        "Janet McTeer (role undisclosed)",
        "David Tennant as Kilgrave",
        "Melissa Rosenberg",
        "showrunner",
        "Raelle Tucker",
        "December 9, 2017",
        "Set to Heart's Barracuda",
        "All 13 episodes directed by women",
        "https://example.org/jessica-jones-season-2",
    ):
        assert fact in info, fact

    data = json.loads(run("info", "Jessica Jones", "2", "--json").stdout)
    (season,) = data["seasons"]
    assert season["number"] == 2
    assert season["episode_count"] == 13
    assert season["release"] == "all-at-once"
    assert season["premiere"]["precision"] == "minute"
    assert season["premiere"]["at"] == "2018-03-08T00:01:00-08:00"
    assert season["premiere"]["text"] == "March 8, 2018 00:01 PST"
    assert {"person": "David Tennant", "character": "Kilgrave"}.items() <= data["cast"][-1].items()
    assert data["crew"][0]["job"] == "showrunner"


def test_list_filters_by_status_and_network(run: Run, jessica: None) -> None:
    run("show", "add", "Daredevil", "--network", "Netflix", "--status", "cancelled")
    run("show", "add", "Game of Thrones", "--network", "HBO", "--status", "ended")
    ended = [row["title"] for row in json.loads(run("list", "--status", "ended", "--json").stdout)]
    assert ended == ["Game of Thrones", "Jessica Jones"]
    netflix = [
        row["title"] for row in json.loads(run("list", "--network", "netflix", "--json").stdout)
    ]
    assert netflix == ["Daredevil", "Jessica Jones"]


def test_next_release_is_the_soonest_one_still_to_come(run: Run) -> None:
    run("show", "add", "Stranger Things")
    run("season", "add", "Stranger Things", "1", "--premiere", "July 15, 2016")
    run("season", "add", "Stranger Things", "2", "--premiere", "October 27, 2017")
    run("season", "add", "Stranger Things", "3")

    def next_release(now: str) -> dict[str, Any]:
        (row,) = json.loads(run("list", "--json", "--now", now).stdout)
        found: dict[str, Any] = row["next_release"]
        return found

    first = next_release("2016-07-01")
    assert (first["season"], first["countdown"], first["premiere"]) == (1, "in 2 weeks", True)
    assert first["date"] == {
        "text": "July 15, 2016",
        "precision": "day",
        "start": "2016-07-15",
        "end": "2016-07-15",
        "time": None,
        "tz": None,
        "at": None,
    }
    # On its release day a premiere is still the next one; the day after it is not.
    assert next_release("2017-10-27 23:00")["season"] == 2
    assert next_release("2017-10-27 23:00")["countdown"] == "today"
    assert next_release("2017-10-28")["season"] == 3
    assert next_release("2017-10-28")["date"]["precision"] == "tba"
    assert next_release("2017-10-28")["countdown"] == "TBA"


def test_show_named_by_alias_prefix_or_any_case(run: Run, jessica: None) -> None:
    for name in ("jessica jones", "MARVEL'S JESSICA JONES", "Jess", "marvel"):
        assert "Krysten Ritter" in run("info", name).stdout


def test_unknown_show_suggests_the_closest(run: Run, jessica: None, db: Path) -> None:
    before = dump(db)
    result = run("info", "Jesica Jones", code=1)
    assert (
        result.stderr
        == "Error: no show called 'Jesica Jones' in the catalog (did you mean 'Jessica Jones'?)\n"
    )
    assert result.stdout == ""
    result = run("cast", "add", "Jesica Jones", "Someone", code=1)
    assert "did you mean 'Jessica Jones'" in result.stderr
    assert dump(db) == before


def test_ambiguous_prefix_lists_the_candidates(run: Run) -> None:
    run("show", "add", "Doctor Who (1963)")
    run("show", "add", "Doctor Who (2005)")
    result = run("info", "doctor", code=2)
    assert "'Doctor Who (1963)', 'Doctor Who (2005)'" in result.stderr


def test_show_edit_renames_and_manages_aliases(run: Run, jessica: None) -> None:
    run(
        "show",
        "edit",
        "Jessica Jones",
        "--title",
        "Jessica Jones (2015)",
        "--alias",
        "JJ",
        "--remove-alias",
        "marvel's jessica jones",
        "--network",
        "",
    )
    data = json.loads(run("info", "JJ", "--json").stdout)
    assert data["title"] == "Jessica Jones (2015)"
    assert data["aliases"] == ["JJ"]
    assert data["network"] is None
    run("info", "Marvel's Jessica Jones", code=1)


def test_titles_and_aliases_must_stay_unique(run: Run, jessica: None, db: Path) -> None:
    before = dump(db)
    assert "already names 'Jessica Jones'" in run("show", "add", "jessica jones", code=2).stderr
    assert (
        "already names"
        in run("show", "add", "Other", "--alias", "Marvel's Jessica Jones", code=2).stderr
    )
    assert dump(db) == before


def test_show_rm_needs_yes_without_a_terminal(run: Run, jessica: None, db: Path) -> None:
    before = dump(db)
    result = run("show", "rm", "Jessica Jones", code=2)
    assert "add --yes" in result.stderr
    assert dump(db) == before
    run("show", "rm", "Jessica Jones", "--yes")
    assert json.loads(run("list", "--json").stdout) == []
    # Removing the show removed its people too: nothing dangles.
    run("search", "Krysten", code=1)


def test_season_add_reads_a_time_and_zone_inside_the_date(run: Run) -> None:
    run("show", "add", "Jessica Jones")
    run("season", "add", "Jessica Jones", "2", "--premiere", "8 Mar 2018 00:01 PST")
    (season,) = json.loads(run("info", "Jessica Jones", "--json").stdout)["seasons"]
    assert season["release_time"] == "00:01"
    assert season["release_tz"] == "America/Los_Angeles"
    assert season["premiere"]["at"] == "2018-03-08T00:01:00-08:00"


@pytest.mark.parametrize(
    ("premiere", "text", "precision"),
    [
        ("2018", "2018", "year"),
        ("March 2018", "March 2018", "month"),
        ("q1 2018", "Q1 2018", "quarter"),
        ("Spring 2018", "spring 2018", "season"),
        ("late 2018", "late 2018", "third"),
        ("TBA", "TBA", "tba"),
    ],
)
def test_imprecise_premieres_keep_their_precision(
    run: Run, premiere: str, text: str, precision: str
) -> None:
    run("show", "add", "X")
    run("season", "add", "X", "1", "--premiere", premiere)
    (season,) = json.loads(run("info", "X", "--json").stdout)["seasons"]
    assert (season["premiere"]["text"], season["premiere"]["precision"]) == (text, precision)
    assert text in run("info", "X").stdout


def test_season_edit_and_rm(run: Run, jessica: None) -> None:
    run("season", "edit", "Jessica Jones", "2", "--episodes", "12", "--synopsis", "A new case.")
    (season,) = json.loads(run("info", "Jessica Jones", "2", "--json").stdout)["seasons"]
    assert (season["episode_count"], season["synopsis"]) == (12, "A new case.")
    assert season["premiere"]["text"] == "March 8, 2018 00:01 PST"  # untouched
    run("season", "edit", "Jessica Jones", "2", "--number", "3")
    run("info", "Jessica Jones", "2", code=1)
    run("season", "rm", "Jessica Jones", "3", "--yes")
    data = json.loads(run("info", "Jessica Jones", "--json").stdout)
    assert [s["number"] for s in data["seasons"]] == [1]
    assert all(c["season"] != 3 for c in data["cast"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("season", "add", "Jessica Jones", "2"), 2, "already has season 2"),
        (("season", "add", "Jessica Jones", "3", "--premiere", "March 8"), 2, "has no year"),
        (("season", "add", "Jessica Jones", "3", "--premiere", "Marhc 2018"), 2, "write it like"),
        (("season", "add", "Jessica Jones", "3", "--tz", "Europe/Berln"), 2, "Europe/Berlin"),
        (("season", "add", "Jessica Jones", "3", "--time", "25:00"), 2, "HH:MM"),
        (
            ("season", "add", "Jessica Jones", "3", "--release", "weekley"),
            2,
            "did you mean 'weekly'",
        ),
        (
            (
                "season",
                "add",
                "Jessica Jones",
                "3",
                "--premiere",
                "2018-03-08",
                "--finale",
                "2018-01-01",
            ),
            2,
            "before the premiere",
        ),
        (
            ("season", "edit", "Jessica Jones", "7", "--episodes", "3"),
            1,
            "has no season 7; it has season 1, 2",
        ),
        (("season", "rm", "Jessica Jones", "7", "--yes"), 1, "has no season 7"),
        (("show", "add", "New", "--status", "canceled"), 2, "did you mean 'cancelled'"),
        (("show", "add", "  "), 2, "cannot be empty"),
        (("cast", "add", "Jessica Jones", "X", "--season", "9"), 1, "has no season 9"),
        (
            ("cast", "rm", "Jessica Jones", "Krysten Riter", "--season", "2"),
            1,
            "did you mean 'Krysten Ritter'",
        ),
        (
            ("crew", "rm", "Jessica Jones", "Melissa Rosenberg", "--job", "writer"),
            1,
            "no crew credit",
        ),
        (("trailer", "add", "Jessica Jones", "javascript:alert(1)"), 2, "http:// or https://"),
        (("trailer", "add", "Jessica Jones", "file:///etc/passwd"), 2, "http:// or https://"),
        (
            ("trailer", "add", "Jessica Jones", "--kind", "promo", "--title", "x"),
            2,
            "teaser, trailer",
        ),
        (("trailer", "add", "Jessica Jones"), 2, "needs a URL"),
        (("source", "add", "Jessica Jones", "www.example.org/no-scheme"), 2, "http:// or https://"),
        (("trailer", "open", "Jessica Jones"), 1, "no trailer with a link"),
        (("list", "--network", "Netflx"), 2, "did you mean 'Netflix'"),
        (("list", "--now", "soon"), 2, "--now"),
        (("list", "--tz", "Mars/Olympus"), 2, "--tz"),
        (("show", "add"), 2, "Missing argument 'title'"),
        (("shwo", "add", "X"), 2, "No such command 'shwo'"),
        (("season", "add", "Jessica Jones", "-1"), 2, "-1"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    run: Run, jessica: None, db: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = dump(db)
    result = run(*args, code=code)
    assert message in result.stderr
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    assert dump(db) == before


def test_cast_add_again_updates_instead_of_duplicating(run: Run, jessica: None) -> None:
    result = run(
        "cast",
        "add",
        "Jessica Jones",
        "krysten ritter",
        "--as",
        "Jessica Jones",
        "--season",
        "2",
        "--billing",
        "2",
    )
    assert result.stdout.startswith("Updated")
    cast = json.loads(run("info", "Jessica Jones", "--json").stdout)["cast"]
    ritter = [c for c in cast if c["person"] == "Krysten Ritter"]
    assert len(ritter) == 1
    assert ritter[0]["billing"] == 2


def test_cast_and_crew_removal(run: Run, jessica: None) -> None:
    run("cast", "rm", "Jessica Jones", "David Tennant", "--season", "2")
    run("crew", "rm", "Jessica Jones", "Raelle Tucker", "--job", "writer", "--season", "2")
    data = json.loads(run("info", "Jessica Jones", "--json").stdout)
    assert "David Tennant" not in {c["person"] for c in data["cast"]}
    assert [c["job"] for c in data["crew"] if c["person"] == "Raelle Tucker"] == ["producer"]
    run("search", "Kilgrave", code=1)


def test_rumoured_cast_is_marked(run: Run, jessica: None) -> None:
    run(
        "cast",
        "add",
        "Jessica Jones",
        "Carrie-Anne Moss",
        "--as",
        "Jeri Hogarth",
        "--season",
        "2",
        "--rumoured",
    )
    assert (
        "Carrie-Anne Moss as Jeri Hogarth  [rumoured]" in run("info", "Jessica Jones", "2").stdout
    )
    moss = json.loads(run("info", "Jessica Jones", "--json").stdout)["cast"][-1]
    assert moss["status"] == "rumoured"


def test_search_finds_people_characters_and_shows(run: Run, jessica: None) -> None:
    kilgrave = json.loads(run("search", "kilgrave", "--json").stdout)
    assert [(c["person"], c["character"], c["show"]) for c in kilgrave["credits"]] == [
        ("David Tennant", "Kilgrave", "Jessica Jones")
    ]
    ritter = run("search", "Krysten Ritter").stdout
    assert "as Jessica Jones" in ritter
    shows = json.loads(run("search", "marvel", "--json").stdout)
    assert shows["shows"] == [{"title": "Jessica Jones"}]
    # LIKE wildcards in the text are taken literally.
    empty = run("search", "%", "--json", code=1)
    assert json.loads(empty.stdout) == {"query": "%", "shows": [], "credits": [], "episodes": []}


def test_trailers_add_update_open_and_remove(
    run: Run, jessica: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    run(
        "trailer",
        "add",
        "Jessica Jones",
        "https://www.youtube.com/watch?v=old",
        "--season",
        "2",
        "--kind",
        "teaser",
        "--published",
        "2017-01-15",
    )
    run(
        "trailer",
        "add",
        "Jessica Jones",
        "https://www.youtube.com/watch?v=new",
        "--season",
        "2",
        "--published",
        "February 2018",
    )
    assert run("trailer", "open", "Jessica Jones").stdout == "https://www.youtube.com/watch?v=new\n"
    assert opened == ["https://www.youtube.com/watch?v=new"]
    run("trailer", "rm", "Jessica Jones", "https://www.youtube.com/watch?v=new")
    run("trailer", "open", "Jessica Jones", "--season", "2")
    assert opened[-1] == "https://www.youtube.com/watch?v=old"
    trailers = json.loads(run("info", "Jessica Jones", "--json").stdout)["trailers"]
    assert [t["kind"] for t in trailers] == ["teaser", "trailer"]


def test_source_add_and_rm(run: Run, jessica: None) -> None:
    run(
        "source",
        "rm",
        "Jessica Jones",
        "https://example.org/jessica-jones-season-2",
        "--season",
        "2",
    )
    assert json.loads(run("info", "Jessica Jones", "--json").stdout)["sources"] == []


def test_user_text_is_printed_literally(run: Run) -> None:
    hostile = "[bold]X[/] \x1b[31mred\x1b[0m"
    run("show", "add", hostile, "--summary", "[link=https://evil.example]click[/link]")
    listing = run("list").stdout
    assert "[bold]X[/] \\x1b[31mred\\x1b[0m" in listing
    assert "\x1b" not in listing
    info = run("info", "[bold]").stdout
    assert "[link=https://evil.example]click[/link]" in info
    assert json.loads(run("info", "[bold]", "--json").stdout)["title"] == hostile


def test_piped_output_has_no_colour_or_box_art(run: Run, jessica: None) -> None:
    out = run("info", "Jessica Jones").stdout
    assert "\x1b[" not in out
    assert not set("│╭╮╰╯─┃━") & set(out)
    assert all(line == line.rstrip() for line in out.splitlines())


def test_empty_catalog_says_how_to_start(run: Run) -> None:
    result = run("list")
    assert result.stdout == ""
    assert "seasontrack show add" in result.stderr
    assert json.loads(run("list", "--json").stdout) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_listed_in_help_and_answers_its_own_help(run: Run, name: str) -> None:
    # Commands are loaded by name when first used; a wrong module or attribute in the
    # registry would only show when someone runs that command.
    assert name in run("--help").stdout
    assert f"seasontrack {name}" in run(name, "--help").stdout


def test_a_mistyped_command_suggests_the_real_one(run: Run) -> None:
    result = run("upcomming", code=2)
    assert "Did you mean 'upcoming'?" in result.stderr


def test_a_season_can_be_on_another_network_than_its_show(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("show", "add", "Lucifer", "--network", "FOX")
    run("season", "add", "Lucifer", "3", "--premiere", "2017-10-02")
    run("season", "add", "Lucifer", "4", "--premiere", "2019-05-08", "--network", "Netflix")
    info = run("info", "Lucifer").stdout
    season_four = info[info.index("Season 4") :]
    assert "Netflix" in season_four and "Netflix" not in info[: info.index("Season 4")]
    rows = json.loads(
        run("upcoming", "--network", "netflix", "--json", "--now", "2019-01-01").stdout
    )
    assert [(r["season"], r["network"]) for r in rows] == [(4, "Netflix")]
    exported = tmp_path / "lucifer.json"
    run("export", "-o", str(exported))
    monkeypatch.setenv("SEASONTRACK_DB", str(tmp_path / "elsewhere.db"))
    run("import", str(exported))
    seasons = json.loads(run("info", "Lucifer", "--json").stdout)["seasons"]
    assert [(s["number"], s["network"]) for s in seasons] == [(3, None), (4, "Netflix")]
    run("season", "edit", "Lucifer", "4", "--network", "")
    seasons = json.loads(run("info", "Lucifer", "--json").stdout)["seasons"]
    assert seasons[1]["network"] is None


# ---------------------------------------------------------------------------- edits keep


def _cast(run: Run, person: str) -> dict[str, Any]:
    cast = json.loads(run("info", "Jessica Jones", "--json").stdout)["cast"]
    found: dict[str, Any] = next(c for c in cast if c["person"] == person)
    return found


def test_adding_a_role_again_keeps_what_it_does_not_name(run: Run, jessica: None) -> None:
    run("cast", "add", "jessica", "Carrie-Anne Moss", "--as", "Jeri Hogarth", "--season", "2")
    run(
        *("cast", "add", "jessica", "Carrie-Anne Moss", "--as", "Jeri Hogarth", "--season", "2"),
        *("--rumoured", "--returning", "--billing", "3", "--note", "her return is likely"),
    )
    kept = {
        "status": "rumoured",
        "arrival": "returning",
        "billing": 3,
        "note": "her return is likely",
    }

    # The report: re-adding a rumoured role silently confirmed it and reset the rest.
    result = run(
        "cast", "add", "jessica", "Carrie-Anne Moss", "--as", "Jeri Hogarth", "--season", "2"
    )
    assert result.stdout == "Updated Carrie-Anne Moss as Jeri Hogarth in Jessica Jones season 2.\n"
    assert {k: _cast(run, "Carrie-Anne Moss")[k] for k in kept} == kept

    # Each detail changes when named, and only that one.
    role = ("jessica", "Carrie-Anne Moss", "--as", "Jeri Hogarth", "--season", "2")
    run("cast", "add", *role, "--confirmed")
    assert _cast(run, "Carrie-Anne Moss")["status"] == "confirmed"
    assert _cast(run, "Carrie-Anne Moss")["note"] == "her return is likely"
    run("cast", "add", *role, "--no-note")
    assert _cast(run, "Carrie-Anne Moss")["note"] is None
    assert _cast(run, "Carrie-Anne Moss")["billing"] == 3
    run("cast", "add", *role, "--no-billing", "--no-arrival", "--rumoured")
    assert {k: _cast(run, "Carrie-Anne Moss")[k] for k in kept} == {
        "status": "rumoured",
        "arrival": None,
        "billing": None,
        "note": None,
    }


def test_a_detail_set_and_cleared_at_once_is_refused(run: Run, jessica: None, db: Path) -> None:
    before = dump(db)
    for args in (
        ("--note", "x", "--no-note"),
        ("--billing", "2", "--no-billing"),
        ("--new", "--no-arrival"),
    ):
        result = run(
            "cast", "add", "jessica", "Krysten Ritter", "--as", "Jessica Jones", *args, code=2
        )
        assert "not both" in result.stderr
    assert dump(db) == before


def test_adding_a_crew_job_again_keeps_its_status_and_note(run: Run, jessica: None) -> None:
    job = ("jessica", "Raelle Tucker", "--job", "writer", "--season", "2")
    run("crew", "add", *job, "--rumoured", "--note", "from the trades")
    run("crew", "add", *job)
    crew = json.loads(run("info", "Jessica Jones", "--json").stdout)["crew"]
    writer = next(c for c in crew if c["person"] == "Raelle Tucker" and c["job"] == "writer")
    assert (writer["status"], writer["note"]) == ("rumoured", "from the trades")
    run("crew", "add", *job, "--confirmed", "--no-note")
    crew = json.loads(run("info", "Jessica Jones", "--json").stdout)["crew"]
    writer = next(c for c in crew if c["person"] == "Raelle Tucker" and c["job"] == "writer")
    assert (writer["status"], writer["note"]) == ("confirmed", None)


def test_adding_a_trailer_link_again_keeps_what_it_does_not_name(run: Run, jessica: None) -> None:
    link = "https://www.youtube.com/watch?v=example"
    run(
        *("trailer", "add", "jessica", link, "--season", "2", "--title", "Official Trailer"),
        *("--kind", "teaser", "--publisher", "Netflix", "--published", "2017-12-09"),
        *("--note", "Set to Heart's Barracuda"),
    )
    run("trailer", "add", "jessica", link, "--season", "2")

    def trailer() -> dict[str, Any]:
        trailers = json.loads(run("info", "Jessica Jones", "--json").stdout)["trailers"]
        found: dict[str, Any] = next(t for t in trailers if t["url"] == link)
        return found

    kept = trailer()
    assert (kept["title"], kept["kind"], kept["publisher"], kept["note"]) == (
        "Official Trailer",
        "teaser",
        "Netflix",
        "Set to Heart's Barracuda",
    )
    assert kept["published"]["start"] == "2017-12-09"
    run("trailer", "add", "jessica", link, "--season", "2", "--kind", "trailer", "--no-note")
    changed = trailer()
    assert (changed["kind"], changed["note"], changed["title"]) == (
        "trailer",
        None,
        "Official Trailer",
    )
    run("trailer", "add", "jessica", link, "--season", "2", "--no-title", "--published", "TBA")
    assert (trailer()["title"], trailer()["published"]["precision"]) == (None, "tba")
    assert trailer()["publisher"] == "Netflix"


def test_an_import_keeps_a_credits_details_the_file_leaves_out(
    run: Run, jessica: None, tmp_path: Path
) -> None:
    file = tmp_path / "sparse.json"
    file.write_text(
        json.dumps(
            {
                "format": "seasontrack-catalog",
                "version": 1,
                "shows": [
                    {
                        "title": "Jessica Jones",
                        "seasons": [{"number": 2}],
                        "cast": [
                            {
                                "person": "Krysten Ritter",
                                "character": "Jessica Jones",
                                "season": 2,
                                "status": "confirmed",
                            }
                        ],
                    }
                ],
            }
        )
    )
    run("import", str(file))
    ritter = _cast(run, "Krysten Ritter")
    assert (ritter["billing"], ritter["arrival"]) == (1, "returning")


def test_json_output_escapes_every_control_character(run: Run) -> None:
    title = "Evil\x1b[31m\x9b2J\x7f"
    run("show", "add", title)
    out = run("info", "evil", "--json").stdout
    assert not any(0x7F <= ord(ch) <= 0x9F or (ord(ch) < 0x20 and ch != "\n") for ch in out)
    assert json.loads(out)["title"] == title
