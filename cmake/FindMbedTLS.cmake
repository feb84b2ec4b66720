# FindMbedTLS.cmake - mbedTLS for asc when no target carries it.
#
# 1. mbedTLS's own CMake package (3.x installs MbedTLSConfig.cmake), if any.
# 2. Otherwise headers + libraries (Debian's libmbedtls-dev 2.28 has no
#    CMake package): MbedTLS_ROOT or CMAKE_PREFIX_PATH can point at them.
#
# Defines MbedTLS::mbedcrypto, MbedTLS::mbedx509 (links mbedcrypto) and
# MbedTLS::mbedtls (links both), MbedTLS_FOUND, MbedTLS_VERSION.
# Installed next to ascConfig.cmake, which uses it the same way.
if(NOT MbedTLS_FIND_MODULE_ONLY)
  find_package(MbedTLS CONFIG QUIET)
  if(MbedTLS_FOUND AND TARGET MbedTLS::mbedtls)
    include(FindPackageHandleStandardArgs)
    find_package_handle_standard_args(MbedTLS CONFIG_MODE)
    return()
  endif()
endif()

find_path(MbedTLS_INCLUDE_DIR mbedtls/ssl.h)
find_library(MbedTLS_CRYPTO_LIBRARY NAMES mbedcrypto)
find_library(MbedTLS_X509_LIBRARY NAMES mbedx509)
find_library(MbedTLS_TLS_LIBRARY NAMES mbedtls)

set(MbedTLS_VERSION "")
foreach(_h build_info.h version.h)
  if(MbedTLS_INCLUDE_DIR AND EXISTS "${MbedTLS_INCLUDE_DIR}/mbedtls/${_h}" AND MbedTLS_VERSION STREQUAL "")
    file(STRINGS "${MbedTLS_INCLUDE_DIR}/mbedtls/${_h}" _v REGEX "^#define MBEDTLS_VERSION_STRING +\"[0-9.]+\"")
    if(_v)
      string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" MbedTLS_VERSION "${_v}")
    endif()
  endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MbedTLS
  REQUIRED_VARS MbedTLS_INCLUDE_DIR MbedTLS_CRYPTO_LIBRARY MbedTLS_X509_LIBRARY MbedTLS_TLS_LIBRARY
  VERSION_VAR MbedTLS_VERSION)

if(MbedTLS_FOUND AND NOT TARGET MbedTLS::mbedcrypto)
  add_library(MbedTLS::mbedcrypto UNKNOWN IMPORTED)
  set_target_properties(MbedTLS::mbedcrypto PROPERTIES IMPORTED_LOCATION "${MbedTLS_CRYPTO_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${MbedTLS_INCLUDE_DIR}")
  add_library(MbedTLS::mbedx509 UNKNOWN IMPORTED)
  set_target_properties(MbedTLS::mbedx509 PROPERTIES IMPORTED_LOCATION "${MbedTLS_X509_LIBRARY}"
                        INTERFACE_LINK_LIBRARIES MbedTLS::mbedcrypto)
  add_library(MbedTLS::mbedtls UNKNOWN IMPORTED)
  set_target_properties(MbedTLS::mbedtls PROPERTIES IMPORTED_LOCATION "${MbedTLS_TLS_LIBRARY}"
                        INTERFACE_LINK_LIBRARIES MbedTLS::mbedx509)
endif()
mark_as_advanced(MbedTLS_INCLUDE_DIR MbedTLS_CRYPTO_LIBRARY MbedTLS_X509_LIBRARY MbedTLS_TLS_LIBRARY)
