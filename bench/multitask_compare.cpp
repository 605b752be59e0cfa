// Multitask training against each task alone, on binarised MNIST: task A is the digit (10
// classes), task B whether the image has more ink than the training images' median (2 classes) —
// a second task on the same images that the digit does not decide. Three runs of the flip rule
// (learn/gate_train.hpp), each with the same budget and the same 784 → LAYERS × WIDTH network:
// A alone, B alone, and A and B together in one network with a head per task (gate_train_params::
// tasks). Test accuracy is measured once per run, on the network at the end of its budget (no
// selection, so no validation split is needed). Writes OUT.json and OUT.md.
//   multitask_compare ZIP OUT_PREFIX [seconds=60] [layers=6] [width=4800] [threads=2]
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/labelled_bits.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/models/gate_layers.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace bitlens;

namespace {

// 1 where a sample has more set bits than `median`.
std::vector<std::uint32_t> heavy_ink(const bit_batch& x, std::size_t median) {
  std::vector<std::uint32_t> out(x.num_samples());
  for (std::size_t s = 0; s < out.size(); ++s) {
    std::size_t ink = 0;
    for (std::size_t i = 0; i < x.num_wires(); ++i) ink += x.get(i, s) ? 1 : 0;
    out[s] = ink > median ? 1U : 0U;
  }
  return out;
}

std::size_t median_ink(const bit_batch& x) {
  std::vector<std::size_t> ink(x.num_samples(), 0);
  for (std::size_t i = 0; i < x.num_wires(); ++i) {
    for (std::size_t s = 0; s < ink.size(); ++s) ink[s] += x.get(i, s) ? 1 : 0;
  }
  std::nth_element(ink.begin(), ink.begin() + static_cast<std::ptrdiff_t>(ink.size() / 2), ink.end());
  return ink[ink.size() / 2];
}

struct run_result {
  std::string name;
  std::vector<double> accuracy;  // per task of the run
  double seconds = 0;
  std::size_t samples = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: multitask_compare ZIP OUT_PREFIX [seconds=60] [layers=6] [width=4800] [threads=2]\n");
    return 2;
  }
  const std::string zip = argv[1], out = argv[2];
  const double budget = argc > 3 ? std::atof(argv[3]) : 60.0;
  gate_layers_params lp;
  lp.layers = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 6;
  lp.width = argc > 5 ? std::strtoul(argv[5], nullptr, 10) : 4800;
  const unsigned threads = argc > 6 ? static_cast<unsigned>(std::strtoul(argv[6], nullptr, 10)) : 2;
  if (lp.width % 60 != 0) {
    std::fprintf(stderr, "multitask_compare: the width must split into 10, 2 and 12 groups (a multiple of 60)\n");
    return 2;
  }
  const auto train = load_labelled_bits(zip + ":MNISTTraining.txt");
  const auto test = load_labelled_bits(zip + ":MNISTTest.txt");
  const std::size_t median = median_ink(train.inputs);
  const std::vector<std::vector<std::uint32_t>> train_tasks{train.labels, heavy_ink(train.inputs, median)};
  const std::vector<std::vector<std::uint32_t>> test_tasks{test.labels, heavy_ink(test.inputs, median)};

  const auto run = [&](const std::string& name, const std::vector<std::uint32_t>& tasks, const std::vector<std::size_t>& which) {
    gate_train_params p;
    p.budget = {.seconds = budget};
    p.threads = threads;
    p.protect_margin = 4 * p.margin;  // as `bitlens classify --method flips`
    std::vector<std::uint32_t> labels;
    if (tasks.size() == 1) {
      p.classes = tasks[0];
      labels = train_tasks[which[0]];
    } else {
      p.tasks = tasks;
      p.classes = 0;
      for (auto c : tasks) p.classes += c;
      std::vector<std::vector<std::uint32_t>> per_task;
      for (auto w : which) per_task.push_back(train_tasks[w]);
      labels = encode_task_labels(per_task, tasks);
    }
    auto net = make_gate_layers(train.inputs.num_wires(), lp);
    gate_train_stats st;
    bitlens::train(net, {train.inputs, labels}, p, &st);
    const train_event& report = st.last;
    const auto predicted = multitask_predict(compiled_gates(net).evaluate(test.inputs, {.threads = threads}), tasks);
    run_result r{name, {}, report.seconds, report.samples};
    for (std::size_t t = 0; t < tasks.size(); ++t) r.accuracy.push_back(classification_accuracy(predicted[t], test_tasks[which[t]]));
    std::fprintf(stderr, "%s: %zu samples in %.0f s;", name.c_str(), r.samples, r.seconds);
    for (double a : r.accuracy) std::fprintf(stderr, " %.2f%%", 100 * a);
    std::fprintf(stderr, "\n");
    return r;
  };
  const auto digit = run("digit alone", {10}, {0});
  const auto ink = run("ink alone", {2}, {1});
  const auto both = run("digit and ink together", {10, 2}, {0, 1});

  std::ostringstream json, md;
  json << "{\n  \"budget_seconds\": " << budget << ", \"layers\": " << lp.layers << ", \"width\": " << lp.width << ", \"threads\": " << threads
       << ", \"ink_median\": " << median << ",\n  \"runs\": [\n";
  const std::vector<const run_result*> runs{&digit, &ink, &both};
  for (std::size_t k = 0; k < runs.size(); ++k) {
    json << "    {\"name\": \"" << runs[k]->name << "\", \"samples\": " << runs[k]->samples << ", \"seconds\": " << runs[k]->seconds
         << ", \"test_accuracy\": [";
    for (std::size_t t = 0; t < runs[k]->accuracy.size(); ++t) json << (t ? ", " : "") << runs[k]->accuracy[t];
    json << "]}" << (k + 1 < runs.size() ? "," : "") << "\n";
  }
  json << "  ]\n}\n";
  char line[256];
  md << "| run (" << lp.layers << " x " << lp.width << " gates, flip rule, " << budget << " s on " << threads
     << " threads) | digit, test | ink > median, test | training samples |\n|---|---|---|---|\n";
  std::snprintf(line, sizeof line, "| digit alone | %.2f%% | — | %zu |\n", 100 * digit.accuracy[0], digit.samples);
  md << line;
  std::snprintf(line, sizeof line, "| ink alone | — | %.2f%% | %zu |\n", 100 * ink.accuracy[0], ink.samples);
  md << line;
  std::snprintf(line, sizeof line, "| both in one network (a head each) | %.2f%% | %.2f%% | %zu |\n", 100 * both.accuracy[0],
                100 * both.accuracy[1], both.samples);
  md << line;
  write_file_atomic(out + ".json", json.str());
  write_file_atomic(out + ".md", md.str());
  std::fputs(md.str().c_str(), stdout);
  return 0;
}
