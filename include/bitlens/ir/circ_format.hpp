// The `.circ` text format: a circuit a person can read and write.
//
//   # full adder over Z2            comments run from '#' to the end of the line
//   ring Z2                         the coefficient ring (first statement; required)
//   inputs a b cin                  input wires, in order (the line may repeat)
//   params                          parameter wires, in order (optional)
//   t = add a b                     one node per line: NAME = OP OPERAND...
//   sum = add t cin                 ops: add x y | mul x y | neg x | const VALUE
//   c1 = mul a b                    one operation per line; every node has a name
//   c2 = mul t cin
//   cout = add c1 c2
//   nc = add cout 1                 an operand may also be a literal element of the ring
//   outputs sum cout                outputs in order; `name=wire` gives an output its own name
//
// Nodes may be written in any order: the reader sorts them topologically and reports a cycle.
// Names are [A-Za-z_][A-Za-z0-9_.$]* (brackets allowed after the first character). Every problem
// is reported as input_error "file:line: message".
#pragma once

#include "bitlens/algebra/error.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cctype>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bitlens {

/// A ring that can be recognised from its name in a `.circ` file.
/// A ring that can be recognised from its name in a `.circ` file. kind_name() names the family
/// ("Z2", "GF(p)", "GF(2^k)", "GF(p^k)") for error messages.
template <class R>
concept named_ring = ring<R> && requires(std::string_view name) {
  { R::from_name(name) } -> std::same_as<std::optional<R>>;
  { R::kind_name() } -> std::convertible_to<std::string_view>;
};

/// The ring name on the `ring` line of a `.circ` text, or "" when there is none. Lets a caller pick
/// the ring type before parsing. `line`, when given, receives that line's number (0 without one),
/// for errors about the ring.
std::string circ_ring_name(std::string_view text, std::size_t* line = nullptr);

namespace detail {

struct circ_token_line {
  std::size_t number;
  std::vector<std::string> tokens;
};

/// Splits text into non-empty lines of whitespace-separated tokens, comments removed.
std::vector<circ_token_line> circ_tokenize(std::string_view text);
/// Whether s is a valid wire name.
bool circ_valid_name(std::string_view s);

struct circ_node_text {
  std::size_t line;
  std::string name;
  op kind;
  std::vector<std::string> operands;  // names or literals; for const: the value
};

}  // namespace detail

/// Parses `.circ` text over ring R. `source` names the text in error messages (a file name).
/// Throws input_error on any problem (see the file comment), including a ring other than R.
template <named_ring R>
circuit<R> parse_circ(std::string_view text, const std::string& source = "<circ>") {
  using detail::circ_valid_name;
  const auto lines = detail::circ_tokenize(text);
  std::optional<R> ring_value;
  std::vector<std::pair<std::string, std::size_t>> inputs, params;  // name, line
  std::vector<detail::circ_node_text> nodes;
  std::vector<std::tuple<std::string, std::string, std::size_t>> outputs;  // output name, wire, line
  std::unordered_map<std::string, std::size_t> defined_at;                 // name -> line

  auto fail = [&](std::size_t line, const std::string& msg) -> void { throw input_error(source, line, msg); };
  auto define = [&](const std::string& name, std::size_t line) {
    if (!circ_valid_name(name)) fail(line, "'" + name + "' is not a valid wire name");
    auto [it, fresh] = defined_at.emplace(name, line);
    if (!fresh) fail(line, "duplicate name '" + name + "' (first defined at line " + std::to_string(it->second) + ")");
  };

  for (const auto& ln : lines) {
    const auto& t = ln.tokens;
    if (!ring_value) {
      if (t[0] != "ring") fail(ln.number, "expected 'ring NAME' before anything else, found '" + t[0] + "'");
      if (t.size() != 2) fail(ln.number, "'ring' takes exactly one name, e.g. 'ring Z2'");
      try {
        ring_value = R::from_name(t[1]);
      } catch (const std::invalid_argument& e) {
        fail(ln.number, e.what());  // e.g. a composite modulus or a reducible polynomial
      }
      if (!ring_value) {
        fail(ln.number, "the circuit is over " + t[1] + " but a circuit over " + std::string(R::kind_name()) + " was expected");
      }
      continue;
    }
    if (t[0] == "ring") fail(ln.number, "a second 'ring' line");
    if (t[0] == "inputs" || t[0] == "params") {
      auto& list = t[0] == "inputs" ? inputs : params;
      for (std::size_t i = 1; i < t.size(); ++i) {
        define(t[i], ln.number);
        list.emplace_back(t[i], ln.number);
      }
    } else if (t[0] == "outputs") {
      for (std::size_t i = 1; i < t.size(); ++i) {
        const auto eq = t[i].find('=');
        std::string out_name = eq == std::string::npos ? t[i] : t[i].substr(0, eq);
        std::string w = eq == std::string::npos ? t[i] : t[i].substr(eq + 1);
        if (!circ_valid_name(out_name) || !circ_valid_name(w)) fail(ln.number, "bad output '" + t[i] + "'");
        outputs.emplace_back(std::move(out_name), std::move(w), ln.number);
      }
    } else if (t.size() >= 2 && t[1] == "=") {
      if (t.size() < 3) fail(ln.number, "missing operation after '='");
      const auto kind = parse_op(t[2]);
      if (!kind) fail(ln.number, "unknown operation '" + t[2] + "' (expected add, mul, neg or const)");
      const std::size_t want = kind == op::constant ? 1 : static_cast<std::size_t>(op_arity(*kind));
      if (t.size() - 3 != want) {
        fail(ln.number, std::string(op_name(*kind)) + " takes " + std::to_string(want) + " operand" +
                            (want == 1 ? "" : "s") + ", got " + std::to_string(t.size() - 3));
      }
      define(t[0], ln.number);
      nodes.push_back({ln.number, t[0], *kind, std::vector<std::string>(t.begin() + 3, t.end())});
    } else {
      fail(ln.number, "cannot read '" + t[0] + (t.size() > 1 ? " " + t[1] : "") +
                          "': expected 'inputs', 'params', 'outputs' or 'NAME = OP ...'");
    }
  }
  if (!ring_value) fail(0, "no 'ring' line: the file is empty or has only comments");
  const R& r = *ring_value;

  // Literal operands become constant nodes; everything else must name a wire.
  std::unordered_map<std::string, std::size_t> node_index;
  for (std::size_t i = 0; i < nodes.size(); ++i) node_index.emplace(nodes[i].name, i);
  auto is_literal = [](const std::string& s) {
    return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-');
  };
  for (const auto& nd : nodes) {
    if (nd.kind == op::constant) {
      if (!r.parse(nd.operands[0])) fail(nd.line, "'" + nd.operands[0] + "' is not an element of " + r.name());
      continue;
    }
    for (const auto& o : nd.operands) {
      if (is_literal(o)) {
        if (!r.parse(o)) fail(nd.line, "'" + o + "' is not an element of " + r.name());
      } else if (!defined_at.count(o)) {
        fail(nd.line, "undefined wire '" + o + "'");
      }
    }
  }
  for (const auto& [oname, w, line] : outputs) {
    if (!defined_at.count(w)) fail(line, "undefined wire '" + w + "' in outputs");
  }

  // Topological order by depth-first search in file order (a sorted file keeps its order).
  std::vector<std::uint8_t> state(nodes.size(), 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::size_t> order;
  for (std::size_t root = 0; root < nodes.size(); ++root) {
    if (state[root] != 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    state[root] = 1;
    while (!stack.empty()) {
      auto& [i, next] = stack.back();
      const auto& nd = nodes[i];
      if (nd.kind != op::constant && next < nd.operands.size()) {
        const auto it = node_index.find(nd.operands[next++]);
        if (it == node_index.end()) continue;
        if (state[it->second] == 1) {
          fail(nodes[it->second].line, "cycle: '" + nodes[it->second].name + "' depends on itself (through '" +
                                           nd.name + "', line " + std::to_string(nd.line) + ")");
        }
        if (state[it->second] == 0) {
          state[it->second] = 1;
          stack.emplace_back(it->second, 0);
        }
        continue;
      }
      state[i] = 2;
      order.push_back(i);
      stack.pop_back();
    }
  }

  // Emit: sources, then nodes (literal operands get a constant node just before their user).
  std::unordered_map<std::string, wire> wire_of;
  std::vector<std::string> names;
  for (const auto& [nm, line] : inputs) wire_of[nm] = static_cast<wire>(names.size()), names.push_back(nm);
  for (const auto& [nm, line] : params) wire_of[nm] = static_cast<wire>(names.size()), names.push_back(nm);
  std::vector<node<R>> out_nodes;
  auto push = [&](node<R> nd, std::string nm) {
    out_nodes.push_back(nd);
    names.push_back(std::move(nm));
    return static_cast<wire>(names.size() - 1);
  };
  for (std::size_t i : order) {
    const auto& nd = nodes[i];
    node<R> built{nd.kind, 0, 0, r.zero()};
    if (nd.kind == op::constant) {
      built.value = *r.parse(nd.operands[0]);
    } else {
      wire operand[2] = {0, 0};
      for (std::size_t k = 0; k < nd.operands.size(); ++k) {
        const auto& o = nd.operands[k];
        operand[k] = is_literal(o) ? push(node<R>{op::constant, 0, 0, *r.parse(o)}, std::string{}) : wire_of.at(o);
      }
      built.a = operand[0];
      built.b = operand[1];
    }
    wire_of[nd.name] = push(built, nd.name);
  }
  std::vector<wire> out_wires;
  std::vector<std::string> out_names;
  for (const auto& [oname, w, line] : outputs) {
    out_wires.push_back(wire_of.at(w));
    out_names.push_back(oname);
  }
  return circuit<R>(r, inputs.size(), params.size(), std::move(out_nodes), std::move(out_wires), std::move(names),
                    std::move(out_names));
}

/// Names for every wire of f that are valid, unique, and equal to f's own names where it has them
/// (generated: x0…, p0…, n0… for unnamed inputs, parameters and nodes).
template <ring R>
std::vector<std::string> unique_wire_names(const circuit<R>& f) {
  std::vector<std::string> names(f.num_wires());
  std::unordered_set<std::string> used;
  auto claim = [&](std::string candidate, const std::string& stem) {
    if (!detail::circ_valid_name(candidate) || used.count(candidate)) {
      for (std::size_t k = 0;; ++k) {
        candidate = stem + std::to_string(k);
        if (!used.count(candidate)) break;
      }
    }
    used.insert(candidate);
    return candidate;
  };
  for (wire w = 0; w < f.num_wires(); ++w) {  // own names first, so generated ones avoid them
    const auto& nm = f.wire_name(w);
    if (!nm.empty() && detail::circ_valid_name(nm) && !used.count(nm)) names[w] = nm, used.insert(nm);
  }
  for (wire w = 0; w < f.num_wires(); ++w) {
    if (!names[w].empty()) continue;
    const char* stem = w < f.num_inputs() ? "x" : f.is_param(w) ? "p" : "n";
    names[w] = claim(std::string(stem) + std::to_string(w < f.num_inputs() ? w : f.is_param(w) ? w - f.num_inputs() : w - f.num_sources()), stem);
  }
  return names;
}

/// `.circ` text of f; parse_circ(format_circ(f)) rebuilds f node for node.
template <ring R>
std::string format_circ(const circuit<R>& f) {
  const auto names = unique_wire_names(f);
  std::ostringstream out;
  out << "ring " << f.ring().name() << "\n";
  auto list = [&](const char* keyword, std::size_t first, std::size_t count) {
    out << keyword;
    for (std::size_t i = 0; i < count; ++i) out << ' ' << names[first + i];
    out << "\n";
  };
  list("inputs", 0, f.num_inputs());
  if (f.num_params() > 0) list("params", f.num_inputs(), f.num_params());
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    out << names[f.node_wire(k)] << " = " << op_name(nd.kind);
    if (nd.kind == op::constant) out << ' ' << f.ring().format(nd.value);
    if (op_arity(nd.kind) >= 1) out << ' ' << names[nd.a];
    if (op_arity(nd.kind) == 2) out << ' ' << names[nd.b];
    out << "\n";
  }
  out << "outputs";
  for (std::size_t k = 0; k < f.num_outputs(); ++k) {
    const auto& oname = f.output_name(k);
    const auto& wname = names[f.output(k)];
    out << ' ';
    if (!oname.empty() && oname != wname && detail::circ_valid_name(oname)) out << oname << '=';
    out << wname;
  }
  out << "\n";
  return out.str();
}

}  // namespace bitlens
