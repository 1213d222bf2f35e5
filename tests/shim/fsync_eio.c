/* fsync_eio.c - an LD_PRELOAD shim for tests: fsync() and fdatasync()
 * fail with EIO on ssh-keepalive's temp files (".NAME.ka-XXXXXX"), as on
 * a disk that could not keep the write; every other fd is flushed for
 * real.  Built by tests/bats/durability.bats. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int
is_temp(int fd)
{
	char link[64], path[4096];
	const char *base;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) < 0)
		return 0;
	path[n] = '\0';
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	return base[0] == '.' && strstr(base, ".ka-") != NULL;
}

int
fsync(int fd)
{
	if (is_temp(fd)) {
		errno = EIO;
		return -1;
	}
	return (int)syscall(SYS_fsync, fd);
}

int
fdatasync(int fd)
{
	if (is_temp(fd)) {
		errno = EIO;
		return -1;
	}
	return (int)syscall(SYS_fdatasync, fd);
}
