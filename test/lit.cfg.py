# lit configuration of the ppar test suite. Paths come from lit.site.cfg.py.
import os
import shutil
import subprocess

import lit.formats

config.name = "ppar"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ppar_obj_root, "test")

# FileCheck, not, split-file come from LLVM's tools folder.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.bindir, config.environment.get("PATH", "")])
# Tests see neither the user's ppar settings nor a shared kernel cache.
for var in list(os.environ):
    if var.startswith("PPAR_") or var.startswith("OMP_"):
        config.environment.pop(var, None)

inc = os.path.join(config.ppar_src_root, "include")
rt_src = os.path.join(config.ppar_src_root, "runtime")
lib = config.libdir
omp_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")

# %cc_ppar: clang with the plugin; %cc_plain: the same clang without it.
# %link_rt: what a program built by either needs at link time.
config.substitutions.append(("%cc_ppar", f"{config.clang} -fplugin={config.plugin} -I{inc}"))
config.substitutions.append(("%cc_plain", f"{config.clang} -I{inc}"))
config.substitutions.append(("%gcc", f"{config.gcc} -I{inc}"))
config.substitutions.append(
    ("%link_rt", f"-L{lib} -lppar_rt -Wl,-rpath,{lib} -fopenmp -L{omp_dir} -Wl,-rpath,{omp_dir}"))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(("%clang", config.clang))
# %cxx_passes: compiles C++ of passes/ as the plugin's build does (tools tests).
config.substitutions.append(
    ("%cxx_passes", f"{config.clang} -x c++ -std=c++17 -fno-rtti "
     + " ".join("-isystem " + d for d in config.llvm_include_dirs.split(";") if d)))
config.substitutions.append(("%include", inc))
config.substitutions.append(("%rt_src", rt_src))
# Sanitised static builds of the runtime, for hand-written "generated" tests.
config.substitutions.append(("%rt_asan", os.path.join(lib, "libppar_rt_asan.a")))
config.substitutions.append(("%rt_tsan", os.path.join(lib, "libppar_rt_tsan.a")))
config.substitutions.append(("%python", config.python))
config.substitutions.append(
    ("%check_run", f"{config.python} " + os.path.join(config.test_source_root, "Inputs", "check_run.py")))
# %check_mpi PLAIN PPAR: PPAR under mpirun on 1, 2 and 4 ranks prints what PLAIN
# prints (test/dist); feature `mpi` when Open MPI's mpirun and library are here.
config.substitutions.append(
    ("%check_mpi", f"{config.python} " + os.path.join(config.test_source_root, "Inputs", "check_mpi.py")))
config.substitutions.append(
    ("%mpirun", "env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
     "mpirun --oversubscribe --bind-to none --mca btl self,vader"))
config.substitutions.append(("%timeout", "timeout"))
config.substitutions.append(
    ("%apply_fixits", f"{config.python} " + os.path.join(config.test_source_root, "Inputs", "apply_fixits.py")))
config.substitutions.append(
    ("%nvrtc_check", os.path.join(config.ppar_obj_root, "test", "tools", "ppar-nvrtc-check")))
config.substitutions.append(("%bindir", config.bindir))
config.substitutions.append(("%libdir", config.libdir))
config.substitutions.append(("%src_root", config.ppar_src_root))
# Build integration (test/tools): the wrapper, cmake, the build folder.
config.substitutions.append(("%ppar_cc", os.path.join(config.bindir, "ppar-cc")))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(
    ("%{cmake_generator}",
     f'-G "{config.cmake_generator}" "-DCMAKE_MAKE_PROGRAM={config.cmake_make_program}"'))
config.substitutions.append(("%obj_root", config.ppar_obj_root))
config.substitutions.append(
    ("%cpack", os.path.join(os.path.dirname(config.cmake), "cpack")))
# The OpenMP runtime at link time, for programs that name libppar_rt themselves.
config.substitutions.append(
    ("%link_omp", f"-fopenmp -L{omp_dir} -Wl,-rpath,{omp_dir}"))

# PolyBench/C (test/polybench): PPAR_POLYBENCH, else ../shared/polybench
# beside the source tree (os.environ: the variables dropped above are only
# dropped from the tests' environment).
polybench = os.environ.get("PPAR_POLYBENCH") or os.path.join(
    os.path.dirname(config.ppar_src_root), "shared", "polybench")
if os.path.exists(os.path.join(polybench, "run.sh")):
    config.available_features.add("polybench")
    config.substitutions.append(("%polybench", polybench))

if config.gcc and os.path.exists(config.gcc):
    config.available_features.add("gcc")

# csmith and its headers (Debian: csmith, libcsmith-dev) for test/difftest.
if shutil.which("csmith") and os.path.exists("/usr/include/csmith/csmith.h"):
    config.available_features.add("csmith")

# Open MPI (Debian: openmpi-bin, libopenmpi-dev) for test/dist: the runtime
# loads libmpi.so.40 itself, so only mpirun and the library must be here.
def _open_mpi_present():
    import ctypes
    try:
        ctypes.CDLL("libmpi.so.40")
    except OSError:
        return False
    return shutil.which("mpirun") is not None

if _open_mpi_present():
    config.available_features.add("mpi")
    # mpi-dev: programs that call MPI themselves build with mpicc's flags.
    if shutil.which("mpicc"):
        def _mpicc(what):
            return subprocess.run(["mpicc", "--showme:" + what], capture_output=True,
                                  text=True).stdout.strip()
        config.available_features.add("mpi-dev")
        config.substitutions.append(("%mpi_cflags", _mpicc("compile")))
        config.substitutions.append(("%mpi_libs", _mpicc("link")))

# MPICH (Debian: mpich, libmpich-dev), beside Open MPI or alone: test/dist runs
# its programs under mpiexec.mpich too (%check_mpich), where the runtime loads
# libmpich.so.12 and its ABI.
def _mpich_present():
    import ctypes
    try:
        ctypes.CDLL("libmpich.so.12")
    except OSError:
        return False
    return shutil.which("mpiexec.mpich") is not None

if _mpich_present():
    config.available_features.add("mpich")
    # Before %check_mpi, which would otherwise match its start.
    config.substitutions.insert(0, (
        "%check_mpich", f"{config.python} " + os.path.join(
            config.test_source_root, "Inputs", "check_mpi.py") + " --mpich"))
    config.substitutions.append(("%mpiexec_mpich", "mpiexec.mpich"))
    # mpich-dev: a program that calls MPI itself, built against MPICH.
    if shutil.which("mpicc.mpich"):
        def _mpich_flags(what, keep):
            words = subprocess.run(["mpicc.mpich", what], capture_output=True,
                                   text=True).stdout.split()
            return " ".join(w for w in words[1:] if w.startswith(keep))
        config.available_features.add("mpich-dev")
        config.substitutions.append(("%mpich_cflags", _mpich_flags("-compile-info", "-I")))
        config.substitutions.append(("%mpich_libs", _mpich_flags("-link-info", ("-L", "-l"))))

if shutil.which("pkg-config"):
    config.available_features.add("pkg-config")

# cpack -G DEB, and dpkg-deb to look inside the package.
if shutil.which("dpkg-deb") and os.path.exists(
        os.path.join(os.path.dirname(config.cmake), "cpack")):
    config.available_features.add("deb")

def _nvrtc_present():
    libdir = os.path.join(config.cuda_root, "lib64")
    return os.path.isdir(libdir) and any(
        f.startswith("libnvrtc.so") for f in os.listdir(libdir))

if _nvrtc_present():
    config.available_features.add("nvrtc")

def _gpu_present():
    smi = shutil.which("nvidia-smi")
    if not smi:
        return False
    try:
        return subprocess.run([smi, "-L"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False

if _gpu_present():
    config.available_features.add("cuda-gpu")
