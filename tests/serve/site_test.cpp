// budgetdb serve over real HTTP: each page against a database of the team's
// corpus (corpus/: a budget as text and as PDF, two years of a committee's
// plan), its CSV and JSON links against what the commands print, bad
// requests, and one item page in a real browser (headless Chromium).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <deque>
#include <regex>
#include <set>
#include <thread>

#include "query/archive.h"
#include "serve/server.h"
#include "serve/site.h"
#include "test_support.h"

namespace budgetdb {
namespace {

using testing::RunBudgetdb;
using testing::TempDir;

class WebView : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    database_ = *dir_ / "budget.db";
    const auto run = RunBudgetdb(
        fmt::format("ingest --db {} {}", database_.string(), (testing::SourceDir() / "corpus").string()), *dir_);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto server = WebServer::Open(database_, testing::SourceDir() / "grammars");
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value().release();
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    serving_ = new std::thread([] { server_->Serve(); });
  }
  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (serving_) serving_->join();
    delete serving_;
    delete server_;
    delete dir_;
  }

  static httplib::Result Get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(20);
    return client.Get(path);
  }

  // One value the database holds, asked apart from the site.
  static std::string Ask(const std::string& sql) {
    auto archive = OpenArchive(database_);
    EXPECT_TRUE(archive.ok());
    std::string value;
    EXPECT_TRUE(
        ForEachRow(archive.value()->handle(), sql, {}, [&](const SqlRow& row) { value = row.Text(0); }).ok());
    return value;
  }

  // The id of the PDF's activity that opens with `text`.
  static std::string PdfActivity(const std::string& text) {
    return Ask("SELECT a.id FROM activities a JOIN documents d ON d.id = a.document_id WHERE d.format = 'pdf' AND "
               "a.text LIKE '" + text + "%'");
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::filesystem::path database_;
  static inline WebServer* server_ = nullptr;
  static inline std::thread* serving_ = nullptr;
  static inline int port_ = 0;
};

constexpr char kFirstActivity[] =
    "Kommunstyrelsen ska i samarbete med socialnämnden och i samråd med stadsdelsnämnderna utreda en gemensam "
    "ingång för stöd till unga vuxna";
constexpr char kThirdActivity[] =
    "Socialnämnden och äldrenämnden ska under ledning av kommunstyrelsen införa en gemensam digital tjänst för "
    "anhöriga till äldre med hemtjänst";

bool Has(const httplib::Result& result, const std::string& text) {
  return result && result->body.find(text) != std::string::npos;
}

TEST_F(WebView, TheHomePageNamesEveryDocument) {
  auto home = Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->get_header_value("Content-Type"), "text/html; charset=utf-8");
  for (const char* file : {"budget-2026-exempelpartiet.txt", "budget-2026-exempelpartiet.pdf",
                           "verksamhetsplan-2025-kulturnamnden.txt", "verksamhetsplan-2026-kulturnamnden.txt"})
    EXPECT_TRUE(Has(home, file)) << file;
  EXPECT_TRUE(Has(home, "<form action=\"/search\""));
}

TEST_F(WebView, AListShowsItsRowsWithLinksAndFacets) {
  auto list = Get("/list/activities?body=socialn%C3%A4mnden");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  // The activities that involve socialnämnden, in the budget's text and its PDF.
  EXPECT_TRUE(Has(list, "<p>4 rows."));
  EXPECT_TRUE(Has(list, kFirstActivity));
  EXPECT_TRUE(Has(list, kThirdActivity));
  EXPECT_FALSE(Has(list, "Servicenämnden ska samordna stadens inköp av skyddsutrustning"));
  EXPECT_TRUE(Has(list, fmt::format("<a href=\"/items/activity:{0}\">{0}</a>", PdfActivity(kFirstActivity))));
  // A row's body links to that body's rows of the same list.
  EXPECT_TRUE(Has(list, "<td><a href=\"/list/activities?body=Kommunstyrelsen\">Kommunstyrelsen</a></td>"));
  auto bodies = Get("/list/bodies");
  ASSERT_TRUE(bodies);
  EXPECT_TRUE(Has(bodies, "<td><a href=\"/list/activities?body=Socialn%C3%A4mnden\">Socialnämnden</a></td>"));
  auto directives = Get("/list/directives");
  ASSERT_TRUE(directives);
  EXPECT_TRUE(Has(directives, "<a href=\"/list/directives?body=Socialn%C3%A4mnden\">Socialnämnden</a>"));
  // Its role facet: socialnämnden leads one activity and is a partner in the other, in each document.
  EXPECT_TRUE(Has(list, "<b>role</b>"));
  EXPECT_TRUE(Has(list, "role=lead\">lead</a> 2"));
  EXPECT_TRUE(Has(list, "role=partner\">partner</a> 2"));
}

TEST_F(WebView, SearchFacetsFilterWhenClicked) {
  auto all = Get("/search?q=gemensam");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->status, 200);
  // Two activities, in two documents each, and the pages they stand on.
  EXPECT_TRUE(Has(all, "<p>6 hits."));
  EXPECT_TRUE(Has(all, "kind=activity\">activity</a> 4"));
  EXPECT_TRUE(Has(all, "kind=page\">page</a> 2"));
  EXPECT_TRUE(Has(all, "<mark>gemensam</mark>"));
  // Clicking "consulted" with the body Stadsdelsnämnderna: the activity that consults it.
  auto consulted = Get("/search?q=gemensam&role=consulted&body=Stadsdelsn%C3%A4mnderna");
  ASSERT_TRUE(consulted);
  EXPECT_TRUE(Has(consulted, "<p>2 hits."));
  EXPECT_TRUE(Has(consulted, "Kommunstyrelsen ska i samarbete med socialnämnden"));
  EXPECT_FALSE(Has(consulted, "Socialnämnden och äldrenämnden"));
  // ... and "lead" with the body socialnämnden: the activity it leads.
  auto lead = Get("/search?q=gemensam&role=lead&body=Socialn%C3%A4mnden");
  ASSERT_TRUE(lead);
  EXPECT_TRUE(Has(lead, "<p>2 hits."));
  EXPECT_TRUE(Has(lead, "Socialnämnden och äldrenämnden ska under ledning av kommunstyrelsen"));
  EXPECT_FALSE(Has(lead, "Kommunstyrelsen ska i samarbete med"));
  EXPECT_TRUE(Has(lead, "<b>Socialnämnden</b>"));  // the filter in force, with a link that drops it
}

TEST_F(WebView, CsvAndJsonLinksGiveWhatTheCommandsPrint) {
  TempDir dir;
  auto csv = Get("/list/activities.csv?body=socialn%C3%A4mnden");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  const auto listed =
      RunBudgetdb(fmt::format("list activities --body socialnämnden --format csv --db {}", database_.string()), dir);
  EXPECT_EQ(csv->body, listed.out);
  auto json = Get("/search.json?q=kultur");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->get_header_value("Content-Type"), "application/json; charset=utf-8");
  const auto searched =
      RunBudgetdb(fmt::format("search kultur --format json --limit 2000 --db {}", database_.string()), dir);
  EXPECT_EQ(json->body, searched.out);
  EXPECT_NE(json->body.find("\"kind\": \"indicator\""), std::string::npos);
  auto view = Get("/export/activities_view.csv?body=socialn%C3%A4mnden");
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, 200);
  const auto exported = RunBudgetdb(fmt::format("export --view activities_view --body socialnämnden --out {} --db {}",
                                                (dir / "export").string(), database_.string()),
                                    dir);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(view->body, testing::ReadAll(dir / "export" / "activities_view.csv"));
  EXPECT_EQ(view->body.substr(0, 3), "\xEF\xBB\xBF");  // export's byte-order mark, for Excel
  auto list = Get("/list/activities?body=socialn%C3%A4mnden");
  ASSERT_TRUE(list);
  EXPECT_TRUE(Has(list, "href=\"/export/activities_view.csv?body=socialn%C3%A4mnden\""));
}

TEST_F(WebView, AnItemFromAPdfIsShownOnItsPageWithItsLinesMarked) {
  const std::string id = PdfActivity(kFirstActivity);
  const std::string document = Ask("SELECT id FROM documents WHERE format = 'pdf'");
  auto item = Get("/items/activity:" + id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->status, 200);
  EXPECT_TRUE(Has(item, fmt::format("<tr><th>text</th><td>{}</td></tr>", kFirstActivity)));
  EXPECT_TRUE(Has(item, "<tr><th>consulted</th><td><a href=\"/list/activities?body=Stadsdelsn%C3%A4mnderna\">"
                        "Stadsdelsnämnderna</a></td></tr>"));
  EXPECT_TRUE(Has(item, fmt::format("<div class=\"of-item\">   28  {}\t2026-01-01\t2026-12-31</div>", kFirstActivity)));
  EXPECT_TRUE(Has(item, fmt::format("src=\"/items/activity:{}/page.png\"", id)));
  // The row's box is stored: it spans the row, from the activity's first
  // word to the end date, its wrapped last word inside (the words as
  // poppler-cpp's own text list places them).
  const std::string where = " FROM line_boxes b JOIN activities a ON a.document_id = b.document_id AND a.page = "
                            "b.page AND a.line = b.line WHERE a.id = " + id;
  const double x0 = std::stod(Ask("SELECT x0" + where)), y0 = std::stod(Ask("SELECT y0" + where));
  const double x1 = std::stod(Ask("SELECT x1" + where)), y1 = std::stod(Ask("SELECT y1" + where));
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(
      (testing::SourceDir() / "corpus" / "budget-2026-exempelpartiet.pdf").string()));
  ASSERT_TRUE(pdf);
  std::unique_ptr<poppler::page> first_page(pdf->create_page(0));
  auto inside = [&](const poppler::text_box& word) {
    const poppler::rectf r = word.bbox();
    return r.left() >= x0 - 0.5 && r.right() <= x1 + 0.5 && r.top() >= y0 - 0.5 && r.bottom() <= y1 + 0.5;
  };
  int starts = 0, ends = 0, wrapped = 0, others = 0;
  for (const poppler::text_box& word : first_page->text_list()) {
    const std::string text = word.text().to_utf8().data();
    if (!inside(word)) continue;
    if (text == "Kommunstyrelsen" && std::abs(word.bbox().left() - x0) < 0.5) ++starts;
    else if (text == "2026-12-31" && std::abs(word.bbox().right() - x1) < 0.5) ++ends;
    else if (text == "vuxna") ++wrapped;
    else if (text == "exploateringsnämnden" || text == "Aktivitet") ++others;  // the next row's, the header's
  }
  EXPECT_EQ(starts, 1);
  EXPECT_EQ(ends, 1);
  EXPECT_EQ(wrapped, 1);
  EXPECT_EQ(others, 0);
  auto marked = Get(fmt::format("/items/activity:{}/page.png", id));
  auto plain = Get(fmt::format("/documents/{}/pages/1.png", document));
  ASSERT_TRUE(marked && plain);
  EXPECT_EQ(marked->status, 200);
  EXPECT_EQ(marked->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(marked->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(plain->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_NE(marked->body, plain->body);  // the mark changed pixels
  // A row that the PDF cut, its rest under the header printed again: both
  // of its lines are the item's, the header between them is not.
  auto cut = Get("/items/activity:" + PdfActivity(kThirdActivity));
  ASSERT_TRUE(cut);
  EXPECT_TRUE(Has(cut, "<div class=\"of-item\">   30  Socialnämnden och äldrenämnden ska under ledning av "
                       "kommunstyrelsen införa en gemensam digital tjänst för\t2026-01-01\t2026-12-31</div>"));
  EXPECT_TRUE(Has(cut, "<div>   31  Aktivitet\tStartdatum\tSlutdatum</div>"));
  EXPECT_TRUE(Has(cut, "<div class=\"of-item\">   32  anhöriga till äldre med hemtjänst\t\t</div>"));
}

TEST_F(WebView, DocumentsTheirPagesAndWhatChangedBetweenTwo) {
  const std::string plan_2026 = Ask("SELECT id FROM documents WHERE path LIKE '%verksamhetsplan-2026%'");
  auto document = Get("/documents/" + plan_2026);
  ASSERT_TRUE(document);
  EXPECT_EQ(document->status, 200);
  EXPECT_TRUE(Has(document, "<h1>Verksamhetsplan 2026 för kulturnämnden</h1>"));
  EXPECT_TRUE(Has(document, "version 1</a>, ingested"));
  auto page = Get(fmt::format("/documents/{}/pages/1", plan_2026));
  ASSERT_TRUE(page);
  EXPECT_TRUE(Has(page, "Inför digitala lånekort för alla skolelever."));
  auto diff = Get("/diff?old=verksamhetsplan-2025-kulturnamnden.txt&new=verksamhetsplan-2026-kulturnamnden.txt");
  ASSERT_TRUE(diff);
  EXPECT_EQ(diff->status, 200);
  EXPECT_TRUE(Has(diff, "1 added, 1 removed, 5 changed"));
  EXPECT_TRUE(Has(diff, "<td>Inför digitala lånekort för alla skolelever.</td>"));
  EXPECT_TRUE(Has(diff, "<td>Pröva meröppna bibliotek med självbetjäning under kvällar och helger.</td>"));
  EXPECT_TRUE(Has(diff, "<div><b>end date</b>: <del>2025-12-31</del> → <ins>2026-06-30</ins></div>"));
}

// Every link and image the site prints, followed from the home page, answers.
TEST_F(WebView, EveryLinkTheSitePrintsAnswers) {
  constexpr size_t kMostPages = 3000;
  std::set<std::string> seen;
  std::deque<std::string> queue = {"/"};
  std::vector<std::string> broken;
  const std::regex link("(?:href|src)=\"(/[^\"]*)\"");
  while (!queue.empty() && seen.size() < kMostPages) {
    std::string path = queue.front();
    queue.pop_front();
    if (!seen.insert(path).second) continue;
    auto page = Get(path);
    if (!page || page->status != 200) {
      broken.push_back(fmt::format("{} {}", page ? page->status : 0, path));
      continue;
    }
    if (page->get_header_value("Content-Type").find("text/html") == std::string::npos) continue;
    for (std::sregex_iterator it(page->body.begin(), page->body.end(), link), end; it != end; ++it) {
      std::string target = (*it)[1];
      for (size_t at; (at = target.find("&amp;")) != std::string::npos;) target.replace(at, 5, "&");
      if (!seen.count(target)) queue.push_back(std::move(target));
    }
  }
  EXPECT_TRUE(queue.empty()) << "more than " << kMostPages << " pages";
  EXPECT_GT(seen.size(), 500u);  // lists, facets, items, documents, pages, images
  EXPECT_EQ(broken, std::vector<std::string>{});
}

TEST_F(WebView, BadRequestsGetErrorPagesAndTheServerKeepsServing) {
  const std::pair<std::string, int> requests[] = {
      {"/items/activity:999999", 404},       {"/items/nonsense", 400},
      {"/list/budgets", 404},                {"/nowhere", 404},
      {"/documents/999999", 404},            {"/documents/1/pages/x", 404},
      {"/search?q=%22", 400},                {"/list/activities?year=abc", 400},
      {"/diff?old=1", 400},                  {"/search.csv", 400},
      {"/search?q=" + std::string(2000, 'a'), 400}, {"/export/documents.csv", 404},
      {"/export/activities_view.csv?document=999999", 404},
  };
  for (const auto& [path, status] : requests) {
    auto result = Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, status) << path.substr(0, 60);
    EXPECT_TRUE(Has(result, "<p class=\"error\">")) << path.substr(0, 60);
  }
  // A 100 KB query: refused before any page sees it, as too long.
  auto huge = Get("/search?q=" + std::string(100 * 1024, 'a'));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 414);
  EXPECT_TRUE(Has(huge, "The request is too long."));
  // What a request says is shown, never run.
  auto script = Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_TRUE(script);
  EXPECT_FALSE(Has(script, "<script>alert"));
  EXPECT_TRUE(Has(script, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  auto home = Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
}

// The command: no database, or a port already taken, is a setup error (3)
// that says which; nothing is served.
TEST_F(WebView, TheCommandRefusesWhatItCannotServe) {
  TempDir dir;
  const auto missing = RunBudgetdb(fmt::format("serve --port 0 --db {}", (dir / "none.db").string()), dir);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("none.db: no database here"), std::string::npos) << missing.err;
  const auto taken = RunBudgetdb(fmt::format("serve --port {} --db {}", port_, database_.string()), dir);
  EXPECT_EQ(taken.exit_code, 3);
  EXPECT_NE(taken.err.find(fmt::format("cannot listen on 127.0.0.1:{}", port_)), std::string::npos) << taken.err;
}

// A PDF ingested without its original is rendered from its file while the
// file is the one ingested; moved or changed, its page says so.
TEST(WebViewWithoutOriginals, APdfThatMovedSaysSo) {
  TempDir dir;
  const auto pdf = dir / "budget.pdf";
  std::filesystem::copy_file(testing::SourceDir() / "corpus" / "budget-2026-exempelpartiet.pdf", pdf);
  const auto database = dir / "budget.db";
  const auto run = RunBudgetdb(fmt::format("ingest --no-originals --db {} {}", database.string(), pdf.string()), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto archive = OpenArchive(database);
  ASSERT_TRUE(archive.ok());
  const Site site(archive.value()->handle(), nullptr);
  const WebResponse before = site.Respond({.path = "/documents/1/pages/1.png", .params = {}});
  EXPECT_EQ(before.status, 200);
  EXPECT_EQ(before.content_type, "image/png");
  std::filesystem::rename(pdf, dir / "moved.pdf");
  const WebResponse after = site.Respond({.path = "/documents/1/pages/1.png", .params = {}});
  EXPECT_EQ(after.status, 409);
  EXPECT_NE(after.body.find(pdf.string() + " has moved or changed since it was ingested"), std::string::npos);
  // The page's text is in the database: it is still shown.
  EXPECT_EQ(site.Respond({.path = "/documents/1/pages/1", .params = {}}).status, 200);
}

// The item page in a real browser: Chromium, headless, prints the page's DOM
// and a screenshot of it.
TEST_F(WebView, AnItemPageInARealBrowser) {
  const std::string chromium = std::system("command -v chromium > /dev/null 2>&1") == 0 ? "chromium" : "";
  if (chromium.empty()) GTEST_SKIP() << "needs Chromium (scripts/install-deps installs it), absent here";
  TempDir dir;
  const std::string url = fmt::format("http://127.0.0.1:{}/items/activity:{}", port_, PdfActivity(kFirstActivity));
  // (--no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.)
  const std::string flags = fmt::format("--headless --no-sandbox --disable-gpu --user-data-dir={}",
                                        (dir / "profile").string());
  const std::string dom_file = (dir / "dom.html").string(), shot = (dir / "item.png").string(),
                    blank = (dir / "blank.png").string();
  ASSERT_EQ(std::system(fmt::format("{} {} --dump-dom '{}' > {} 2>/dev/null", chromium, flags, url, dom_file).c_str()),
            0);
  const std::string dom = testing::ReadAll(dom_file);
  EXPECT_NE(dom.find(kFirstActivity), std::string::npos);
  EXPECT_NE(dom.find("class=\"page-image\""), std::string::npos);
  ASSERT_EQ(std::system(fmt::format("{} {} --window-size=1000,1400 --screenshot={} '{}' > /dev/null 2>&1", chromium,
                                    flags, shot, url)
                            .c_str()),
            0);
  ASSERT_EQ(std::system(fmt::format("{} {} --window-size=1000,1400 --screenshot={} 'about:blank' > /dev/null 2>&1",
                                    chromium, flags, blank)
                            .c_str()),
            0);
  const std::string item_png = testing::ReadAll(shot), blank_png = testing::ReadAll(blank);
  ASSERT_EQ(item_png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  // Not blank: a page of text and a rendered PDF page compresses far worse than white.
  EXPECT_GT(item_png.size(), 5 * blank_png.size()) << item_png.size() << " against " << blank_png.size();
}

}  // namespace
}  // namespace budgetdb
