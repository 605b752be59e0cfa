// Labelled bit rows and ZIP members: parsing, errors with file:line, stored and deflated members
// (archives built here byte by byte), corrupt archives, and the shared MNIST archive when present.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/idx.hpp"
#include "bitlens/io/labelled_bits.hpp"
#include "bitlens/io/zip_archive.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>

using namespace bitlens;

namespace {

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, unsigned long v) {
  put16(s, static_cast<unsigned>(v & 0xffff));
  put16(s, static_cast<unsigned>((v >> 16) & 0xffff));
}

// Deflated bytes: a raw stream (as in ZIP members) with window_bits = -MAX_WBITS, a gzip file with
// 16 + MAX_WBITS.
std::string deflate_bytes(const std::string& in, int window_bits) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A ZIP archive of the given members, each stored (method 0) or deflated (method 8).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& members, bool deflated) {
  std::string body, central;
  for (const auto& [name, data] : members) {
    const std::string packed = deflated ? deflate_bytes(data, -MAX_WBITS) : data;
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    const auto offset = body.size();
    put32(body, 0x04034b50); put16(body, 20); put16(body, 0); put16(body, deflated ? 8 : 0); put16(body, 0); put16(body, 0);
    put32(body, crc); put32(body, packed.size()); put32(body, data.size()); put16(body, static_cast<unsigned>(name.size())); put16(body, 0);
    body += name + packed;
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0); put16(central, deflated ? 8 : 0);
    put16(central, 0); put16(central, 0); put32(central, crc); put32(central, packed.size()); put32(central, data.size());
    put16(central, static_cast<unsigned>(name.size())); put16(central, 0); put16(central, 0); put16(central, 0); put16(central, 0);
    put32(central, 0); put32(central, offset);
    central += name;
  }
  std::string zip = body + central;
  put32(zip, 0x06054b50); put16(zip, 0); put16(zip, 0); put16(zip, static_cast<unsigned>(members.size()));
  put16(zip, static_cast<unsigned>(members.size())); put32(zip, central.size()); put32(zip, body.size()); put16(zip, 0);
  return zip;
}

std::string temp_path(const std::string& name) { return (std::filesystem::temp_directory_path() / ("bitlens_test_" + name)).string(); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const input_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("labelled bits: rows of bits then a label", "[io][labelled]") {
  const auto d = parse_labelled_bits("0 1 1 3\n\n1 0 0  2\r\n", "t.txt");
  REQUIRE(d.inputs.num_wires() == 3);
  REQUIRE(d.inputs.num_samples() == 2);
  CHECK(d.labels == std::vector<std::uint32_t>{3, 2});
  CHECK(d.num_classes() == 4);
  CHECK(!d.inputs.get(0, 0));
  CHECK(d.inputs.get(1, 0));
  CHECK(d.inputs.get(0, 1));
  CHECK(!d.inputs.get(2, 1));
}

TEST_CASE("labelled bits: bad rows name the file and line", "[io][labelled]") {
  CHECK(error_of([] { parse_labelled_bits("0 1 1\n0 1\n", "t.txt"); }) == "t.txt:2: expected 2 bits and a label, found 2 fields");
  CHECK(error_of([] { parse_labelled_bits("0 1 1\n0 2 1\n", "t.txt"); }) == "t.txt:2: field 2 is '2', not a bit");
  CHECK(error_of([] { parse_labelled_bits("\n0 1 x\n", "t.txt"); }) == "t.txt:2: label 'x' is not a number below 65536");
  CHECK(error_of([] { parse_labelled_bits("0 1 70000\n", "t.txt"); }) == "t.txt:1: label 70000 is not below 65536");
  CHECK(error_of([] { parse_labelled_bits("1\n", "t.txt"); }) == "t.txt:1: a row needs at least one bit and a label");
  CHECK(error_of([] { parse_labelled_bits(" \n", "t.txt"); }) == "t.txt: no samples");
}

TEST_CASE("labelled CSV: a label column by position or header name, the same samples as rows", "[io][labelled][csv]") {
  const auto rows = parse_labelled_bits("0 1 1 3\n1 0 0 2\n", "t.txt");
  const auto plain = parse_labelled_csv("0,1,1,3\n1, 0 ,0,2\r\n", "t.csv");
  const auto named = parse_labelled_csv("a,\"class\",b,c\n0,3,1,1\n\n1,2,0,0\n", "t.csv", "class");
  const auto numbered = parse_labelled_csv("0,3,1,1\n1,2,0,0\n", "t.csv", "2");
  for (const auto* d : {&plain, &named, &numbered}) {
    CHECK(d->labels == rows.labels);
    REQUIRE(d->inputs.num_wires() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t s = 0; s < 2; ++s) CHECK(d->inputs.get(i, s) == rows.inputs.get(i, s));
    }
  }
}

TEST_CASE("labelled CSV: bad files name the file and line", "[io][labelled][csv][errors]") {
  CHECK(error_of([] { parse_labelled_csv("a,b,c\n0,1\n", "t.csv"); }) == "t.csv:2: expected 2 bits and a label, found 2 fields");
  CHECK(error_of([] { parse_labelled_csv("0,1,4\n0,x,1\n", "t.csv"); }) == "t.csv:2: field 2 is 'x', not a bit");
  CHECK(error_of([] { parse_labelled_csv("0,1,4\n", "t.csv", "4"); }) == "t.csv:1: label column 4 is not one of the 3 columns");
  CHECK(error_of([] { parse_labelled_csv("0,1,4\n", "t.csv", "0"); }) == "t.csv:1: label column 0 is not one of the 3 columns");
  CHECK(error_of([] { parse_labelled_csv("a,b\n0,1\n", "t.csv", "digit"); }) == "t.csv:1: no column is named 'digit'");
  CHECK(error_of([] { parse_labelled_csv("0,1\n", "t.csv", "digit"); }) == "t.csv:1: no header line names the columns");
  CHECK(error_of([] { parse_labelled_csv("a,b\n", "t.csv"); }) == "t.csv: no samples");
  CHECK(error_of([] { parse_labelled_csv("0 1 1\n", "t.csv"); }) == "t.csv:1: a row needs at least one bit and a label, separated by commas");
}

TEST_CASE("zip: stored and deflated members read back, bad archives are rejected", "[io][zip]") {
  const std::string rows = "0 1 1 0 1\n1 1 0 0 0\n0 0 0 1 9\n";
  for (bool deflated : {false, true}) {
    const auto path = temp_path(deflated ? "deflated.zip" : "stored.zip");
    write_file_atomic(path, make_zip({{"a.txt", "hello"}, {"rows.txt", rows}}, deflated));
    CHECK(list_zip_members(path) == std::vector<std::string>{"a.txt", "rows.txt"});
    CHECK(read_zip_member(path, "a.txt") == "hello");
    CHECK(read_zip_member(path, "rows.txt") == rows);
    const auto d = load_labelled_bits(path + ":rows.txt");
    CHECK(d.labels == std::vector<std::uint32_t>{1, 0, 9});
    CHECK(error_of([&] { read_zip_member(path, "b.txt"); }) == path + ": has no member 'b.txt'");
    std::filesystem::remove(path);
  }
  const auto path = temp_path("bad.zip");
  std::string zip = make_zip({{"a.txt", "hello"}}, false);
  zip[30 + 5] = 'j';  // the stored data of a.txt: "hello" → "jello"
  write_file_atomic(path, zip);
  CHECK(error_of([&] { read_zip_member(path, "a.txt"); }) == path + ": member 'a.txt' is corrupt (size or CRC-32 mismatch)");
  write_file_atomic(path, "not a zip archive at all, just text that is long enough");
  CHECK(error_of([&] { list_zip_members(path); }) == path + ": not a ZIP archive (no end-of-central-directory record)");
  write_file_atomic(path, zip.substr(zip.size() - 22));  // the end record alone: the directory is missing
  CHECK(error_of([&] { list_zip_members(path); }).find("truncated archive") != std::string::npos);
  std::filesystem::remove(path);
  CHECK(error_of([] { list_zip_members("/nonexistent/x.zip"); }).rfind("/nonexistent/x.zip", 0) == 0);
}

TEST_CASE("zip: a member's declared size is checked before its buffer is allocated", "[io][zip][errors]") {
  const auto path = temp_path("sizes.zip");
  const std::string data(5000, 'a');
  std::string zip = make_zip({{"a.txt", data}}, true);
  write_file_atomic(path, zip);
  CHECK(error_of([&] { read_zip_member(path, "a.txt", 4999); }) == path + ": member 'a.txt' declares 5000 bytes, more than the limit of 4999");
  // The central directory starts after the local header and data; its uncompressed size is at +24.
  const std::size_t central = zip.size() - 22 - (46 + 5);
  zip[central + 24] = zip[central + 25] = zip[central + 26] = '\xff';
  zip[central + 27] = '\x7f';  // declares 2 GiB from a few compressed bytes
  write_file_atomic(path, zip);
  CHECK(error_of([&] { read_zip_member(path, "a.txt", std::size_t{1} << 32); }).find("which no deflate stream gives") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("zip: the shared binarised MNIST archive, when present", "[io][zip][mnist]") {
  const std::string zip = std::string(BITLENS_SOURCE_DIR) + "/../shared/data/mnist/BinarizedMNISTData.zip";
  if (!std::filesystem::exists(zip)) {
    WARN("skipped: " << zip << " is not here");
    return;
  }
  const auto test = load_labelled_bits(zip + ":MNISTTest.txt");
  CHECK(test.inputs.num_wires() == 784);
  CHECK(test.inputs.num_samples() == 10000);
  CHECK(test.num_classes() == 10);
}

namespace {

// IDX bytes: big-endian magic and dimensions, then the data.
std::string idx_bytes(std::uint32_t magic, std::vector<std::uint32_t> dims, const std::string& data) {
  std::string s;
  dims.insert(dims.begin(), magic);
  for (std::uint32_t v : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
  }
  return s + data;
}

std::string gzip(const std::string& in) { return deflate_bytes(in, 16 + MAX_WBITS); }

}  // namespace

TEST_CASE("IDX images and labels, plain or gzip, as thermometer bits", "[io][idx]") {
  // Two 1 × 2 images: pixels (0, 200) and (100, 255); labels 7 and 3.
  const std::string images = idx_bytes(0x803, {2, 1, 2}, std::string("\x00\xc8\x64\xff", 4));
  const std::string labels = idx_bytes(0x801, {2}, std::string("\x07\x03", 2));
  const auto one = parse_idx(images, labels, "i", "l");
  REQUIRE(one.inputs.num_wires() == 2);
  CHECK(one.labels == std::vector<std::uint32_t>{7, 3});
  CHECK((one.image_rows == 1 && one.image_cols == 2));
  CHECK((!one.inputs.get(0, 0) && one.inputs.get(1, 0)));   // 0, 200 against 128
  CHECK((!one.inputs.get(0, 1) && one.inputs.get(1, 1)));   // 100, 255
  const auto three = parse_idx(images, labels, "i", "l", {.levels = 3});  // thresholds 64, 128, 192
  REQUIRE(three.inputs.num_wires() == 6);
  const bool expect[2][6] = {{false, false, false, true, true, true}, {true, false, false, true, true, true}};
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t i = 0; i < 6; ++i) CHECK(three.inputs.get(i, s) == expect[s][i]);
  }
  const auto dir = std::filesystem::temp_directory_path();
  const auto img = (dir / "bitlens_test-images-idx3-ubyte.gz").string(), lab = (dir / "bitlens_test-labels-idx1-ubyte").string();
  write_file_atomic(img, gzip(images));
  write_file_atomic(lab, labels);
  CHECK(idx_labels_path(img) == (dir / "bitlens_test-labels-idx1-ubyte.gz").string());
  const auto loaded = load_idx(img, lab);
  CHECK(loaded.inputs == one.inputs);
  CHECK(loaded.labels == one.labels);
  write_file_atomic(img, gzip(images).substr(0, 12));  // a truncated gzip stream
  CHECK(error_of([&] { load_idx(img, lab); }).find("truncated") != std::string::npos);
  std::filesystem::remove(img);
  std::filesystem::remove(lab);
}

TEST_CASE("IDX files that are wrong are rejected before allocating", "[io][idx][errors]") {
  const std::string labels = idx_bytes(0x801, {2}, std::string("\x07\x03", 2));
  CHECK(error_of([&] { parse_idx(idx_bytes(0x801, {2, 1, 2}, "abcd"), labels, "i", "l"); }).rfind("i: not an IDX images file", 0) == 0);
  CHECK(error_of([&] { parse_idx(idx_bytes(0x803, {2, 1, 2}, "abcd"), idx_bytes(0x803, {2}, "ab"), "i", "l"); }).rfind("l: not an IDX labels file", 0) == 0);
  CHECK(error_of([&] { parse_idx(idx_bytes(0x803, {4000000000U, 60000, 60000}, "abcd"), labels, "i", "l"); }).find("more than the file holds") != std::string::npos);
  CHECK(error_of([&] { parse_idx(idx_bytes(0x803, {3, 1, 2}, "abcdef"), labels, "i", "l"); }).rfind("l: has 2 labels for 3 images", 0) == 0);
  CHECK(error_of([&] { parse_idx(idx_bytes(0x803, {2, 1, 2}, "abcd"), idx_bytes(0x801, {2}, "a"), "i", "l"); }).find("truncated") != std::string::npos);
  CHECK(error_of([&] { parse_idx(idx_bytes(0x803, {0, 1, 2}, ""), labels, "i", "l"); }).find("no images") != std::string::npos);
  CHECK(idx_labels_path("data.txt").empty());
}
