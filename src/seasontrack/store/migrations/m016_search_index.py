"""A full-text index (SQLite's FTS5) over the names `search` looks through: show titles,
aliases, people, characters and episode titles. Kept by the store like the release index:
triggers mark what changed, and the store brings the index up to date before it commits.

One external-content FTS5 table per source column: the words are stored once (in the
catalog's own tables), and each kind of match is ranked among its own kind. The index is
only ever asked for row ids and ranks, never for its text, so FTS5 never reads the content.

Why not triggers that write the index directly: a trigger writing an FTS5 table makes FTS5
flush its pending words to disk at the end of each statement, about 16 µs per row, so a
10,000-show import (500,000 episodes) took 14 s longer. Instead:

- New rows are not marked at all: ``search_indexed`` holds, per table, the highest row id
  the index has taken, and the rows above it are added in one statement (a bulk import adds
  the whole catalog so, at about 1 µs a row).
- A row changed or deleted is marked in ``stale_search`` with the text the index holds for
  it (NULL: none), which an external-content table must be told to drop it. Only the first
  mark of a row counts (INSERT OR IGNORE): later writes in the same transaction do not
  change what the index holds.

This migration indexes nothing itself: every table starts at 0, and the store indexes the
whole catalog once, after the last migration.
"""

from __future__ import annotations

import sqlite3

_TABLES = [
    """
    CREATE TABLE search_indexed (source TEXT PRIMARY KEY, up_to INTEGER NOT NULL) WITHOUT ROWID
    """,
    """
    INSERT INTO search_indexed (source, up_to) VALUES
        ('shows', 0), ('show_aliases', 0), ('people', 0), ('credits', 0), ('episodes', 0)
    """,
    """
    CREATE TABLE stale_search (
        source TEXT NOT NULL,
        id INTEGER NOT NULL,
        indexed TEXT,
        PRIMARY KEY (source, id)
    ) WITHOUT ROWID
    """,
    # Words folded to lower case and without accents ("Pokémon" finds "Pokemon").
    """
    CREATE VIRTUAL TABLE shows_fts USING fts5(title, content='shows', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')
    """,
    """
    CREATE VIRTUAL TABLE show_aliases_fts USING fts5(alias, content='show_aliases',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2')
    """,
    """
    CREATE VIRTUAL TABLE people_fts USING fts5(name, content='people', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')
    """,
    # A credit without a character, an episode without a title, has nothing to index: the
    # content of these two is the rows that have one, so that FTS5's integrity-check, which
    # compares an index with its content row by row, holds.
    "CREATE VIEW credit_characters AS SELECT id, character FROM credits"
    " WHERE character IS NOT NULL",
    """
    CREATE VIRTUAL TABLE credits_fts USING fts5(character, content='credit_characters',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2')
    """,
    "CREATE VIEW episode_titles AS SELECT id, title FROM episodes WHERE title IS NOT NULL",
    """
    CREATE VIRTUAL TABLE episodes_fts USING fts5(title, content='episode_titles',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2')
    """,
]

_TRIGGERS = [
    """
    CREATE TRIGGER shows_search_update AFTER UPDATE OF title ON shows
    WHEN OLD.title IS NOT NEW.title BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('shows', OLD.id, OLD.title);
    END
    """,
    """
    CREATE TRIGGER shows_search_delete AFTER DELETE ON shows BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('shows', OLD.id, OLD.title);
    END
    """,
    """
    CREATE TRIGGER show_aliases_search_update AFTER UPDATE OF alias ON show_aliases
    WHEN OLD.alias IS NOT NEW.alias BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('show_aliases', OLD.id, OLD.alias);
    END
    """,
    """
    CREATE TRIGGER show_aliases_search_delete AFTER DELETE ON show_aliases BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('show_aliases', OLD.id, OLD.alias);
    END
    """,
    """
    CREATE TRIGGER people_search_update AFTER UPDATE OF name ON people
    WHEN OLD.name IS NOT NEW.name BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('people', OLD.id, OLD.name);
    END
    """,
    """
    CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('people', OLD.id, OLD.name);
    END
    """,
    # Only characters and titles that are there are indexed: a NULL one has nothing to drop.
    """
    CREATE TRIGGER credits_search_update AFTER UPDATE OF character ON credits
    WHEN OLD.character IS NOT NEW.character BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('credits', OLD.id, OLD.character);
    END
    """,
    """
    CREATE TRIGGER credits_search_delete AFTER DELETE ON credits
    WHEN OLD.character IS NOT NULL BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('credits', OLD.id, OLD.character);
    END
    """,
    """
    CREATE TRIGGER episodes_search_update AFTER UPDATE OF title ON episodes
    WHEN OLD.title IS NOT NEW.title BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('episodes', OLD.id, OLD.title);
    END
    """,
    """
    CREATE TRIGGER episodes_search_delete AFTER DELETE ON episodes
    WHEN OLD.title IS NOT NULL BEGIN
        INSERT OR IGNORE INTO stale_search VALUES ('episodes', OLD.id, OLD.title);
    END
    """,
]


def migrate(conn: sqlite3.Connection) -> None:
    for statement in [*_TABLES, *_TRIGGERS]:
        conn.execute(statement)
