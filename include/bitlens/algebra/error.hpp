// input_error: the one exception type for bad user input (files, text, command-line values).
// Its message reads "file:line: what is wrong" so that a user can go straight to the problem.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace bitlens {

/// Bad input at a known place. what() is "file:line: message" (or "file: message" when line is 0).
class input_error : public std::runtime_error {
 public:
  input_error(std::string file, std::size_t line, const std::string& message)
      : std::runtime_error(format(file, line, message)), file_(std::move(file)), line_(line) {}

  const std::string& file() const noexcept { return file_; }
  /// 1-based line number; 0 when the problem is not tied to a line.
  std::size_t line() const noexcept { return line_; }

 private:
  static std::string format(const std::string& file, std::size_t line, const std::string& message) {
    return (line == 0 ? file + ": " : file + ":" + std::to_string(line) + ": ") + printable(message);
  }
  // Bytes of the input quoted in a message may be anything: control characters and bytes outside
  // ASCII are shown as \xNN, so that a message never moves the cursor or breaks the terminal.
  static std::string printable(const std::string& text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c < 0x7f) {
        out += ch;
      } else {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out;
  }
  std::string file_;
  std::size_t line_;
};

}  // namespace bitlens
