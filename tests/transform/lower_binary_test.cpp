// GF(2^k) circuits lowered to Z2 compute the same thing bit for bit, for k = 1, 2, 8 (AES), 13 and
// a non-default modulus, including parameters; and the lowered circuit runs on the bit-parallel tape.
#include "bitlens/eval/tape.hpp"
#include "bitlens/transform/lower_binary.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

TEST_CASE("lower_to_bits is equivalent to the GF(2^k) circuit", "[lower][fields]") {
  const gf_2k fields[] = {gf_2k(1), gf_2k(2), gf_2k(8), gf_2k(13), *gf_2k::from_name("GF(2^8:x^8+x^4+x^3+x^2+1)")};
  for (std::size_t fi = 0; fi < std::size(fields); ++fi) {
    const gf_2k& r = fields[fi];
    const unsigned k = r.degree();
    for (std::uint64_t c = 0; c < 10; ++c) {
      const auto seed = case_seed(60000 + 100 * fi + c);
      INFO(r.name() << ", seed " << seed);
      rng g(seed);
      const auto f = random_circuit(r, g, {.inputs = 3, .params = 1, .nodes = 20, .outputs = 2, .p_const = 0.1});
      const auto low = lower_to_bits(f);
      REQUIRE(low.num_inputs() == 3 * k);
      REQUIRE(low.num_params() == k);
      REQUIRE(low.num_outputs() == 2 * k);
      const tape t(low);
      for (int s = 0; s < 20; ++s) {
        const auto x = random_elements(r, 3, g), p = random_elements(r, 1, g);
        const auto y = eval(f, x, p);
        vec<z2> xb, pb;
        for (auto v : x) for (unsigned i = 0; i < k; ++i) xb.push_back((v >> i) & 1U);
        for (auto v : p) for (unsigned i = 0; i < k; ++i) pb.push_back((v >> i) & 1U);
        const auto yb = eval(low, xb, pb);
        // and through the bit-parallel tape, one sample
        bit_batch in(xb.size(), 1);
        for (std::size_t i = 0; i < xb.size(); ++i) in.set(i, 0, xb[i] != 0);
        bitvec pbits(pb.size());
        for (std::size_t i = 0; i < pb.size(); ++i) pbits.set(i, pb[i] != 0);
        const auto out = evaluate(t, in, pbits);
        for (std::size_t o = 0; o < y.size(); ++o) {
          for (unsigned i = 0; i < k; ++i) {
            REQUIRE(yb[o * k + i] == ((y[o] >> i) & 1U));
            REQUIRE(out.get(o * k + i, 0) == (((y[o] >> i) & 1U) != 0));
          }
        }
      }
    }
  }
}
