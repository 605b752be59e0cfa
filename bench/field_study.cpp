// The finite-field study: recovering a hidden random linear map GF(p)^n → GF(p)^m, and a hidden
// polynomial of degree 2, by generalized gradient descent — against the exact baseline, Gaussian
// elimination with NTL (interpolation on monomial features for the polynomial). For every case:
// success rate (all rows fitted), mean steps and time; NTL's time to the exact answer.
//   build/bench/field_study [SECONDS_PER_RUN] [TRIALS] [OUT_PREFIX]   (default 0.5 s, 3 trials)
// Writes OUT_PREFIX.json and OUT_PREFIX.md (default bench/results/field_study).
#include "bitlens/learn/field_train.hpp"
#include "bitlens/models/field_models.hpp"

#include <NTL/mat_lzz_p.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace bitlens;
using clock_type = std::chrono::steady_clock;

struct method {
  const char* name;
  field_train_params params;
};

struct outcome {
  int successes = 0;
  double steps = 0, seconds = 0;
};

// Rows x (lanes) of random inputs and y = hidden(x).
void make_data(const circuit<gf_p>& hidden, const std::vector<std::uint64_t>& w, std::size_t rows, std::mt19937_64& g,
               lane_batch<gf_p>& x, lane_batch<gf_p>& y) {
  const gf_p& r = hidden.ring();
  const lane_tape<gf_p> t(hidden);
  x.assign(hidden.num_inputs(), std::vector<std::uint64_t>(rows));
  for (auto& lane : x) {
    for (auto& v : lane) v = r.from_integer(g());
  }
  y = evaluate_lanes(t, x, std::span<const std::uint64_t>(w), {.threads = 1});
}

// Exact baseline: solve for the parameters of a model that is linear in its parameters — the
// design matrix (features per row) times each output's parameters equals the targets — by NTL's
// Gaussian elimination on the first `features` independent rows. Returns seconds; success in *ok.
double ntl_solve(const std::vector<std::vector<std::uint64_t>>& features, const lane_batch<gf_p>& y, std::uint64_t p, bool* ok) {
  const auto start = clock_type::now();
  NTL::zz_pPush push(static_cast<long>(p));
  const long k = static_cast<long>(features[0].size());
  const long rows = static_cast<long>(features.size());
  NTL::mat_zz_p a;
  a.SetDims(rows, k);
  for (long s = 0; s < rows; ++s) {
    for (long j = 0; j < k; ++j) a[s][j] = static_cast<long>(features[s][j]);
  }
  *ok = true;
  // Least rows needed: solve the normal-free square system on rows where A has full rank, via
  // gauss on [A | Y] and back-substitution (rank must be k).
  for (std::size_t o = 0; o < y.size(); ++o) {
    NTL::mat_zz_p aug;
    aug.SetDims(rows, k + 1);
    for (long s = 0; s < rows; ++s) {
      for (long j = 0; j < k; ++j) aug[s][j] = a[s][j];
      aug[s][k] = static_cast<long>(y[o][s]);
    }
    const long rank = NTL::gauss(aug, k);
    *ok = *ok && rank == k;
  }
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

std::string fmt(double v, int prec = 2) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(prec);
  s << v;
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  const double budget = argc > 1 ? std::stod(argv[1]) : 0.5;
  const int trials = argc > 2 ? std::stoi(argv[2]) : 3;
  const std::string prefix = argc > 3 ? argv[3] : "bench/results/field_study";
  const std::vector<method> methods = {
      {"gd per sample, eta=1", {.rate = field_rate::constant, .batch = 1}},
      {"gd full batch, eta=1", {.rate = field_rate::constant, .batch = 1u << 30}},
      {"Kaczmarz (eta=1/<x,x>) per sample", {.rate = field_rate::normalized, .batch = 1}},
      {"momentum mu=1 per sample", {.optimizer = field_optimizer::momentum, .batch = 1}},
  };
  std::ofstream json(prefix + ".json"), md(prefix + ".md");
  json << "[\n";
  md << "| task | field | n | m | rows | method | success | mean steps | mean seconds |\n|---|---|---|---|---|---|---|---|---|\n";
  bool first = true;
  auto report = [&](const std::string& task, const gf_p& r, std::size_t n, std::size_t m, std::size_t rows, const std::string& name,
                    const outcome& o) {
    const double mean_steps = o.steps / trials, mean_s = o.seconds / trials;
    md << "| " << task << " | " << r.name() << " | " << n << " | " << m << " | " << rows << " | " << name << " | " << o.successes << "/"
       << trials << " | " << fmt(mean_steps, 0) << " | " << fmt(mean_s, 4) << " |\n";
    json << (first ? "" : ",\n") << "  {\"task\":\"" << task << "\",\"field\":\"" << r.name() << "\",\"n\":" << n << ",\"m\":" << m
         << ",\"rows\":" << rows << ",\"method\":\"" << name << "\",\"successes\":" << o.successes << ",\"trials\":" << trials
         << ",\"mean_steps\":" << mean_steps << ",\"mean_seconds\":" << mean_s << "}";
    first = false;
    std::printf("%-10s %-16s n=%-3zu %-36s %d/%d  steps %.0f  %.4f s\n", task.c_str(), r.name().c_str(), n, name.c_str(), o.successes,
                trials, mean_steps, mean_s);
    std::fflush(stdout);
  };
  auto study = [&](const std::string& task, const gf_p& r, std::size_t n, std::size_t m, std::size_t degree) {
    const auto model = degree == 1 ? linear_model(r, n, m) : polynomial_model(r, n, m, degree);
    const auto mons = monomials(n, degree);
    const std::size_t features = degree == 1 ? n : mons.size();
    const std::size_t rows = 2 * features;
    std::vector<outcome> per(methods.size());
    outcome exact;
    for (int t = 0; t < trials; ++t) {
      std::mt19937_64 g(1000 * static_cast<std::uint64_t>(t) + n + degree);
      std::vector<std::uint64_t> hidden(model.num_params());
      for (auto& v : hidden) v = r.from_integer(g());
      lane_batch<gf_p> x, y;
      make_data(model, hidden, rows, g, x, y);
      for (std::size_t k = 0; k < methods.size(); ++k) {
        auto tp = methods[k].params;
        tp.budget = {.seconds = budget};
        tp.seed = static_cast<std::uint64_t>(t) + 1;
        field_train_stats st;
        train(model, {x, y}, tp, &st);
        per[k].successes += st.exact ? 1 : 0;
        per[k].steps += double(st.steps);
        per[k].seconds += st.seconds;
      }
      std::vector<std::vector<std::uint64_t>> design(rows);
      for (std::size_t s = 0; s < rows; ++s) {
        for (const auto& mu : (degree == 1 ? std::vector<std::vector<std::size_t>>() : mons)) {
          std::uint64_t v = 1;
          for (auto i : mu) v = r.mul(v, x[i][s]);
          design[s].push_back(v);
        }
        if (degree == 1) {
          for (std::size_t i = 0; i < n; ++i) design[s].push_back(x[i][s]);
        }
      }
      bool ok = false;
      exact.seconds += ntl_solve(design, y, r.modulus(), &ok);
      exact.successes += ok ? 1 : 0;
    }
    for (std::size_t k = 0; k < methods.size(); ++k) report(task, r, n, m, rows, methods[k].name, per[k]);
    report(task, r, n, m, rows, "exact: NTL Gaussian elimination", exact);
  };
  for (std::uint64_t p : {3ULL, 65537ULL, 2147483647ULL}) {
    const gf_p r(p);
    for (std::size_t n : {8, 16, 32, 64}) study("linear", r, n, 2, 1);
  }
  for (std::uint64_t p : {3ULL, 65537ULL}) {
    const gf_p r(p);
    for (std::size_t n : {3, 5}) study("poly deg 2", r, n, 1, 2);
  }
  json << "\n]\n";
  std::printf("wrote %s.json and %s.md\n", prefix.c_str(), prefix.c_str());
  return 0;
}
