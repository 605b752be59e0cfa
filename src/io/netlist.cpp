// BLIF, Verilog and DOT for Z2 circuits, and the by-extension load/save entry points.
#include "bitlens/io/netlist.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/io/circ_file.hpp"
#include "bitlens/io/file.hpp"

#include <cctype>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace bitlens {
namespace {

void require_no_params(const circuit<z2>& f, const char* what) {
  if (f.num_params() != 0) {
    throw std::invalid_argument(std::string(what) + ": the circuit has parameters; specialise them to constants first");
  }
}

// Unique output signal names: the output's own name, else y<k>; never clashing with another wire's name.
std::vector<std::string> output_signal_names(const circuit<z2>& f, const std::vector<std::string>& wire_names) {
  std::unordered_set<std::string> taken(wire_names.begin(), wire_names.end());
  std::vector<std::string> out;
  std::unordered_set<std::string> used;
  for (std::size_t k = 0; k < f.num_outputs(); ++k) {
    std::string want = f.output_name(k).empty() ? "y" + std::to_string(k) : f.output_name(k);
    const bool own_wire = want == wire_names[f.output(k)];
    if (!detail::circ_valid_name(want) || used.count(want) || (taken.count(want) && !own_wire)) {
      const std::string stem = detail::circ_valid_name(want) ? want + "_" : "y";
      for (std::size_t i = 0;; ++i) {
        want = stem + std::to_string(i);
        if (!used.count(want) && !taken.count(want)) break;
      }
    }
    used.insert(want);
    out.push_back(want);
  }
  return out;
}

}  // namespace

bool has_extension(const std::string& path, std::string_view ext) {
  return path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

std::string format_blif(const circuit<z2>& f, const std::string& model) {
  require_no_params(f, "format_blif");
  const auto names = unique_wire_names(f);
  const auto outs = output_signal_names(f, names);
  std::ostringstream out;
  out << ".model " << model << "\n.inputs";
  for (std::size_t i = 0; i < f.num_inputs(); ++i) out << ' ' << names[i];
  out << "\n.outputs";
  for (const auto& o : outs) out << ' ' << o;
  out << '\n';
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    const auto& self = names[f.node_wire(k)];
    switch (nd.kind) {
      case op::add: out << ".names " << names[nd.a] << ' ' << names[nd.b] << ' ' << self << "\n01 1\n10 1\n"; break;
      case op::mul: out << ".names " << names[nd.a] << ' ' << names[nd.b] << ' ' << self << "\n11 1\n"; break;
      case op::neg: out << ".names " << names[nd.a] << ' ' << self << "\n1 1\n"; break;
      case op::constant: out << ".names " << self << '\n' << (nd.value ? "1\n" : ""); break;
    }
  }
  for (std::size_t k = 0; k < f.num_outputs(); ++k) {
    if (outs[k] != names[f.output(k)]) out << ".names " << names[f.output(k)] << ' ' << outs[k] << "\n1 1\n";
  }
  out << ".end\n";
  return out.str();
}

circuit<z2> parse_blif(std::string_view text, const std::string& source) {
  struct cover {
    std::vector<std::string> ins;
    std::string out;
    std::vector<std::string> rows;
    std::size_t line;
  };
  std::vector<std::string> inputs, outputs;
  std::unordered_set<std::string> input_set;
  std::vector<cover> covers;
  std::unordered_map<std::string, std::size_t> defined;  // signal -> cover index
  std::size_t outputs_line = 0;
  bool in_model = false, ended = false;
  std::size_t number = 0;
  std::string pending;
  std::size_t pending_line = 0;
  auto fail = [&](std::size_t line, const std::string& msg) { throw input_error(source, line, msg); };
  auto statement = [&](const std::string& stmt, std::size_t line) {
    std::istringstream in(stmt);
    std::vector<std::string> t;
    for (std::string w; in >> w;) t.push_back(w);
    if (t.empty()) return;
    if (ended) return;  // anything after .end (further models) is ignored
    if (t[0][0] != '.') {
      if (covers.empty() || !in_model) fail(line, "a cover row outside a .names block");
      auto& c = covers.back();
      const std::size_t want = c.ins.empty() ? 1 : 2;
      if (t.size() != want) fail(line, "cover row has " + std::to_string(t.size()) + " fields, expected " + std::to_string(want));
      const std::string& pattern = c.ins.empty() ? std::string{} : t[0];
      const std::string& value = t.back();
      if (pattern.size() != c.ins.size() || pattern.find_first_not_of("01-") != std::string::npos) {
        fail(line, "cover row '" + stmt + "' does not match the " + std::to_string(c.ins.size()) + " inputs of .names");
      }
      if (value != "0" && value != "1") fail(line, "cover output must be 0 or 1, got '" + value + "'");
      if (!c.rows.empty() && c.rows.back().back() != value[0]) fail(line, "a cover mixes on-set (1) and off-set (0) rows");
      c.rows.push_back(pattern + value);
      return;
    }
    const std::string& d = t[0];
    if (d == ".model") {
      in_model = true;
    } else if (d == ".inputs") {
      for (auto it = t.begin() + 1; it != t.end(); ++it) {
        if (!input_set.insert(*it).second) fail(line, "input '" + *it + "' is listed twice");
        inputs.push_back(*it);
      }
    } else if (d == ".outputs") {
      outputs.insert(outputs.end(), t.begin() + 1, t.end());
      outputs_line = line;
    } else if (d == ".names") {
      if (t.size() < 2) fail(line, ".names needs at least an output signal");
      cover c{std::vector<std::string>(t.begin() + 1, t.end() - 1), t.back(), {}, line};
      if (!defined.emplace(c.out, covers.size()).second) fail(line, "signal '" + c.out + "' is defined twice");
      covers.push_back(std::move(c));
    } else if (d == ".end") {
      ended = true;
    } else if (d == ".latch" || d == ".subckt" || d == ".gate" || d == ".mlatch") {
      fail(line, d + " is not supported: only combinational .names netlists can be read");
    } else if (d == ".default_input_arrival" || d == ".default_output_required" || d == ".input_arrival" ||
               d == ".output_required" || d == ".default_input_drive" || d == ".default_output_load") {
      // timing annotations: irrelevant to the function
    } else {
      fail(line, "unsupported BLIF directive '" + d + "'");
    }
  };
  while (!text.empty()) {
    ++number;
    const auto nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (pending.empty()) pending_line = number;
    if (!line.empty() && line.back() == '\\') {
      line.pop_back();
      pending += line + ' ';
      if (text.empty()) fail(number, "the file ends after a line continuation '\\' (truncated?)");
      continue;
    }
    pending += line;
    statement(pending, pending_line);
    pending.clear();
  }
  if (!in_model) fail(0, "no .model line (not a BLIF file, or empty)");

  aig g(inputs.size());
  std::unordered_map<std::string, aig::lit> lit_of;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!lit_of.emplace(inputs[i], g.input(i)).second) fail(0, "input '" + inputs[i] + "' is listed twice");
    if (defined.count(inputs[i])) fail(covers[defined[inputs[i]]].line, "'" + inputs[i] + "' is an input and is also defined by .names");
  }
  g.input_names = inputs;
  std::vector<char> state(covers.size(), 0);
  auto build_cover = [&](const cover& c) {
    if (c.rows.empty()) return aig::false_lit;
    aig::lit sum = aig::false_lit;
    for (const auto& row : c.rows) {
      aig::lit term = aig::true_lit;
      for (std::size_t i = 0; i < c.ins.size(); ++i) {
        if (row[i] == '1') term = g.and_(term, lit_of.at(c.ins[i]));
        if (row[i] == '0') term = g.and_(term, aig::negate(lit_of.at(c.ins[i])));
      }
      sum = g.or_(sum, term);
    }
    return c.rows.front().back() == '1' ? sum : aig::negate(sum);
  };
  auto resolve = [&](const std::string& signal, std::size_t use_line) {
    if (lit_of.count(signal)) return;
    const auto it = defined.find(signal);
    if (it == defined.end()) fail(use_line, "signal '" + signal + "' is used but never defined");
    std::vector<std::pair<std::size_t, std::size_t>> stack{{it->second, 0}};
    state[it->second] = 1;
    while (!stack.empty()) {
      auto& [ci, next] = stack.back();
      const cover& c = covers[ci];
      if (next < c.ins.size()) {
        const std::string& in = c.ins[next++];
        if (lit_of.count(in)) continue;
        const auto dep = defined.find(in);
        if (dep == defined.end()) fail(c.line, "signal '" + in + "' is used but never defined");
        if (state[dep->second] == 1) fail(c.line, "combinational cycle through '" + in + "'");
        state[dep->second] = 1;
        stack.emplace_back(dep->second, 0);
        continue;
      }
      lit_of[c.out] = build_cover(c);
      state[ci] = 2;
      stack.pop_back();
    }
  };
  for (const auto& o : outputs) {
    resolve(o, outputs_line);
    g.add_output(lit_of.at(o), o);
  }
  return to_circuit(g.cleanup());
}

namespace {

bool verilog_simple(const std::string& s) {
  static const std::unordered_set<std::string> keywords{
      "module", "endmodule", "input", "output", "inout", "wire", "reg", "assign", "and", "or", "not", "xor", "nand",
      "nor", "xnor", "buf", "begin", "end", "always", "if", "else", "case", "for", "initial", "integer", "parameter"};
  if (s.empty() || keywords.count(s)) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char ch : s) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$')) return false;
  }
  return true;
}

std::string verilog_name(const std::string& s) { return verilog_simple(s) ? s : "\\" + s + " "; }

}  // namespace

std::string format_verilog(const circuit<z2>& f, const std::string& module) {
  require_no_params(f, "format_verilog");
  auto names = unique_wire_names(f);
  const auto outs = output_signal_names(f, names);
  for (auto& n : names) n = verilog_name(n);
  std::ostringstream out;
  out << "// written by bitlens\nmodule " << verilog_name(module) << " (";
  for (std::size_t i = 0; i < f.num_inputs(); ++i) out << (i ? ", " : "") << names[i];
  for (std::size_t k = 0; k < outs.size(); ++k) out << (k || f.num_inputs() ? ", " : "") << verilog_name(outs[k]);
  out << ");\n";
  for (std::size_t i = 0; i < f.num_inputs(); ++i) out << "  input " << names[i] << ";\n";
  for (const auto& o : outs) out << "  output " << verilog_name(o) << ";\n";
  std::unordered_set<std::string> out_set(outs.begin(), outs.end());
  for (std::size_t k = 0; k < f.num_nodes(); ++k) out << "  wire " << names[f.node_wire(k)] << ";\n";
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    out << "  assign " << names[f.node_wire(k)] << " = ";
    switch (nd.kind) {
      case op::add: out << names[nd.a] << " ^ " << names[nd.b]; break;
      case op::mul: out << names[nd.a] << " & " << names[nd.b]; break;
      case op::neg: out << names[nd.a]; break;
      case op::constant: out << (nd.value ? "1'b1" : "1'b0"); break;
    }
    out << ";\n";
  }
  for (std::size_t k = 0; k < outs.size(); ++k) {
    out << "  assign " << verilog_name(outs[k]) << " = " << names[f.output(k)] << ";\n";
  }
  out << "endmodule\n";
  return out.str();
}

std::string format_dot(const circuit<z2>& f) {
  const auto names = unique_wire_names(f);
  std::ostringstream out;
  out << "digraph bitlens {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  for (wire w = 0; w < f.num_sources(); ++w) {
    out << "  w" << w << " [shape=box, label=\"" << names[w] << "\"" << (f.is_param(w) ? ", style=dashed" : "") << "];\n";
  }
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    const wire w = f.node_wire(k);
    const char* label = nd.kind == op::add ? "XOR" : nd.kind == op::mul ? "AND" : nd.kind == op::neg ? "NEG" : (nd.value ? "1" : "0");
    out << "  w" << w << " [shape=" << (nd.kind == op::constant ? "plaintext" : "circle") << ", label=\"" << label << "\"];\n";
    if (op_arity(nd.kind) >= 1) out << "  w" << nd.a << " -> w" << w << ";\n";
    if (op_arity(nd.kind) == 2) out << "  w" << nd.b << " -> w" << w << ";\n";
  }
  for (std::size_t k = 0; k < f.num_outputs(); ++k) {
    const std::string label = f.output_name(k).empty() ? "y" + std::to_string(k) : f.output_name(k);
    out << "  out" << k << " [shape=box, style=bold, label=\"" << label << "\"];\n  w" << f.output(k) << " -> out" << k << ";\n";
  }
  out << "}\n";
  return out.str();
}

circuit<z2> load_z2_circuit(const std::string& path) {
  if (has_extension(path, ".circ")) return load_circ<z2>(path);
  if (has_extension(path, ".aag") || has_extension(path, ".aig")) return to_circuit(parse_aiger(read_text_file(path), path));
  if (has_extension(path, ".blif")) return parse_blif(read_text_file(path), path);
  throw input_error(path, 0, "unknown circuit format (expected .circ, .aag, .aig or .blif)");
}

bool is_circuit_file(const std::string& path) {
  for (const char* e : {".circ", ".aag", ".aig", ".blif", ".v", ".dot"}) {
    if (has_extension(path, e)) return true;
  }
  return false;
}

std::string module_name_for(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char& c : stem) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  }
  if (stem.empty() || std::isdigit(static_cast<unsigned char>(stem[0]))) stem.insert(stem.begin(), '_');
  return stem;
}

void save_z2_circuit(const std::string& path, const circuit<z2>& f, const std::string& module) {
  std::string text;
  if (has_extension(path, ".circ")) text = format_circ(f);
  else if (has_extension(path, ".aag")) text = format_aag(lower_to_aig(f));
  else if (has_extension(path, ".aig")) text = format_aig_binary(lower_to_aig(f));
  else if (has_extension(path, ".blif")) text = format_blif(f, module);
  else if (has_extension(path, ".v")) text = format_verilog(f, module);
  else if (has_extension(path, ".dot")) text = format_dot(f);
  else throw std::invalid_argument(path + ": unknown output format (expected .aig, .aag, .blif, .v, .circ or .dot)");
  write_file_atomic(path, text);
}

}  // namespace bitlens
