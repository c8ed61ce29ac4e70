// The budgetdb command starts budgetdb-core beside it, with malloc's huge
// pages asked for (cli/launcher.cpp); budgetdb-core starts budgetdb-serve for
// `serve`. Here a stand-in program, a script that says what it was given,
// lies beside a copy of the one that starts it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace budgetdb {
namespace {

// A stand-in program at `path`: a script that prints `what` and exits 5.
void WriteStandIn(const std::filesystem::path& path, const std::string& what) {
  std::ofstream(path) << "#!/bin/sh\necho \"" << what << "\"\nexit 5\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

// `command` run once `program`, which it starts, is gone: exit status 3 and
// the reason, naming the program.
void ExpectTheMissingProgramNamed(const std::string& command, const std::filesystem::path& program,
                                  const testing::TempDir& dir) {
  std::filesystem::remove(program);
  const testing::CommandRun missing = testing::RunCommand(command, dir);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.err, "budgetdb: cannot run " + program.string() + ": No such file or directory\n");
}

TEST(Launcher, StartsTheCoreBesideItWithItsMallocTunablesAndTheSameArguments) {
  testing::TempDir dir;
  const auto command = dir / "budgetdb", core = dir / "budgetdb-core";
  std::filesystem::copy_file(BUDGETDB_BINARY, command);
  WriteStandIn(core, "$GLIBC_TUNABLES|$*");

  const testing::CommandRun plain =
      testing::RunCommand("env -u GLIBC_TUNABLES " + command.string() + " ingest --db 'a b.db' x.txt", dir);
  EXPECT_EQ(plain.exit_code, 5);  // the core's own
  EXPECT_EQ(plain.out, "glibc.malloc.hugetlb=1|ingest --db a b.db x.txt\n");
  const testing::CommandRun tuned =
      testing::RunCommand("GLIBC_TUNABLES=glibc.malloc.arena_max=2 " + command.string() + " --version", dir);
  EXPECT_EQ(tuned.out, "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1|--version\n");
  const testing::CommandRun chosen =
      testing::RunCommand("GLIBC_TUNABLES=glibc.malloc.hugetlb=0 " + command.string() + " --version", dir);
  EXPECT_EQ(chosen.out, "glibc.malloc.hugetlb=0|--version\n");  // the user's choice stands

  ExpectTheMissingProgramNamed(command.string() + " --version", core, dir);
}

TEST(Launcher, ServeIsParsedByTheCoreAndRunByTheServeProgramBesideIt) {
  testing::TempDir dir;
  const auto core = dir / "budgetdb-core", serve = dir / "budgetdb-serve";
  std::filesystem::copy_file(std::filesystem::path(BUDGETDB_BINARY).parent_path() / "budgetdb-core", core);
  WriteStandIn(serve, "$*");

  const testing::CommandRun run = testing::RunCommand(core.string() + " serve --db 'a b.db' --port 9000", dir);
  EXPECT_EQ(run.exit_code, 5);  // the serve program's own
  EXPECT_EQ(run.out, "serve a b.db 127.0.0.1 9000\n");
  const testing::CommandRun wrong = testing::RunCommand(core.string() + " serve --port 70000", dir);
  EXPECT_EQ(wrong.exit_code, 2);  // refused by the core's parser: the serve program never starts
  EXPECT_EQ(wrong.out, "");

  ExpectTheMissingProgramNamed(core.string() + " serve", serve, dir);
}

TEST(Launcher, TheCoreLoadsNeitherPopplerNorTheWebServer) {
  // Poppler runs in budgetdb-read-pdf, cpp-httplib in budgetdb-serve: loading
  // their libraries cost budgetdb-core 15 ms a start, once a document.
  testing::TempDir dir;
  const auto core = std::filesystem::path(BUDGETDB_BINARY).parent_path() / "budgetdb-core";
  const testing::CommandRun libraries = testing::RunCommand("ldd " + core.string(), dir);
  ASSERT_EQ(libraries.exit_code, 0) << libraries.err;
  EXPECT_NE(libraries.out.find("libsqlite3"), std::string::npos) << libraries.out;
  EXPECT_EQ(libraries.out.find("libpoppler"), std::string::npos) << libraries.out;
  EXPECT_EQ(libraries.out.find("httplib"), std::string::npos) << libraries.out;
}

}  // namespace
}  // namespace budgetdb
