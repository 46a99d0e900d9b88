// The PDF tests' reader: a PDF read back as a printer shows it (poppler-utils: pdftotext -layout,
// pdfinfo) and its first pages drawn as PNG files for a person to look at (pdftoppm).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace blankett::testing {

// What a command prints on stdout.
inline std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// The PDF in a temporary file (the test removes it), its text and its number of pages.
struct printed {
  std::string pdf_path, text;
  int pages = 0;
};

// `name` names the temporary file: "letter-phq9" is blankett-letter-phq9-<pid>.pdf.
inline printed read_pdf(const std::string& pdf, const std::string& name) {
  printed p;
  p.pdf_path = (std::filesystem::temp_directory_path() /
                ("blankett-" + name + "-" + std::to_string(getpid()) + ".pdf")).string();
  std::ofstream(p.pdf_path, std::ios::binary) << pdf;
  p.text = run("pdftotext -layout '" + p.pdf_path + "' -");
  std::smatch m;
  const std::string info = run("pdfinfo '" + p.pdf_path + "'");
  if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) p.pages = std::stoi(m[1]);
  return p;
}

// Pages 1 and 2 as PNG files in build/screenshots/ (<name>-1.png, <name>-2.png), and the whole PDF
// beside them (<name>.pdf) for the pages after.
inline void save_pages(const printed& p, const std::string& name) {
  const std::string folder = source_path("build/screenshots");
  std::filesystem::create_directories(folder);
  std::filesystem::copy_file(p.pdf_path, folder + "/" + name + ".pdf", std::filesystem::copy_options::overwrite_existing);
  const std::string cmd = "pdftoppm -r 60 -png -f 1 -l 2 '" + p.pdf_path + "' '" + folder + "/" + name + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// At least `at_least` pages, each with its footer "Sida i av N" and no more.
inline void expect_pages(const printed& p, int at_least = 1) {
  ASSERT_GE(p.pages, at_least);
  const std::string n = std::to_string(p.pages);
  EXPECT_TRUE(has(p.text, "Sida 1 av " + n + "\n")) << p.text;
  EXPECT_TRUE(has(p.text, "Sida " + n + " av " + n + "\n"));
  EXPECT_FALSE(has(p.text, "Sida " + std::to_string(p.pages + 1) + " av"));
}

// The server's workers make PDFs at the same time: `make` on four threads at once reads the same as
// made alone (and `check` holds for the one made alone).
inline void expect_same_on_threads(const std::function<std::string()>& make, const std::string& name,
                                   const std::string& check) {
  const printed alone = read_pdf(make(), name + "-alone");
  std::filesystem::remove(alone.pdf_path);
  ASSERT_TRUE(has(alone.text, check)) << alone.text;
  std::vector<std::string> pdfs(4);
  std::vector<std::thread> threads;
  for (auto& pdf : pdfs) threads.emplace_back([&make, &pdf] { pdf = make(); });
  for (auto& t : threads) t.join();
  for (size_t k = 0; k < pdfs.size(); ++k) {
    const printed p = read_pdf(pdfs[k], name + "-thread-" + std::to_string(k));
    EXPECT_EQ(p.text, alone.text) << k;
    std::filesystem::remove(p.pdf_path);
  }
}

}  // namespace blankett::testing
