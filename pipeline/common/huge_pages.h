// glibc's malloc backing a program's memory with huge pages where the kernel
// allows them on request (transparent_hugepage "madvise", Debian's default):
// the GLIBC_TUNABLES value that asks for it. glibc reads it only as a program
// starts, so a program cannot ask for itself: the budgetdb command sets it
// for the program proper (cli/launcher.cpp), the PDF reader's parent for the
// reader (read/pdf_sandbox.h). A user's own setting of it stands.
#pragma once

#include <string>

namespace budgetdb {

inline std::string TunablesWithHugePages(const char* tunables) {
  std::string value = tunables != nullptr ? tunables : "";
  if (value.find("glibc.malloc.hugetlb=") == std::string::npos)
    value += (value.empty() ? "" : ":") + std::string("glibc.malloc.hugetlb=1");
  return value;
}

}  // namespace budgetdb
