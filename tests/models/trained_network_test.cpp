// The parameter-file format of trained LUT networks: a round trip, and errors that name the line.
#include "bitlens/algebra/error.hpp"
#include "bitlens/models/trained_network.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;

TEST_CASE("a trained network's parameter file reads back as written", "[trained_network]") {
  trained_network t{parse_architecture("6:4,2"), bitvec::from_string("0110100111")};
  t.network.skip = true;
  t.network.wiring = wiring_kind::random;
  t.network.seed = 18446744073709551615ULL;
  const std::string text = format_trained_network(t);
  const auto back = parse_trained_network(text, "p.txt");
  CHECK(architecture_string(back.trained.network) == "6:4,2");
  CHECK(back.trained.network.skip);
  CHECK(back.trained.network.wiring == wiring_kind::random);
  CHECK(back.trained.network.seed == t.network.seed);
  CHECK(back.trained.bits == t.bits);
  CHECK(back.params_line == 6);  // after the comment and four keys
}

TEST_CASE("a bad parameter file is refused with its file and line", "[trained_network]") {
  const std::string ok = "arch 4:2\nparams 0101\n";
  CHECK_NOTHROW(parse_trained_network(ok, "p.txt"));
  CHECK_THROWS_WITH(parse_trained_network("arch 4:2\nwiring sideways\nparams 01\n", "p.txt"), Catch::Contains("p.txt:2:") && Catch::Contains("wiring"));
  CHECK_THROWS_WITH(parse_trained_network("arch 4:2\nparams 01x1\n", "p.txt"), Catch::Contains("p.txt:2:") && Catch::Contains("character 3"));
  CHECK_THROWS_WITH(parse_trained_network("arch 4:2\nseed -1\nparams 01\n", "p.txt"), Catch::Contains("p.txt:2:"));
  CHECK_THROWS_WITH(parse_trained_network("\n# c\ncolour red\n", "p.txt"), Catch::Contains("p.txt:3:") && Catch::Contains("unknown key"));
  CHECK_THROWS_AS(parse_trained_network("arch 4:2\n", "p.txt"), input_error);
}
