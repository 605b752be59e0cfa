// Reading members of a ZIP archive (stored or deflated, as written by every common zip tool), so
// that datasets shipped zipped — binarised MNIST — are read in place, without unpacking to disk.
// ZIP64 archives and encrypted members are rejected with a clear error.
#pragma once

#include <string>
#include <vector>

namespace bitlens {

/// The names of the archive's members, in central-directory order.
/// Throws input_error ("path: …") when the file cannot be read or is not a ZIP archive.
std::vector<std::string> list_zip_members(const std::string& path);

/// The uncompressed contents of member `name` (its CRC-32 checked).
/// Throws input_error when the member is missing, corrupt, uses an unsupported method, or declares
/// more than `max_bytes` (default 1 GiB) or more than its compressed size can hold — checked before
/// any buffer is allocated.
std::string read_zip_member(const std::string& path, const std::string& name, std::size_t max_bytes = std::size_t{1} << 30);

}  // namespace bitlens
