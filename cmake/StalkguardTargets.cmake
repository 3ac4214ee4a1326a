# One helper call per target, so every target gets the same warnings and include root.

set(SG_WARNINGS -Wall -Wextra -Wpedantic -Wshadow)
if(STALKGUARD_WERROR)
  list(APPEND SG_WARNINGS -Werror)
endif()

set(STALKGUARD_SANITIZE "" CACHE STRING "Sanitizers for our targets, e.g. address,undefined")
set(SG_INSTRUMENT)
if(STALKGUARD_SANITIZE)
  list(APPEND SG_INSTRUMENT -fsanitize=${STALKGUARD_SANITIZE} -fno-omit-frame-pointer
       -fno-sanitize-recover=undefined)
endif()
if(STALKGUARD_FUZZ)
  list(APPEND SG_INSTRUMENT -fsanitize=fuzzer-no-link)
endif()

function(_sg_common target)
  target_compile_options(${target} PRIVATE ${SG_WARNINGS} ${SG_INSTRUMENT})
  target_link_options(${target} PUBLIC ${SG_INSTRUMENT})
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

# stalkguard_library(NAME SRCS a.cc b.cc DEPS x y [PRIVATE_DEPS z])
# Creates stalkguard_<NAME>; include paths start at src/.
function(stalkguard_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target stalkguard_${name})
  add_library(${target} STATIC ${ARG_SRCS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  _sg_common(${target})
endfunction()

# stalkguard_test(NAME SRCS a_test.cc DEPS x [LABELS unit])
function(stalkguard_test name)
  if(NOT STALKGUARD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SG_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SG_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
  _sg_common(${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  # Children the tests start (the stalkguard binary) inherit the suppressions too.
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT
    "TZ=UTC;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp")
endfunction()

# stalkguard_fuzzer(NAME SRCS f.cc DEPS x): a libFuzzer target, built only in the fuzz preset.
function(stalkguard_fuzzer name)
  if(NOT STALKGUARD_FUZZ)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  _sg_common(${name})
endfunction()
