// Non-template parts of the `.circ` reader: tokenising and name rules.
#include "bitlens/ir/circ_format.hpp"

#include <cctype>

namespace bitlens {
namespace detail {

std::vector<circ_token_line> circ_tokenize(std::string_view text) {
  std::vector<circ_token_line> out;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    circ_token_line tl{number, {}};
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
      std::size_t j = i;
      while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
      if (j > i) tl.tokens.emplace_back(line.substr(i, j - i));
      i = j;
    }
    if (!tl.tokens.empty()) out.push_back(std::move(tl));
  }
  return out;
}

bool circ_valid_name(std::string_view s) {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s[0]);
  if (!std::isalpha(first) && s[0] != '_') return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '_' && c != '.' && c != '$' && c != '[' && c != ']') return false;
  }
  return true;
}

}  // namespace detail

std::string circ_ring_name(std::string_view text, std::size_t* line) {
  if (line != nullptr) *line = 0;
  for (const auto& ln : detail::circ_tokenize(text)) {
    if (ln.tokens[0] != "ring" || ln.tokens.size() != 2) return {};
    if (line != nullptr) *line = ln.number;
    return ln.tokens[1];
  }
  return {};
}

}  // namespace bitlens
