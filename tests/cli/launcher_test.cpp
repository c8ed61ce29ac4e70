// The budgetdb command starts budgetdb-core beside it, with malloc's huge
// pages asked for (cli/launcher.cpp). Here a stand-in core, a script that
// says what it was given, lies beside a copy of the command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace budgetdb {
namespace {

TEST(Launcher, StartsTheCoreBesideItWithHugePagesAskedForAndTheSameArguments) {
  testing::TempDir dir;
  const auto command = dir / "budgetdb", core = dir / "budgetdb-core";
  std::filesystem::copy_file(BUDGETDB_BINARY, command);
  std::ofstream(core) << "#!/bin/sh\necho \"$GLIBC_TUNABLES|$*\"\nexit 5\n";
  std::filesystem::permissions(core, std::filesystem::perms::owner_all);

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

  std::filesystem::remove(core);
  const testing::CommandRun missing = testing::RunCommand(command.string() + " --version", dir);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.err, "budgetdb: cannot run " + core.string() + ": No such file or directory\n");
}

}  // namespace
}  // namespace budgetdb
