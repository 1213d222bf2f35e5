/* sshdbytes.c - an image's sshd release, read from its bytes, not run */
#include "sys/sshdbytes.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/verscan.h"
#include "sys/paths.h"
#include "sys/rootfs.h"

int
ka_release_from_bytes(const char *root, const char *path, struct ka_sshver *v)
{
	struct ka_verscan s;
	struct stat st;
	char buf[65536];
	long total = 0;
	ssize_t n;
	int fd, r = 0;

	if ((fd = ka_root_open(root, path, O_RDONLY | O_NONBLOCK |
	    O_CLOEXEC, NULL)) < 0)
		return fd;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOENT;   /* a fifo or a device is no sshd */
	}
	ka_verscan_init(&s);
	while (total < KA_SSHDBYTES_MAX &&
	    (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		ka_verscan_feed(&s, buf, (size_t)n);
		total += n;
	}
	close(fd);
	return r < 0 ? r : ka_verscan_result(&s, v);
}

int
ka_sshd_release_from_bytes(const char *root, struct ka_sshver *v)
{
	return ka_release_from_bytes(root, KA_PATH_SSHD, v);
}

int
ka_program_in_image(const char *root, const char *path)
{
	struct stat st;

	return ka_root_stat(root, path, 0, &st, NULL) == 0 &&
	    S_ISREG(st.st_mode);
}

int
ka_sshd_in_image(const char *root)
{
	return ka_program_in_image(root, KA_PATH_SSHD);
}
