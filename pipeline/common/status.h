// Errors as values, for every stage boundary of budgetdb.
//
// A Status says that an operation succeeded or why it did not: a Code from the
// vocabulary below (the kinds of failure a batch reports) and a message for a
// person. Result<T> holds either a T or a non-ok Status. Stages return these;
// exceptions never cross a stage boundary, so a bad document is a value the
// batch reports and moves past.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace budgetdb {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kNotFound,      // the path does not exist
    kUnreadable,    // the operating system refused to read it
    kEmpty,         // no bytes, or no text at all
    kNotText,       // binary content, or an encoding we cannot identify
    kUnsupported,   // a file type budgetdb does not read
    kEncrypted,     // a PDF that needs a password
    kDamaged,       // a PDF that is truncated or that Poppler cannot parse
    kTimedOut,      // reading it took longer than its bound
    kTooLarge,      // reading it needed more memory than its bound
    kInvalid,       // a grammar, a setting or an argument that is wrong
    kDatabase,      // SQLite refused
    kInternal,      // a bug or a library's exception, caught at the document's boundary
  };

  Status() = default;  // ok

  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Unreadable(std::string m) { return {Code::kUnreadable, std::move(m)}; }
  static Status Empty(std::string m) { return {Code::kEmpty, std::move(m)}; }
  static Status NotText(std::string m) { return {Code::kNotText, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status Encrypted(std::string m) { return {Code::kEncrypted, std::move(m)}; }
  static Status Damaged(std::string m) { return {Code::kDamaged, std::move(m)}; }
  static Status TimedOut(std::string m) { return {Code::kTimedOut, std::move(m)}; }
  static Status TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Status Invalid(std::string m) { return {Code::kInvalid, std::move(m)}; }
  static Status Database(std::string m) { return {Code::kDatabase, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "encrypted: needs a password", for the `PATH: reason` line.
  std::string ToString() const;
  // The kind alone: "encrypted", "damaged", "too large" ...
  std::string KindName() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or the Status that explains its absence. Build from a T or
// from a non-ok Status; read value() only after checking ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace budgetdb
