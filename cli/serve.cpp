// `blankett serve`: reads the server's options (flags, environment, --config file) and runs it.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"
#include "config.h"
#include "serve.h"

namespace blankett::cli {

int run_serve(int argc, char** argv) {
  server::config cfg;
  std::string error;
  bool help = false;
  if (!server::load_config(argc, argv, cfg, error, help)) return usage_error(error, server::kServeHelp);
  if (help) {
    std::fputs(server::kServeHelp, stdout);
    return exit_valid;
  }
  return server::serve(cfg);
}

}  // namespace blankett::cli
