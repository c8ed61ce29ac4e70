// Serve stage, the server: the site (serve/site.h) over HTTP, with
// cpp-httplib, on 127.0.0.1 unless told otherwise.
//
// In:  a database path, the grammars folder (for bodies.registry), a host
//      and a port (0: any free one).
// Out: a server answering GET requests until stopped; the database is opened
//      read-only, one request at a time on its connection. A request that
//      fails gets an error page; the server keeps serving.
// Fails: Open with NotFound when there is no database, Database when SQLite
//        refuses it; Bind with Unreadable when the address cannot be bound
//        (its host, port and the system's reason).
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "common/status.h"

namespace budgetdb {

class WebServer {
 public:
  static Result<std::unique_ptr<WebServer>> Open(const std::filesystem::path& database,
                                                 const std::filesystem::path& grammars);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds `host`:`port`; the port bound.
  Result<int> Bind(const std::string& host, int port);
  // Answers requests until Stop (from another thread or a signal handler's thread).
  void Serve();
  void Stop();

 private:
  struct State;
  explicit WebServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct ServeOptions {
  std::filesystem::path database = "output/budget.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;
};
// `budgetdb serve`: serves until interrupted (SIGINT, SIGTERM). Exit status:
// 0 stopped, 3 no database or the address cannot be bound.
int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace budgetdb
