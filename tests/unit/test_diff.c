/* test_diff.c - the unified diff of --dry-run: one hunk, 3 lines of
 * context, exact line numbers, a last line without its newline */
#include <string.h>

#include "engine/buf.h"
#include "engine/diff.h"
#include "tap.h"

static void
diff_is(const char *a, const char *b, const char *want, const char *what)
{
	struct ka_buf out = KA_BUF_INIT;

	ok(ka_diff_unified("f", a, strlen(a), b, strlen(b), &out) == 0,
	    "%s: no error", what);
	is_str(out.data != NULL ? out.data : "", want, "%s", what);
	ka_buf_free(&out);
}

int
main(void)
{
	diff_is("a\nb\n", "a\nb\n", "", "equal files: nothing");
	diff_is("", "x\n", "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+x\n",
	    "from an empty file");
	diff_is("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\nY\n6\n7\n8\n9\n",
	    "--- f\n+++ f\n@@ -2,7 +2,8 @@\n 2\n 3\n 4\n-5\n+X\n+Y\n 6\n 7\n 8\n",
	    "three lines of context each side, numbers from the first");
	diff_is("1\n2\n", "0\n1\n2\n", "--- f\n+++ f\n@@ -1,2 +1,3 @@\n+0\n 1\n 2\n",
	    "an insertion at the top");
	diff_is("a\nb", "a\nb\n", "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n"
	    "\\ No newline at end of file\n+b\n",
	    "a last line that gains its newline");
	diff_is("a\na\n", "a\n", "--- f\n+++ f\n@@ -1,2 +1,1 @@\n a\n-a\n",
	    "common start and end do not overlap");
	diff_is("x\r\ny\r\n", "x\r\nz\r\ny\r\n",
	    "--- f\n+++ f\n@@ -1,2 +1,3 @@\n x\r\n+z\r\n y\r\n",
	    "CRLF lines kept as they are");
	return tap_done();
}
