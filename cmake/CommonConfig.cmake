# One INTERFACE target carries the language standard, warnings and Qt hygiene defines,
# so every library, program and test of the project is built the same way.
add_library(md_common INTERFACE)
add_library(MistralDesk::common ALIAS md_common)

target_compile_features(md_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(md_common INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  MD_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(md_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
  if(MD_WERROR)
    target_compile_options(md_common INTERFACE -Werror)
    target_compile_definitions(md_common INTERFACE _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
  endif()
elseif(MSVC)
  target_compile_options(md_common INTERFACE /W4 /permissive- /utf-8)
  if(MD_WERROR)
    target_compile_options(md_common INTERFACE /WX)
  endif()
endif()

option(MD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MD_SANITIZE)
  target_compile_options(md_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(md_common INTERFACE -fsanitize=address,undefined)
  # The code's own assertions are invariants the fuzzer should be able to break, as in CI.
  target_compile_definitions(md_common INTERFACE _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
endif()

# Fuzzing (tests/fuzz): every object file gets libFuzzer's coverage hooks and the sanitizers, so a
# bug deep inside md_core is reported where it happens; only the fuzz executables link libFuzzer's
# main (-fsanitize=fuzzer, in tests/fuzz/CMakeLists.txt). Recovery is off so that UBSan's findings
# abort and libFuzzer keeps the input, like ASan's.
if(MD_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MD_BUILD_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
  endif()
  target_compile_options(md_common INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(md_common INTERFACE -fsanitize=address,undefined)
  # The code's own assertions are invariants the fuzzer should be able to break, as in CI.
  target_compile_definitions(md_common INTERFACE _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
endif()
