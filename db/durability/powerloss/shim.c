/*
 * Power-loss test layer (LD_PRELOAD). For every file under $POWERLOSS_DIR it appends to
 * $POWERLOSS_LOG a record of each write, truncate and fsync, in order, before returning to the
 * caller. The writes still reach the real file (the process sees a normal disk); the test then
 * rebuilds "the disk after the power cut" from a snapshot plus only the records that an fsync
 * of that file made durable, and throws away every later, unsynced write (LazyFS's model).
 *
 * Record: u32 op, u32 path length, i64 offset, i64 length, path bytes, then data for writes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { OP_WRITE = 1, OP_SYNC = 2, OP_TRUNC = 3, OP_UNLINK = 4 };
#define MAX_FD 65536

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char prefix[4096];
static size_t prefix_len;
static int journal = -1;
static char *tracked[MAX_FD];

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_close)(int);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_unlink)(const char *);

static void init(void) {
  real_open = dlsym(RTLD_NEXT, "open");
  real_open64 = dlsym(RTLD_NEXT, "open64");
  real_close = dlsym(RTLD_NEXT, "close");
  real_write = dlsym(RTLD_NEXT, "write");
  real_pwrite = dlsym(RTLD_NEXT, "pwrite");
  real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
  real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
  real_unlink = dlsym(RTLD_NEXT, "unlink");
  const char *dir = getenv("POWERLOSS_DIR");
  const char *log = getenv("POWERLOSS_LOG");
  if (!dir || !log || strlen(dir) >= sizeof prefix - 2) return;
  strcpy(prefix, dir);
  prefix_len = strlen(prefix);
  if (prefix[prefix_len - 1] != '/') prefix[prefix_len++] = '/';
  journal = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static int is_tracked_path(const char *path) {
  return journal >= 0 && path && strncmp(path, prefix, prefix_len) == 0;
}

static void write_all(const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    ssize_t w = real_write(journal, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      abort(); /* a test layer that silently loses records would prove nothing */
    }
    p += w;
    n -= (size_t)w;
  }
}

/* Called with mu held. One record per call, written before the intercepted call returns. */
static void record(uint32_t op, const char *path, int64_t offset, const void *data, int64_t len) {
  uint32_t path_len = (uint32_t)strlen(path);
  size_t total = 24 + path_len + (op == OP_WRITE ? (size_t)len : 0);
  char *buf = malloc(total);
  if (!buf) abort();
  memcpy(buf, &op, 4);
  memcpy(buf + 4, &path_len, 4);
  memcpy(buf + 8, &offset, 8);
  memcpy(buf + 16, &len, 8);
  memcpy(buf + 24, path, path_len);
  if (op == OP_WRITE) memcpy(buf + 24 + path_len, data, (size_t)len);
  write_all(buf, total); /* one write(2) to an O_APPEND file in the common case */
  free(buf);
}

static void track(int fd, const char *path) {
  if (fd < 0 || fd >= MAX_FD || !is_tracked_path(path)) return;
  pthread_mutex_lock(&mu);
  free(tracked[fd]);
  tracked[fd] = strdup(path);
  pthread_mutex_unlock(&mu);
}

static void note_fd(int fd, uint32_t op, int64_t offset, const void *data, int64_t len) {
  if (fd < 0 || fd >= MAX_FD) return;
  pthread_mutex_lock(&mu);
  if (tracked[fd]) record(op, tracked[fd], offset, data, len);
  pthread_mutex_unlock(&mu);
}

static int fd_tracked(int fd) {
  if (fd < 0 || fd >= MAX_FD) return 0;
  pthread_mutex_lock(&mu);
  int t = tracked[fd] != NULL;
  pthread_mutex_unlock(&mu);
  return t;
}

#define MODE_ARG(flags, mode)            \
  mode_t mode = 0;                       \
  if ((flags) & (O_CREAT | O_TMPFILE)) { \
    va_list ap;                          \
    va_start(ap, flags);                 \
    mode = va_arg(ap, mode_t);           \
    va_end(ap);                          \
  }

int open(const char *path, int flags, ...) {
  pthread_once(&once, init);
  MODE_ARG(flags, mode);
  int fd = real_open(path, flags, mode);
  track(fd, path);
  return fd;
}

int open64(const char *path, int flags, ...) {
  pthread_once(&once, init);
  MODE_ARG(flags, mode);
  int fd = real_open64(path, flags, mode);
  track(fd, path);
  return fd;
}

int close(int fd) {
  pthread_once(&once, init);
  if (fd >= 0 && fd < MAX_FD) {
    pthread_mutex_lock(&mu);
    free(tracked[fd]);
    tracked[fd] = NULL;
    pthread_mutex_unlock(&mu);
  }
  return real_close(fd);
}

ssize_t write(int fd, const void *buf, size_t n) {
  pthread_once(&once, init);
  if (!fd_tracked(fd)) return real_write(fd, buf, n);
  off_t at = lseek(fd, 0, SEEK_CUR);
  ssize_t w = real_write(fd, buf, n);
  if (w > 0) note_fd(fd, OP_WRITE, at, buf, w);
  return w;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) {
  pthread_once(&once, init);
  ssize_t w = real_pwrite(fd, buf, n, offset);
  if (w > 0) note_fd(fd, OP_WRITE, offset, buf, w);
  return w;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t offset) {
  pthread_once(&once, init);
  ssize_t w = real_pwrite64(fd, buf, n, offset);
  if (w > 0) note_fd(fd, OP_WRITE, offset, buf, w);
  return w;
}

int fsync(int fd) {
  pthread_once(&once, init);
  int r = real_fsync(fd);
  if (r == 0) note_fd(fd, OP_SYNC, 0, NULL, 0);
  return r;
}

int fdatasync(int fd) {
  pthread_once(&once, init);
  int r = real_fdatasync(fd);
  if (r == 0) note_fd(fd, OP_SYNC, 0, NULL, 0);
  return r;
}

int ftruncate(int fd, off_t size) {
  pthread_once(&once, init);
  int r = real_ftruncate(fd, size);
  if (r == 0) note_fd(fd, OP_TRUNC, size, NULL, 0);
  return r;
}

int ftruncate64(int fd, off64_t size) {
  pthread_once(&once, init);
  int r = real_ftruncate64(fd, size);
  if (r == 0) note_fd(fd, OP_TRUNC, size, NULL, 0);
  return r;
}

int unlink(const char *path) {
  pthread_once(&once, init);
  int r = real_unlink(path);
  if (r == 0 && is_tracked_path(path)) {
    pthread_mutex_lock(&mu);
    record(OP_UNLINK, path, 0, NULL, 0);
    pthread_mutex_unlock(&mu);
  }
  return r;
}
