/* json.h - JSON text that is valid UTF-8 whatever the bytes it shows */
#ifndef KA_JSON_H
#define KA_JSON_H

#include "engine/buf.h"

/* s as a JSON string: '"' and '\' escaped, control characters as
 * \u00XX, bytes that are not valid UTF-8 as U+FFFD; NULL as null. */
int ka_json_str(struct ka_buf *b, const char *s);

/* "key": first (with a comma before it unless first). */
int ka_json_key(struct ka_buf *b, const char *key, int first);

#endif
