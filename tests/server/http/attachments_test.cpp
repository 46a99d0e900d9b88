// Attachments' names and types (server/http/attachments.cpp).
#include <gtest/gtest.h>

#include "http/attachments.h"

namespace blankett::server {
namespace {

TEST(attachments, the_type_comes_from_the_content) {
  EXPECT_EQ(sniff_media_type("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(sniff_media_type(std::string_view("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(sniff_media_type(std::string_view("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(sniff_media_type("MZ\x90"), "");
}

TEST(attachments, a_download_is_named_by_a_clean_stem_and_the_sniffed_type) {
  EXPECT_EQ(clean_file_name("remiss.pdf.bat", "application/pdf"), "remiss_pdf.pdf");
  EXPECT_EQ(clean_file_name("svar.hta", "application/pdf"), "svar.pdf");
  // U+202E RIGHT-TO-LEFT OVERRIDE would show "faktura" + "exe.pdf" reversed.
  EXPECT_EQ(clean_file_name("faktura\u202Efdp.exe", "application/pdf"), "fakturafdp.pdf");
  EXPECT_EQ(clean_file_name("bild.png", "image/jpeg"), "bild.jpg");
  EXPECT_EQ(clean_file_name("../../etc/bild.png", "image/png"), "bild.png");
  EXPECT_EQ(clean_file_name("C:\\Users\\anna\\Röntgen (ny).png", "image/png"), "Röntgen (ny).png");
  EXPECT_EQ(clean_file_name("sj\u200Bukintyg\uFEFF.pdf", "application/pdf"), "sjukintyg.pdf");
  EXPECT_EQ(clean_file_name("a;b\"c<d>e.pdf", "application/pdf"), "a_b_c_d_e.pdf");
  EXPECT_EQ(clean_file_name(".pdf", "application/pdf"), "pdf.pdf");
  EXPECT_EQ(clean_file_name("\u202E", "image/png"), "bilaga.png");
  EXPECT_EQ(clean_file_name(std::string(300, 'a') + ".pdf", "application/pdf"), std::string(100, 'a') + ".pdf");
  const std::string long_swedish = std::string(99, 'a') + "ö";  // ö is two bytes: it does not fit in 100
  EXPECT_EQ(clean_file_name(long_swedish + ".pdf", "application/pdf"), std::string(99, 'a') + ".pdf");
}

TEST(attachments, content_disposition_has_an_ascii_fallback_and_the_utf8_name) {
  EXPECT_EQ(content_disposition("bild.png"), "attachment; filename=\"bild.png\"; filename*=UTF-8''bild.png");
  EXPECT_EQ(content_disposition("Röntgen (ny).png"),
            "attachment; filename=\"R__ntgen (ny).png\"; filename*=UTF-8''R%C3%B6ntgen%20%28ny%29.png");
}

}  // namespace
}  // namespace blankett::server
