// Attachments (bilagor): what a file is by its content, its safe name, and the files of a form.
//
// The type comes from the first bytes, never from the name or the client's Content-Type; the name a
// download gets is built from a cleaned stem of the citizen's name and the extension of the sniffed
// type, so `remiss.pdf.bat` or a name with a right-to-left override cannot pose as something else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/form.h"
#include "http/message.h"
#include "simdjson.h"
#include "store/store.h"

namespace blankett::server {

// A file's media type from its first bytes (pdf, jpeg, png); empty when none of them.
std::string_view sniff_media_type(std::string_view bytes);
// The extension of a media type from sniff_media_type: ".pdf", ".jpg", ".png".
std::string_view media_extension(std::string_view media_type);
// The name a stored file is given: the citizen's name without folders and without its extension,
// cleaned (letters, digits, space, '-', '_', '(' and ')' are kept; other ASCII becomes '_'; control,
// format and bidirectional characters go), at most 100 bytes, "bilaga" when nothing is left, plus
// the extension of `media_type`.
std::string clean_file_name(std::string_view name, std::string_view media_type);
// Content-Disposition for a download of `name` (UTF-8): an ASCII fallback and RFC 5987 filename*.
std::string content_disposition(std::string_view name);

// Every attachment answer among `answers` (an object of item ids and values) must name, by "id", a
// file uploaded to this instance for that item, with the same media type and size; 400 otherwise.
void check_attachments(tx& t, const form& f, int64_t instance, simdjson::dom::object answers);

// Sends a stored file as a download (404 when there is none).
void send_attachment(const std::optional<attachment_file>& file, http::response& res);

// Whether the form has attachment questions at all (without any, there are no files to prune).
bool has_attachment_items(const form& f);

// The ids of the files that `answers` (a JSON object of item ids and values) names.
std::vector<int64_t> referenced_files(std::string_view answers);
// Removes the instance's files that `answers` no longer reference; with `items`, only files of those
// items (a page's questions) are considered.
void prune_attachments(tx& t, int64_t instance, const std::string& answers, const std::vector<std::string>* items = nullptr);

}  // namespace blankett::server
