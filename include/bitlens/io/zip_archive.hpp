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
/// Throws input_error when the member is missing, corrupt or uses an unsupported method.
std::string read_zip_member(const std::string& path, const std::string& name);

}  // namespace bitlens
