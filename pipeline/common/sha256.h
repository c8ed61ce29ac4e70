// SHA-256 of a byte string, as 64 lowercase hex digits: the identity of a
// document's bytes, so that ingesting the same bytes twice is a no-op.
// Nettle does the hashing (OpenSSL's libcrypto did: 5 ms of every start of
// budgetdb to load, against Nettle's 1); it cannot fail on in-memory input.
#pragma once

#include <string>
#include <string_view>

namespace budgetdb {

std::string Sha256Hex(std::string_view bytes);

}  // namespace budgetdb
