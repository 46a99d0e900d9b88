# Compiler flags shared by every Blankett target: warnings, sanitizers and the Emscripten settings.

# blankett_warnings(target): the project's warning level, applied to our own code only.
function(blankett_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion)
  # GCC 12 warns about std::string's operator+ at -O2 and above (a false positive, GCC bug 105651).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(BLANKETT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(BLANKETT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(BLANKETT_FUZZ)
  # Coverage for libFuzzer everywhere; the fuzz targets themselves link with -fsanitize=fuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(EMSCRIPTEN)
  set(BLANKETT_WASM ON)
  # Programs run under node (tests, benchmarks, the command line) read files straight from the host.
  set(BLANKETT_WASM_NODE_LINK_FLAGS -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
  add_compile_options(-msimd128)
else()
  set(BLANKETT_WASM OFF)
endif()

# blankett_node_program(target): link flags for a wasm program that node runs from the command line.
function(blankett_node_program target)
  if(BLANKETT_WASM)
    target_link_options(${target} PRIVATE ${BLANKETT_WASM_NODE_LINK_FLAGS})
  endif()
endfunction()
