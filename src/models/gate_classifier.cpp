// Gate classifiers on disk (text), as a Z2 circuit, and as C.
#include "bitlens/models/gate_classifier.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/ir/builder.hpp"

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace bitlens {
namespace {

// The whitespace-separated words of a line, without a '#' comment.
std::vector<std::string_view> words_of(std::string_view line) {
  if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// Lines of a text with 1-based numbers, skipping those with no words.
class line_cursor {
 public:
  line_cursor(std::string_view text, const std::string& source) : text_(text), source_(source) {}
  [[noreturn]] void fail(const std::string& what) const { throw input_error(source_, line_, what); }
  std::vector<std::string_view> next(const char* expected) {
    while (pos_ < text_.size()) {
      const auto nl = text_.find('\n', pos_);
      const auto line = text_.substr(pos_, nl == std::string_view::npos ? std::string_view::npos : nl - pos_);
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
      ++line_;
      auto w = words_of(line);
      if (!w.empty()) return w;
    }
    ++line_;
    fail(std::string("unexpected end of file, expected ") + expected + " (truncated?)");
  }
  bool at_end() {
    while (pos_ < text_.size()) {
      const auto nl = text_.find('\n', pos_);
      if (!words_of(text_.substr(pos_, nl == std::string_view::npos ? std::string_view::npos : nl - pos_)).empty()) return false;
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
      ++line_;
    }
    return true;
  }
  /// Lines left (an upper bound on the gates the file can still list).
  std::size_t lines_left() const {
    std::size_t n = 0;
    for (std::size_t i = pos_; i < text_.size(); ++i) n += text_[i] == '\n';
    return n + 1;
  }
  std::size_t number(std::string_view w, std::size_t max, const char* what) const {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
    if (ec != std::errc{} || end != w.data() + w.size()) fail(std::string(what) + " must be a whole number, got '" + std::string(w) + "'");
    if (v > max) fail(std::string(what) + " " + std::string(w) + " is more than " + std::to_string(max));
    return v;
  }
  // "key N" with N ≤ max.
  std::size_t keyed(const char* key, std::size_t max) {
    const auto w = next(key);
    if (w.size() != 2 || w[0] != key) fail(std::string("expected '") + key + " N'");
    return number(w[1], max, key);
  }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0, line_ = 0;
};

// The C expression of a 4-bit gate table (bit a + 2b) over operands a and b.
std::string gate_expression(unsigned table, const std::string& a, const std::string& b) {
  switch (table & 15U) {
    case 0: return "(uint64_t)0";
    case 1: return "~(" + a + " | " + b + ")";
    case 2: return a + " & ~" + b;
    case 3: return "~" + b;
    case 4: return "~" + a + " & " + b;
    case 5: return "~" + a;
    case 6: return a + " ^ " + b;
    case 7: return "~(" + a + " & " + b + ")";
    case 8: return a + " & " + b;
    case 9: return "~(" + a + " ^ " + b + ")";
    case 10: return a;
    case 11: return a + " | ~" + b;
    case 12: return b;
    case 13: return "~" + a + " | " + b;
    case 14: return a + " | " + b;
    default: return "~(uint64_t)0";
  }
}

}  // namespace

gate_classifier merge_gate_classifiers(std::span<const gate_classifier> members) {
  if (members.empty()) throw std::invalid_argument("merging classifiers: no members");
  const gate_network& first = members[0].net;
  const std::size_t classes = members[0].classes, layers = first.num_layers();
  for (std::size_t m = 0; m < members.size(); ++m) {
    const gate_network& net = members[m].net;
    if (net.num_inputs() != first.num_inputs() || net.num_layers() != layers || members[m].classes != classes || classes == 0 ||
        net.num_outputs() % classes != 0) {
      throw std::invalid_argument("merging classifiers: member " + std::to_string(m) + " has " + std::to_string(net.num_inputs()) +
                                  " inputs, " + std::to_string(net.num_layers()) + " layers and " + std::to_string(members[m].classes) +
                                  " classes; member 0 has " + std::to_string(first.num_inputs()) + ", " + std::to_string(layers) +
                                  " and " + std::to_string(classes));
    }
  }
  std::vector<gate_layer> merged(layers);
  std::vector<std::uint8_t> tables;
  for (std::size_t l = 0; l < layers; ++l) {
    // Where member m's gates of the previous layer start within the merged layer (0 for the inputs,
    // which every member reads as they are).
    std::vector<std::uint32_t> offset(members.size(), 0);
    for (std::size_t m = 1; l > 0 && m < members.size(); ++m) offset[m] = offset[m - 1] + static_cast<std::uint32_t>(members[m - 1].net.width(l - 1));
    const auto add_gate = [&](std::size_t m, std::size_t j) {
      const gate_network& net = members[m].net;
      const std::size_t g = net.first_gate(l) + j;
      // Global operand nodes back to positions within the previous layer (or the inputs).
      const std::size_t base = l == 0 ? 0 : net.num_inputs() + net.first_gate(l - 1);
      merged[l].a.push_back(static_cast<std::uint32_t>(net.operand_a()[g] - base) + offset[m]);
      merged[l].b.push_back(static_cast<std::uint32_t>(net.operand_b()[g] - base) + offset[m]);
      tables.push_back(net.lut(g));
    };
    if (l + 1 < layers) {
      for (std::size_t m = 0; m < members.size(); ++m) {
        for (std::size_t j = 0; j < members[m].net.width(l); ++j) add_gate(m, j);
      }
    } else {
      for (std::size_t c = 0; c < classes; ++c) {
        for (std::size_t m = 0; m < members.size(); ++m) {
          const std::size_t group = members[m].net.width(l) / classes;
          for (std::size_t j = c * group; j < (c + 1) * group; ++j) add_gate(m, j);
        }
      }
    }
  }
  gate_classifier out{gate_network(first.num_inputs(), std::move(merged)), classes};
  for (std::size_t g = 0; g < tables.size(); ++g) out.net.set_lut(g, tables[g]);
  return out;
}

std::string format_gate_classifier(const gate_classifier& c) {
  const gate_network& net = c.net;
  std::ostringstream out;
  out << "bitlens-gate-classifier 1\n# " << net.num_layers() << " layers, " << net.num_gates() << " gates, group-sum head\n"
      << "inputs " << net.num_inputs() << "\nclasses " << c.classes << "\n";
  for (std::size_t l = 0; l < net.num_layers(); ++l) {
    const std::size_t first = net.first_gate(l);
    const std::size_t base = l == 0 ? 0 : net.num_inputs() + net.first_gate(l - 1);  // node number of operand 0
    out << "layer " << net.width(l) << "\n";
    for (std::size_t g = first; g < first + net.width(l); ++g) {
      out << net.operand_a()[g] - base << ' ' << net.operand_b()[g] - base << ' ' << unsigned{net.luts()[g]} << '\n';
    }
  }
  return out.str();
}

gate_classifier parse_gate_classifier(std::string_view text, const std::string& source) {
  line_cursor in(text, source);
  const auto header = in.next("the header");
  if (header.size() != 2 || header[0] != "bitlens-gate-classifier" || header[1] != "1") {
    in.fail("not a bitlens gate classifier (the first line must be 'bitlens-gate-classifier 1')");
  }
  const std::size_t inputs = in.keyed("inputs", max_classifier_gates);
  const std::size_t classes = in.keyed("classes", 65535);
  if (inputs == 0 || classes < 2) in.fail("a classifier needs at least one input and two classes");
  std::vector<gate_layer> layers;
  std::vector<std::vector<std::uint8_t>> tables;
  std::size_t prev = inputs, gates = 0;
  while (!in.at_end()) {
    const std::size_t width = in.keyed("layer", std::min(max_classifier_gates - gates, in.lines_left()));
    if (width == 0) in.fail("a layer needs at least one gate");
    gate_layer layer;
    std::vector<std::uint8_t> t;
    for (std::size_t j = 0; j < width; ++j) {
      const auto w = in.next("a gate line 'a b table'");
      if (w.size() != 3) in.fail("a gate line is 'a b table', got " + std::to_string(w.size()) + " fields");
      layer.a.push_back(static_cast<std::uint32_t>(in.number(w[0], prev - 1, "operand a")));
      layer.b.push_back(static_cast<std::uint32_t>(in.number(w[1], prev - 1, "operand b")));
      t.push_back(static_cast<std::uint8_t>(in.number(w[2], 15, "table")));
    }
    layers.push_back(std::move(layer));
    tables.push_back(std::move(t));
    gates += width;
    prev = width;
  }
  if (layers.empty()) in.fail("no layers");
  if (prev % classes != 0) in.fail("the last layer's " + std::to_string(prev) + " gates do not split into " + std::to_string(classes) + " classes");
  gate_classifier c{gate_network(inputs, std::move(layers)), classes};
  std::size_t g = 0;
  for (const auto& t : tables) {
    for (auto v : t) c.net.set_lut(g++, v);
  }
  return c;
}

circuit<z2> gate_classifier_circuit(const gate_classifier& c) {
  const gate_network& net = c.net;
  circuit_builder<z2> b;
  std::vector<wire> node = b.inputs(net.num_inputs(), "x");
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    // The table t as its polynomial: t0 + (t0+t1)·a + (t0+t2)·b + (t0+t1+t2+t3)·a·b.
    const unsigned t = net.luts()[g];
    const auto bit = [&](unsigned e) { return (t >> e) & 1U; };
    const wire a = node[net.operand_a()[g]], bb = node[net.operand_b()[g]];
    wire y = bit(0) ? b.one() : b.zero();
    if (bit(0) ^ bit(1)) y = b.add(y, a);
    if (bit(0) ^ bit(2)) y = b.add(y, bb);
    if (bit(0) ^ bit(1) ^ bit(2) ^ bit(3)) y = b.add(y, b.mul(a, bb));
    node.push_back(y);
  }
  const std::size_t outputs = net.num_outputs(), group = outputs / c.classes;
  const std::size_t first = net.num_inputs() + net.num_gates() - outputs;
  for (std::size_t k = 0; k < outputs; ++k) b.output(node[first + k], "c" + std::to_string(k / group) + "_" + std::to_string(k % group));
  return b.build({.prune = true});
}

namespace {

// Z2 arithmetic on binary numbers (least significant bit first) inside a circuit_builder.
struct binary_arithmetic {
  circuit_builder<z2>& b;

  wire or_exclusive(wire x, wire y) { return b.add(x, y); }  // x OR y when x AND y is never true
  wire mux(wire select, wire when_one, wire when_zero) { return b.add(when_zero, b.mul(select, b.add(when_one, when_zero))); }

  // x + y, one bit wider than the wider of the two.
  std::vector<wire> sum(std::vector<wire> x, std::vector<wire> y) {
    if (x.size() < y.size()) std::swap(x, y);
    std::vector<wire> out;
    wire carry = b.zero();
    for (std::size_t i = 0; i < x.size(); ++i) {
      const wire yi = i < y.size() ? y[i] : b.zero();
      const wire half = b.add(x[i], yi);
      out.push_back(b.add(half, carry));
      carry = or_exclusive(b.mul(x[i], yi), b.mul(carry, half));  // the two terms never both hold
    }
    out.push_back(carry);
    return out;
  }

  // The number of ones among bits, as a balanced tree of sums.
  std::vector<wire> popcount(std::span<const wire> bits) {
    if (bits.empty()) return {b.zero()};
    if (bits.size() == 1) return {bits[0]};
    const std::size_t half = bits.size() / 2;
    return sum(popcount(bits.first(half)), popcount(bits.subspan(half)));
  }

  // x > y for numbers of equal width.
  wire greater(std::span<const wire> x, std::span<const wire> y) {
    wire gt = b.zero();
    for (std::size_t i = 0; i < x.size(); ++i) {  // from the least significant bit up
      const wire x_not_y = b.mul(x[i], b.add(y[i], b.one()));
      const wire equal = b.add(b.add(x[i], y[i]), b.one());
      gt = or_exclusive(x_not_y, b.mul(equal, gt));  // x_i > y_i, or equal here and greater below
    }
    return gt;
  }
};

}  // namespace

circuit<z2> gate_classifier_decision_circuit(const gate_classifier& c) {
  const circuit<z2> net = gate_classifier_circuit(c);
  circuit_builder<z2> b;
  const std::vector<wire> x = b.inputs(net.num_inputs(), "x");
  const std::vector<wire> groups = append(b, net, x, {});
  binary_arithmetic arith{b};
  const std::size_t group = groups.size() / c.classes;
  std::size_t index_bits = 1;
  while ((std::size_t{1} << index_bits) < c.classes) ++index_bits;
  std::vector<wire> best_count, best_index(index_bits, b.zero());
  for (std::size_t k = 0; k < c.classes; ++k) {
    std::vector<wire> count = arith.popcount(std::span<const wire>(groups).subspan(k * group, group));
    if (k == 0) {
      best_count = std::move(count);
      continue;
    }
    const wire take = arith.greater(count, best_count);  // strictly more: a tie keeps the lower class
    for (std::size_t i = 0; i < count.size(); ++i) best_count[i] = arith.mux(take, count[i], best_count[i]);
    for (std::size_t i = 0; i < index_bits; ++i) best_index[i] = arith.mux(take, (k >> i) & 1U ? b.one() : b.zero(), best_index[i]);
  }
  for (std::size_t i = 0; i < index_bits; ++i) b.output(best_index[i], c.classes == 2 ? "class" : "class" + std::to_string(i));
  return b.build({.prune = true});
}

std::string format_gate_classifier_c(const gate_classifier& c, const std::string& name) {
  const gate_network& net = c.net;
  const std::size_t n = net.num_inputs(), outputs = net.num_outputs(), group = outputs / c.classes;
  std::ostringstream out;
  out << "/* Written by bitlens: a gate network of " << net.num_gates() << " gates with a group-sum head over " << c.classes
      << " classes.\n   Bit s of in[i] is input i of sample s; out[s] receives sample s's class. */\n"
      << "#include <stdint.h>\n\nvoid " << name << "(const uint64_t in[" << n << "], uint16_t out[64]) {\n"
      << "  uint64_t v[" << n + net.num_gates() << "];\n"
      << "  for (int i = 0; i < " << n << "; ++i) v[i] = in[i];\n";
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    const std::string a = "v[" + std::to_string(net.operand_a()[g]) + "]", b = "v[" + std::to_string(net.operand_b()[g]) + "]";
    out << "  v[" << n + g << "] = " << gate_expression(net.luts()[g], a, b) << ";\n";
  }
  out << "  for (int s = 0; s < 64; ++s) {\n"
      << "    unsigned best = 0;\n    long best_count = -1;\n"
      << "    for (unsigned c = 0; c < " << c.classes << "u; ++c) {\n"
      << "      long count = 0;\n"
      << "      for (unsigned k = 0; k < " << group << "u; ++k) count += (long)((v[" << n + net.num_gates() - outputs << "u + c * " << group
      << "u + k] >> s) & 1u);\n"
      << "      if (count > best_count) { best_count = count; best = c; }\n"
      << "    }\n    out[s] = (uint16_t)best;\n  }\n}\n";
  return out.str();
}

}  // namespace bitlens
