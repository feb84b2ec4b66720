# cmake -DOUT=FILE -P tests/cmake/check_recipes.cmake
# The Zephyr module (zephyr/CMakeLists.txt) and the ESP-IDF component branch
# of CMakeLists.txt evaluated with stand-ins for the SDKs' CMake functions
# (neither SDK is in Debian, so nothing is compiled): each stand-in writes
# what it was given to OUT, which tests/cmake/run_tests.py compares with
# cmake/asc_sources.cmake's lists. Catches a wrong variable, path or file
# list in the recipes; says nothing about the SDKs themselves.
get_filename_component(_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
file(WRITE "${OUT}" "")
macro(_rec what)
  foreach(_a ${ARGN})
    file(APPEND "${OUT}" "${what} ${_a}\n")
  endforeach()
endmacro()

# ---- Zephyr ----
function(zephyr_library_named)
  _rec(zephyr_library ${ARGN})
endfunction()
function(zephyr_library_sources)
  _rec(zephyr_source ${ARGN})
endfunction()
function(zephyr_include_directories)
  _rec(zephyr_include ${ARGN})
endfunction()
function(zephyr_library_include_directories)
  _rec(zephyr_private_include ${ARGN})
endfunction()
function(zephyr_library_link_libraries)
  _rec(zephyr_link ${ARGN})
endfunction()
function(zephyr_compile_definitions)
  _rec(zephyr_define ${ARGN})
endfunction()
set(CONFIG_ASC y)
set(CONFIG_ASC_ENABLE_V1 y)
set(ZEPHYR_CURRENT_MODULE_DIR "${_root}")
set(ASC_JSMN_DIR "${JSMN_DIR}")
include("${_root}/zephyr/CMakeLists.txt")
unset(ASC_ROOT)

# ---- ESP-IDF ----
function(idf_component_register)
  cmake_parse_arguments(A "" "" "SRCS;INCLUDE_DIRS;PRIV_INCLUDE_DIRS;REQUIRES" ${ARGN})
  _rec(idf_source ${A_SRCS})
  _rec(idf_include ${A_INCLUDE_DIRS})
  _rec(idf_private_include ${A_PRIV_INCLUDE_DIRS})
  _rec(idf_requires ${A_REQUIRES})
endfunction()
set(ESP_PLATFORM 1)
include("${_root}/CMakeLists.txt")
