# cmake/asc_sources.cmake - the library's file lists for CMake-based builds
# (this project's CMakeLists.txt, the Zephyr module, the ESP-IDF component).
# The CMake twin of src/sources.mk and port/*/port.mk: the same rule (every
# src/*.c, one file per port), so a source added to src/ is picked up by
# both builds; tests/cmake/run_tests.py (make test) compares the lists and
# the jsmn hash with the Makefile's and fails on any difference. Include it with ASC_ROOT set to the repository root (it
# defaults to the directory above this file).
if(NOT DEFINED ASC_ROOT)
  get_filename_component(ASC_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

if(CMAKE_SCRIPT_MODE_FILE)
  file(GLOB ASC_SOURCES "${ASC_ROOT}/src/*.c")   # cmake -P (the source list test)
else()
  file(GLOB ASC_SOURCES CONFIGURE_DEPENDS "${ASC_ROOT}/src/*.c")
endif()
list(SORT ASC_SOURCES)
# src/tls.c is the only file that uses mbedTLS's SSL and X.509 API; the
# others need SHA-256 (and SHA-1 with V1) only.
set(ASC_TLS_SOURCES "${ASC_ROOT}/src/tls.c")
set(ASC_SIGNING_SOURCES ${ASC_SOURCES})
list(REMOVE_ITEM ASC_SIGNING_SOURCES ${ASC_TLS_SOURCES})
set(ASC_INCLUDE_DIRS "${ASC_ROOT}/include")

set(ASC_PORT_POSIX_SOURCES "${ASC_ROOT}/port/posix/asc_port_posix.c")
set(ASC_PORT_POSIX_INCLUDE_DIRS "${ASC_ROOT}/port/posix")
set(ASC_PORT_LWIP_SOCKETS_SOURCES "${ASC_ROOT}/port/lwip/asc_port_lwip_sockets.c")
set(ASC_PORT_LWIP_RAW_SOURCES "${ASC_ROOT}/port/lwip/asc_port_lwip_raw.c")
set(ASC_PORT_LWIP_INCLUDE_DIRS "${ASC_ROOT}/port/lwip")

# jsmn 1.1.0, the header the library is tested with (mk/deps.mk checks the
# same SHA-256): src/json.c includes "jsmn.h".
set(ASC_JSMN_SHA256 "1ed6154dedf009212a08a397e9c4ed50a0ce31d5a8301bb294e137ae3188c13b")
