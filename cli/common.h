// Shared pieces of the `blankett` subcommands: arguments, files, today's date, output.
//
// Every subcommand writes machine-readable JSON on stdout and exits 0 (valid), 1 (invalid) or
// 2 (usage or input error); stderr gets one human line for exit 2.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "blankett/dates.h"
#include "blankett/diagnostic.h"
#include "blankett/json_writer.h"

namespace blankett::cli {

enum exit_code : int { exit_valid = 0, exit_invalid = 1, exit_usage = 2 };

// The options every subcommand understands, and its positional arguments.
struct common_options {
  bool help = false;
  bool compact = false;
  std::string language = "en";  // of diagnostic messages: sv or en
  std::optional<civil_date> today;
  std::vector<std::string> positional;
  std::vector<std::string> flags;  // subcommand-specific flags, as given ("--allow-interim")
  std::vector<std::pair<std::string, std::string>> values;  // subcommand-specific --key value pairs
};

// Parses argv after the subcommand name. `value_flags` lists subcommand options that take a value.
// Returns false (after printing the problem) on a usage error.
bool parse_options(int argc, char** argv, std::initializer_list<std::string_view> bool_flags,
                   std::initializer_list<std::string_view> value_flags, common_options& out);

bool has_flag(const common_options& o, std::string_view flag);
std::optional<std::string> value_of(const common_options& o, std::string_view key);

// The local date of the machine, unless --today was given.
civil_date today(const common_options& o);

// Reads a whole file; files larger than `limit` are not read (`too_big` is set and size reported).
struct file_read {
  bool ok = false;
  bool too_big = false;
  size_t size = 0;
  std::string data;
  std::string error;  // strerror text when not ok and not too big
};
file_read read_file(const std::string& path, size_t limit);

// Prints `json` plus a newline on stdout.
void print(const std::string& json);

// Exit-2 output: {"error": {code, message, file?, diagnostics?}} on stdout, the message on stderr.
int input_error(const common_options& o, std::string_view code, std::string_view message, std::string_view file,
                const std::vector<diagnostic>* diags = nullptr);

int usage_error(std::string_view message, std::string_view help);

}  // namespace blankett::cli
