// The RDA paper's models and the group-sum classification head: the memoriser learns any table in
// one rda epoch, the popcount-threshold lens's put is the Boolean difference of its get, the
// Z2-linear (pseudo-linear) model learns XOR-linear maps, and group-sum training classifies.
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/models/rda_models.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;

TEST_CASE("the LUT memoriser learns any table in one rda epoch", "[rda_models]") {
  test::rng g(test::case_seed(80000));
  auto table = generate_table("adder", 2);
  for (std::size_t o = 0; o < table.num_outputs(); ++o) {
    for (std::size_t s = 0; s < table.num_samples(); ++s) table.targets.set(o, s, g() & 1U);  // a random table
  }
  const auto f = lut_memoriser(4, 3);
  CHECK(f.num_params() == 3 * 16);
  train_params tp;
  tp.optimizer = optimizer_kind::rda;
  tp.budget = {.epochs = 1};  // every row meets its own table entry once
  train_stats st;
  train(f, table, tp, &st);
  CHECK(st.steps == 16);
  CHECK(st.exact);
  CHECK_THROWS_AS(lut_memoriser(17, 1), std::invalid_argument);
}

TEST_CASE("the popcount-threshold lens: put is the Boolean difference of get, bit by bit", "[rda_models]") {
  const auto seed = test::case_seed(80100);
  INFO("seed " << seed);
  test::rng g(seed);
  for (unsigned k : {1U, 2U, 4U}) {
    for (int c = 0; c < 40; ++c) {
      const std::size_t n = 1 + g() % 12;
      const auto f = popcount_threshold(n, k);
      std::vector<z2::element> p(n), x(n);
      for (auto& b : p) b = (g() % 3 != 0) ? 1 : 0;
      for (auto& b : x) b = g() & 1U;
      const auto y = f.get(p, x)[0];
      const auto none = f.put(p, x, std::vector<z2::element>{0});
      CHECK(none.params == std::vector<z2::element>(n, 0));
      const auto c1 = f.put(p, x, std::vector<z2::element>{1});
      for (std::size_t i = 0; i < n; ++i) {
        auto p2 = p, x2 = x;
        p2[i] ^= 1;
        x2[i] ^= 1;
        CHECK(c1.params[i] == (f.get(p2, x)[0] ^ y));
        CHECK(c1.inputs[i] == (f.get(p, x2)[0] ^ y));
      }
    }
  }
  CHECK_THROWS_AS(popcount_threshold(4, 0), std::invalid_argument);
}

TEST_CASE("the pseudo-linear model learns parity (an XOR-linear map) exactly", "[rda_models]") {
  const auto data = generate_table("parity", 6);  // even parity = 1 + Σ x_i: linear with bias
  const auto f = pseudo_linear(6, 1);
  for (auto k : {optimizer_kind::rda, optimizer_kind::vote}) {
    train_params tp;
    tp.optimizer = k;
    tp.budget = {.steps = 5000};
    tp.seed = 3;
    train_stats st;
    train(f, data, tp, &st);
    INFO(optimizer_name(k));
    CHECK(st.exact);
  }
}

TEST_CASE("group-sum: targets, argmax prediction and a trained 3-class classifier", "[group_sum]") {
  // Three classes decided by the top two bits of a 5-bit input (class = min(x3 + 2 x4, 2)).
  const auto base = generate_table("parity", 5);
  std::vector<std::uint32_t> labels(base.num_samples());
  for (std::size_t s = 0; s < labels.size(); ++s) labels[s] = std::min<std::uint32_t>(((s >> 3) & 1U) + 2 * ((s >> 4) & 1U), 2);
  const auto data = group_sum_targets(base.inputs, labels, 3, 2);
  CHECK(data.num_outputs() == 6);
  CHECK(data.targets.get(0, 0));         // sample 0 has label 0: its group is bits 0, 1
  CHECK_FALSE(data.targets.get(2, 0));
  CHECK_THROWS_AS(group_sum_targets(base.inputs, std::vector<std::uint32_t>(32, 3), 3, 2), std::invalid_argument);

  bit_batch outs(6, 2);
  outs.set(2, 0, true), outs.set(3, 0, true), outs.set(0, 0, true);  // sample 0: scores 1, 2, 0 → class 1
  CHECK(group_sum_predict(outs, 3) == std::vector<std::uint32_t>{1, 0});  // sample 1: all zero → class 0 (tie)

  const auto net = make_lut_network(5, 6, {.k = 4, .widths = {6}, .seed = 2});
  train_params tp;
  tp.budget = {.steps = 3000};
  tp.seed = 4;
  const bitvec params = train(net.build(), data, tp);
  const auto out = evaluate(tape(net.build()), data.inputs, params);
  const double acc = classification_accuracy(group_sum_predict(out, 3), labels);
  INFO("accuracy " << acc);
  CHECK(acc == 1.0);
}
