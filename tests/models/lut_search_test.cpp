// The architecture search and the per-output decomposition (models/lut_search.hpp), as a library
// user calls them: the schedule's shape, an exact network found within a step budget with the
// observer told of every attempt, and one network per output combined into a circuit that computes
// the whole table, its outputs named after the table's.
#include "bitlens/eval/reference.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/models/lut_search.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bitlens;

namespace {

// Whether f (no parameters) computes every cared bit of the table.
bool computes(const circuit<z2>& f, const bit_dataset& d) {
  for (std::size_t s = 0; s < d.num_samples(); ++s) {
    std::vector<z2::element> x(d.num_inputs());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = d.inputs.get(i, s) ? 1 : 0;
    const auto y = evaluate_reference<z2>(f, x);
    for (std::size_t o = 0; o < d.num_outputs(); ++o) {
      if (d.care.get(o, s) && (y[o] != 0) != d.targets.get(o, s)) return false;
    }
  }
  return true;
}

train_params budget(std::uint64_t steps) {
  train_params tp;
  tp.budget = {.steps = steps};
  tp.threads = 1;
  tp.seed = 5;
  return tp;
}

}  // namespace

TEST_CASE("the architecture schedule grows, alternating 4- and 6-input LUTs", "[lut_search]") {
  const auto s = architecture_schedule(8, 3, 11);
  REQUIRE(s.size() == 10);
  CHECK(s[0].k == 4);
  CHECK(s[1].k == 6);
  CHECK_FALSE(s[0].skip);
  CHECK(s[1].skip);
  for (std::size_t i = 1; i < s.size(); ++i) CHECK(s[i].seed == s[0].seed + i);
  std::size_t first = 0, last = 0;
  for (auto w : s.front().widths) first += w;
  for (auto w : s.back().widths) last += w;
  CHECK(last > first);
  CHECK(architecture_schedule(3, 1, 1)[1].k == 3);  // never more LUT inputs than table inputs
  CHECK(architecture_string(s[3]) == "6:6,3");  // 6-LUTs, widths 2·b and b with b = max(m, ⌈n/6⌉, 2) = 3
}

TEST_CASE("the search finds an exact network and tells the observer each attempt", "[lut_search]") {
  const auto table = generate_table("adder", 2);
  std::vector<std::string> attempts;
  std::size_t events = 0;
  search_observer watch;
  watch.attempt = [&](std::size_t i, const std::string& d) { attempts.push_back(std::to_string(i) + " " + d); };
  watch.event = [&](const train_event&) {
    ++events;
    return true;
  };
  const auto out = search_lut_networks(table, budget(40000), std::nullopt, nullptr, watch);
  INFO("attempts: " << attempts.size());
  CHECK(out.stats.exact);
  CHECK(out.attempts == attempts.size());
  CHECK(events > 0);
  CHECK(out.total_steps <= 40000);
  const auto learned = learn_lut_circuit(table, budget(40000), std::nullopt, nullptr, decompose_mode::none);
  CHECK(learned.network.has_value());
  CHECK(learned.stats.exact == computes(learned.circuit_, table));
}

TEST_CASE("one network per output: the parts combine into the table's circuit, outputs named", "[lut_search]") {
  const auto table = generate_table("multiplier", 2);
  std::vector<std::pair<std::size_t, std::size_t>> outputs;
  search_observer watch;
  watch.output = [&](std::size_t o, std::size_t m) { outputs.emplace_back(o, m); };
  const auto out = learn_lut_circuit(table, budget(60000), std::nullopt, nullptr, decompose_mode::outputs, watch);
  CHECK_FALSE(out.network.has_value());  // several networks: no single parameter file
  REQUIRE(out.circuit_.num_outputs() == table.num_outputs());
  CHECK(out.circuit_.num_params() == 0);
  for (std::size_t o = 0; o < table.num_outputs(); ++o) CHECK(out.circuit_.output_name(o) == table.output_names[o]);
  CHECK(out.stats.exact);
  CHECK(computes(out.circuit_, table));
  REQUIRE(outputs.size() >= 2 * table.num_outputs());
  CHECK(outputs[0] == std::make_pair(std::size_t{1}, table.num_outputs()));
  CHECK(outputs[1] == std::make_pair(std::size_t{0}, std::size_t{0}));
}
