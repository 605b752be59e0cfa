// The architecture search over LUT networks and the per-output decomposition (models/lut_search.hpp).
#include "bitlens/models/lut_search.hpp"

#include "bitlens/ir/compose.hpp"
#include "bitlens/transform/simplify.hpp"
#include "bitlens/transform/specialize.hpp"

#include <algorithm>
#include <utility>

namespace bitlens {

std::vector<z2::element> to_elements(const bitvec& bits) {
  std::vector<z2::element> v(bits.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = bits.get(i) ? 1 : 0;
  return v;
}


std::vector<lut_network_params> architecture_schedule(std::size_t n, std::size_t m, std::uint64_t seed) {
  // From small to large, alternating 4-input and 6-input LUTs (6-LUTs express more per node, 4-LUTs
  // lower to smaller logic); skip wiring lets deep LUTs read the inputs directly (adders need it).
  std::vector<lut_network_params> out;
  auto add = [&](std::size_t k, std::vector<std::size_t> widths, bool skip) {
    lut_network_params p;
    p.k = std::min(k, n);
    p.widths = std::move(widths);
    p.skip = skip;
    p.seed = seed + out.size();
    out.push_back(std::move(p));
  };
  const std::size_t b4 = std::max<std::size_t>({m, (n + 3) / 4, 2});
  const std::size_t b6 = std::max<std::size_t>({m, (n + 5) / 6, 2});
  add(4, {b4}, false);
  add(6, {b6}, true);
  add(4, {b4, b4}, true);
  add(6, {2 * b6, b6}, true);
  add(4, {2 * b4, b4}, true);
  add(6, {4 * b6, 2 * b6}, true);
  add(4, {2 * b4, 2 * b4}, true);
  add(4, {4 * b4, 2 * b4}, true);
  add(6, {4 * b6, 4 * b6, 2 * b6}, true);
  add(4, {4 * b4, 4 * b4, 2 * b4}, true);
  return out;
}

search_outcome search_lut_networks(const bit_dataset& train, const train_params& base,
                                   std::optional<lut_network_params> fixed, const bitvec* initial, const search_observer& observer) {
  // Attempts go round the schedule (or repeat the fixed architecture), each with a fresh wiring
  // seed; an attempt ends when its search stalls, so small models that cannot fit cost little and
  // the budget flows to the shapes that make progress. The budget is shared by all attempts.
  const auto schedule = fixed ? std::vector<lut_network_params>{*fixed}
                              : architecture_schedule(train.num_inputs(), train.num_outputs(), base.seed);
  const bit_dataset* const valid = base.valid;
  const train_budget& budget = base.budget;
  const bool has_budget = budget.seconds > 0 || budget.steps > 0;
  search_outcome best;
  bool have = false;
  double spent = 0;
  std::uint64_t steps_spent = 0;
  for (std::size_t i = 0;; ++i) {
    train_params tp = base;
    tp.seed = base.seed + 1000003ULL * i;
    if (budget.seconds > 0) tp.budget.seconds = budget.seconds - spent;
    if (budget.steps > 0) tp.budget.steps = budget.steps - std::min(budget.steps, steps_spent);
    if ((budget.seconds > 0 && tp.budget.seconds <= 0.001) || (budget.steps > 0 && steps_spent >= budget.steps)) break;
    tp.stop_when_stalled = has_budget;  // without a budget, one attempt restarts in place forever
    lut_network_params arch = schedule[i % schedule.size()];
    arch.seed = schedule[i % schedule.size()].seed + 7919ULL * (i / schedule.size());
    if (fixed && i > 0) arch.seed = fixed->seed + i;  // a fixed architecture is re-wired on each attempt
    const lut_network net = make_lut_network(train.num_inputs(), train.num_outputs(), arch);
    const std::string description = architecture_string(arch) + (arch.skip ? " skip" : "") + ", " + net.describe();
    if (observer.attempt) observer.attempt(i + 1, description);
    if (observer.event) tp.on_event = observer.event;
    train_stats stats;
    bitvec params = bitlens::train(net.build(), train, tp, &stats, i == 0 ? initial : nullptr);
    spent += stats.seconds;
    steps_spent += stats.steps;
    const auto score = [&](const train_stats& st) { return std::make_pair(st.valid_errors.value_or(0), st.train_errors); };
    if (!have || score(stats) < score(best.stats)) {
      best.model = net;
      best.model_params = arch;
      best.params = std::move(params);
      best.stats = stats;
      best.description = description;
      have = true;
    }
    best.attempts = i + 1;
    if (best.stats.exact && (valid == nullptr || best.stats.valid_errors == 0)) break;
    if (!has_budget) break;
  }
  best.total_steps = steps_spent;
  best.seconds = spent;
  return best;
}

namespace {

// Output o of a dataset as a single-output dataset.
bit_dataset output_column(const bit_dataset& d, std::size_t o) {
  bit_dataset c{d.inputs, bit_batch(1, d.num_samples()), bit_batch(1, d.num_samples()), d.input_names, {}};
  c.targets.wire(0) = d.targets.wire(o);
  c.care.wire(0) = d.care.wire(o);
  return c;
}

learned_circuit from_search(const search_outcome& s) {
  learned_circuit l{specialize<z2>(s.model.build(), to_elements(s.params)), s.description, s.stats,
                    s.attempts, s.total_steps, s.seconds, trained_network{s.model_params, s.params}};
  return l;
}

// One network per output. Passes over the outputs still inexact share what is left of the budget
// equally, so time that easy outputs do not need goes to the hard ones; each output keeps its best.
learned_circuit per_output(const bit_dataset& train, const train_params& base, const search_observer& observer) {
  const bit_dataset* const valid = base.valid;
  const train_budget& budget = base.budget;
  const std::size_t m = train.num_outputs();
  learned_circuit total{circuit<z2>(z2{}, train.num_inputs(), 0, {}, {}), std::to_string(m) + " networks, one per output", {}, 0, 0, 0, std::nullopt};
  std::vector<std::optional<search_outcome>> best(m);
  std::vector<bit_dataset> parts, parts_valid;
  for (std::size_t o = 0; o < m; ++o) {
    parts.push_back(output_column(train, o));
    parts_valid.push_back(valid != nullptr ? output_column(*valid, o) : bit_dataset{});
  }
  const auto score = [](const search_outcome& s) { return std::make_pair(s.stats.valid_errors.value_or(0), s.stats.train_errors); };
  const auto done = [&](std::size_t o) {
    return best[o] && best[o]->stats.exact && (valid == nullptr || best[o]->stats.valid_errors == 0);
  };
  const bool has_budget = budget.seconds > 0 || budget.steps > 0;
  for (std::uint64_t pass = 0;; ++pass) {
    std::vector<std::size_t> pending;
    for (std::size_t o = 0; o < m; ++o) {
      if (!done(o)) pending.push_back(o);
    }
    const bool time_left = budget.seconds <= 0 || total.seconds < budget.seconds - 0.001;
    const bool steps_left = budget.steps == 0 || total.steps < budget.steps;
    if (pending.empty() || (pass > 0 && (!has_budget || !time_left || !steps_left))) break;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const std::size_t o = pending[i], left = pending.size() - i;
      train_params tp = base;
      if (budget.seconds > 0) tp.budget.seconds = std::max(0.001, (budget.seconds - total.seconds) / double(left));
      if (budget.steps > 0) tp.budget.steps = std::max<std::uint64_t>(1, (budget.steps - std::min(budget.steps, total.steps)) / left);
      tp.valid = valid != nullptr ? &parts_valid[o] : nullptr;
      tp.seed = base.seed + 7777ULL * (o + 1) + 1000003ULL * pass;
      if (observer.output) observer.output(o + 1, m);
      auto s = search_lut_networks(parts[o], tp, std::nullopt, nullptr, observer);
      if (observer.output) observer.output(0, 0);
      total.attempts += s.attempts;
      total.steps += s.total_steps;
      total.seconds += s.seconds;
      if (!best[o] || score(s) < score(*best[o])) best[o] = std::move(s);
    }
  }
  std::optional<circuit<z2>> combined;
  total.stats.exact = true;
  if (valid != nullptr) total.stats.valid_errors = 0;
  for (std::size_t o = 0; o < m; ++o) {
    const auto& s = *best[o];
    const auto piece = specialize<z2>(s.model.build(), to_elements(s.params));
    combined = combined ? pair(*combined, piece) : piece;
    total.stats.train_errors += s.stats.train_errors;
    total.stats.train_cared_bits += s.stats.train_cared_bits;
    total.stats.exact = total.stats.exact && s.stats.exact;
    total.stats.restarts += s.stats.restarts;
    total.stats.perturbations += s.stats.perturbations;
    if (valid != nullptr) {
      *total.stats.valid_errors += s.stats.valid_errors.value_or(0);
      total.stats.valid_cared_bits += s.stats.valid_cared_bits;
    }
  }
  // Each part names its only output y0: the combined circuit names output o after the table.
  const circuit<z2> c = simplify(*combined);
  std::vector<std::string> names;
  for (std::size_t o = 0; o < m; ++o) names.push_back(o < train.output_names.size() ? train.output_names[o] : "y" + std::to_string(o));
  total.circuit_ = circuit<z2>(c.ring(), c.num_inputs(), 0, std::vector<node<z2>>(c.nodes().begin(), c.nodes().end()),
                               std::vector<wire>(c.outputs().begin(), c.outputs().end()),
                               std::vector<std::string>(c.wire_names().begin(), c.wire_names().end()), std::move(names));
  return total;
}

}  // namespace

learned_circuit learn_lut_circuit(const bit_dataset& train, const train_params& base,
                                  std::optional<lut_network_params> fixed, const bitvec* initial, decompose_mode mode,
                                  const search_observer& observer) {
  const bool single = train.num_outputs() <= 1 || fixed || initial != nullptr || mode == decompose_mode::none;
  const bit_dataset* const valid = base.valid;
  const train_budget& budget = base.budget;
  if (single) return from_search(search_lut_networks(train, base, fixed, initial, observer));
  if (mode == decompose_mode::outputs) return per_output(train, base, observer);
  // automatic: a joint network with a third of the budget, then one network per output
  train_params joint_tp = base;
  if (budget.seconds > 0) joint_tp.budget.seconds = budget.seconds / 3;
  if (budget.steps > 0) joint_tp.budget.steps = std::max<std::uint64_t>(1, budget.steps / 3);
  auto joint = from_search(search_lut_networks(train, joint_tp, std::nullopt, nullptr, observer));
  if (joint.stats.exact && (valid == nullptr || joint.stats.valid_errors == 0)) return joint;
  train_params rest = base;
  if (budget.seconds > 0) rest.budget.seconds = std::max(0.001, budget.seconds - joint.seconds);
  if (budget.steps > 0) rest.budget.steps = std::max<std::uint64_t>(1, budget.steps - std::min(budget.steps, joint.steps));
  auto parts = per_output(train, rest, observer);
  const auto score = [](const learned_circuit& l) { return std::make_pair(l.stats.valid_errors.value_or(0), l.stats.train_errors); };
  learned_circuit& best = score(parts) < score(joint) ? parts : joint;
  best.attempts = joint.attempts + parts.attempts;
  best.steps = joint.steps + parts.steps;
  best.seconds = joint.seconds + parts.seconds;
  return std::move(best);
}

}  // namespace bitlens
