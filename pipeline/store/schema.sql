-- budgetdb's database: the public contract (README.md, "The database").
-- Every item row carries its provenance: document, page (NULL for a text
-- without page breaks) and line (1-based, in the source file for text and on
-- the page for PDF). Deleting a document deletes everything read from it.

CREATE TABLE IF NOT EXISTS documents (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL,             -- absolute path the file was read from
  sha256       TEXT NOT NULL,             -- of the file's bytes
  title        TEXT NOT NULL,             -- from the document itself
  year         INTEGER,                   -- the year its title names, if it names one
  format       TEXT NOT NULL CHECK (format IN ('text', 'pdf')),
  page_count   INTEGER NOT NULL,
  ingested_at  TEXT NOT NULL,             -- ISO 8601, UTC
  size_bytes   INTEGER NOT NULL,
  encoding     TEXT NOT NULL,             -- 'UTF-8', 'UTF-16LE', 'windows-1252', 'pdf'
  original     TEXT,                      -- (schema 4) its sqlar.name; NULL: ingested with --no-originals
  grammar_set  TEXT,                      -- (schema 4) what made its rows: "budgetdb 0.5.0; grammars 1f2e…"
  version      INTEGER NOT NULL DEFAULT 1,  -- (schema 5) 1, 2, … of the bytes found at this path
  superseded_at TEXT,                     -- (schema 5) when a newer version came; NULL: the latest
  UNIQUE (path, version)
);
CREATE INDEX IF NOT EXISTS documents_latest ON documents(path) WHERE superseded_at IS NULL;

-- The originals, in the SQLite Archive format: `sqlite3 budget.db -Ax`
-- restores them as files (originals/SHA256/FILE NAME). data is zlib-compressed
-- unless its length is sz. One entry per distinct content.
CREATE TABLE IF NOT EXISTS sqlar (
  name   TEXT PRIMARY KEY,
  mode   INT,
  mtime  INT,
  sz     INT,
  data   BLOB
);

-- Earlier versions of a path whose rows a database of schema 4 or older
-- dropped when a changed file replaced them (since schema 5 every version is
-- kept in `documents`, with its rows; nothing is written here any more).
CREATE TABLE IF NOT EXISTS document_history (
  path         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  title        TEXT NOT NULL,
  year         INTEGER,
  ingested_at  TEXT NOT NULL,
  replaced_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_history_path ON document_history(path);

-- The archive copy: normalised text, one text line per source line from
-- first_line on (furniture lines blank), so line L is text line L - first_line + 1.
-- (A rowid table since schema 2, so that full-text search can index it.)
CREATE TABLE IF NOT EXISTS pages (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page         INTEGER NOT NULL,
  text         TEXT NOT NULL,
  first_line   INTEGER NOT NULL,
  UNIQUE (document_id, page)
);

-- Where each line of a PDF's page stands (schema 6): the area its words
-- cover, in points, x to the right and y down from the page's top-left
-- corner. An item's page and line find its box here (budgetdb serve marks it
-- on the rendered page). Text documents have none.
CREATE TABLE IF NOT EXISTS line_boxes (
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page         INTEGER NOT NULL,
  line         INTEGER NOT NULL,
  x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
  PRIMARY KEY (document_id, page, line)
) WITHOUT ROWID;

-- Page numbers, page markers and running heads the normaliser set aside.
CREATE TABLE IF NOT EXISTS page_furniture (
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page         INTEGER,
  line         INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('page number', 'page marker', 'running head')),
  text         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS page_furniture_document ON page_furniture(document_id);

-- What went wrong while a document was read and its items extracted, though
-- it went in: a PDF Poppler had to repair ('damaged'), a body the registry
-- lacks, a malformed date or number ('warning'). The same lines ingest prints.
CREATE TABLE IF NOT EXISTS problems (
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page         INTEGER,
  line         INTEGER,
  kind         TEXT NOT NULL CHECK (kind IN ('damaged', 'warning')),
  message      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problems_document ON problems(document_id);

CREATE TABLE IF NOT EXISTS bodies (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,
  kind  TEXT NOT NULL     -- 'nämnd', 'stadsdelsnämnd', 'bolag', 'förbund', ..., 'okänd'
);

CREATE TABLE IF NOT EXISTS goals (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  parent_id    INTEGER REFERENCES goals(id) ON DELETE CASCADE,
  level        TEXT NOT NULL CHECK (level IN ('inriktningsmål', 'verksamhetsmål', 'nämndmål')),
  number       TEXT,
  text         TEXT NOT NULL,
  page         INTEGER,
  line         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS goals_document ON goals(document_id);
CREATE INDEX IF NOT EXISTS goals_parent ON goals(parent_id);

CREATE TABLE IF NOT EXISTS activities (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  body_id      INTEGER REFERENCES bodies(id),
  goal_id      INTEGER REFERENCES goals(id) ON DELETE SET NULL,
  scope        TEXT NOT NULL CHECK (scope IN ('kf', 'nämnd')),
  text         TEXT NOT NULL,
  start_date   TEXT,   -- YYYY-MM-DD, NULL when absent or malformed
  end_date     TEXT,
  start_raw    TEXT,   -- as printed
  end_raw      TEXT,
  -- The same activity printed earlier in the document (another section's
  -- copy): its row. NULL for a first printing. (Schema 3.)
  first_printing_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
  page         INTEGER,
  line         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS activities_document ON activities(document_id);
CREATE INDEX IF NOT EXISTS activities_body ON activities(body_id);
CREATE INDEX IF NOT EXISTS activities_goal ON activities(goal_id);

CREATE TABLE IF NOT EXISTS activity_bodies (
  activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  body_id      INTEGER NOT NULL REFERENCES bodies(id),
  role         TEXT NOT NULL CHECK (role IN ('lead', 'partner', 'consulted')),
  PRIMARY KEY (activity_id, body_id, role)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS activity_bodies_body ON activity_bodies(body_id);

CREATE TABLE IF NOT EXISTS indicators (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  body_id      INTEGER REFERENCES bodies(id),
  goal_id      INTEGER REFERENCES goals(id) ON DELETE SET NULL,
  scope        TEXT NOT NULL CHECK (scope IN ('kf', 'nämnd')),
  name         TEXT NOT NULL,
  periodicity  TEXT,
  mandatory    INTEGER NOT NULL DEFAULT 0 CHECK (mandatory IN (0, 1)),
  page         INTEGER,
  line         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS indicators_document ON indicators(document_id);
CREATE INDEX IF NOT EXISTS indicators_body ON indicators(body_id);
CREATE INDEX IF NOT EXISTS indicators_goal ON indicators(goal_id);

CREATE TABLE IF NOT EXISTS indicator_targets (
  indicator_id  INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  year          INTEGER,
  setter        TEXT NOT NULL CHECK (setter IN ('kf', 'nämnd')),
  raw           TEXT NOT NULL,
  value         REAL,
  unit          TEXT,
  direction     TEXT CHECK (direction IN ('öka', 'minska', 'oförändrad')),
  -- What the value is: '±' a tolerance around it ("+/- 1 %"), '≤' an upper
  -- bound ("Max 10 personer"), '≥' a lower bound ("minst 80 %"), 'ca' an
  -- estimate; NULL a plain value. (Schema 3.)
  comparator    TEXT CHECK (comparator IN ('±', '≤', '≥', 'ca')),
  -- The year a relative target is measured against ("relativt 2018").
  reference_year INTEGER
);
CREATE INDEX IF NOT EXISTS indicator_targets_indicator ON indicator_targets(indicator_id);

CREATE TABLE IF NOT EXISTS directives (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  body_id      INTEGER REFERENCES bodies(id),
  text         TEXT NOT NULL,
  page         INTEGER,
  line         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS directives_document ON directives(document_id);
CREATE INDEX IF NOT EXISTS directives_body ON directives(body_id);

-- Each ingest run (schema 3): when, with which options, and what came of it;
-- finished_at stays NULL for a run that was killed. ingest --retry-failed
-- reads again the failures of the last finished run.
CREATE TABLE IF NOT EXISTS ingest_runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  options      TEXT NOT NULL,             -- JSON: paths, jobs, limits
  documents    INTEGER,
  ingested     INTEGER,
  unchanged    INTEGER,
  replaced     INTEGER,
  failed       INTEGER
);
CREATE TABLE IF NOT EXISTS ingest_failures (
  run_id       INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
  path         TEXT NOT NULL,             -- absolute
  sha256       TEXT,                      -- of the bytes, when they could be read
  kind         TEXT NOT NULL,             -- as the error line says it: 'damaged', 'too large' ...
  reason       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ingest_failures_run ON ingest_failures(run_id);
