// Whole-file reading and crash-safe writing: a writer never leaves a half-written file behind.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace bitlens {

/// The contents of `path`. Throws input_error ("path: cannot open …") when it cannot be read.
std::string read_text_file(const std::string& path);

/// Writes `contents` to a temporary file beside `path`, flushes it, then renames it over `path`,
/// so readers see either the old file or the whole new one. Throws std::runtime_error on failure
/// (and removes the temporary file).
void write_file_atomic(const std::string& path, std::string_view contents);

/// A file that replaces `path` only once it is whole, for output written piece by piece (metrics as
/// a run goes): stream() writes to a temporary file beside `path`; commit() flushes it and renames
/// it over `path`. Destroyed without commit() — a command that failed — it removes the temporary
/// file and `path` stays as it was. Throws std::runtime_error when the file cannot be created,
/// written or renamed.
class atomic_file {
 public:
  explicit atomic_file(const std::string& path);
  ~atomic_file();
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  std::ostream& stream() noexcept { return out_; }
  void commit();

 private:
  std::filesystem::path target_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace bitlens
