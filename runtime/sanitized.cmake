# Sanitised static builds of the runtime for the runtime tests, included by
# runtime/CMakeLists.txt when PPAR_BUILD_TESTS is on:
#   build/lib/libppar_rt_asan.a (ASan+UBSan), build/lib/libppar_rt_tsan.a.
# Built with the LLVM clang whatever CMAKE_C_COMPILER is (gcc's sanitizer
# runtimes do not mix with clang-compiled tests), hence custom commands.
# Each command makes its own output folder: Ninja would, Makefiles do not.
if(NOT PPAR_CLANG)
  set(PPAR_CLANG "/usr/lib/llvm-19/bin/clang")
endif()
find_program(PPAR_LLVM_AR llvm-ar HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)
if(CMAKE_ARCHIVE_OUTPUT_DIRECTORY)
  set(ppar_rt_libdir "${CMAKE_ARCHIVE_OUTPUT_DIRECTORY}")
else()
  set(ppar_rt_libdir "${CMAKE_BINARY_DIR}/lib")
endif()

set(ppar_rt_asan_flags -fsanitize=address,undefined -fno-omit-frame-pointer -g)
set(ppar_rt_tsan_flags -fsanitize=thread -g)

foreach(kind asan tsan)
  set(objs)
  foreach(src ${PPAR_RT_SOURCES})
    get_filename_component(base "${src}" NAME_WE)
    set(obj "${CMAKE_CURRENT_BINARY_DIR}/${kind}/${base}.o")
    add_custom_command(
      OUTPUT "${obj}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/${kind}"
      COMMAND "${PPAR_CLANG}" -std=gnu11 -fPIC -fvisibility=hidden
              -Wall -Wextra -Werror ${ppar_rt_${kind}_flags}
              "-I${PPAR_INCLUDE_DIR}" "-I${CMAKE_CURRENT_SOURCE_DIR}"
              -MD -MF "${obj}.d"
              -c "${CMAKE_CURRENT_SOURCE_DIR}/${src}" -o "${obj}"
      DEPENDS "${src}" ${PPAR_RT_HEADERS}
      DEPFILE "${obj}.d"
      COMMENT "Building ${kind} runtime object ${base}.o"
      VERBATIM)
    list(APPEND objs "${obj}")
  endforeach()
  set(lib "${ppar_rt_libdir}/libppar_rt_${kind}.a")
  add_custom_command(
    OUTPUT "${lib}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${ppar_rt_libdir}"
    COMMAND "${CMAKE_COMMAND}" -E rm -f "${lib}"
    COMMAND "${PPAR_LLVM_AR}" rcs "${lib}" ${objs}
    DEPENDS ${objs}
    COMMENT "Archiving ${lib}"
    VERBATIM)
  add_custom_target(ppar_rt_${kind} ALL DEPENDS "${lib}")
endforeach()
