// Translations of an image as input views.
#include "bitlens/learn/input_views.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {

std::vector<input_view> image_shifts(std::size_t rows, std::size_t cols, std::size_t bits_per_pixel, std::size_t max_shift) {
  if (rows == 0 || cols == 0 || bits_per_pixel == 0) throw std::invalid_argument("image_shifts: rows, columns and bits per pixel must be positive");
  if (rows > (std::size_t{1} << 31) / cols / bits_per_pixel) throw std::invalid_argument("image_shifts: the image has 2^31 bits or more");
  const auto span = static_cast<std::ptrdiff_t>(max_shift);
  std::vector<input_view> views;
  // The identity first, then the others in order of (dy, dx).
  std::vector<std::pair<std::ptrdiff_t, std::ptrdiff_t>> shifts{{0, 0}};
  for (std::ptrdiff_t dy = -span; dy <= span; ++dy) {
    for (std::ptrdiff_t dx = -span; dx <= span; ++dx) {
      if (dy != 0 || dx != 0) shifts.emplace_back(dy, dx);
    }
  }
  const auto r_max = static_cast<std::ptrdiff_t>(rows), c_max = static_cast<std::ptrdiff_t>(cols);
  for (const auto& [dy, dx] : shifts) {
    input_view v(rows * cols * bits_per_pixel, no_input);
    for (std::ptrdiff_t r = 0; r < r_max; ++r) {
      for (std::ptrdiff_t c = 0; c < c_max; ++c) {
        const std::ptrdiff_t sr = r - dy, sc = c - dx;
        if (sr < 0 || sr >= r_max || sc < 0 || sc >= c_max) continue;
        for (std::size_t j = 0; j < bits_per_pixel; ++j) {
          v[static_cast<std::size_t>(r * c_max + c) * bits_per_pixel + j] = static_cast<std::int32_t>(static_cast<std::size_t>(sr * c_max + sc) * bits_per_pixel + j);
        }
      }
    }
    views.push_back(std::move(v));
  }
  return views;
}

std::vector<input_view> with_mirror_images(std::vector<input_view> views, std::size_t rows, std::size_t cols, std::size_t bits_per_pixel) {
  const std::size_t count = views.size();
  for (std::size_t v = 0; v < count; ++v) {
    if (views[v].size() != rows * cols * bits_per_pixel) {
      throw std::invalid_argument("with_mirror_images: view " + std::to_string(v) + " has " + std::to_string(views[v].size()) +
                                  " entries, not rows x columns x bits per pixel");
    }
    input_view m(views[v].size());
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        for (std::size_t j = 0; j < bits_per_pixel; ++j) m[(r * cols + c) * bits_per_pixel + j] = views[v][(r * cols + cols - 1 - c) * bits_per_pixel + j];
      }
    }
    views.push_back(std::move(m));
  }
  return views;
}

void check_input_views(const std::vector<input_view>& views, std::size_t inputs, std::size_t bits) {
  for (std::size_t v = 0; v < views.size(); ++v) {
    if (views[v].size() != inputs) {
      throw std::invalid_argument("input view " + std::to_string(v) + " has " + std::to_string(views[v].size()) + " entries for " +
                                  std::to_string(inputs) + " inputs");
    }
    for (std::size_t i = 0; i < inputs; ++i) {
      const std::int32_t src = views[v][i];
      if (src != no_input && (src < 0 || static_cast<std::size_t>(src) >= bits)) {
        throw std::invalid_argument("input view " + std::to_string(v) + ": input " + std::to_string(i) + " reads bit " + std::to_string(src) +
                                    " of samples with " + std::to_string(bits));
      }
    }
  }
}

}  // namespace bitlens
