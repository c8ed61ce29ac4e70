// Serve stage: the database as web pages for readers who do not write SQL,
// each row shown where it stands in its document (`budgetdb serve`).
//
// In:  an archive opened for reading (query/archive.h), the bodies' registry,
//      and one request: its path and its query parameters, decoded.
// Out: one response: status, content type and body. Pages (HTML, readable
//      without JavaScript, nothing fetched from elsewhere):
//        /                       counts and the documents
//        /search?q=…             hits with facets by kind, body, year and role
//                                that filter when clicked (`search`'s syntax)
//        /list/KIND              activities, indicators, directives, goals,
//                                bodies, with `list`'s filters and facets
//        /items/KIND:ID          an item, its fields and its source lines; for
//                                a PDF, its page with the item's lines marked
//        /documents, /documents/ID, /documents/ID/pages/N
//        /diff?old=ID&new=ID     what changed between two documents
//      /search.csv|.json and /list/KIND.csv|.json give what `search` and
//      `list` print with --format csv|json, /export/VIEW.csv|.json what
//      `export` writes (body, year, document filters); /items/KIND:ID/page.png and
//      /documents/ID/pages/N.png the rendered PDF page (Poppler).
//      Every value is escaped; every query is parameterised; a page image is
//      rendered only from a document in the database: its stored original,
//      or its file when the original was not kept and the file's SHA-256 is
//      still the one ingested.
// Fails: never throws. A request the site cannot answer gets an HTML error
//        page: 400 for a malformed query or parameter, 404 for an unknown
//        path, item or document, 409 for a PDF that moved or changed since
//        ingest (and no original kept), 500 with SQLite's message.
#pragma once

#include <map>
#include <string>

#include "segment/bodies.h"

struct sqlite3;

namespace budgetdb {

struct WebRequest {
  std::string path;
  std::multimap<std::string, std::string> params;
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

class Site {
 public:
  // `db` and `registry` (may be null) outlive the site; calls must not overlap
  // (one SQLite connection).
  Site(sqlite3* db, const BodyRegistry* registry) : db_(db), registry_(registry) {}
  WebResponse Respond(const WebRequest& request) const;

 private:
  sqlite3* db_;
  const BodyRegistry* registry_;
};

}  // namespace budgetdb
