// ZIP reading: the end-of-central-directory record locates the central directory, whose entries
// give each member's method, sizes and local header; zlib inflates raw deflate streams.
#include "bitlens/io/zip_archive.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"

#include <zlib.h>

#include <cstdint>
#include <string_view>

namespace bitlens {
namespace {

constexpr std::uint32_t end_record_signature = 0x06054b50;
constexpr std::uint32_t central_signature = 0x02014b50;
constexpr std::uint32_t local_signature = 0x04034b50;

struct zip_entry {
  std::string name;
  std::uint16_t flags = 0, method = 0;
  std::uint32_t crc = 0, compressed = 0, uncompressed = 0, local_offset = 0;
};

class zip_reader {
 public:
  explicit zip_reader(const std::string& path) : path_(path), bytes_(read_text_file(path)) { read_directory(); }

  const std::vector<zip_entry>& entries() const noexcept { return entries_; }

  std::string extract(const zip_entry& e, std::size_t max_bytes) const {
    const std::size_t local = e.local_offset;
    need(local, 30, "local header of " + e.name);
    if (u32(local) != local_signature) fail("bad local header of member '" + e.name + "'");
    const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    need(data, e.compressed, "data of " + e.name);
    if ((e.flags & 1) != 0) fail("member '" + e.name + "' is encrypted");
    // The declared size sizes the output buffer, so it is checked first: deflate expands at most
    // 1032-fold, a stored member not at all, and no member may exceed the caller's limit.
    if (e.uncompressed > max_bytes) {
      fail("member '" + e.name + "' declares " + std::to_string(e.uncompressed) + " bytes, more than the limit of " + std::to_string(max_bytes));
    }
    if ((e.method == 0 && e.uncompressed != e.compressed) || std::uint64_t{e.uncompressed} > 1032ULL * e.compressed + 64) {
      fail("member '" + e.name + "' declares " + std::to_string(e.uncompressed) + " bytes from " + std::to_string(e.compressed) +
           " compressed bytes, which no deflate stream gives (corrupt header?)");
    }
    std::string out;
    if (e.method == 0) {
      out.assign(bytes_, data, e.compressed);
    } else if (e.method == 8) {
      out = inflate_raw(std::string_view(bytes_).substr(data, e.compressed), e.uncompressed, e.name);
    } else {
      fail("member '" + e.name + "' uses compression method " + std::to_string(e.method) + " (only stored and deflate are supported)");
    }
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
    if (out.size() != e.uncompressed || crc != e.crc) fail("member '" + e.name + "' is corrupt (size or CRC-32 mismatch)");
    return out;
  }

  [[noreturn]] void fail(const std::string& what) const { throw input_error(path_, 0, what); }

 private:
  std::uint16_t u16(std::size_t at) const {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes_[at]) | static_cast<unsigned char>(bytes_[at + 1]) << 8);
  }
  std::uint32_t u32(std::size_t at) const { return u16(at) | static_cast<std::uint32_t>(u16(at + 2)) << 16; }
  void need(std::size_t at, std::size_t n, const std::string& what) const {
    if (at > bytes_.size() || n > bytes_.size() - at) fail("truncated archive (" + what + ")");
  }

  void read_directory() {
    if (bytes_.size() < 22) fail("not a ZIP archive (too short)");
    // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
    std::size_t end = bytes_.size() - 22;
    const std::size_t lowest = bytes_.size() > 22 + 65535 ? bytes_.size() - 22 - 65535 : 0;
    while (u32(end) != end_record_signature) {
      if (end == lowest) fail("not a ZIP archive (no end-of-central-directory record)");
      --end;
    }
    const std::size_t count = u16(end + 10);
    std::size_t at = u32(end + 16);
    if (count == 0xffff || at == 0xffffffff) fail("ZIP64 archives are not supported");
    for (std::size_t i = 0; i < count; ++i) {
      need(at, 46, "central directory");
      if (u32(at) != central_signature) fail("bad central directory entry " + std::to_string(i));
      zip_entry e;
      e.flags = u16(at + 8);
      e.method = u16(at + 10);
      e.crc = u32(at + 16);
      e.compressed = u32(at + 20);
      e.uncompressed = u32(at + 24);
      e.local_offset = u32(at + 42);
      const std::size_t name_len = u16(at + 28);
      need(at + 46, name_len, "member name");
      e.name = bytes_.substr(at + 46, name_len);
      entries_.push_back(std::move(e));
      at += 46 + name_len + u16(at + 30) + u16(at + 32);
    }
  }

  std::string inflate_raw(std::string_view in, std::size_t expected, const std::string& name) const {
    std::string out(expected, '\0');
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) fail("zlib could not start inflating '" + name + "'");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    const std::size_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != expected) fail("member '" + name + "' does not inflate to its recorded size");
    return out;
  }

  std::string path_;
  std::string bytes_;
  std::vector<zip_entry> entries_;
};

}  // namespace

std::vector<std::string> list_zip_members(const std::string& path) {
  const zip_reader zip(path);  // named: a range-for over a temporary's member would dangle
  std::vector<std::string> names;
  for (const auto& e : zip.entries()) names.push_back(e.name);
  return names;
}

std::string read_zip_member(const std::string& path, const std::string& name, std::size_t max_bytes) {
  const zip_reader zip(path);
  for (const auto& e : zip.entries()) {
    if (e.name == name) return zip.extract(e, max_bytes);
  }
  zip.fail("has no member '" + name + "'");
}

}  // namespace bitlens
