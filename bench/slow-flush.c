/*
 * LD_PRELOAD'ed into `npm run bench -- heavy-tasks-slow-disk`'s child (bench/never-wait.ts): every fsync
 * and fdatasync waits SLOW_FLUSH_MS before it flushes, as on a kiosk-class disk (eMMC, an SD card, a
 * busy SSD). strace's delay injection does the same, but tracing alone made a CSV export of a year take
 * 31 s instead of 11 s with nothing delayed; this shim costs nothing but the wait.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void slow_flush(void) {
  const char *ms = getenv("SLOW_FLUSH_MS");
  long v = ms ? atol(ms) : 0;
  if (v <= 0) return;
  struct timespec t = {v / 1000, (v % 1000) * 1000000L};
  while (nanosleep(&t, &t) != 0) {
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  slow_flush();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  slow_flush();
  return real(fd);
}
