// Rows of ring elements as text: one sample per line, values separated by spaces or commas; over
// Z2 a row may also be written compactly as "0110". '#' starts a comment; blank lines are skipped.
#pragma once

#include "bitlens/algebra/error.hpp"
#include "bitlens/algebra/ring.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

namespace detail {
/// Splits one line into value tokens (spaces, tabs and commas separate; '#' ends the line).
std::vector<std::string> split_values(std::string_view line);
}  // namespace detail

/// Parses one row of `width` elements of r. `source`/`line` name the place in error messages.
template <ring R>
std::vector<element_t<R>> parse_row(const R& r, std::string_view text, std::size_t width, const std::string& source,
                                    std::size_t line) {
  auto tokens = detail::split_values(text);
  const bool compact = r.order() == 2 && tokens.size() == 1 && tokens[0].size() > 1 &&
                       tokens[0].find_first_not_of("01") == std::string::npos;
  if (compact) {
    std::vector<std::string> chars;
    for (char c : tokens[0]) chars.emplace_back(1, c);
    tokens = std::move(chars);  // compact Z2 row "0110"
  }
  if (tokens.size() != width) {
    throw input_error(source, line, "expected " + std::to_string(width) + " value" + (width == 1 ? "" : "s") +
                                        ", got " + std::to_string(tokens.size()));
  }
  std::vector<element_t<R>> row;
  row.reserve(width);
  for (const auto& t : tokens) {
    const auto v = r.parse(t);
    if (!v) throw input_error(source, line, "'" + t + "' is not an element of " + r.name());
    row.push_back(*v);
  }
  return row;
}

/// Parses every non-blank, non-comment line of `text` as a row of `width` elements.
template <ring R>
std::vector<std::vector<element_t<R>>> parse_rows(const R& r, std::string_view text, std::size_t width,
                                                  const std::string& source) {
  std::vector<std::vector<element_t<R>>> rows;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (detail::split_values(line).empty()) continue;
    rows.push_back(parse_row(r, line, width, source, number));
  }
  return rows;
}

/// One row as text: compact "0110" over Z2, space-separated otherwise.
template <ring R>
std::string format_row(const R& r, const std::vector<element_t<R>>& row) {
  std::string out;
  const bool compact = r.order() == 2;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (!compact && i > 0) out += ' ';
    out += r.format(row[i]);
  }
  return out;
}

}  // namespace bitlens
