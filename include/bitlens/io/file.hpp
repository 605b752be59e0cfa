// Whole-file reading and crash-safe writing: a writer never leaves a half-written file behind.
#pragma once

#include <string>
#include <string_view>

namespace bitlens {

/// The contents of `path`. Throws input_error ("path: cannot open …") when it cannot be read.
std::string read_text_file(const std::string& path);

/// Writes `contents` to a temporary file beside `path`, flushes it, then renames it over `path`,
/// so readers see either the old file or the whole new one. Throws std::runtime_error on failure
/// (and removes the temporary file).
void write_file_atomic(const std::string& path, std::string_view contents);

}  // namespace bitlens
