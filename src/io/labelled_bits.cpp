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

namespace {

// The lines of `text` that hold something, with their numbers (from 1).
struct text_rows {
  std::vector<std::string_view> lines;
  std::vector<std::size_t> numbers;
};

text_rows non_blank_lines(std::string_view text) {
  text_rows out;
  std::size_t number = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    ++number;
    if (std::any_of(line.begin(), line.end(), [](char c) { return !is_space(c); })) {
      out.lines.push_back(line);
      out.numbers.push_back(number);
    }
    at = end + 1;
  }
  return out;
}

// Splits a CSV line at commas; each field without the spaces around it and one pair of double quotes.
void split_csv(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  for (std::size_t at = 0;;) {
    const std::size_t comma = std::min(line.find(',', at), line.size());
    std::string_view f = line.substr(at, comma - at);
    while (!f.empty() && is_space(f.front())) f.remove_prefix(1);
    while (!f.empty() && is_space(f.back())) f.remove_suffix(1);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    fields.push_back(f);
    if (comma == line.size()) return;
    at = comma + 1;
  }
}

// Samples from rows[first…], each split by `split` into `width` fields: field `label` is the class,
// the others are bits in order.
template <class Split>
labelled_bits samples_from_rows(const text_rows& rows, std::size_t first, Split split, std::size_t width, std::size_t label,
                                const std::string& source) {
  const std::size_t count = rows.lines.size() - first;
  if (count == 0) throw input_error(source, 0, "no samples");
  labelled_bits out{bit_batch(width - 1, count), std::vector<std::uint32_t>(count)};
  std::vector<std::string_view> fields;
  for (std::size_t s = 0; s < count; ++s) {
    const std::size_t line = rows.numbers[first + s];
    split(rows.lines[first + s], fields);
    if (fields.size() != width) {
      throw input_error(source, line, "expected " + std::to_string(width - 1) + " bits and a label, found " +
                                          std::to_string(fields.size()) + " fields");
    }
    for (std::size_t i = 0, bit = 0; i < width; ++i) {
      if (i == label) continue;
      const auto f = fields[i];
      if (f.size() != 1 || (f[0] != '0' && f[0] != '1')) {
        throw input_error(source, line, "field " + std::to_string(i + 1) + " is '" + std::string(f) + "', not a bit");
      }
      if (f[0] == '1') out.inputs.set(bit, s, true);
      ++bit;
    }
    out.labels[s] = parse_label(fields[label], source, line);
  }
  return out;
}

bool is_number(std::string_view f) {
  return !f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

labelled_bits parse_labelled_bits(std::string_view text, const std::string& source) {
  const text_rows rows = non_blank_lines(text);
  if (rows.lines.empty()) throw input_error(source, 0, "no samples");
  std::vector<std::string_view> fields;
  split_fields(rows.lines[0], fields);
  if (fields.size() < 2) throw input_error(source, rows.numbers[0], "a row needs at least one bit and a label");
  return samples_from_rows(rows, 0, split_fields, fields.size(), fields.size() - 1, source);
}

labelled_bits parse_labelled_csv(std::string_view text, const std::string& source, const std::string& label_column) {
  const text_rows rows = non_blank_lines(text);
  if (rows.lines.empty()) throw input_error(source, 0, "no samples");
  std::vector<std::string_view> first;
  split_csv(rows.lines[0], first);
  if (first.size() < 2) throw input_error(source, rows.numbers[0], "a row needs at least one bit and a label, separated by commas");
  const bool header = !std::all_of(first.begin(), first.end(), is_number);
  std::size_t label = first.size() - 1;
  if (!label_column.empty()) {
    if (is_number(label_column) && label_column.size() <= 6) {
      label = std::stoul(label_column);
      if (label < 1 || label > first.size()) {
        throw input_error(source, rows.numbers[0], "label column " + label_column + " is not one of the " + std::to_string(first.size()) + " columns");
      }
      --label;
    } else {
      const auto it = header ? std::find(first.begin(), first.end(), label_column) : first.end();
      if (it == first.end()) {
        throw input_error(source, rows.numbers[0], header ? "no column is named '" + label_column + "'" : "no header line names the columns");
      }
      label = static_cast<std::size_t>(it - first.begin());
    }
  }
  return samples_from_rows(rows, header ? 1 : 0, split_csv, first.size(), label, source);
}

labelled_bits load_labelled_bits(const std::string& spec, const std::string& label_column) {
  const auto zip = spec.find(".zip:");
  const std::string text = zip == std::string::npos ? read_text_file(spec) : read_zip_member(spec.substr(0, zip + 4), spec.substr(zip + 5));
  const bool csv = spec.size() >= 4 && spec.compare(spec.size() - 4, 4, ".csv") == 0;
  if (!csv && !label_column.empty()) throw input_error(spec, 0, "a label column can be chosen only in a .csv file");
  return csv ? parse_labelled_csv(text, spec, label_column) : parse_labelled_bits(text, spec);
}

}  // namespace bitlens
