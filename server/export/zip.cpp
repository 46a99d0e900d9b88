// Zip archives in memory through libzip (zip.h): an archive over a growing buffer source, read back
// once it is closed.
#include "export/zip.h"

#include <zip.h>

#include <cstdio>

namespace blankett::server {

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return {};
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!z) {
    zip_source_free(buffer);
    zip_error_fini(&error);
    return {};
  }
  zip_source_keep(buffer);  // closing the archive writes into it; we read it afterwards
  bool ok = true;
  for (const auto& [name, bytes] : files) {
    zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);  // the bytes outlive zip_close
    if (!s || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (s) zip_source_free(s);
      ok = false;
      break;
    }
  }
  if (!ok) {
    zip_discard(z);
    zip_source_free(buffer);
    return {};
  }
  if (zip_close(z) < 0) {
    zip_discard(z);
    zip_source_free(buffer);
    return {};
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    if (size > 0) {
      out.resize(static_cast<size_t>(size));
      if (zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) != size) out.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

std::optional<std::string> read_zip(const std::string& zip, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
  if (!src) return std::nullopt;
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&error);
    return std::nullopt;
  }
  std::optional<std::string> out;
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
      std::string bytes(static_cast<size_t>(st.size), '\0');
      if (zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size)) out = std::move(bytes);
      zip_fclose(f);
    }
  }
  zip_discard(z);  // frees the source too
  return out;
}

}  // namespace blankett::server
