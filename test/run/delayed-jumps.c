// A statement that touches memory a pending task writes waits for the task
// first. When control can enter the statement at a label (a goto's target)
// or at a case of a switch, a wait placed before the whole statement would
// be jumped over: the waits go after the label instead. (Found by the
// csmith harness: a goto into a block that writes what a task still reads.)
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

static long cell = 1, sink, total;

#pragma ppar delayed
static long copy_cell(int k) {
  long v = cell;
  for (int i = 0; i < 200000; i++) // long enough for the caller to race
    v = (v * 31 + i) % 1000003;
  sink = v + k;
  return v;
}

static void after_goto(int n) {
  for (int r = 0; r < n; r++) {
    long *p = &cell;
    copy_cell(r); // a task: reads cell, writes sink
    if (r % 2 == 0)
      goto write;
    total += sink;
    {
    write:
      *p += 7; // must wait for the task reading cell
      total += sink;
    }
  }
}

static void in_switch(int n) {
  for (int r = 0; r < n; r++) {
    copy_cell(r);
    switch (r % 3) {
    case 0:
      cell = cell * 3 % 1000; // must wait for the task
      break;
    case 1: {
      total += sink;
      break;
    }
    default:
      total -= sink;
    }
  }
}

int main(void) {
  after_goto(6);
  in_switch(6);
  printf("cell=%ld sink=%ld total=%ld\n", cell, sink, total);
  return 0;
}
