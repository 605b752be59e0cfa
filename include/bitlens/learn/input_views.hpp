// Views of training samples (data augmentation): a view says, for every input of a network, which
// bit of a sample it reads — or a constant 0. Training that shows each sample through a view drawn
// at random (gate_relax_params::input_views) learns from shifted copies of images without storing
// them. image_shifts builds the views that translate an image by up to a few pixels, the classic
// augmentation for handwritten digits; with_mirror_images adds their left-right mirror images (for
// pictures of things, such as Fashion-MNIST's clothes, not for digits).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitlens {

/// A view: input i of the network reads bit view[i] of the sample, or 0 when it is no_input.
using input_view = std::vector<std::int32_t>;
inline constexpr std::int32_t no_input = -1;

/// The views that translate a rows × cols image by (dy, dx) for every |dy|, |dx| ≤ max_shift,
/// the identity first: input (r·cols + c)·bits_per_pixel + j reads bit j of pixel (r − dy, c − dx),
/// and 0 where that falls outside the image. Pixels are bits_per_pixel consecutive bits (the layout
/// of load_idx's thermometer code). Throws std::invalid_argument when rows, cols or bits_per_pixel
/// is 0, or the image has 2^31 bits or more.
std::vector<input_view> image_shifts(std::size_t rows, std::size_t cols, std::size_t bits_per_pixel, std::size_t max_shift);

/// The views followed by each of them mirrored left to right: input (r, c) of a mirrored view
/// reads what input (r, cols − 1 − c) of the original reads (all bits_per_pixel bits). Throws
/// std::invalid_argument when a view does not have rows × cols × bits_per_pixel entries.
std::vector<input_view> with_mirror_images(std::vector<input_view> views, std::size_t rows, std::size_t cols, std::size_t bits_per_pixel);

/// Checks that every view has `inputs` entries, each no_input or below `bits`; throws
/// std::invalid_argument naming the first that does not.
void check_input_views(const std::vector<input_view>& views, std::size_t inputs, std::size_t bits);

}  // namespace bitlens
