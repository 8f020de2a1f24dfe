/* The second half of a gcc-style diagnostic: the offending source line and
 * a caret under the columns it is about. p4cc's diagnostics and p4ctl's
 * packet-test errors both print it. */
#ifndef P4CC_SOURCE_LINE_H
#define P4CC_SOURCE_LINE_H

#include <stddef.h>
#include <stdio.h>

/* Print line LINE (1-based) of TEXT (LEN bytes) and a caret line with '^'
 * under column COL and '~' under the columns up to LAST (both 1-based,
 * counting bytes). A line longer than 160 bytes is shown as 160 of them
 * around COL, "..." marking the cuts. Prints nothing when TEXT has no
 * such line. */
void source_line_show(FILE *out, const char *text, size_t len, int line, int col, int last);

#endif
