/* test_json.c - JSON strings are valid UTF-8 whatever the bytes */
#include <stdlib.h>

#include "engine/buf.h"
#include "engine/json.h"
#include "tap.h"

static void
str_is(const char *in, const char *want, const char *what)
{
	struct ka_buf b = KA_BUF_INIT;

	ka_json_str(&b, in);
	is_str(b.data, want, "%s", what);
	ka_buf_free(&b);
}

int
main(void)
{
	str_is("600", "\"600\"", "plain ASCII as it is");
	str_is(NULL, "null", "NULL is null");
	str_is("", "\"\"", "an empty string");
	str_is("a\"b\\c", "\"a\\\"b\\\\c\"", "quote and backslash escaped");
	str_is("a\001b\nc\177", "\"a\\u0001b\\u000ac\\u007f\"",
	    "control characters and DEL as \\u00XX");
	str_is("\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x91",
	    "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x91\"",
	    "valid 2, 3 and 4 byte sequences kept");
	str_is("10\xffm", "\"10\xef\xbf\xbdm\"", "an invalid byte is U+FFFD");
	str_is("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"",
	    "an overlong form is two U+FFFD");
	str_is("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
	    "a surrogate is refused");
	str_is("\xf4\x90\x80\x80x", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbdx\"", "past U+10FFFF is refused");
	str_is("\xe2\x82", "\"\xef\xbf\xbd\"",
	    "a truncated sequence at the end is one U+FFFD");
	str_is("\xe2\x82x", "\"\xef\xbf\xbdx\"",
	    "a truncated sequence is one U+FFFD, the next byte kept");
	str_is("\x80", "\"\xef\xbf\xbd\"", "a lone continuation byte");
	return tap_done();
}
