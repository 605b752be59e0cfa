// Field names ("GF(2^8)", "GF(3^4)", "GF(65537)") and their polynomials, parsed and formatted.
#include "bitlens/algebra/field_name.hpp"

#include "bitlens/algebra/gf_p.hpp"

#include <stdexcept>

namespace bitlens {

std::vector<std::uint64_t> parse_polynomial(std::string_view text) {
  const std::string original(text);
  auto fail = [&](const std::string& why) { throw std::invalid_argument("polynomial '" + original + "': " + why); };
  if (text.empty()) fail("empty");
  std::vector<std::uint64_t> c;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i > 0) {
      if (text[i] != '+') fail("expected '+' between terms");
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    std::uint64_t coef = 1;
    if (j > i) {
      const auto v = detail::parse_u64(text.substr(i, j - i));
      if (!v) fail("bad coefficient");
      coef = *v;
    }
    std::uint64_t degree = 0;
    if (j < text.size() && text[j] == '*') ++j;
    if (j < text.size() && text[j] == 'x') {
      ++j;
      degree = 1;
      if (j < text.size() && text[j] == '^') {
        ++j;
        std::size_t e = j;
        while (e < text.size() && text[e] >= '0' && text[e] <= '9') ++e;
        const auto d = detail::parse_u64(text.substr(j, e - j));
        if (!d || *d > 64) fail("bad exponent");
        degree = *d;
        j = e;
      }
    } else if (j == i) {
      fail("expected a coefficient or x");
    }
    if (c.size() <= degree) c.resize(degree + 1, 0);
    c[degree] += coef;
    i = j;
  }
  return c;
}

std::string format_polynomial(const std::vector<std::uint64_t>& c) {
  std::string out;
  for (std::size_t d = c.size(); d-- > 0;) {
    if (c[d] == 0) continue;
    if (!out.empty()) out += '+';
    if (c[d] != 1 || d == 0) out += std::to_string(c[d]);
    if (d >= 1) out += 'x';
    if (d >= 2) out += '^' + std::to_string(d);
  }
  return out.empty() ? "0" : out;
}

std::optional<field_name> parse_field_name(std::string_view text) {
  if (text.size() < 5 || text.substr(0, 3) != "GF(" || text.back() != ')') return std::nullopt;
  std::string_view inner = text.substr(3, text.size() - 4);
  field_name f;
  const auto colon = inner.find(':');
  const std::string_view order = inner.substr(0, colon);
  const auto caret = order.find('^');
  const auto p = detail::parse_u64(order.substr(0, caret));
  if (!p) return std::nullopt;
  f.p = *p;
  if (caret != std::string_view::npos) {
    const auto k = detail::parse_u64(order.substr(caret + 1));
    if (!k || *k == 0) throw std::invalid_argument(std::string(text) + ": the degree k in p^k must be a positive integer");
    f.k = *k;
  }
  if (colon != std::string_view::npos) {
    f.modulus = parse_polynomial(inner.substr(colon + 1));
    if (f.modulus->size() != f.k + 1) {
      throw std::invalid_argument(std::string(text) + ": the modulus must have degree " + std::to_string(f.k));
    }
  }
  return f;
}

}  // namespace bitlens
