// RD.1–RD.7 and the adjoint identity over Z2, on random circuits (seeds printed on failure).
#include "bitlens/algebra/z2.hpp"
#include "support/crdc_checks.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {
constexpr int cases = 200;
}

TEST_CASE("RD.1 R[f+g] = R[f] + R[g], R[0] = 0 (Z2)", "[crdc][RD.1]") {
  for (int k = 0; k < cases; ++k) check_rd1(z2{}, case_seed(1000 + k));
}
TEST_CASE("RD.2 R[f] is additive in the cotangent, R[f](x,0) = 0 (Z2)", "[crdc][RD.2]") {
  for (int k = 0; k < cases; ++k) check_rd2(z2{}, case_seed(2000 + k));
}
TEST_CASE("RD.3 identity and projections (Z2)", "[crdc][RD.3]") {
  for (int k = 0; k < cases; ++k) check_rd3(z2{}, case_seed(3000 + k));
}
TEST_CASE("RD.4 pairing (Z2)", "[crdc][RD.4]") {
  for (int k = 0; k < cases; ++k) check_rd4(z2{}, case_seed(4000 + k));
}
TEST_CASE("RD.5 chain rule (Z2)", "[crdc][RD.5]") {
  for (int k = 0; k < cases; ++k) check_rd5(z2{}, case_seed(5000 + k));
}
TEST_CASE("RD.6 linearity of R[f] in its linear argument (Z2)", "[crdc][RD.6]") {
  for (int k = 0; k < cases; ++k) check_rd6(z2{}, case_seed(6000 + k));
}
TEST_CASE("RD.7 symmetry of mixed second derivatives (Z2)", "[crdc][RD.7]") {
  for (int k = 0; k < cases; ++k) check_rd7(z2{}, case_seed(7000 + k));
}
TEST_CASE("adjoint identity against dual numbers (Z2)", "[crdc][adjoint]") {
  for (int k = 0; k < cases; ++k) check_adjoint(z2{}, case_seed(8000 + k));
}
