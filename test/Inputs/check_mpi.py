#!/usr/bin/env python3
"""Runs a ppar program under mpirun on 1, 2 and 4 ranks and compares what it
prints with the serial build's output (the oracle).

usage: check_mpi.py [--mpich] PLAIN PPAR [ARGS...]

--mpich: under MPICH's launcher (mpiexec.mpich, Hydra) instead of Open MPI's,
so that the runtime loads MPICH (its ABI: integer handles).

PLAIN is the program built without the plugin; PPAR the same source built with
it, also each call run where it is made (PPAR_DISABLE_JIT=1). Each run must exit with status 0 and print exactly what PLAIN printed (rank
0's output: the runtime sends the other ranks' to /dev/null). Open MPI is
started on this machine only: oversubscribed, run as root allowed, shared
memory between the ranks. Exit status 0 when every run matches."""
import os
import subprocess
import sys

# (ranks, threads per rank, more settings)
RUNS = [(1, 1, {}), (2, 1, {}), (4, 1, {}), (2, 2, {}),
        (2, 1, {"PPAR_DISABLE_JIT": "1"})]
TIMEOUT = 120


def mpirun(n):
    return ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(n),
            "--mca", "btl", "self,vader"]


def mpiexec_mpich(n):
    return ["mpiexec.mpich", "-n", str(n)]


def main():
    launcher, argv = mpirun, sys.argv[1:]
    if argv and argv[0] == "--mpich":
        launcher, argv = mpiexec_mpich, argv[1:]
    plain, prog, args = argv[0], argv[1], argv[2:]
    want = subprocess.run([plain] + args, capture_output=True, text=True,
                          timeout=TIMEOUT)
    if want.returncode != 0:
        print(f"serial build failed with status {want.returncode}:\n{want.stderr}")
        return 1
    base = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
               OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_rmaps_base_oversubscribe="1")
    bad = 0
    for ranks, threads, more in RUNS:
        env = dict(base, PPAR_NUM_THREADS=str(threads), **more)
        try:
            got = subprocess.run(launcher(ranks) + [prog] + args, capture_output=True,
                                 text=True, env=env, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"{ranks} ranks, {threads} threads {more}: no end after {TIMEOUT} s")
            bad += 1
            continue
        if got.returncode != 0 or got.stdout != want.stdout:
            print(f"{ranks} ranks, {threads} threads {more}: status {got.returncode}")
            print("--- serial output\n" + want.stdout + "--- distributed output\n"
                  + got.stdout + "--- stderr\n" + got.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
