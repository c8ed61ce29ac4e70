// Where budgetdb's programs find one another: budgetdb, budgetdb-core,
// budgetdb-read-pdf and budgetdb-serve are built into one folder and each
// starts the next by its path beside its own (/proc/self/exe; argv[0] where
// that cannot be read).
#pragma once

#include <unistd.h>

#include <string>

namespace budgetdb {

inline std::string ProgramBesideThisOne(const char* name, const char* argv0) {
  char self[4096];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  const std::string program = length > 0 ? std::string(self, static_cast<size_t>(length)) : std::string(argv0);
  const size_t slash = program.rfind('/');
  return (slash == std::string::npos ? std::string() : program.substr(0, slash + 1)) + name;
}

}  // namespace budgetdb
