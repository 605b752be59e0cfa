// libFuzzer entry point for one reader of bitlens, chosen at compile time by BITLENS_FUZZ_TARGET
// (see tests/fuzz/CMakeLists.txt). Every reader must turn any input into a result or an input_error
// ("file:line: …"); any other exception, a crash, a sanitizer report, a leak or an allocation over
// libFuzzer's -malloc_limit_mb is a finding.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/io/idx.hpp"
#include "bitlens/io/labelled_bits.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/io/rows.hpp"
#include "bitlens/io/truth_table.hpp"
#include "bitlens/io/zip_archive.hpp"
#include "bitlens/models/gate_classifier.hpp"
#include "bitlens/models/trained_network.hpp"
#include "../../src/cli/ring_dispatch.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace bitlens;

[[maybe_unused]] void read_circ(const std::string& text) {
  // As `bitlens eval` reads a circuit: the ring line picks the field, then the text is parsed over it.
  std::size_t line = 0;
  const std::string name = circ_ring_name(text, &line);
  if (name.empty()) {
    (void)parse_circ<z2>(text, "in.circ");
    return;
  }
  try {
    cli::with_ring(name, [&]<class R>(const R&) { return parse_circ<R>(text, "in.circ").num_nodes(); });
  } catch (const std::invalid_argument& e) {
    throw input_error("in.circ", line, e.what());  // as with_circ_file reports an unknown ring
  }
}

[[maybe_unused]] void read_rows(const std::string& text) {
  // The first byte picks the row width, the rest are rows of Z2 and of GF(65537) values.
  if (text.empty()) return;
  const std::size_t width = 1 + static_cast<unsigned char>(text[0]) % 8;
  (void)parse_rows(z2{}, std::string_view(text).substr(1), width, "in.txt");
  (void)parse_rows(*gf_p::from_name("GF(65537)"), std::string_view(text).substr(1), width, "in.txt");
}

[[maybe_unused]] void read_zip(const std::string& bytes) {
  // The ZIP reader reads a file: the input goes to one temporary file, rewritten for each run.
  static const std::string path = [] {
    char name[] = "/tmp/bitlens_fuzz_zip_XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    return std::string(name);
  }();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  for (const auto& member : list_zip_members(path)) (void)read_zip_member(path, member, std::size_t{1} << 24);
}

// Smaller limits than the defaults, so that the fuzzer spends its time in the readers' logic rather
// than in allocating up to the limit (the limits themselves are unit-tested); any allocation the
// limits do not govern still trips libFuzzer's -malloc_limit_mb.
[[maybe_unused]] constexpr table_limits fuzz_limits{.max_table_inputs = 20, .max_samples = std::size_t{1} << 20, .max_wires = std::size_t{1} << 16,
                                   .max_bytes = std::size_t{64} << 20};

void read_one(const std::string& text) {
#if BITLENS_FUZZ_TARGET == 1
  (void)parse_truth(text, "in.truth", fuzz_limits);
#elif BITLENS_FUZZ_TARGET == 2
  (void)parse_pla(text, "in.pla", fuzz_limits);
#elif BITLENS_FUZZ_TARGET == 3
  (void)parse_aiger(text, "in.aig");
#elif BITLENS_FUZZ_TARGET == 4
  (void)parse_blif(text, "in.blif");
#elif BITLENS_FUZZ_TARGET == 5
  read_circ(text);
#elif BITLENS_FUZZ_TARGET == 6
  read_rows(text);
#elif BITLENS_FUZZ_TARGET == 7
  (void)parse_labelled_bits(text, "in.txt");
#elif BITLENS_FUZZ_TARGET == 8
  (void)parse_gate_classifier(text, "in.bgc");
#elif BITLENS_FUZZ_TARGET == 9
  (void)parse_trained_network(text, "params.txt");
#elif BITLENS_FUZZ_TARGET == 10
  read_zip(text);
#elif BITLENS_FUZZ_TARGET == 11
  // The first two bytes say where the images file ends and the labels file begins; the third picks
  // the thermometer levels.
  if (text.size() < 3) return;
  const std::size_t cut = std::min<std::size_t>(text.size() - 3, static_cast<unsigned char>(text[0]) * 256U + static_cast<unsigned char>(text[1]));
  const std::string_view rest = std::string_view(text).substr(3);
  (void)parse_idx(rest.substr(0, cut), rest.substr(cut), "images", "labels", {.levels = 1U + static_cast<unsigned char>(text[2]) % 8U});
#elif BITLENS_FUZZ_TARGET == 12
  // The first line names the label column (empty: the last); the rest is the CSV.
  const auto nl = std::min(text.find('\n'), text.size());
  (void)parse_labelled_csv(std::string_view(text).substr(std::min(nl + 1, text.size())), "in.csv", text.substr(0, nl));
#else
#error "BITLENS_FUZZ_TARGET must name a reader (1-12)"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    read_one(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const bitlens::input_error&) {
    // the designed answer to bad input
  }
  return 0;
}
