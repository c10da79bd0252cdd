# Sanitizer builds, each in its own build directory:
#   -DSCHEMAGATE_SANITIZE=ON   ASan + UBSan with g++ or clang; .ci/run builds the tests this way
#                              in build-asan and runs them with ASAN_OPTIONS=detect_leaks=1
#   -DSCHEMAGATE_FUZZ=ON       the libFuzzer targets in fuzz/ (clang only; fuzz/README.md)
# Any undefined behaviour aborts (-fno-sanitize-recover): a UBSan report fails the test or is a
# fuzzer crash, it is never a line in a log that nobody reads.
option(SCHEMAGATE_SANITIZE "build with AddressSanitizer and UBSan" OFF)
option(SCHEMAGATE_FUZZ "build the libFuzzer targets in fuzz/ (needs clang)" OFF)
set(schemagate_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
if(SCHEMAGATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SCHEMAGATE_FUZZ needs clang (CC=clang-14 CXX=clang++-14): libFuzzer is clang's")
  endif()
  # Every library gets coverage instrumentation; the targets link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link ${schemagate_sanitizers})
  add_link_options(-fsanitize=address,undefined)
elseif(SCHEMAGATE_SANITIZE)
  add_compile_options(${schemagate_sanitizers})
  add_link_options(-fsanitize=address,undefined)
endif()
