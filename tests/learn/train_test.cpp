// The training loop: exact learning of small tables for fixed seeds, each optimizer's defining
// behaviour, determinism across thread counts, validation keep-best, and shape errors.
#include "bitlens/io/generate.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_network.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace bitlens;

namespace {

train_params budget(optimizer_kind k, std::uint64_t steps, std::uint64_t seed) {
  train_params tp;
  tp.optimizer = k;
  tp.budget = {.steps = steps};
  tp.seed = seed;
  return tp;
}

struct run_result {
  bitvec params;
  train_stats stats;
};

// train, keeping its parameters and stats together.
run_result run(const circuit<z2>& f, const bit_dataset& data, train_params tp, const bit_dataset* valid = nullptr,
               const bitvec* initial = nullptr) {
  tp.valid = valid;
  run_result r;
  r.params = train(f, data, tp, &r.stats, initial);
  return r;
}

}  // namespace

TEST_CASE("vote learns small tables exactly for fixed seeds", "[train][vote]") {
  struct task {
    const char* kind;
    std::size_t n;
    lut_network_params arch;
  };
  const task tasks[] = {{"adder", 2, {.k = 4, .widths = {3}}},
                        {"parity", 6, {.k = 3, .widths = {2}}},
                        {"majority", 3, {.k = 3, .widths = {2}}},
                        {"mux", 1, {.k = 3, .widths = {}}},
                        {"multiplier", 2, {.k = 4, .widths = {4}}}};
  for (const auto& t : tasks) {
    const auto data = generate_table(t.kind, t.n);
    const auto net = make_lut_network(data.num_inputs(), data.num_outputs(), t.arch);
    const auto r = run(net.build(), data, budget(optimizer_kind::vote, 200000, 7));
    INFO(t.kind << " " << t.n << ": " << r.stats.train_errors << " errors after " << r.stats.steps << " steps");
    CHECK(r.stats.exact);
    CHECK(count_errors(net.build(), r.params, data) == 0);
  }
}

TEST_CASE("rda and parity learn a single LUT holding the whole table", "[train][rda][parity]") {
  // For one LUT over all inputs, dR/dtable[m] is the indicator of row m: rda sets every entry it
  // meets to its target, and parity (with the whole table as the batch) does so in one step.
  const auto data = generate_table("majority", 3);
  const auto f = make_lut_network(3, 1, {.k = 3, .widths = {}}).build();
  const auto rda = run(f, data, budget(optimizer_kind::rda, 8, 3));
  CHECK(rda.stats.exact);
  const auto parity = run(f, data, budget(optimizer_kind::parity, 2, 3));
  CHECK(parity.stats.exact);
  CHECK(parity.stats.steps <= 2);
}

TEST_CASE("training is bit-identical for 1 and 2 threads", "[train][determinism]") {
  const auto data = generate_table("adder", 3);
  const auto net = make_lut_network(6, 4, {.k = 4, .widths = {8, 4}, .skip = true, .seed = 3});
  for (auto k : {optimizer_kind::vote, optimizer_kind::parity, optimizer_kind::rda}) {
    auto tp = budget(k, 3000, 11);
    tp.threads = 1;
    const auto one = run(net.build(), data, tp);
    tp.threads = 2;
    const auto two = run(net.build(), data, tp);
    INFO(optimizer_name(k));
    CHECK(one.params == two.params);
    CHECK(one.stats.steps == two.stats.steps);
    CHECK(one.stats.train_errors == two.stats.train_errors);
  }
}

TEST_CASE("vote variants (top-k, threshold, stochastic, stateful) all make progress", "[train][vote]") {
  const auto data = generate_table("adder", 2);
  const auto net = make_lut_network(4, 3, {.k = 4, .widths = {6}, .seed = 2});
  const auto f = net.build();
  const bitvec zero(f.num_params());
  const auto start = count_errors(f, zero, data);
  for (const vote_params v : {vote_params{.flips = 3}, vote_params{.threshold = 0.5}, vote_params{.temperature = 0.3},
                              vote_params{.decay = 0.9}}) {
    auto tp = budget(optimizer_kind::vote, 300, 5);
    tp.vote = v;
    const auto r = run(f, data, tp, nullptr, &zero);
    CHECK(r.stats.train_errors < start);
  }
}

TEST_CASE("a validation set selects the returned parameters", "[train][valid]") {
  const auto full = generate_table("majority", 5);
  std::vector<std::size_t> train_rows, valid_rows;
  for (std::size_t r = 0; r < full.num_samples(); ++r) (r % 4 == 0 ? valid_rows : train_rows).push_back(r);
  const auto tr = full.subset(train_rows), va = full.subset(valid_rows);
  const auto f = make_lut_network(5, 1, {.k = 3, .widths = {3}, .seed = 4}).build();
  const auto r = run(f, tr, budget(optimizer_kind::vote, 3000, 9), &va);
  REQUIRE(r.stats.valid_errors.has_value());
  CHECK(*r.stats.valid_errors == count_errors(f, r.params, va));
  CHECK(r.stats.valid_cared_bits == va.num_cared_bits());
}

TEST_CASE("mini-batches: vote compares proposals on one batch and still learns", "[train][batch]") {
  const auto data = generate_table("majority", 9);  // 512 rows
  const auto f = make_lut_network(9, 1, {.k = 3, .widths = {3}, .seed = 2}).build();
  auto tp = budget(optimizer_kind::vote, 4000, 3);
  tp.batch = 128;
  tp.stop_when_exact = false;
  const bitvec zero(f.num_params());
  const auto start = count_errors(f, zero, data);
  const auto r = run(f, data, tp, nullptr, &zero);
  CHECK(r.stats.train_errors < start);
  CHECK(r.stats.train_errors == count_errors(f, r.params, data));
}

TEST_CASE("a model without parameters is scored, not trained", "[train]") {
  const auto data = generate_table("parity", 3);
  circuit_builder<z2> b;
  const auto x = b.inputs(3);
  b.output(b.not_(b.xor_n(x)));  // even parity: exactly the table
  for (auto k : {optimizer_kind::vote, optimizer_kind::parity, optimizer_kind::rda}) {
    const auto r = run(b.build(), data, budget(k, 100, 1));
    CHECK(r.stats.exact);
    CHECK(r.stats.steps == 0);
  }
}

TEST_CASE("train rejects data of the wrong shape", "[train][errors]") {
  const auto data = generate_table("adder", 2);
  const auto f = make_lut_network(3, 3, {.k = 2, .widths = {}}).build();
  CHECK_THROWS_AS(run(f, data, budget(optimizer_kind::vote, 10, 1)), std::invalid_argument);
  const auto g = make_lut_network(4, 3, {.k = 2, .widths = {}}).build();
  const bitvec wrong(3);
  CHECK_THROWS_AS(run(g, data, budget(optimizer_kind::vote, 10, 1), nullptr, &wrong), std::invalid_argument);
}

TEST_CASE("optimizer names round-trip", "[train]") {
  for (auto k : {optimizer_kind::rda, optimizer_kind::parity, optimizer_kind::vote}) CHECK(parse_optimizer(optimizer_name(k)) == k);
  CHECK_FALSE(parse_optimizer("adam").has_value());
}

TEST_CASE("train's default budget is finite, so an unlearnable target still returns", "[train]") {
  const train_params defaults;
  CHECK(defaults.budget.seconds > 0);
  CHECK(defaults.budget.seconds <= 60);
}

TEST_CASE("train's events are typed, end with done, and a callback's false ends the run", "[train][events]") {
  const auto data = generate_table("adder", 3);
  const auto f = make_lut_network(6, 4, {.k = 4, .widths = {8, 4}, .skip = true, .seed = 3}).build();
  auto tp = budget(optimizer_kind::vote, 100000, 5);
  tp.stop_when_exact = false;
  std::vector<train_event_kind> kinds;
  tp.on_event = [&](const train_event& e) {
    kinds.push_back(e.kind);
    CHECK(e.checked == data.num_cared_bits());
    return e.steps < 50;  // stop at the first event after step 50
  };
  const auto r = run(f, data, tp);
  REQUIRE(kinds.size() >= 2);
  CHECK(kinds.front() == train_event_kind::best);
  CHECK(kinds.back() == train_event_kind::done);
  CHECK(std::count(kinds.begin(), kinds.end(), train_event_kind::done) == 1);
  CHECK(r.stats.steps >= 50);
  CHECK(r.stats.steps < 100000);
}

TEST_CASE("train's epoch budget counts the samples of its steps", "[train][budget]") {
  const auto data = generate_table("majority", 9);  // 512 rows
  const auto f = make_lut_network(9, 1, {.k = 3, .widths = {3}, .seed = 2}).build();
  train_params tp;
  tp.optimizer = optimizer_kind::parity;
  tp.batch = 64;
  tp.stop_when_exact = false;
  tp.budget = {.epochs = 2};
  CHECK(run(f, data, tp).stats.steps == 16);  // 8 batches of 64 per epoch
  tp.optimizer = optimizer_kind::rda;         // one sample per step
  tp.budget = {.epochs = 0.5};
  CHECK(run(f, data, tp).stats.steps == 256);
}

TEST_CASE("train_budget: each limit that is set ends a run, and the fraction follows the nearest", "[train][budget]") {
  const train_budget none;
  CHECK_FALSE(none.limited());
  CHECK_FALSE(none.spent(1000000, 1e6, 1e6));
  CHECK(none.fraction(10, 1, 1) == 0);
  const train_budget b{.seconds = 10, .steps = 100, .epochs = 4};
  CHECK(b.limited());
  CHECK_FALSE(b.spent(99, 3.9, 9.9));
  CHECK(b.spent(100, 0, 0));
  CHECK(b.spent(0, 4, 0));
  CHECK(b.spent(0, 0, 10));
  CHECK(b.fraction(50, 1, 2) == Approx(0.5));
  CHECK(b.fraction(10, 3, 2) == Approx(0.75));
  CHECK(b.fraction(1000, 0, 0) == 1.0);
  for (auto k : {train_event_kind::progress, train_event_kind::best, train_event_kind::perturb, train_event_kind::restart,
                 train_event_kind::done}) {
    CHECK(event_name(k) != "?");
  }
  train_event e;
  CHECK(e.valid_accuracy() == -1.0);
  e.errors = 1, e.checked = 4, e.valid_errors = 3, e.valid_checked = 4;
  CHECK(e.train_accuracy() == 0.75);
  CHECK(e.valid_accuracy() == 0.25);
}
