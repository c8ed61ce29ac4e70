-- Full-text search and ready views: the part of the schema made for readers.
-- Applied after schema.sql, and again by the migration from schema 1.

-- Full-text search over the items and the page text, with SQLite FTS5, set up
-- as sqlite-utils' enable-fts and Datasette expect: a table {table}_fts with
-- the table as external content (content="table"), so that
-- `sqlite-utils search DB activities QUERY` and Datasette's search box work
-- with no configuration. Deletions and updates keep it in sync by triggers
-- {table}_ad and _au (a replaced document takes its rows out of the index);
-- budgetdb indexes the rows of a document it writes in one statement a table,
-- in the document's transaction: a trigger on every insert made FTS5 flush at
-- each statement's savepoint, half of the time of a write.
-- Swedish: unicode61 folds case but keeps diacritics (remove_diacritics 0), so
-- "år" is not "ar" and "än" is not "an". Inflections are found by prefix
-- queries ("socialnämnd*" finds "socialnämnden", "socialnämndens"), which FTS5
-- answers from its term index without prefix indexes (those cost more to write
-- than they save on archives of this size).
CREATE VIRTUAL TABLE IF NOT EXISTS activities_fts USING fts5(
  text, content="activities", content_rowid="id", tokenize="unicode61 remove_diacritics 0");
DROP TRIGGER IF EXISTS activities_ai;
CREATE TRIGGER IF NOT EXISTS activities_ad AFTER DELETE ON activities BEGIN
  INSERT INTO activities_fts(activities_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS activities_au AFTER UPDATE ON activities BEGIN
  INSERT INTO activities_fts(activities_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO activities_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS indicators_fts USING fts5(
  name, content="indicators", content_rowid="id", tokenize="unicode61 remove_diacritics 0");
DROP TRIGGER IF EXISTS indicators_ai;
CREATE TRIGGER IF NOT EXISTS indicators_ad AFTER DELETE ON indicators BEGIN
  INSERT INTO indicators_fts(indicators_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER IF NOT EXISTS indicators_au AFTER UPDATE ON indicators BEGIN
  INSERT INTO indicators_fts(indicators_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO indicators_fts(rowid, name) VALUES (new.id, new.name);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS directives_fts USING fts5(
  text, content="directives", content_rowid="id", tokenize="unicode61 remove_diacritics 0");
DROP TRIGGER IF EXISTS directives_ai;
CREATE TRIGGER IF NOT EXISTS directives_ad AFTER DELETE ON directives BEGIN
  INSERT INTO directives_fts(directives_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS directives_au AFTER UPDATE ON directives BEGIN
  INSERT INTO directives_fts(directives_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO directives_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  text, content="pages", content_rowid="id", tokenize="unicode61 remove_diacritics 0");
DROP TRIGGER IF EXISTS pages_ai;
CREATE TRIGGER IF NOT EXISTS pages_ad AFTER DELETE ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS pages_au AFTER UPDATE ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO pages_fts(rowid, text) VALUES (new.id, new.text);
END;

-- Ready views for the questions readers ask; each row says where it comes from
-- (document title, year, path, page, line). Documented in README.md. They show
-- the latest version of each document (superseded_at NULL); the tables hold all.

-- (The views are made anew each time a writer opens the database: they are
-- what this budgetdb's readers expect.)
DROP VIEW IF EXISTS activities_once_view;
DROP VIEW IF EXISTS activities_view;
DROP VIEW IF EXISTS activities_all_versions_view;
DROP VIEW IF EXISTS activity_bodies_view;
DROP VIEW IF EXISTS indicator_targets_view;
DROP VIEW IF EXISTS directives_view;
DROP VIEW IF EXISTS directives_all_versions_view;

-- One row per activity of every version: its section's body, the bodies it
-- names by role, its goal and dates. activities_view: the latest versions'.
CREATE VIEW activities_all_versions_view AS
SELECT a.id AS activity_id, d.id AS document_id, d.title AS document, d.year AS document_year,
       sb.name AS body, a.scope, a.text, a.start_date, a.end_date, a.start_raw, a.end_raw,
       (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.activity_id = a.id AND ab.role = 'lead') AS lead,
       (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.activity_id = a.id AND ab.role = 'partner') AS partners,
       (SELECT group_concat(b.name, '; ') FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.activity_id = a.id AND ab.role = 'consulted') AS consulted,
       g.number AS goal_number, g.text AS goal, d.path AS document_path, a.page, a.line,
       a.first_printing_id
FROM activities a
JOIN documents d ON d.id = a.document_id
LEFT JOIN bodies sb ON sb.id = a.body_id
LEFT JOIN goals g ON g.id = a.goal_id;

CREATE VIEW activities_view AS
SELECT v.* FROM activities_all_versions_view v
JOIN documents d ON d.id = v.document_id AND d.superseded_at IS NULL;

-- One row per distinct activity of a document: its first printing, with how
-- many times the document prints it (the same council activity under several
-- bodies' sections) and where the others stand.
CREATE VIEW activities_once_view AS
SELECT v.*,
       1 + (SELECT count(*) FROM activities r WHERE r.first_printing_id = v.activity_id) AS printings,
       (SELECT group_concat(coalesce(r.page || ':', '') || r.line, ', ') FROM activities r
        WHERE r.first_printing_id = v.activity_id) AS repeated_at
FROM activities_view v
WHERE v.first_printing_id IS NULL;

-- One row per activity and body it involves: its section's body ('section') or a body it names (its role).
CREATE VIEW activity_bodies_view AS
SELECT a.id AS activity_id, d.id AS document_id, d.title AS document, d.year AS document_year,
       b.name AS body, b.kind AS body_kind, ab.role, a.text, a.start_date, a.end_date,
       d.path AS document_path, a.page, a.line
FROM activity_bodies ab
JOIN activities a ON a.id = ab.activity_id
JOIN bodies b ON b.id = ab.body_id
JOIN documents d ON d.id = a.document_id AND d.superseded_at IS NULL
UNION ALL
SELECT a.id, d.id, d.title, d.year, b.name, b.kind, 'section', a.text, a.start_date, a.end_date,
       d.path, a.page, a.line
FROM activities a
JOIN bodies b ON b.id = a.body_id
JOIN documents d ON d.id = a.document_id AND d.superseded_at IS NULL;

-- One row per indicator target (an indicator without targets: one row with NULL target columns).
CREATE VIEW indicator_targets_view AS
SELECT i.id AS indicator_id, d.id AS document_id, d.title AS document, d.year AS document_year,
       b.name AS body, i.scope, i.name AS indicator, i.periodicity, i.mandatory,
       g.number AS goal_number, g.text AS goal,
       t.year AS target_year, t.setter, t.raw AS target, t.value, t.unit, t.direction,
       t.comparator, t.reference_year,
       d.path AS document_path, i.page, i.line
FROM indicators i
JOIN documents d ON d.id = i.document_id AND d.superseded_at IS NULL
LEFT JOIN bodies b ON b.id = i.body_id
LEFT JOIN goals g ON g.id = i.goal_id
LEFT JOIN indicator_targets t ON t.indicator_id = i.id;

-- One row per directive of every version, with the body it binds; directives_view: the latest versions'.
CREATE VIEW directives_all_versions_view AS
SELECT r.id AS directive_id, d.id AS document_id, d.title AS document, d.year AS document_year,
       b.name AS body, b.kind AS body_kind, r.text, d.path AS document_path, r.page, r.line
FROM directives r
JOIN documents d ON d.id = r.document_id
LEFT JOIN bodies b ON b.id = r.body_id;

CREATE VIEW directives_view AS
SELECT v.* FROM directives_all_versions_view v
JOIN documents d ON d.id = v.document_id AND d.superseded_at IS NULL;
