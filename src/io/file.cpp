// Reading text files and writing them atomically (a temporary file, then a rename).
#include "bitlens/io/file.hpp"

#include "bitlens/algebra/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace bitlens {

std::string read_text_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw input_error(path, 0, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path, 0, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw input_error(path, 0, "read error");
  return std::move(buf).str();
}

atomic_file::atomic_file(const std::string& path) : target_(path) {
  std::random_device rd;
  temp_ = target_.parent_path() / (".~" + target_.filename().string() + "." + std::to_string(rd()) + ".tmp");
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error(path + ": cannot create a temporary file beside it: " + std::strerror(errno));
}

atomic_file::~atomic_file() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temp_, ignored);
}

void atomic_file::commit() {
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  if (!written || out_.fail()) throw std::runtime_error(target_.string() + ": write failed: " + std::strerror(errno));
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) throw std::runtime_error(target_.string() + ": cannot replace the file: " + ec.message());
  committed_ = true;
}

void write_file_atomic(const std::string& path, std::string_view contents) {
  atomic_file file(path);
  file.stream().write(contents.data(), static_cast<std::streamsize>(contents.size()));
  file.commit();
}

}  // namespace bitlens
