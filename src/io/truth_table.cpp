// Readers and writers of `.truth` and PLA tables (see truth_table.hpp for the formats).
#include "bitlens/io/truth_table.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <stdexcept>

namespace bitlens {
namespace {

// Iterates over the lines of a text with 1-based numbers, stripping '\r'.
class line_reader {
 public:
  explicit line_reader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (text_.empty()) return false;
    const auto nl = text_.find('\n');
    line = text_.substr(0, nl);
    text_ = nl == std::string_view::npos ? std::string_view{} : text_.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number_;
    return true;
  }
  std::size_t number() const noexcept { return number_; }

 private:
  std::string_view text_;
  std::size_t number_ = 0;
};

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::size_t parse_count(std::string_view token, const std::string& source, std::size_t line, const char* what) {
  std::size_t v = 0;
  const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec != std::errc{} || p != token.data() + token.size()) {
    throw input_error(source, line, std::string(what) + " needs a whole number, got '" + std::string(token) + "'");
  }
  return v;
}

}  // namespace

bit_dataset parse_truth(std::string_view text, const std::string& source, table_limits limits) {
  line_reader lines(text);
  std::vector<std::string_view> rows;
  std::vector<std::size_t> numbers;
  std::size_t length = 0;
  for (std::string_view line; lines.next(line);) {
    line = trim(line);
    if (line.empty()) continue;
    if (length == 0) {
      length = line.size();
      if ((length & (length - 1)) != 0) {
        throw input_error(source, lines.number(),
                          "a truth table line has 2^n characters, but this one has " + std::to_string(length));
      }
      if (length > (std::size_t{1} << limits.max_table_inputs)) {
        throw input_error(source, lines.number(), "more than " + std::to_string(limits.max_table_inputs) +
                                                      " inputs (2^n = " + std::to_string(length) + " characters)");
      }
    } else if (line.size() != length) {
      throw input_error(source, lines.number(), "line has " + std::to_string(line.size()) + " characters, expected " +
                                                    std::to_string(length) + " like the first line");
    }
    if (const auto bad = line.find_first_not_of("01"); bad != std::string_view::npos) {
      throw input_error(source, lines.number(), "character " + std::to_string(bad + 1) + " is '" +
                                                    std::string(1, line[bad]) + "', expected 0 or 1");
    }
    rows.push_back(line);
    numbers.push_back(lines.number());
  }
  if (rows.empty()) throw input_error(source, 0, "no truth table lines (the file is empty)");
  std::size_t n = 0;
  while ((std::size_t{1} << n) < length) ++n;
  bit_dataset d = bit_dataset::complete_table(n, rows.size());
  for (std::size_t o = 0; o < rows.size(); ++o) {
    auto& w = d.targets.wire(o);
    for (std::size_t c = 0; c < length; ++c) w.set(length - 1 - c, rows[o][c] == '1');
  }
  return d;
}

bit_dataset parse_pla(std::string_view text, const std::string& source, table_limits limits) {
  line_reader lines(text);
  std::size_t n = 0, m = 0, declared_rows = 0, cube_count = 0;
  bool have_i = false, have_o = false, have_p = false;
  std::string type = "fd";
  std::vector<std::string> ilb, ob;
  struct cube {
    std::string in, out;
    std::size_t line;
  };
  std::vector<cube> cubes;
  std::size_t p_line = 0, ilb_line = 0, ob_line = 0;
  for (std::string_view raw; lines.next(raw);) {
    std::string_view line = raw;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const std::size_t ln = lines.number();
    if (line[0] == '.') {
      const auto words = split_words(line);
      const std::string& d = words[0];
      auto arg = [&](const char* what) {
        if (words.size() != 2) throw input_error(source, ln, std::string(what) + " takes one value");
        return parse_count(words[1], source, ln, what);
      };
      if ((d == ".i" || d == ".o") && !cubes.empty()) {
        // The cubes read so far were checked against the old widths; a change now would make
        // them disagree with the table (the expansion would read past their ends).
        throw input_error(source, ln, d + " after the first cube (declare .i and .o before the cubes)");
      }
      if (d == ".i") n = arg(".i"), have_i = true;
      else if (d == ".o") m = arg(".o"), have_o = true;
      if ((d == ".i" && n > limits.max_wires) || (d == ".o" && m > limits.max_wires)) {
        throw input_error(source, ln, d + " declares more than the limit of " + std::to_string(limits.max_wires) + (d == ".i" ? " inputs" : " outputs"));
      }
      if (d == ".i" || d == ".o") continue;
      if (d == ".p") declared_rows = arg(".p"), have_p = true, p_line = ln;
      else if (d == ".ilb") ilb.assign(words.begin() + 1, words.end()), ilb_line = ln;
      else if (d == ".ob") ob.assign(words.begin() + 1, words.end()), ob_line = ln;
      else if (d == ".type") {
        if (words.size() != 2 || (words[1] != "f" && words[1] != "fr" && words[1] != "fd")) {
          throw input_error(source, ln, ".type must be f, fr or fd");
        }
        type = words[1];
      } else if (d == ".e" || d == ".end") break;
      else throw input_error(source, ln, "unsupported PLA directive '" + d + "'");
      continue;
    }
    if (!have_i || !have_o) throw input_error(source, ln, "a cube before the .i and .o lines");
    std::string compact;
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '|') compact += c;
    }
    if (compact.size() != n + m) {
      throw input_error(source, ln, "cube has " + std::to_string(compact.size()) + " characters, expected " +
                                        std::to_string(n) + " inputs + " + std::to_string(m) + " outputs");
    }
    cube c{compact.substr(0, n), compact.substr(n), ln};
    if (const auto bad = c.in.find_first_not_of("01-"); bad != std::string::npos) {
      throw input_error(source, ln, "input character " + std::to_string(bad + 1) + " is '" + c.in[bad] + "', expected 0, 1 or -");
    }
    if (const auto bad = c.out.find_first_not_of("01-~"); bad != std::string::npos) {
      throw input_error(source, ln, "output character " + std::to_string(bad + 1) + " is '" + c.out[bad] +
                                        "', expected 0, 1, - or ~");
    }
    cubes.push_back(std::move(c));
    ++cube_count;
  }
  if (!have_i || !have_o) throw input_error(source, 0, "missing .i or .o (the file is empty or truncated)");
  if (have_p && declared_rows != cube_count) {
    throw input_error(source, p_line, ".p says " + std::to_string(declared_rows) + " cubes, but the file has " +
                                          std::to_string(cube_count) + " (truncated?)");
  }
  if (!ilb.empty() && ilb.size() != n) throw input_error(source, ilb_line, ".ilb names " + std::to_string(ilb.size()) + " inputs, .i says " + std::to_string(n));
  if (!ob.empty() && ob.size() != m) throw input_error(source, ob_line, ".ob names " + std::to_string(ob.size()) + " outputs, .o says " + std::to_string(m));

  auto expansions = [&](const std::string& in) {
    const auto dashes = static_cast<std::size_t>(std::count(in.begin(), in.end(), '-'));
    return dashes >= 63 ? limits.max_samples + 1 : std::size_t{1} << dashes;
  };
  // A complete table when the semantics need one (types f and fd define every row) or when the
  // listed rows cover at least half of it; a sparse type-fr file (labelled samples, as in IWLS
  // 2020) stays a list of samples rather than a table of mostly don't-cares.
  std::size_t listed = 0;
  for (const auto& c : cubes) listed = std::min(limits.max_samples + 1, listed + expansions(c.in));
  const bool as_table = n <= limits.max_table_inputs && (type != "fr" || 2 * listed >= (std::size_t{1} << n));
  // Bytes a table of `rows` rows takes: n input wires, m target and m care wires, and (complete
  // tables only) the reader's on, off and don't-care rows per output.
  const auto check_size = [&](std::size_t rows, std::size_t line) {
    const double bytes = static_cast<double>(rows) / 8.0 * static_cast<double>(n + (as_table ? 5 : 2) * m);
    if (bytes > static_cast<double>(limits.max_bytes)) {
      throw input_error(source, line, "a table of " + std::to_string(rows) + " rows, " + std::to_string(n) + " inputs and " +
                                          std::to_string(m) + " outputs needs more than the limit of " +
                                          std::to_string(limits.max_bytes >> 20) + " MiB");
    }
  };
  bit_dataset d;
  if (as_table) {
    check_size(std::size_t{1} << n, 0);
    d = bit_dataset::complete_table(n, m);
    const std::size_t rows = d.num_samples();
    std::vector<bitvec> on(m, bitvec(rows)), off(m, bitvec(rows)), dc(m, bitvec(rows));
    for (const auto& c : cubes) {
      std::size_t base = 0;
      std::vector<std::size_t> free_bits;
      for (std::size_t i = 0; i < n; ++i) {
        if (c.in[i] == '1') base |= std::size_t{1} << i;
        if (c.in[i] == '-') free_bits.push_back(i);
      }
      for (std::size_t k = 0; k < (std::size_t{1} << free_bits.size()); ++k) {
        std::size_t r = base;
        for (std::size_t b = 0; b < free_bits.size(); ++b) {
          if ((k >> b) & 1U) r |= std::size_t{1} << free_bits[b];
        }
        for (std::size_t o = 0; o < m; ++o) {
          const char v = c.out[o];
          if ((v == '1' && off[o].get(r)) || (v == '0' && type == "fr" && on[o].get(r))) {
            throw input_error(source, c.line, "row " + std::to_string(r) + " of output " + std::to_string(o) + " is listed both as 1 and as 0");
          }
          if (v == '1') on[o].set(r);
          else if (v == '0' && type == "fr") off[o].set(r);
          else if (v == '-' && type != "f") dc[o].set(r);
        }
      }
    }
    for (std::size_t o = 0; o < m; ++o) {
      if (type == "fr") {
        d.care.wire(o) = on[o] | off[o];
      } else if (type == "fd") {
        d.care.wire(o) = ~dc[o];
      }
      d.targets.wire(o) = on[o] & d.care.wire(o);
    }
  } else {
    if (type != "fr") {  // (only reached when n exceeds the table limit)
      throw input_error(source, 0, std::to_string(n) + " inputs is more than " + std::to_string(limits.max_table_inputs) +
                                       ": such a PLA can only be read as samples, which needs .type fr");
    }
    std::size_t total = 0;
    for (const auto& c : cubes) {
      total += expansions(c.in);
      if (total > limits.max_samples) {
        throw input_error(source, c.line, "expanding '-' gives more than " + std::to_string(limits.max_samples) + " samples");
      }
      check_size(total, c.line);
    }
    d = bit_dataset::zeros(n, m, total);
    std::size_t s = 0;
    for (const auto& c : cubes) {
      std::vector<std::size_t> free_bits;
      for (std::size_t i = 0; i < n; ++i) {
        if (c.in[i] == '-') free_bits.push_back(i);
      }
      for (std::size_t k = 0; k < (std::size_t{1} << free_bits.size()); ++k, ++s) {
        for (std::size_t i = 0; i < n; ++i) d.inputs.set(i, s, c.in[i] == '1');
        for (std::size_t b = 0; b < free_bits.size(); ++b) d.inputs.set(free_bits[b], s, ((k >> b) & 1U) != 0);
        for (std::size_t o = 0; o < m; ++o) {
          d.targets.set(o, s, c.out[o] == '1');
          d.care.set(o, s, c.out[o] == '0' || c.out[o] == '1');
        }
      }
    }
  }
  d.input_names = std::move(ilb);
  d.output_names = std::move(ob);
  return d;
}

bit_dataset read_table(const std::string& path, table_limits limits) {
  const std::string text = read_text_file(path);
  const auto ends_with = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends_with(".truth")) return parse_truth(text, path, limits);
  if (ends_with(".pla")) return parse_pla(text, path, limits);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '.' || text[first] == '#')) return parse_pla(text, path, limits);
  return parse_truth(text, path, limits);
}

std::string format_truth(const bit_dataset& table) {
  if (!table.is_complete_table() || !table.fully_specified()) {
    throw std::invalid_argument("format_truth: needs a complete, fully specified truth table");
  }
  std::string out;
  const std::size_t rows = table.num_samples();
  out.reserve(table.num_outputs() * (rows + 1));
  for (std::size_t o = 0; o < table.num_outputs(); ++o) {
    for (std::size_t c = 0; c < rows; ++c) out += table.targets.get(o, rows - 1 - c) ? '1' : '0';
    out += '\n';
  }
  return out;
}

std::string format_pla(const bit_dataset& data) {
  std::ostringstream out;
  out << ".i " << data.num_inputs() << "\n.o " << data.num_outputs() << "\n";
  auto names = [&](const char* d, const std::vector<std::string>& v) {
    if (v.empty()) return;
    out << d;
    for (const auto& s : v) out << ' ' << s;
    out << '\n';
  };
  names(".ilb", data.input_names);
  names(".ob", data.output_names);
  out << ".type fr\n.p " << data.num_samples() << "\n";
  std::string row;
  for (std::size_t s = 0; s < data.num_samples(); ++s) {
    row.clear();
    for (std::size_t i = 0; i < data.num_inputs(); ++i) row += data.inputs.get(i, s) ? '1' : '0';
    row += ' ';
    for (std::size_t o = 0; o < data.num_outputs(); ++o) {
      row += !data.care.get(o, s) ? '-' : data.targets.get(o, s) ? '1' : '0';
    }
    out << row << '\n';
  }
  out << ".e\n";
  return out.str();
}

void write_table(const std::string& path, const bit_dataset& data) {
  const bool truth = path.size() >= 6 && path.compare(path.size() - 6, 6, ".truth") == 0;
  write_file_atomic(path, truth ? format_truth(data) : format_pla(data));
}

}  // namespace bitlens
