# The one pinned simdjson (the npm amalgamation from package-lock.json), built the same for native and wasm.
set(BLANKETT_SIMDJSON_DIR "${PROJECT_SOURCE_DIR}/node_modules/@nozbe/simdjson/src" CACHE PATH
    "Folder with simdjson.h and simdjson.cpp (installed by scripts/setup through npm ci)")
if(NOT EXISTS "${BLANKETT_SIMDJSON_DIR}/simdjson.cpp")
  message(FATAL_ERROR "simdjson amalgamation not found in ${BLANKETT_SIMDJSON_DIR}: run scripts/setup")
endif()

add_library(blankett_simdjson STATIC "${BLANKETT_SIMDJSON_DIR}/simdjson.cpp")
target_include_directories(blankett_simdjson SYSTEM PUBLIC "${BLANKETT_SIMDJSON_DIR}")
# The core never throws; simdjson reports errors as values there too.
target_compile_definitions(blankett_simdjson PUBLIC SIMDJSON_EXCEPTIONS=0)
# simdjson turns its thread support on by itself when _REENTRANT is defined (by -pthread, which some
# libraries' flags bring, pango's among them), and that changes the layout of dom::parser: one
# translation unit with -pthread and one without would disagree about the type and crash. Natively it
# is on for every target that uses simdjson; WebAssembly is built without threads.
if(NOT EMSCRIPTEN)
  target_compile_definitions(blankett_simdjson PUBLIC SIMDJSON_THREADS_ENABLED=1)
  find_package(Threads REQUIRED)
  target_link_libraries(blankett_simdjson PUBLIC Threads::Threads)
endif()
target_compile_options(blankett_simdjson PRIVATE -w)
set_target_properties(blankett_simdjson PROPERTIES POSITION_INDEPENDENT_CODE ON)
