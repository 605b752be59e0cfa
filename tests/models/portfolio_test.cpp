// The portfolio of `bitlens learn` as a library: the learners each measured alike, the plan's
// candidates in order, the input ranking by information, and refusals.
#include "bitlens/io/generate.hpp"
#include "bitlens/models/portfolio.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace bitlens;

namespace {

// Cared output bits of the parameter-free circuit f wrong on d.
std::uint64_t wrong_bits(const circuit<z2>& f, const bit_dataset& d) { return count_errors(f, bitvec(0), d); }

// The rows of `d` whose index modulo 4 is (or is not) 0.
bit_dataset every_fourth(const bit_dataset& d, bool held) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < d.num_samples(); ++r) {
    if ((r % 4 == 0) == held) rows.push_back(r);
  }
  return d.subset(rows);
}

}  // namespace

TEST_CASE("portfolio: a complete table gets its diagram and the LUT networks, both exact", "[portfolio]") {
  const auto table = generate_table("adder", 2);
  portfolio_params p;
  p.plan.diagram = true;
  p.base.budget = {.steps = 20000};
  p.base.threads = 1;
  std::vector<std::string> attempts;
  search_observer watch;
  watch.attempt = [&](std::size_t, const std::string& d) { attempts.push_back(d); };
  const auto candidates = learn_portfolio(table, p, watch);
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[0].description.rfind("decision diagram", 0) == 0);
  for (const auto& c : candidates) {
    INFO(c.description);
    CHECK(c.stats.exact);
    CHECK(wrong_bits(c.circuit_, table) == 0);
  }
  CHECK(attempts.front() == "decision diagram");
}

TEST_CASE("portfolio: the sample learners are measured on the rows they report", "[portfolio]") {
  const auto all = generate_table("majority", 9);
  const auto train = every_fourth(all, false), valid = every_fourth(all, true);
  portfolio_params p;
  p.plan = {.tree = true, .linear = true, .search = false};
  p.base.budget = {.steps = 2000};
  p.base.valid = &valid;
  p.base.threads = 1;
  const auto candidates = learn_portfolio(train, p);
  // A tree, a forest, a distilled tree, the tabulated forest (9 inputs), a threshold unit.
  REQUIRE(candidates.size() >= 5);
  for (const auto& c : candidates) {
    INFO(c.description);
    REQUIRE(c.stats.valid_errors.has_value());
    CHECK(*c.stats.valid_errors == wrong_bits(c.circuit_, valid));
    CHECK(c.stats.train_errors == wrong_bits(c.circuit_, train));
  }
  // Majority is a threshold function: the unit comes near it (5 of 128 validation rows wrong here,
  // its few-bit weights chosen on a quarter of the 384 training rows).
  CHECK(candidates[4].description.rfind("linear threshold unit", 0) == 0);
  CHECK(*candidates[4].stats.valid_errors <= valid.num_samples() / 10);
  p.base.valid = nullptr;
  CHECK_THROWS_AS(learn_portfolio(train, p), std::invalid_argument);
}

TEST_CASE("portfolio: inputs ranked by the information they carry about the output", "[portfolio]") {
  auto d = generate_table("parity", 4);
  for (std::size_t s = 0; s < d.num_samples(); ++s) d.targets.set(0, s, d.inputs.get(2, s));  // y = x2
  const auto ranked = rank_inputs_by_information(d);
  REQUIRE(ranked.size() == 4);
  CHECK(ranked[0] == 2);
  const std::vector<std::size_t> chosen{2, 0};
  const auto narrow = with_inputs(d, chosen);
  CHECK(narrow.num_inputs() == 2);
  CHECK(narrow.input_names == std::vector<std::string>{d.input_names[2], d.input_names[0]});
  CHECK(narrow.inputs.wire(0) == d.inputs.wire(2));
}
