#include "serve/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <csignal>
#include <mutex>
#include <sys/socket.h>
#include <thread>

#include "query/archive.h"
#include "serve/site.h"

namespace budgetdb {

namespace {

constexpr int kWorkers = 4;  // requests read and written in parallel; the database answers one at a time

}  // namespace

struct WebServer::State {
  std::unique_ptr<Database> database;
  std::optional<BodyRegistry> registry;
  std::unique_ptr<Site> site;
  std::mutex site_mutex;  // one SQLite connection
  httplib::Server http;
};

WebServer::WebServer(std::unique_ptr<State> state) : state_(std::move(state)) {}
WebServer::~WebServer() { Stop(); }

Result<std::unique_ptr<WebServer>> WebServer::Open(const std::filesystem::path& database,
                                                   const std::filesystem::path& grammars) {
  auto state = std::make_unique<State>();
  auto archive = OpenArchive(database);
  if (!archive.ok()) return archive.status();
  state->database = std::move(archive).value();
  if (auto registry = BodyRegistry::Load(grammars / "bodies.registry"); registry.ok())
    state->registry = std::move(registry).value();
  state->site = std::make_unique<Site>(state->database->handle(), state->registry ? &*state->registry : nullptr);
  State& s = *state;
  s.http.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  // httplib's default sets SO_REUSEPORT, with which a second server binds a
  // port the first one serves and the two share its requests: only
  // SO_REUSEADDR (a restart need not wait out TIME_WAIT).
  s.http.set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  s.http.Get(".*", [&s](const httplib::Request& request, httplib::Response& response) {
    WebRequest web{.path = request.path, .params = {}};
    for (const auto& [name, value] : request.params) web.params.emplace(name, value);
    WebResponse answer;
    {
      std::lock_guard lock(s.site_mutex);
      answer = s.site->Respond(web);
    }
    response.status = answer.status;
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(answer.body, answer.content_type.c_str());
  });
  // What httplib refuses before a page sees it (a request line too long, a
  // method other than GET): a plain error page too.
  s.http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    const char* why = response.status == 414   ? "The request is too long."
                      : response.status == 405 ? "Only GET is answered here."
                      : response.status == 404 ? "No page here."
                                               : "The request cannot be answered.";
    response.set_content(fmt::format("<!DOCTYPE html><html><body><h1>Error {}</h1><p>{}</p>"
                                     "<p><a href=\"/\">budgetdb</a></p></body></html>\n",
                                     response.status, why),
                         "text/html; charset=utf-8");
  });
  return std::unique_ptr<WebServer>(new WebServer(std::move(state)));
}

Result<int> WebServer::Bind(const std::string& host, int port) {
  const int bound = port == 0 ? state_->http.bind_to_any_port(host) : state_->http.bind_to_port(host, port) ? port : -1;
  if (bound < 0)
    return Status::Unreadable(fmt::format("cannot listen on {}:{}: {}", host, port, std::strerror(errno)));
  return bound;
}

void WebServer::Serve() { state_->http.listen_after_bind(); }

void WebServer::Stop() {
  if (state_ && state_->http.is_running()) state_->http.stop();
}

namespace {

std::atomic<WebServer*> serving{nullptr};

}  // namespace

int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  constexpr int kExitSetup = 3;
  auto server = WebServer::Open(options.database, options.grammars);
  if (!server.ok()) {
    err << "budgetdb: " << server.status().message() << '\n';
    return kExitSetup;
  }
  auto port = (*server)->Bind(options.host, options.port);
  if (!port.ok()) {
    err << "budgetdb: " << port.status().message() << '\n';
    return kExitSetup;
  }
  // A signal stops the server from a thread of its own (httplib's stop is
  // not async-signal-safe): the handler only posts it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  serving = server->get();
  std::thread stopper([&signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (WebServer* s = serving.load()) s->Stop();
  });
  out << fmt::format("budgetdb: serving {} at http://{}:{}/ (read-only; Ctrl-C stops)\n", options.database.string(),
                     options.host, *port)
      << std::flush;
  (*server)->Serve();
  serving = nullptr;
  // The stopper waits for a signal that may never come: send it one.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return 0;
}

}  // namespace budgetdb
