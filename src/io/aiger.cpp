// AIGER 1.9 combinational subset: ASCII "aag" and binary "aig", with symbol tables.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"

#include <charconv>
#include <sstream>
#include <unordered_set>

namespace bitlens {
namespace {

// Symbol table. Names must be unique for tools such as ABC: a repeated name gets a suffix.
void write_symbols(std::ostream& out, const aig& g) {
  std::unordered_set<std::string> used;
  auto unique = [&](const std::string& name, char kind, std::size_t index) {
    std::string n = name;
    if (used.count(n)) n = name + "_" + std::string(1, kind) + std::to_string(index);
    used.insert(n);
    return n;
  };
  for (std::size_t i = 0; i < g.input_names.size() && i < g.num_inputs(); ++i) {
    if (!g.input_names[i].empty()) out << 'i' << i << ' ' << unique(g.input_names[i], 'i', i) << '\n';
  }
  for (std::size_t k = 0; k < g.output_names.size() && k < g.num_outputs(); ++k) {
    if (!g.output_names[k].empty()) out << 'o' << k << ' ' << unique(g.output_names[k], 'o', k) << '\n';
  }
  out << "c\nwritten by bitlens\n";
}

void write_varint(std::string& out, std::uint32_t x) {
  while (x & ~0x7FU) {
    out += static_cast<char>((x & 0x7FU) | 0x80U);
    x >>= 7;
  }
  out += static_cast<char>(x);
}

// A cursor over the text part of an AIGER file, tracking line numbers.
struct cursor {
  std::string_view data;
  const std::string& source;
  std::size_t pos = 0;
  std::size_t line = 1;

  [[noreturn]] void fail(const std::string& msg) const { throw input_error(source, line, msg); }
  std::string_view next_line() {
    if (pos >= data.size()) fail("unexpected end of file (truncated?)");
    const auto nl = data.find('\n', pos);
    const auto end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view l = data.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);  // CRLF files: the '\r' is no part of any field
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    ++line;
    return l;
  }
  std::vector<std::uint64_t> numbers(std::string_view l, std::size_t count) {
    std::vector<std::uint64_t> out;
    std::size_t i = 0;
    while (i < l.size()) {
      while (i < l.size() && l[i] == ' ') ++i;
      if (i >= l.size()) break;
      std::uint64_t v = 0;
      const auto [p, ec] = std::from_chars(l.data() + i, l.data() + l.size(), v);
      if (ec != std::errc{}) fail("expected a number, got '" + std::string(l.substr(i)) + "'");
      out.push_back(v);
      i = static_cast<std::size_t>(p - l.data());
      if (i < l.size() && l[i] != ' ') fail("unexpected character '" + std::string(1, l[i]) + "'");
    }
    if (out.size() != count) fail("expected " + std::to_string(count) + " numbers, got " + std::to_string(out.size()));
    return out;
  }
};

}  // namespace

std::string format_aag(const aig& g) {
  std::ostringstream out;
  out << "aag " << g.max_var() << ' ' << g.num_inputs() << " 0 " << g.num_outputs() << ' ' << g.num_ands() << '\n';
  for (std::size_t i = 0; i < g.num_inputs(); ++i) out << g.input(i) << '\n';
  for (auto o : g.outputs()) out << o << '\n';
  for (std::size_t k = 0; k < g.num_ands(); ++k) {
    out << 2 * (g.num_inputs() + k + 1) << ' ' << g.ands()[k].a << ' ' << g.ands()[k].b << '\n';
  }
  write_symbols(out, g);
  return out.str();
}

std::string format_aig_binary(const aig& g) {
  std::ostringstream head;
  head << "aig " << g.max_var() << ' ' << g.num_inputs() << " 0 " << g.num_outputs() << ' ' << g.num_ands() << '\n';
  for (auto o : g.outputs()) head << o << '\n';
  std::string out = head.str();
  for (std::size_t k = 0; k < g.num_ands(); ++k) {
    const auto lhs = static_cast<std::uint32_t>(2 * (g.num_inputs() + k + 1));
    const auto& gate = g.ands()[k];  // a >= b, and both < lhs (topological order)
    write_varint(out, lhs - gate.a);
    write_varint(out, gate.a - gate.b);
  }
  std::ostringstream tail;
  write_symbols(tail, g);
  return out + tail.str();
}

aig parse_aiger(std::string_view bytes, const std::string& source) {
  cursor c{bytes, source};
  c.line = 0;
  const std::string_view header = c.next_line();
  const bool binary = header.rfind("aig ", 0) == 0;
  if (!binary && header.rfind("aag ", 0) != 0) c.fail("not an AIGER file: the header must start with 'aag' or 'aig'");
  const auto h = c.numbers(header.substr(4), 5);
  const std::uint64_t m = h[0], ni = h[1], nl = h[2], no = h[3], na = h[4];
  if (nl != 0) c.fail("the file has " + std::to_string(nl) + " latches; only combinational circuits are supported");
  // Declared counts are checked against what the file can hold before anything is sized by them
  // (and before they are added, so that no sum can wrap): every ASCII input, every output and every
  // ASCII AND takes a line of at least two bytes, every binary AND at least two bytes. Binary inputs
  // take no bytes at all, so their count has a fixed bound.
  const std::uint64_t room = bytes.size() / 2;
  const std::uint64_t max_inputs = binary ? max_aiger_binary_inputs : room;
  if (ni > max_inputs) {
    c.fail("header declares " + std::to_string(ni) + " inputs, more than " +
           (binary ? "the limit of " + std::to_string(max_inputs) : "a file of " + std::to_string(bytes.size()) + " bytes can list"));
  }
  if (no > room) c.fail("header declares " + std::to_string(no) + " outputs, more than a file of " + std::to_string(bytes.size()) + " bytes can list");
  if (na > room) c.fail("header declares " + std::to_string(na) + " AND gates, more than a file of " + std::to_string(bytes.size()) + " bytes can list");
  if (m != ni + na) c.fail("header says M = " + std::to_string(m) + " but I + L + A = " + std::to_string(ni + na));
  aig g(ni);
  // var -> literal in g (once defined); AND definitions may come in any order in ASCII files.
  std::vector<std::int64_t> lit_of(m + 1, -1);
  lit_of[0] = 0;
  for (std::uint64_t i = 0; i < ni; ++i) {
    if (binary) {
      lit_of[i + 1] = static_cast<std::int64_t>(g.input(i));
      continue;
    }
    const auto v = c.numbers(c.next_line(), 1)[0];
    if (v != 2 * (i + 1)) c.fail("input literal " + std::to_string(v) + " is not " + std::to_string(2 * (i + 1)) + " (inputs must come first, in order)");
    lit_of[i + 1] = static_cast<std::int64_t>(g.input(i));
  }
  std::vector<std::pair<std::uint64_t, std::size_t>> outputs;  // literal, line
  for (std::uint64_t k = 0; k < no; ++k) {
    const auto v = c.numbers(c.next_line(), 1)[0];
    if (v > 2 * m + 1) c.fail("output literal " + std::to_string(v) + " exceeds 2M+1 = " + std::to_string(2 * m + 1));
    outputs.emplace_back(v, c.line);
  }
  struct def {
    std::uint64_t a, b;
    std::size_t line;
  };
  std::vector<def> defs(m + 1, def{0, 0, 0});
  std::vector<char> defined(m + 1, 0);
  for (std::uint64_t k = 0; k < na; ++k) {
    std::uint64_t lhs = 0, a = 0, b = 0;
    if (binary) {
      auto varint = [&]() {
        std::uint64_t x = 0;
        for (int shift = 0;; shift += 7) {
          if (c.pos >= bytes.size()) c.fail("truncated binary AND section");
          const auto byte = static_cast<unsigned char>(bytes[c.pos++]);
          x |= std::uint64_t{byte & 0x7FU} << shift;
          if (!(byte & 0x80U)) break;
          if (shift > 28) c.fail("malformed number in the binary AND section");
        }
        return x;
      };
      lhs = 2 * (ni + k + 1);
      const auto d0 = varint(), d1 = varint();
      if (d0 > lhs || d1 > lhs - d0) c.fail("binary AND " + std::to_string(k) + " has an operand out of range");
      a = lhs - d0;
      b = a - d1;
    } else {
      const auto v = c.numbers(c.next_line(), 3);
      lhs = v[0], a = v[1], b = v[2];
    }
    if ((lhs & 1U) || lhs / 2 <= ni || lhs / 2 > m) c.fail("AND literal " + std::to_string(lhs) + " is not a valid gate output");
    if (a > 2 * m + 1 || b > 2 * m + 1) c.fail("AND operand out of range (max " + std::to_string(2 * m + 1) + ")");
    if (defined[lhs / 2]) c.fail("AND literal " + std::to_string(lhs) + " is defined twice");
    defined[lhs / 2] = 1;
    defs[lhs / 2] = def{a, b, c.line};
  }
  // Resolve AND gates depth-first, reporting undefined variables and cycles. state 1 marks a gate
  // whose operands have been pushed: such a gate, still unresolved, is an ancestor of everything
  // above it on the stack, so meeting it again as an operand is a cycle. A gate pushed twice (two
  // paths reach it) is not: only expansion marks it.
  std::vector<char> state(m + 1, 0);
  auto resolve = [&](std::uint64_t root) {
    std::vector<std::uint64_t> stack{root};
    while (!stack.empty()) {
      const auto v = stack.back();
      if (lit_of[v] >= 0) {
        stack.pop_back();
        continue;
      }
      if (!defined[v]) c.fail("variable " + std::to_string(v) + " is used but never defined");
      const auto& d = defs[v];
      if (state[v] == 0) {
        state[v] = 1;
        bool pushed = false;
        for (auto operand : {d.a, d.b}) {
          const auto u = operand / 2;
          if (lit_of[u] >= 0) continue;
          if (state[u] == 1) throw input_error(source, d.line, "cycle through variable " + std::to_string(u));
          stack.push_back(u);
          pushed = true;
        }
        if (pushed) continue;
      }
      auto tr = [&](std::uint64_t x) { return static_cast<aig::lit>(lit_of[x / 2]) ^ static_cast<aig::lit>(x & 1U); };
      lit_of[v] = g.and_(tr(d.a), tr(d.b));
      stack.pop_back();
    }
  };
  for (std::uint64_t v = ni + 1; v <= m; ++v) {
    if (defined[v]) resolve(v);
  }
  for (const auto& [o, line] : outputs) {
    if (lit_of[o / 2] < 0) throw input_error(source, line, "output uses variable " + std::to_string(o / 2) + ", which is never defined");
    g.add_output(static_cast<aig::lit>(lit_of[o / 2]) ^ static_cast<aig::lit>(o & 1U));
  }
  // Symbol table (optional), then comments.
  g.input_names.assign(ni, {});
  while (c.pos < bytes.size()) {
    const auto l = c.next_line();
    if (l.empty()) continue;
    if (l[0] == 'c') break;
    const auto sp = l.find(' ');
    if ((l[0] != 'i' && l[0] != 'o' && l[0] != 'l') || sp == std::string_view::npos) c.fail("malformed symbol table entry");
    std::size_t idx = 0;
    const auto [p, ec] = std::from_chars(l.data() + 1, l.data() + sp, idx);
    if (ec != std::errc{} || p != l.data() + sp) c.fail("malformed symbol table entry");
    const std::string name(l.substr(sp + 1));
    if (l[0] == 'i' && idx < ni) g.input_names[idx] = name;
    else if (l[0] == 'o' && idx < no) g.output_names[idx] = name;
    else c.fail("symbol index " + std::to_string(idx) + " out of range");
  }
  return g;
}

}  // namespace bitlens
