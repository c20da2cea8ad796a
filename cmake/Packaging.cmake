# `cpack -G DEB` in the build folder makes ppar_<version>_<arch>.deb of what
# `cmake --install` installs: the plugin, the runtime (shared and static),
# ppar.h, ppar-cc, ppar.pc and the CMake package, under /usr. Every file
# finds the others relative to itself, so the unpacked tree
# (dpkg-deb -x ppar.deb DIR) works from DIR/usr too. See
# docs/build-integration.md.
set(PPAR_PACKAGE_CONTACT "ppar maintainers <maintainers@ppar.invalid>" CACHE STRING
  "Maintainer field of the .deb")

set(CPACK_PACKAGE_NAME ppar)
set(CPACK_PACKAGE_VENDOR ppar)
set(CPACK_PACKAGE_CONTACT "${PPAR_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Clang 19 plugin that parallelises annotated C (OpenMP, CUDA, task graphs)")
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "ppar rewrites C functions annotated with jit(parallel), vectorize,"
  "delayed or target=cuda into OpenMP loops, CUDA kernels compiled at run"
  "time with NVRTC, and lazy task graphs, then compiles the rewritten text in"
  "the same clang invocation. Without the plugin the same file is ordinary C"
  "with the same results."
  ""
  "This package holds the plugin, the runtime libppar_rt (shared and"
  "static), ppar.h, the ppar-cc compiler wrapper, a pkg-config file and a"
  "CMake package.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES OFF)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The plugin loads into clang-19 (PPAR_CLANG), and programs link LLVM's
# OpenMP runtime from its -dev package (libomp.so). libc, libstdc++ and
# isl's library (the plugin's) come from dpkg-shlibdeps when it is
# installed (dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "clang-${LLVM_VERSION_MAJOR}, libomp-${LLVM_VERSION_MAJOR}-dev")
find_program(PPAR_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PPAR_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libc6, libstdc++6, libisl23")
endif()
# A shlibs file for libppar_rt.so.0 and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

include(CPack)
