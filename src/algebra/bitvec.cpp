// bitvec: every operation ends with the tail invariant restored (bits past size() are zero).
#include "bitlens/algebra/bitvec.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace bitlens {
namespace {

void require_same_size(const bitvec& a, const bitvec& b, const char* what) {
  if (a.size() != b.size()) {
    throw std::invalid_argument(std::string("bitvec ") + what + ": sizes differ (" +
                                std::to_string(a.size()) + " vs " + std::to_string(b.size()) + ")");
  }
}

// The one word-level kernel behind every binary operation; the tail stays zero because
// and/or/xor of two zero tails is zero.
template <class Op>
void apply_binary(std::span<std::uint64_t> dst, std::span<const std::uint64_t> src, Op op) {
  for (std::size_t i = 0; i < dst.size(); ++i) dst[i] = op(dst[i], src[i]);
}

}  // namespace

bitvec::bitvec(std::size_t bits, bool value) : bits_(bits), words_(words_for_bits(bits), 0) {
  if (value) fill(true);
}

bitvec bitvec::from_string(std::string_view text) {
  bitvec v(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '1') {
      v.set(i);
    } else if (text[i] != '0') {
      throw std::invalid_argument("bitvec::from_string: character " + std::to_string(i) +
                                  " is '" + std::string(1, text[i]) + "', expected 0 or 1");
    }
  }
  return v;
}

bitvec bitvec::from_dynamic_bitset(const boost::dynamic_bitset<>& bits) {
  bitvec v(bits.size());
  for (auto i = bits.find_first(); i != boost::dynamic_bitset<>::npos; i = bits.find_next(i)) v.set(i);
  return v;
}

std::string bitvec::to_string() const {
  std::string s(bits_, '0');
  for (std::size_t i = 0; i < bits_; ++i) {
    if (get(i)) s[i] = '1';
  }
  return s;
}

boost::dynamic_bitset<> bitvec::to_dynamic_bitset() const {
  boost::dynamic_bitset<> out(bits_);
  for (std::size_t i = 0; i < bits_; ++i) {
    if (get(i)) out.set(i);
  }
  return out;
}

void bitvec::resize(std::size_t bits) {
  words_.resize(words_for_bits(bits), 0);
  bits_ = bits;
  clear_tail();
}

void bitvec::fill(bool value) noexcept {
  std::fill(words_.begin(), words_.end(), value ? ~std::uint64_t{0} : 0);
  clear_tail();
}

void bitvec::flip_all() noexcept {
  for (auto& w : words_) w = ~w;
  clear_tail();
}

void bitvec::clear_tail() noexcept {
  if (!words_.empty()) words_.back() &= tail_mask(bits_);
}

std::size_t bitvec::popcount() const noexcept {
  std::size_t n = 0;
  for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

bool bitvec::any() const noexcept {
  return std::any_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w != 0; });
}

bitvec& bitvec::operator^=(const bitvec& other) {
  require_same_size(*this, other, "xor");
  apply_binary(words_, other.words_, [](std::uint64_t a, std::uint64_t b) { return a ^ b; });
  return *this;
}

bitvec& bitvec::operator&=(const bitvec& other) {
  require_same_size(*this, other, "and");
  apply_binary(words_, other.words_, [](std::uint64_t a, std::uint64_t b) { return a & b; });
  return *this;
}

bitvec& bitvec::operator|=(const bitvec& other) {
  require_same_size(*this, other, "or");
  apply_binary(words_, other.words_, [](std::uint64_t a, std::uint64_t b) { return a | b; });
  return *this;
}

std::size_t popcount_and(const bitvec& a, const bitvec& b) {
  require_same_size(a, b, "popcount_and");
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.num_words(); ++i) {
    n += static_cast<std::size_t>(std::popcount(a.words()[i] & b.words()[i]));
  }
  return n;
}

std::size_t hamming_distance(const bitvec& a, const bitvec& b) {
  require_same_size(a, b, "hamming_distance");
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.num_words(); ++i) {
    n += static_cast<std::size_t>(std::popcount(a.words()[i] ^ b.words()[i]));
  }
  return n;
}

}  // namespace bitlens
