// How budgetdb's programs set glibc's malloc, each for itself (no other
// allocator measured better: jemalloc, with huge pages too, was no faster).
//
// KeepMemoryOnceGot: malloc keeps what it gets from the kernel. A document's
// text and rows are a few large strings and hundreds of thousands of small
// pieces, made and freed once a document; by default the large ones are
// mapped and unmapped each time and the heap is given back as it empties,
// so that every document touches fresh pages again (a page fault each,
// costly under these machines' virtual machine). Heap grown 16 MB at a
// time, pieces up to 32 MB from the heap, given back only past 128 MB free:
// the budget PDF's ingest about 8 % less CPU, the PDF reader's a third fewer
// page faults (peak memory of 20 documents at once 53 -> 60 MB).
//
// TunablesWithHugePages: the GLIBC_TUNABLES value that has malloc back its
// memory with huge pages where the kernel allows them on request
// (transparent_hugepage "madvise", Debian's default). glibc reads it only as
// a program starts, so a program cannot ask for itself: the budgetdb command
// sets it for the program proper (cli/launcher.cpp), the PDF reader's parent
// for the reader (read/pdf_sandbox.h). A user's own setting of it stands.
#pragma once

#include <malloc.h>

#include <string>

namespace budgetdb {

inline void KeepMemoryOnceGot() {
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

inline std::string TunablesWithHugePages(const char* tunables) {
  std::string value = tunables != nullptr ? tunables : "";
  if (value.find("glibc.malloc.hugetlb=") == std::string::npos)
    value += (value.empty() ? "" : ":") + std::string("glibc.malloc.hugetlb=1");
  return value;
}

}  // namespace budgetdb
