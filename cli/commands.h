// The subcommands of `blankett`: each takes the arguments after its name and returns the exit code.
#pragma once

namespace blankett::cli {

int run_check(int argc, char** argv);
int run_validate(int argc, char** argv);
int run_pnr(int argc, char** argv);
int run_render(int argc, char** argv);
// Native builds only (they need the server library).
int run_serve(int argc, char** argv);
int run_migrate_db(int argc, char** argv);
int run_purge_db(int argc, char** argv);

}  // namespace blankett::cli
