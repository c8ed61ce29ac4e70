#include "common/status.h"

namespace budgetdb {

namespace {
const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kNotFound: return "not found";
    case Status::Code::kUnreadable: return "unreadable";
    case Status::Code::kEmpty: return "empty";
    case Status::Code::kNotText: return "not text";
    case Status::Code::kUnsupported: return "unsupported";
    case Status::Code::kEncrypted: return "encrypted";
    case Status::Code::kDamaged: return "damaged";
    case Status::Code::kTimedOut: return "timed out";
    case Status::Code::kTooLarge: return "too large";
    case Status::Code::kInvalid: return "invalid";
    case Status::Code::kDatabase: return "database error";
    case Status::Code::kInternal: return "internal error";
  }
  return "error";
}
}  // namespace

std::string Status::KindName() const { return CodeName(code_); }

std::string Status::ToString() const {
  if (message_.empty()) return CodeName(code_);
  return std::string(CodeName(code_)) + ": " + message_;
}

}  // namespace budgetdb
