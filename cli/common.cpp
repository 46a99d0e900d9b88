// Argument parsing, file reading, the clock and output for the command line.
#include "cli/common.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

#include "blankett/report.h"

namespace blankett::cli {

bool parse_options(int argc, char** argv, std::initializer_list<std::string_view> bool_flags,
                   std::initializer_list<std::string_view> value_flags, common_options& out) {
  for (int i = 0; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto need_value = [&](std::string& v) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "blankett: %.*s needs a value\n", static_cast<int>(a.size()), a.data());
        return false;
      }
      v = argv[++i];
      return true;
    };
    if (a == "-h" || a == "--help") {
      out.help = true;
    } else if (a == "--compact") {
      out.compact = true;
    } else if (a == "--lang") {
      if (!need_value(out.language)) return false;
      if (out.language != "sv" && out.language != "en") {
        std::fprintf(stderr, "blankett: --lang is sv or en\n");
        return false;
      }
    } else if (a == "--today") {
      std::string v;
      if (!need_value(v)) return false;
      auto d = parse_civil_date(v);
      if (!d) {
        std::fprintf(stderr, "blankett: --today is a date, YYYY-MM-DD\n");
        return false;
      }
      out.today = *d;
    } else if (std::find(bool_flags.begin(), bool_flags.end(), a) != bool_flags.end()) {
      out.flags.emplace_back(a);
    } else if (std::find(value_flags.begin(), value_flags.end(), a) != value_flags.end()) {
      std::string v;
      if (!need_value(v)) return false;
      out.values.emplace_back(std::string(a), v);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "blankett: unknown option %.*s (see --help)\n", static_cast<int>(a.size()), a.data());
      return false;
    } else {
      out.positional.emplace_back(a);
    }
  }
  return true;
}

bool has_flag(const common_options& o, std::string_view flag) {
  return std::find(o.flags.begin(), o.flags.end(), flag) != o.flags.end();
}

std::optional<std::string> value_of(const common_options& o, std::string_view key) {
  for (const auto& [k, v] : o.values)
    if (k == key) return v;
  return std::nullopt;
}

civil_date today(const common_options& o) {
  if (o.today) return *o.today;
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return civil_date{local.tm_year + 1900, static_cast<uint8_t>(local.tm_mon + 1), static_cast<uint8_t>(local.tm_mday)};
}

file_read read_file(const std::string& path, size_t limit) {
  file_read r;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    r.error = std::strerror(errno);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    r.error = "is a folder";
    return r;
  }
  r.size = static_cast<size_t>(st.st_size);
  if (r.size > limit) {
    r.too_big = true;
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.error = std::strerror(errno);
    return r;
  }
  r.data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (r.data.size() > limit) {  // grew while we read it
    r.too_big = true;
    r.size = r.data.size();
    r.data.clear();
    return r;
  }
  r.ok = true;
  return r;
}

void print(const std::string& json) {
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

int input_error(const common_options& o, std::string_view code, std::string_view message, std::string_view file,
                const std::vector<diagnostic>* diags) {
  std::string out;
  json_writer w(out, !o.compact);
  w.begin_object().key("error").begin_object();
  w.key("code").value(code);
  w.key("message").value(message);
  if (!file.empty()) w.key("file").value(file);
  if (diags) {
    w.key("diagnostics");
    write_diagnostics(*diags, o.language, w);
  }
  w.end_object().end_object();
  print(out);
  std::fprintf(stderr, "blankett: %.*s%s%.*s\n", static_cast<int>(file.size()), file.data(), file.empty() ? "" : ": ",
               static_cast<int>(message.size()), message.data());
  return exit_usage;
}

int usage_error(std::string_view message, std::string_view help) {
  std::fprintf(stderr, "blankett: %.*s\n\n%.*s", static_cast<int>(message.size()), message.data(),
               static_cast<int>(help.size()), help.data());
  return exit_usage;
}

}  // namespace blankett::cli
