/* glibc_compat.c - the calls glibc 2.12 (EL6) names otherwise, for the
 * portable build only
 *
 * The portable binaries (make portable; the RPM make rpm builds) are
 * compiled against this machine's glibc headers and linked so that every
 * glibc symbol binds to a version glibc 2.12 has (scripts/glibc-stubs).
 * What has no such version gets its old name here; the binaries define
 * these for themselves only (nothing is exported: librpm and libselinux
 * keep calling the C library's own).  x86_64 only: _STAT_VER differs by
 * architecture. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

/* glibc before 2.33 has stat and its relatives as inline wrappers of
 * __xstat and the like, whose first argument is the struct's version:
 * _STAT_VER_LINUX 1 and _MKNOD_VER_LINUX 0 on x86_64 (sysdeps/unix/
 * sysv/linux/x86/bits/stat.h, glibc 2.12 to 2.32). */
#if defined(__x86_64__)
#define KA_STAT_VER 1
#define KA_MKNOD_VER 0
#endif  /* elsewhere: undefined, the build fails */

extern int __xstat(int ver, const char *path, struct stat *st);
extern int __lxstat(int ver, const char *path, struct stat *st);
extern int __fxstat(int ver, int fd, struct stat *st);
extern int __fxstatat(int ver, int dirfd, const char *path, struct stat *st,
    int flags);
extern int __xmknod(int ver, const char *path, mode_t mode, dev_t *dev);
/* secure_getenv's name before glibc 2.17; glibc 2.17 and later keep it
 * for old binaries only (not a default version), so name the version */
extern char *__secure_getenv(const char *name);
__asm__(".symver __secure_getenv,__secure_getenv@GLIBC_2.2.5");

int
stat(const char *restrict path, struct stat *restrict st)
{
	return __xstat(KA_STAT_VER, path, st);
}

int
lstat(const char *restrict path, struct stat *restrict st)
{
	return __lxstat(KA_STAT_VER, path, st);
}

int
fstat(int fd, struct stat *st)
{
	return __fxstat(KA_STAT_VER, fd, st);
}

int
fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
    int flags)
{
	return __fxstatat(KA_STAT_VER, dirfd, path, st, flags);
}

int
mknod(const char *path, mode_t mode, dev_t dev)
{
	return __xmknod(KA_MKNOD_VER, path, mode, &dev);
}

/* popt (linked statically) reads its environment through this */
char *
secure_getenv(const char *name)
{
	return __secure_getenv(name);
}

/* Constructors.  crt1.o of glibc 2.34 and later passes no init function
 * to __libc_start_main: the new __libc_start_main runs the program's
 * .init_array itself.  The old one (GLIBC_2.2.5, what the portable
 * binaries call) runs only the init function it is given, and glibc's
 * loader never runs the main program's own: on EL6 to EL9 nothing would
 * run .init_array.  So the link wraps __libc_start_main
 * (-Wl,--wrap=__libc_start_main) and gives it the init function older
 * crt1.o gave (__libc_csu_init's work: _init, then .init_array in
 * order).  Destructors need nothing: glibc's loader runs the main
 * program's .fini_array at exit in every release; the fini argument
 * (none from crt1.o) is passed on as it came.  On glibc 2.34 and later
 * the old entry point with an init function takes the same legacy path,
 * so the constructors run once everywhere. */
typedef void (*ka_init_fn)(int argc, char **argv, char **envp);

extern ka_init_fn __init_array_start[] __attribute__((visibility("hidden")));
extern ka_init_fn __init_array_end[] __attribute__((visibility("hidden")));
extern void _init(void);
extern int __real___libc_start_main(int (*main_fn)(int, char **, char **),
    int argc, char **argv, ka_init_fn init, void (*fini)(void),
    void (*rtld_fini)(void), void *stack_end);
int __wrap___libc_start_main(int (*main_fn)(int, char **, char **),
    int argc, char **argv, ka_init_fn init, void (*fini)(void),
    void (*rtld_fini)(void), void *stack_end);

static void
ka_run_constructors(int argc, char **argv, char **envp)
{
	/* the linker's bounds of one array, compared as addresses */
	size_t i, n = ((uintptr_t)__init_array_end -
	    (uintptr_t)__init_array_start) / sizeof(ka_init_fn);

	_init();
	for (i = 0; i < n; i++)
		__init_array_start[i](argc, argv, envp);
}

int
__wrap___libc_start_main(int (*main_fn)(int, char **, char **), int argc,
    char **argv, ka_init_fn init, void (*fini)(void),
    void (*rtld_fini)(void), void *stack_end)
{
	return __real___libc_start_main(main_fn, argc, argv,
	    init != NULL ? init : ka_run_constructors, fini, rtld_fini,
	    stack_end);
}
