// How budgetdb's programs set glibc's malloc, each for itself (no other
// allocator measured better: jemalloc, with huge pages too, was no faster).
//
// KeepMemoryOnceGot: malloc keeps what it gets from the kernel. A document's
// text and rows are a few large strings and hundreds of thousands of small
// pieces, made and freed once a document; by default the large ones are
// mapped and unmapped each time and the heap is given back as it empties,
// so that every document touches fresh pages again (a page fault each,
// costly under these machines' virtual machine). Heap grown 32 MB at a
// time, pieces up to 32 MB from the heap, given back only past 128 MB free:
// the budget PDF's ingest about 8 % less CPU, the PDF reader's a third fewer
// page faults (peak memory of 20 documents at once 53 -> 60 MB).
// Two more things keep the memory in huge pages (below), each a 2 MB page
// one fault where 4 kB pages are 512 (10-15 us each under the virtual
// machine, a sixtieth of that for a huge page): a thread's heap gets its
// first 32 MB marked for huge pages when made, and what it grows by later
// is not marked (glibc 2.36), so 32 MB, not 16 (the dictionary's thread
// alone fills 19); and the 2 MB that glibc grew the main heap by before
// main ran cannot hold a huge page (it does not start on a 2 MB boundary),
// so what is left of it is set aside untouched and the heap grows anew at
// the first allocation, marked and ending on a boundary. Together with
// starting the PDF reader by vfork (read/pdf_sandbox.cpp), page faults of a
// budget PDF's ingest 3 300 -> 1 070 (pdftotext's: 1 070), its CPU time
// 5-10 % less.
//
// MallocTunables: the GLIBC_TUNABLES value that has malloc back its memory
// with huge pages where the kernel allows them on request
// (transparent_hugepage "madvise", Debian's default). ReaderMallocTunables,
// for the PDF reader: also 4 000 freed pieces of each size kept per thread
// for the next allocations of that size, not 7: Poppler makes and frees tens
// of thousands of small objects a page, and with 7 most went back through
// the heap's bins (the reader 9 % less CPU, a budget PDF's ingest 5 %). Not
// for budgetdb itself: there the writer frees what the reading threads made,
// and a deep cache of the writer's kept it from them (a bulk import of 100
// documents 70 -> 136 MB, and slower). glibc reads the value only as a
// program starts, so a program cannot ask for itself: the budgetdb command
// sets it for the program proper (cli/launcher.cpp), the PDF reader's parent
// for the reader (read/pdf_sandbox.h). A user's own setting of each stands.
#pragma once

#include <malloc.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace budgetdb {

inline void KeepMemoryOnceGot() {
  mallopt(M_TOP_PAD, 32 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  // The free top of the heap, all of it: the heap must grow for the next.
  // (Never touched, never freed: address space, no memory.)
  const struct mallinfo2 heap = mallinfo2();
  if (heap.keepcost > (64 << 10)) static void* const set_aside [[maybe_unused]] = malloc(heap.keepcost);
}

// `tunables` (a user's GLIBC_TUNABLES, or null) with each of `settings` the
// user has not set.
inline std::string WithTunables(const char* tunables, std::initializer_list<std::string_view> settings) {
  std::string value = tunables != nullptr ? tunables : "";
  for (const std::string_view setting : settings) {
    const std::string_view name = setting.substr(0, setting.find('=') + 1);
    if (value.find(name) == std::string::npos) value.append(value.empty() ? "" : ":").append(setting);
  }
  return value;
}

inline std::string MallocTunables(const char* tunables) { return WithTunables(tunables, {"glibc.malloc.hugetlb=1"}); }

inline std::string ReaderMallocTunables(const char* tunables) {
  return WithTunables(tunables, {"glibc.malloc.hugetlb=1", "glibc.malloc.tcache_count=4000"});
}

}  // namespace budgetdb
