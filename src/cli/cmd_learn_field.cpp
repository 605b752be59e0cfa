// bitlens learn --field F DATA.csv: learning over a finite field (see learn/field_train.hpp).
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/circ_file.hpp"
#include "bitlens/io/rows.hpp"
#include "bitlens/learn/field_train.hpp"
#include "bitlens/models/field_models.hpp"
#include "bitlens/transform/specialize.hpp"
#include "commands.hpp"
#include "learn_support.hpp"
#include "ring_dispatch.hpp"

#include <iostream>

namespace bitlens::cli {
namespace {

template <ring R>
circuit<R> make_model(const R& r, const std::string& spec, std::size_t n, std::size_t m) {
  if (spec == "linear") return linear_model(r, n, m);
  if (spec == "affine") return linear_model(r, n, m, true);
  if (spec.rfind("poly:", 0) == 0) {
    const auto d = detail::parse_u64(spec.substr(5));
    if (!d || *d == 0 || *d > 8) throw usage_error("--model poly:D needs a degree D from 1 to 8, got '" + spec + "'");
    return polynomial_model(r, n, m, *d);
  }
  if (spec.size() > 5 && spec.compare(spec.size() - 5, 5, ".circ") == 0) {
    if constexpr (named_ring<R>) {
      auto f = load_circ<R>(spec);
      if (!(f.ring() == r)) throw input_error(spec, 0, "the model is over " + f.ring().name() + ", the data over " + r.name());
      if (f.num_inputs() != n || f.num_outputs() != m) {
        throw input_error(spec, 0, "the model has " + std::to_string(f.num_inputs()) + " inputs and " + std::to_string(f.num_outputs()) +
                                       " outputs; the data has " + std::to_string(n) + " and " + std::to_string(m));
      }
      return f;
    }
  }
  throw usage_error("--model must be linear, affine, poly:D or a .circ file, got '" + spec + "'");
}

template <ring R>
int learn_over(const R& r, const parsed_args& args, results& result) {
  if (args.positionals().empty()) throw usage_error("--field needs a data file (CSV of integers: inputs, then outputs)");
  // Options first: bad usage is reported before any file is read (options of Boolean learning were
  // refused while parsing).
  field_train_params tp;
  const std::string opt = args.value_or("optimizer", "gd");
  if (opt != "gd" && opt != "momentum") throw usage_error("over a field, --optimizer must be gd or momentum, got '" + opt + "'");
  tp.optimizer = opt == "gd" ? field_optimizer::gd : field_optimizer::momentum;
  const std::string rate = args.value_or("rate", "constant");
  tp.rate = rate == "constant" ? field_rate::constant : field_rate::normalized;
  tp.eta = static_cast<std::uint64_t>(args.integer("eta", 1));
  tp.momentum = static_cast<std::uint64_t>(args.integer("momentum", 1));
  tp.batch = static_cast<std::size_t>(args.integer("batch", 1));
  if (tp.batch == 0) throw usage_error("--batch must be at least 1 with --field");
  tp.budget.steps = static_cast<std::uint64_t>(args.integer("steps", 0));
  tp.budget.seconds = args.real("time-limit", tp.budget.steps != 0 ? 0 : 10);
  tp.seed = static_cast<std::uint64_t>(args.integer("seed", 1));
  tp.threads = static_cast<unsigned>(args.integer("threads", 1));
  const std::string path = args.positionals()[0];
  const std::string text = read_text_file(path);
  const auto m = static_cast<std::size_t>(args.integer("outputs", 1));
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size() && width == 0;) {
    const auto nl = text.find('\n', pos);
    width = detail::split_values(std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos)).size();
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  if (width <= m) throw input_error(path, 0, "rows need more than --outputs " + std::to_string(m) + " values (inputs, then outputs)");
  const std::size_t n = width - m;
  const auto rows = parse_rows(r, text, width, path);
  lane_batch<R> x(n, std::vector<element_t<R>>(rows.size())), y(m, std::vector<element_t<R>>(rows.size()));
  for (std::size_t s = 0; s < rows.size(); ++s) {
    for (std::size_t i = 0; i < n; ++i) x[i][s] = rows[s][i];
    for (std::size_t o = 0; o < m; ++o) y[o][s] = rows[s][n + o];
  }
  const circuit<R> model = make_model(r, args.value_or("model", "linear"), n, m);
  std::cout << "data: " << path << " (" << rows.size() << " rows, " << n << " inputs, " << m << " outputs over " << r.name() << ")\n";
  std::cout << "model: " << args.value_or("model", "linear") << " (" << model.num_params() << " parameters), optimizer " << opt
            << ", rate " << rate << (tp.rate == field_rate::constant ? " eta " + std::to_string(tp.eta) : "") << ", batch "
            << tp.batch << ", seed " << tp.seed << "\n";
  field_train_stats stats;
  const std::vector<element_t<R>> params = train(model, {x, y}, tp, &stats);
  std::cout << "result: " << (stats.exact ? "exact" : "not exact") << " (" << stats.exact_rows << " of " << stats.rows
            << " rows exact) after " << stats.steps << " steps, " << stats.epochs << " epochs, "
            << fixed_seconds(stats.seconds) << "\n";
  if (const auto out = args.value("out")) {
    save_circ(*out, specialize<R>(model, params));
    std::cout << "wrote: " << *out << "\n";
    result["out"] = *out;
  }
  result["field"] = r.name();
  result["exact"] = stats.exact;
  result["exact_rows"] = stats.exact_rows;
  result["rows"] = stats.rows;
  result["steps"] = stats.steps;
  result["epochs"] = stats.epochs;
  result["seconds"] = stats.seconds;
  return stats.exact ? 0 : 1;
}

}  // namespace

int run_learn_field(const parsed_args& args, results& result) {
  const std::string field = *args.value("field");
  try {
    return with_ring(field, [&]<class R>(const R& r) -> int {
      if constexpr (std::is_same_v<R, z2>) {
        throw usage_error("--field Z2: Boolean data is learned without --field (truth tables, PLA)");
      } else {
        return learn_over(r, args, result);
      }
    });
  } catch (const std::invalid_argument& e) {
    throw usage_error(std::string("--field: ") + e.what());
  }
}

}  // namespace bitlens::cli
