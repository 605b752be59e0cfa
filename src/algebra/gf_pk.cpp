// GF(p^k): a modulus checked irreducible (by NTL), field names, and the arithmetic of elements —
// polynomials over GF(p) encoded as base-p integers — by tables when the field has at most 2^20
// elements, digit by digit otherwise.
#include "bitlens/algebra/gf_pk.hpp"

#include "bitlens/algebra/field_name.hpp"
#include "ntl_fields.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace bitlens {
namespace {

constexpr std::uint64_t max_table_order = std::uint64_t{1} << 20;

std::uint64_t checked_order(std::uint64_t p, unsigned k) {
  if (k == 0) throw std::invalid_argument("GF(p^k): k must be at least 1");
  std::uint64_t q = 1;
  for (unsigned i = 0; i < k; ++i) {
    if (q > ((std::uint64_t{1} << 63) - 1) / p) {
      throw std::invalid_argument("GF(" + std::to_string(p) + "^" + std::to_string(k) + "): the order must be below 2^63");
    }
    q *= p;
  }
  return q;
}

// The default modulus, after the checks that must precede any call into NTL (which aborts on bad
// input rather than throwing).
std::vector<std::uint64_t> checked_default_modulus(std::uint64_t p, unsigned k) {
  (void)gf_p(p);  // throws when p is not a prime below 2^62
  (void)checked_order(p, k);
  return detail::gfp_default_modulus(p, k);
}

}  // namespace

gf_pk::gf_pk(std::uint64_t p, unsigned k) : gf_pk(p, k, checked_default_modulus(p, k)) {}

gf_pk::gf_pk(std::uint64_t p, unsigned k, std::vector<std::uint64_t> c)
    : base_(p), k_(k), q_(checked_order(p, k)), modulus_(std::move(c)) {
  const std::string label = "GF(" + std::to_string(p) + "^" + std::to_string(k) + ")";
  if (modulus_.size() != k + 1 || modulus_[k] != 1) throw std::invalid_argument(label + ": the modulus must be monic of degree " + std::to_string(k));
  for (auto& x : modulus_) {
    if (x >= p) throw std::invalid_argument(label + ": modulus coefficients must be below " + std::to_string(p));
  }
  if (!detail::gfp_irreducible(p, modulus_)) {
    throw std::invalid_argument(label + ": the modulus " + format_polynomial(modulus_) + " is reducible");
  }
  default_ = modulus_ == detail::gfp_default_modulus(p, k);
  if (q_ <= max_table_order && q_ > 2) build_tables();
}

std::optional<gf_pk> gf_pk::from_name(std::string_view name) {
  const auto f = parse_field_name(name);
  if (!f || f->p == 2 || name.find('^') == std::string_view::npos) return std::nullopt;
  if (!is_prime(f->p)) throw std::invalid_argument(std::string(name) + ": " + std::to_string(f->p) + " is not prime");
  if (f->k > max_degree) throw std::invalid_argument(std::string(name) + ": k is too large");
  if (f->modulus) return gf_pk(f->p, static_cast<unsigned>(f->k), *f->modulus);
  return gf_pk(f->p, static_cast<unsigned>(f->k));
}

void gf_pk::decode(element a, digits& d) const noexcept {
  const std::uint64_t p = prime();
  for (unsigned i = 0; i < k_; ++i) {
    d[i] = a % p;
    a /= p;
  }
}

gf_pk::element gf_pk::encode(const digits& d) const noexcept {
  element a = 0;
  for (unsigned i = k_; i-- > 0;) a = a * prime() + d[i];
  return a;
}

gf_pk::element gf_pk::add_digits(element a, element b) const noexcept {
  digits x{}, y{};
  decode(a, x);
  decode(b, y);
  for (unsigned i = 0; i < k_; ++i) x[i] = base_.add(x[i], y[i]);
  return encode(x);
}

gf_pk::element gf_pk::mul_digits(element a, element b) const noexcept {
  digits x{}, y{};
  decode(a, x);
  decode(b, y);
  std::array<std::uint64_t, 2 * max_degree> prod{};
  for (unsigned i = 0; i < k_; ++i) {
    if (x[i] == 0) continue;
    for (unsigned j = 0; j < k_; ++j) prod[i + j] = base_.add(prod[i + j], base_.mul(x[i], y[j]));
  }
  // Reduce by the monic modulus from the top: x^k = −(c_0 + … + c_{k−1} x^{k−1}).
  for (unsigned d = 2 * k_ - 1; d-- > k_;) {
    const std::uint64_t t = prod[d];
    if (t == 0) continue;
    prod[d] = 0;
    for (unsigned i = 0; i < k_; ++i) prod[d - k_ + i] = base_.sub(prod[d - k_ + i], base_.mul(t, modulus_[i]));
  }
  digits r{};
  for (unsigned i = 0; i < k_; ++i) r[i] = prod[i];
  return encode(r);
}

void gf_pk::build_tables() {
  // The tables of the fields made last are kept (at most 24 MiB each, four of them), so that
  // reading many circuits over one field builds its tables once.
  using key = std::vector<std::uint64_t>;  // p, then the modulus
  static std::mutex cache_mutex;
  static std::vector<std::pair<key, std::shared_ptr<const zech_tables>>> cache;
  key id{prime()};
  id.insert(id.end(), modulus_.begin(), modulus_.end());
  {
    const std::lock_guard lock(cache_mutex);
    for (std::size_t i = 0; i < cache.size(); ++i) {
      if (cache[i].first != id) continue;
      tables_ = cache[i].second;
      std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i), cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return;
    }
  }
  const std::uint64_t q1 = q_ - 1, p = prime();
  const auto factors = prime_factors(q1);
  const auto is_primitive = [&](element cand) {
    for (auto r : factors) {
      element x = 1, base = cand;
      for (std::uint64_t e = q1 / r; e != 0; e >>= 1) {
        if (e & 1U) x = mul_digits(x, base);
        base = mul_digits(base, base);
      }
      if (x == 1) return false;
    }
    return true;
  };
  // Linear elements x + c (codes p … 2p − 1) are tried first: when one generates the group, the
  // powers are walked by a shift, one reduction step and a scaled add each, instead of a full
  // product (GF(5^8): 0.3 s → a few ms). Some other element generates it otherwise.
  element g = 0;
  for (element c = 0; g == 0 && c < p && p + c < q_; ++c) g = is_primitive(p + c) ? p + c : 0;
  const bool linear = g != 0;
  for (element cand = 2; g == 0 && cand < q_; ++cand) g = is_primitive(cand) ? cand : 0;
  const std::uint64_t c = linear ? g - p : 0;
  auto t = std::make_shared<zech_tables>();
  t->log.assign(q_, 0);
  t->exp.assign(2 * q1, 0);
  digits x{};
  x[0] = 1;
  for (std::uint64_t i = 0; i < q1; ++i) {
    const element code = encode(x);
    t->exp[i] = t->exp[i + q1] = code;
    t->log[code] = static_cast<std::uint32_t>(i);
    if (linear) {  // (x + c)·v = x·v + c·v, with x^k = −(m_0 + … + m_{k−1} x^{k−1})
      const std::uint64_t top = x[k_ - 1];
      for (unsigned j = k_ - 1; j > 0; --j) {
        x[j] = base_.add(base_.sub(x[j - 1], base_.mul(top, modulus_[j])), base_.mul(c, x[j]));
      }
      x[0] = base_.add(base_.neg(base_.mul(top, modulus_[0])), base_.mul(c, x[0]));
    } else {
      decode(mul_digits(code, g), x);
    }
  }
  // Zech logarithms: log(1 + g^n). Adding 1 changes the constant digit only.
  t->zech.assign(q1, none);
  for (std::uint64_t n = 0; n < q1; ++n) {
    const element e = t->exp[n], d0 = e % p;
    const element s = d0 + 1 < p ? e + 1 : e - d0;
    if (s != 0) t->zech[n] = t->log[s];
  }
  t->half = prime() == 2 ? 0 : static_cast<std::uint32_t>(q1 / 2);
  tables_ = std::move(t);
  const std::lock_guard lock(cache_mutex);
  cache.insert(cache.begin(), {std::move(id), tables_});
  if (cache.size() > 4) cache.pop_back();
}

gf_pk::element gf_pk::add(element a, element b) const noexcept {
  if (!tables_) return add_digits(a, b);
  if (a == 0) return b;
  if (b == 0) return a;
  const std::uint64_t q1 = q_ - 1;
  const std::uint32_t la = tables_->log[a], lb = tables_->log[b];
  const std::uint32_t z = tables_->zech[lb >= la ? lb - la : lb + q1 - la];
  return z == none ? 0 : tables_->exp[la + z];
}

gf_pk::element gf_pk::neg(element a) const noexcept {
  if (a == 0) return 0;
  if (!tables_) {
    digits d{};
    decode(a, d);
    for (unsigned i = 0; i < k_; ++i) d[i] = base_.neg(d[i]);
    return encode(d);
  }
  return tables_->exp[tables_->log[a] + tables_->half];
}

gf_pk::element gf_pk::mul(element a, element b) const noexcept {
  if (!tables_) return mul_digits(a, b);
  if (a == 0 || b == 0) return 0;
  return tables_->exp[tables_->log[a] + tables_->log[b]];
}

gf_pk::element gf_pk::pow(element a, std::uint64_t e) const noexcept { return power(*this, a, e); }

gf_pk::element gf_pk::inv(element a) const {
  if (a == 0) throw std::domain_error(name() + ": 0 has no inverse");
  return pow(a, q_ - 2);
}

std::vector<std::uint64_t> gf_pk::to_coefficients(element a) const {
  digits d{};
  decode(a, d);
  return std::vector<std::uint64_t>(d.begin(), d.begin() + k_);
}

gf_pk::element gf_pk::from_coefficients(const std::vector<std::uint64_t>& v) const {
  digits d{};
  for (unsigned i = 0; i < k_ && i < v.size(); ++i) d[i] = v[i] % prime();
  return encode(d);
}

std::string gf_pk::name() const {
  std::string n = "GF(" + std::to_string(prime()) + "^" + std::to_string(k_);
  if (!default_) n += ":" + format_polynomial(modulus_);
  return n + ")";
}

std::optional<gf_pk::element> gf_pk::parse(std::string_view text) const {
  const auto v = detail::parse_u64(text);
  if (!v || *v >= q_) return std::nullopt;
  return *v;
}

}  // namespace bitlens
