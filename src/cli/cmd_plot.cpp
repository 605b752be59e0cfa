// bitlens plot METRICS --out FILE: training curves from the JSON lines that `learn --metrics` and
// `classify train --metrics` write, drawn by gnuplot as SVG or PNG.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/netlist.hpp"
#include "commands.hpp"
#include "learn_support.hpp"
#include "process.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace bitlens::cli {

const command_spec& plot_spec() {
  static const command_spec spec{
      "plot", "METRICS", "Draw training curves from a metrics file (learn or classify train --metrics) with gnuplot.", 1, 1,
      {{"out", "FILE", "the picture: .svg or .png (required)"},
       {"x", "FIELD", "the horizontal axis: a numeric field of the records (default: seconds for classify, step for learn)"},
       {"y", "FIELDS", "the curves: numeric fields, comma-separated (default: train_accuracy,valid_accuracy for classify; best_errors and valid_errors for learn)"},
       {"title", "TEXT", "the title (default: the metrics file's name)"}},
      "METRICS holds one JSON object per line. A record without the x field or a y field is skipped; the\n"
      "records of `learn` are split into one curve per attempt (and per output), accuracies are shown in\n"
      "percent. Needs gnuplot (Debian's gnuplot-nox, which scripts/setup.sh installs).\n"
      "Example: bitlens classify train data.txt --metrics run.jsonl && bitlens plot run.jsonl --out run.svg"};
  return spec;
}

namespace {

std::vector<std::string> split_fields(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string f; std::getline(in, f, ',');) {
    if (f.empty()) throw usage_error("--y needs field names separated by commas, got '" + list + "'");
    out.push_back(f);
  }
  return out;
}

// A gnuplot string literal (single quotes: only the quote itself needs doubling).
std::string gnuplot_text(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : c == '\n' ? std::string(" ") : std::string(1, c);
  return out + "'";
}

}  // namespace

int run_plot(const parsed_args& args, results& result) {
  const std::string& path = args.positionals()[0];
  const auto out = args.value("out");
  if (!out) throw usage_error("plot needs --out FILE (.svg or .png)");
  const bool svg = has_extension(*out, ".svg");
  if (!svg && !has_extension(*out, ".png")) throw usage_error(*out + ": unknown picture format (expected .svg or .png)");
  check_output_directory(*out);
  if (!on_path("gnuplot")) throw std::runtime_error("gnuplot is not installed (Debian: apt install gnuplot-nox; scripts/setup.sh installs it)");

  std::vector<results> records;
  {
    std::istringstream in(read_text_file(path));
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      results r = results::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!r.is_object()) throw input_error(path, line_no, "not a JSON object");
      records.push_back(std::move(r));
    }
  }
  const bool classify = std::any_of(records.begin(), records.end(), [](const results& r) { return r.contains("valid_accuracy"); });
  const std::string x = args.value_or("x", classify ? "seconds" : "step");
  std::vector<std::string> ys;
  if (const auto y = args.value("y")) {
    ys = split_fields(*y);
  } else if (classify) {
    ys = {"train_accuracy", "valid_accuracy"};
  } else {
    ys = {"best_errors"};
    if (std::any_of(records.begin(), records.end(), [](const results& r) { return r.contains("valid_errors"); })) ys.push_back("valid_errors");
  }
  // One curve per y field and, for learn, per attempt and output; in order of first appearance.
  std::vector<std::string> names;
  std::map<std::string, std::string> points;  // curve name -> "x y" lines
  std::size_t count = 0;
  for (const auto& r : records) {
    if (!r.contains(x) || !r[x].is_number()) continue;
    std::string group;
    if (r.contains("output") && r["output"].is_number()) group += " output " + r["output"].dump();
    if (r.contains("attempt") && r["attempt"].is_number()) group += " attempt " + r["attempt"].dump();
    for (const auto& y : ys) {
      if (!r.contains(y) || !r[y].is_number()) continue;
      const double scale = y.find("accuracy") != std::string::npos ? 100 : 1;
      const std::string name = y + group;
      if (!points.count(name)) names.push_back(name);
      std::ostringstream p;
      p.precision(10);
      p << r[x].get<double>() << ' ' << scale * r[y].get<double>() << '\n';
      points[name] += p.str();
      ++count;
    }
  }
  if (count == 0) throw input_error(path, 0, "no record has numeric fields '" + x + "' and one of the y fields");

  temp_dir dir;
  const auto picture = dir.path / (svg ? "plot.svg" : "plot.png");
  std::ostringstream script;
  script << "set terminal " << (svg ? "svg size 900,540 dynamic" : "pngcairo size 900,540") << "\n"
         << "set output " << gnuplot_text(picture.string()) << "\n"
         << "set title " << gnuplot_text(args.value_or("title", path)) << " noenhanced\n"
         << "set xlabel " << gnuplot_text(x) << " noenhanced\nset ylabel "
         << gnuplot_text(args.value("y") ? "value" : classify ? "accuracy (%)" : "cared bits wrong") << "\nset grid\nset key outside right noenhanced\n";
  if (names.size() > 12) script << "set key off\n";  // an architecture search: too many attempts to name
  for (std::size_t k = 0; k < names.size(); ++k) script << "$c" << k << " << EOD\n" << points[names[k]] << "EOD\n";
  script << "plot ";
  for (std::size_t k = 0; k < names.size(); ++k) {
    script << (k ? ", " : "") << "$c" << k << " using 1:2 with lines lw 2 title " << gnuplot_text(names[k]);
  }
  script << "\n";
  const auto script_path = dir.path / "plot.gp";
  write_file_atomic(script_path.string(), script.str());
  const auto log = run_command("gnuplot " + shell_quote(script_path.string()));
  std::ifstream made(picture, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(made)), std::istreambuf_iterator<char>());
  if (!log || bytes.empty()) throw std::runtime_error("gnuplot did not draw the plot: " + (log ? log->substr(0, 400) : std::string("could not run it")));
  write_file_atomic(*out, bytes);
  std::cout << "wrote: " << *out << " (" << names.size() << " curves, " << count << " points)\n";
  result["out"] = *out;
  result["curves"] = names.size();
  result["points"] = count;
  return 0;
}

}  // namespace bitlens::cli
