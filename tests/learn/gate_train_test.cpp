// Gate-network classifier training: it learns a small labelled problem, gives bit-identical tables
// for 1 and 2 threads and for the portable and AVX2 kernels, and rejects mismatched data.
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "bitlens/models/lut_network.hpp"
#include "support/gate_toy.hpp"
#include "support/kernel_variants.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;

namespace {

gate_train_params toy_params(unsigned threads, kernel_variant k) {
  gate_train_params p;
  p.classes = 4;
  p.batch = 256;
  p.budget = {.epochs = 60};
  p.margin = 2;
  p.protect_margin = 6;
  p.flip_fraction = 0.02;
  p.threads = threads;
  p.kernels = k;
  return p;
}

gate_network toy_network(std::uint64_t seed) {
  gate_layers_params lp;
  lp.layers = 3;
  lp.width = 40;
  lp.seed = seed;
  return make_gate_layers(24, lp);
}

}  // namespace

TEST_CASE("gate training: learns a small classification problem", "[learn][gate]") {
  const auto seed = test::case_seed(1);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(4096, seed), held_out = test::make_gate_toy(2048, seed + 1);
  auto net = toy_network(seed);
  const double before = classification_accuracy(compiled_gates(net).predict_groups(held_out.inputs, 4), held_out.labels);
  gate_train_stats report_stats;
  bitlens::train(net, {train.inputs, train.labels}, toy_params(2, kernel_variant::automatic), &report_stats);
  const train_event& report = report_stats.last;
  CHECK(report.epochs == 60);
  CHECK(report.samples == 60 * 4096);
  CHECK(report.changes > 0);
  const auto predicted = compiled_gates(net).predict_groups(held_out.inputs, 4);
  const double after = classification_accuracy(predicted, held_out.labels);
  // Seeds 1–8 of BITLENS_TEST_SEED give 0.68–0.93 on held-out samples; guessing gives at most 0.375.
  CHECK(after >= 0.6);
  CHECK(after > before + 0.2);
}

TEST_CASE("gate training: two tasks share one network, each with its own head", "[learn][gate]") {
  // Task 0: the toy's class (4 classes); task 1: x5 (2 classes), which task 0 never needs.
  const auto seed = test::case_seed(3);
  INFO("seed " << seed);
  const auto make = [](const test::gate_toy& d) {
    std::vector<std::uint32_t> second(d.labels.size());
    for (std::size_t s = 0; s < second.size(); ++s) second[s] = d.inputs.get(5, s) ? 1U : 0U;
    return std::vector<std::vector<std::uint32_t>>{d.labels, second};
  };
  const std::vector<std::uint32_t> tasks{4, 2};
  const auto train = test::make_gate_toy(4096, seed), held_out = test::make_gate_toy(2048, seed + 1);
  const auto codes = encode_task_labels(make(train), tasks);
  CHECK(task_labels(codes, tasks, 0) == train.labels);
  CHECK(task_labels(codes, tasks, 1) == make(train)[1]);
  auto p = toy_params(2, kernel_variant::automatic);
  p.classes = 6;
  p.tasks = tasks;
  auto net = make_gate_layers(24, {.layers = 3, .width = 96, .seed = seed});  // 96 outputs: 6 groups of 16
  bitlens::train(net, {train.inputs, codes}, p);
  const auto predicted = multitask_predict(compiled_gates(net).evaluate(held_out.inputs), tasks);
  const auto truth = make(held_out);
  const double first = classification_accuracy(predicted[0], truth[0]), second = classification_accuracy(predicted[1], truth[1]);
  INFO("task accuracies " << first << ", " << second);
  CHECK(first >= 0.7);   // guessing: at most 0.375
  CHECK(second >= 0.75);  // guessing: about 0.5 (seeds 0–10 give 0.89–0.99 for task 0, 0.94–0.99 here)
  // Mismatched tasks are refused.
  p.classes = 5;
  CHECK_THROWS_AS(bitlens::train(net, {train.inputs, codes}, p), std::invalid_argument);
  p.classes = 6;
  const class_samples held{held_out.inputs, codes};
  p.valid = &held;
  CHECK_THROWS_AS(bitlens::train(net, {train.inputs, codes}, p), std::invalid_argument);
}

TEST_CASE("gate training: identical tables for any thread count, kernel variant and tile", "[learn][gate]") {
  const auto seed = test::case_seed(2);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(3000, seed);
  auto p = toy_params(1, kernel_variant::portable);
  p.budget = {.epochs = 4};
  p.batch = 1280;  // five 256-sample units: several tiles per step, and tiles of 8 or 16 words end part-full
  p.tile_words = 4;
  auto reference = toy_network(seed);
  bitlens::train(reference, {train.inputs, train.labels}, p);
  CHECK(reference != toy_network(seed));
  for (unsigned threads : {1U, 2U, 3U}) {
    for (auto k : test::runnable_kernel_variants()) {
      for (std::size_t tile : {0, 4, 8, 16}) {
        auto net = toy_network(seed);
        p.threads = threads;
        p.kernels = k;
        p.tile_words = tile;
        bitlens::train(net, {train.inputs, train.labels}, p);
        INFO("threads " << threads << ", kernels " << name(k) << ", tile words " << tile);
        CHECK(net == reference);
      }
    }
  }
}

TEST_CASE("gate training chooses 8-word tiles only for the AVX-512 kernels with a tile for every thread", "[learn][gate]") {
  const auto train = test::make_gate_toy(3000, 3);
  auto net = toy_network(3);
  for (auto k : test::runnable_kernel_variants()) {
    for (std::size_t batch : {256, 1024, 2048}) {
      for (unsigned threads : {1U, 2U}) {
        auto p = toy_params(threads, k);
        p.batch = batch;
        const gate_trainer trainer(net, train.inputs, train.labels, p);
        INFO("kernels " << name(k) << ", batch " << batch << ", threads " << threads);
        CHECK(trainer.batch_words() == (batch + 255) / 256 * 4);
        const bool wide = resolve(k, "test") == kernel_variant::avx512 && batch >= 512 * threads;
        CHECK(trainer.tile_words() == (wide ? 8U : 4U));
      }
    }
  }
}

TEST_CASE("gate training: reports, early stop and bad data", "[learn][gate]") {
  const auto train = test::make_gate_toy(1000, 5);
  auto net = toy_network(5);
  auto p = toy_params(1, kernel_variant::automatic);
  std::size_t reports = 0;
  p.on_event = [&](const train_event& r) {
    ++reports;
    CHECK(r.train_accuracy() >= 0.0);
    return r.epochs < 2;  // stop after the second epoch's report
  };
  gate_train_stats last_stats;
  bitlens::train(net, {train.inputs, train.labels}, p, &last_stats);
  const train_event& last = last_stats.last;
  CHECK(reports == 2);
  CHECK(last.epochs == 2);
  std::vector<std::uint32_t> bad = train.labels;
  bad[7] = 4;
  CHECK_THROWS_WITH(gate_trainer(net, train.inputs, bad, p), Catch::Contains("sample 7 has label 4"));
  p.classes = 3;  // 40 outputs do not split into 3 groups
  CHECK_THROWS_WITH(gate_trainer(net, train.inputs, train.labels, p), Catch::Contains("do not split into 3 groups"));
}

TEST_CASE("an annealed flip fraction flips fewer entries as training goes on", "[gate_train]") {
  const auto data = test::make_gate_toy(2048, test::case_seed(93000));
  const auto flips_per_epoch = [&](double final_fraction) {
    auto net = make_gate_layers(24, {.layers = 3, .width = 400, .seed = 5, .random_fraction = 0.5});
    auto p = toy_params(1, kernel_variant::automatic);
    p.budget = {.epochs = 8};
    p.final_flip_fraction = final_fraction;
    std::vector<std::size_t> flips;
    p.on_event = [&](const train_event& r) {
      flips.push_back(r.changes);
      return true;
    };
    bitlens::train(net, {data.inputs, data.labels}, p);
    std::vector<std::size_t> per_epoch{flips.front()};
    for (std::size_t e = 1; e < flips.size(); ++e) per_epoch.push_back(flips[e] - flips[e - 1]);
    return per_epoch;
  };
  const auto constant = flips_per_epoch(0), annealed = flips_per_epoch(0.0002);
  REQUIRE(annealed.size() == 8);
  CHECK(annealed.back() < annealed.front());
  CHECK(annealed.back() < constant.back());
  std::size_t total_constant = 0, total_annealed = 0;
  for (auto f : constant) total_constant += f;
  for (auto f : annealed) total_annealed += f;
  CHECK(total_annealed < total_constant);
}

TEST_CASE("gate training without constant tables keeps every gate's paths open", "[learn][gate]") {
  const auto seed = test::case_seed(94000);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(4096, seed), held_out = test::make_gate_toy(2048, seed + 1);
  const auto constants = [](const gate_network& net) {
    std::size_t n = 0;
    for (auto t : net.luts()) n += (t == 0 || t == 15) ? 1 : 0;
    return n;
  };
  auto p = toy_params(1, kernel_variant::automatic);
  p.allow_constant = true;
  auto free_net = toy_network(seed);
  bitlens::train(free_net, {train.inputs, train.labels}, p);
  CHECK(constants(free_net) > 0);  // the rule alone does make constants here
  p.allow_constant = false;
  auto net = toy_network(seed);
  bitlens::train(net, {train.inputs, train.labels}, p);
  CHECK(constants(net) == 0);
  CHECK(classification_accuracy(compiled_gates(net).predict_groups(held_out.inputs, 4), held_out.labels) >= 0.6);
}

TEST_CASE("gate training with decayed gain accumulators learns, is thread-independent, and checks its decay", "[learn][gate]") {
  const auto seed = test::case_seed(95000);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(4096, seed), held_out = test::make_gate_toy(2048, seed + 1);
  auto p = toy_params(1, kernel_variant::automatic);
  p.gain_decay = 0.5;
  auto net = toy_network(seed);
  bitlens::train(net, {train.inputs, train.labels}, p);
  CHECK(classification_accuracy(compiled_gates(net).predict_groups(held_out.inputs, 4), held_out.labels) >= 0.6);
  // The accumulated gains change which entries flip: not the tables of the step-by-step rule.
  auto plain = toy_network(seed);
  auto q = p;
  q.gain_decay = 0;
  bitlens::train(plain, {train.inputs, train.labels}, q);
  CHECK(plain != net);
  p.budget = {.epochs = 4};
  p.batch = 1024;
  auto one = toy_network(seed), two = toy_network(seed);
  bitlens::train(one, {train.inputs, train.labels}, p);
  p.threads = 2;
  bitlens::train(two, {train.inputs, train.labels}, p);
  CHECK(one == two);
  p.gain_decay = 1;
  CHECK_THROWS_WITH(gate_trainer(net, train.inputs, train.labels, p), Catch::Contains("gain_decay"));
}

TEST_CASE("gate training of a 2-LUT network from the builder through its compiled form: its circuit predicts as the gates do", "[learn][gate]") {
  // The generic model (a 2-LUT network from the builder) is trained through its compiled form; the
  // trained tables, as the model's parameters, make its circuit classify exactly as the network.
  const auto seed = test::case_seed(4);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(2048, seed), held_out = test::make_gate_toy(1024, seed + 1);
  const lut_network model = make_lut_network(24, 40, {.k = 2, .widths = {40, 40}, .seed = seed});
  gate_network net = compile_gate_layers(model);
  bitlens::train(net, {train.inputs, train.labels}, toy_params(1, kernel_variant::automatic));
  const bitvec params = gate_tables_as_params(net);
  const auto from_circuit = group_sum_predict(evaluate(tape(model.build()), held_out.inputs, params), 4);
  const auto from_gates = compiled_gates(net).predict_groups(held_out.inputs, 4);
  CHECK(from_circuit == from_gates);
  CHECK(classification_accuracy(from_gates, held_out.labels) >= 0.7);  // seeds 1–12: 0.82–1.00; guessing: at most 0.375
}
