// Parsing of labelled bit rows. A single pass over the text: rows are counted first so that the
// bit-sliced batch is allocated once, then each field is written straight into its wire.
#include "bitlens/io/labelled_bits.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/zip_archive.hpp"

#include <algorithm>

namespace bitlens {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits `line` into fields (no allocation: views into the text).
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
}

std::uint32_t parse_label(std::string_view f, const std::string& source, std::size_t line) {
  std::uint32_t v = 0;
  if (f.empty() || f.size() > 5) throw input_error(source, line, "label '" + std::string(f) + "' is not a number below 65536");
  for (char c : f) {
    if (c < '0' || c > '9') throw input_error(source, line, "label '" + std::string(f) + "' is not a number below 65536");
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (v >= 65536) throw input_error(source, line, "label " + std::to_string(v) + " is not below 65536");
  return v;
}

}  // namespace

std::size_t labelled_bits::num_classes() const noexcept {
  return labels.empty() ? 0 : 1 + *std::max_element(labels.begin(), labels.end());
}

labelled_bits parse_labelled_bits(std::string_view text, const std::string& source) {
  std::vector<std::string_view> lines;
  std::vector<std::size_t> line_numbers;
  std::size_t number = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    ++number;
    if (std::any_of(line.begin(), line.end(), [](char c) { return !is_space(c); })) {
      lines.push_back(line);
      line_numbers.push_back(number);
    }
    at = end + 1;
  }
  if (lines.empty()) throw input_error(source, 0, "no samples");
  std::vector<std::string_view> fields;
  split_fields(lines[0], fields);
  if (fields.size() < 2) throw input_error(source, line_numbers[0], "a row needs at least one bit and a label");
  const std::size_t bits = fields.size() - 1;
  labelled_bits out{bit_batch(bits, lines.size()), std::vector<std::uint32_t>(lines.size())};
  for (std::size_t s = 0; s < lines.size(); ++s) {
    split_fields(lines[s], fields);
    if (fields.size() != bits + 1) {
      throw input_error(source, line_numbers[s], "expected " + std::to_string(bits) + " bits and a label, found " +
                                                     std::to_string(fields.size()) + " fields");
    }
    for (std::size_t i = 0; i < bits; ++i) {
      const auto f = fields[i];
      if (f.size() != 1 || (f[0] != '0' && f[0] != '1')) {
        throw input_error(source, line_numbers[s], "field " + std::to_string(i + 1) + " is '" + std::string(f) + "', not a bit");
      }
      if (f[0] == '1') out.inputs.set(i, s, true);
    }
    out.labels[s] = parse_label(fields[bits], source, line_numbers[s]);
  }
  return out;
}

labelled_bits load_labelled_bits(const std::string& spec) {
  const auto zip = spec.find(".zip:");
  if (zip == std::string::npos) return parse_labelled_bits(read_text_file(spec), spec);
  const std::string archive = spec.substr(0, zip + 4), member = spec.substr(zip + 5);
  return parse_labelled_bits(read_zip_member(archive, member), spec);
}

}  // namespace bitlens
