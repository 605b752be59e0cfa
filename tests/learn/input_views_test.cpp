// Image translations as input views: the identity first, every shift once, pixels moved as a
// translation moves them and zero where the image is left behind.
#include "bitlens/learn/input_views.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace bitlens;

TEST_CASE("image_shifts translates every pixel, all its bits, by each shift once", "[learn][views]") {
  const std::size_t rows = 3, cols = 5, bits = 2;
  const auto views = image_shifts(rows, cols, bits, 1);
  REQUIRE(views.size() == 9);
  for (std::size_t i = 0; i < rows * cols * bits; ++i) CHECK(views[0][i] == static_cast<std::int32_t>(i));
  std::set<std::vector<std::int32_t>> distinct(views.begin(), views.end());
  CHECK(distinct.size() == 9);
  // Each view is a translation by some (dy, dx): find it from where pixel (1, 2) reads.
  for (const auto& v : views) {
    const std::int32_t centre = v[(1 * cols + 2) * bits];
    REQUIRE(centre != no_input);  // the middle pixel of a 3-row image always reads one within a shift of 1
    const auto dy = 1 - static_cast<std::ptrdiff_t>(centre / bits / cols), dx = 2 - static_cast<std::ptrdiff_t>(centre / bits % cols);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        const auto sr = static_cast<std::ptrdiff_t>(r) - dy, sc = static_cast<std::ptrdiff_t>(c) - dx;
        const bool inside = sr >= 0 && sr < static_cast<std::ptrdiff_t>(rows) && sc >= 0 && sc < static_cast<std::ptrdiff_t>(cols);
        for (std::size_t j = 0; j < bits; ++j) {
          const std::int32_t expected = inside ? static_cast<std::int32_t>((static_cast<std::size_t>(sr) * cols + static_cast<std::size_t>(sc)) * bits + j) : no_input;
          CHECK(v[(r * cols + c) * bits + j] == expected);
        }
      }
    }
  }
  CHECK(image_shifts(28, 28, 1, 2).size() == 25);
  CHECK(image_shifts(28, 28, 3, 0).size() == 1);
  CHECK_THROWS(image_shifts(0, 28, 1, 1));
  CHECK_THROWS(image_shifts(1 << 16, 1 << 16, 1, 1));
}

TEST_CASE("check_input_views names the view and input that do not fit", "[learn][views]") {
  CHECK_NOTHROW(check_input_views(image_shifts(2, 2, 1, 1), 4, 4));
  CHECK_THROWS_WITH(check_input_views(image_shifts(2, 2, 1, 1), 5, 4), Catch::Contains("view 0 has 4 entries for 5 inputs"));
  CHECK_THROWS_WITH(check_input_views({{0, 1, 7}}, 3, 4), Catch::Contains("input 2 reads bit 7"));
  CHECK_THROWS_WITH(check_input_views({{0, -2}}, 2, 4), Catch::Contains("reads bit -2"));
}

TEST_CASE("with_mirror_images adds each view mirrored left to right", "[learn][views]") {
  const auto shifts = image_shifts(2, 3, 2, 1);
  const auto views = with_mirror_images(shifts, 2, 3, 2);
  REQUIRE(views.size() == 2 * shifts.size());
  for (std::size_t v = 0; v < shifts.size(); ++v) CHECK(views[v] == shifts[v]);
  // The mirrored identity: pixel (r, c) reads pixel (r, 2 − c), both bits.
  const input_view mirror{4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7};
  CHECK(views[shifts.size()] == mirror);
  // Mirroring twice gives the views back.
  const auto twice = with_mirror_images({views[shifts.size() + 4]}, 2, 3, 2);
  CHECK(twice[1] == shifts[4]);
  CHECK_THROWS_WITH(with_mirror_images(shifts, 3, 3, 2), Catch::Contains("view 0 has 12 entries"));
}
