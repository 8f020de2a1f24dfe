/* Comparing packets with STF expectations (don't-care nibbles, exact
 * length) and showing the differences. No printing: text is returned. */
#ifndef P4CTL_PACKET_H
#define P4CTL_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stf.h"

/* Whether DATA (LEN bytes) matches EXP: every cared-for nibble equal, DATA
 * at least as long as EXP, and exactly as long when EXACT_LEN. */
bool pkt_matches(const StfBytes *exp, bool exact_len, const uint8_t *data, size_t len);

/* Expected and actual bytes, 32 bytes a row in groups of 4, each pair of
 * rows followed by a row with '^' under the nibbles that differ (including
 * missing and, when EXACT_LEN, extra ones). Every line starts with INDENT
 * and ends with '\n'. The caller frees the result. */
char *pkt_diff(const StfBytes *exp, bool exact_len, const uint8_t *data, size_t len,
               const char *indent);

/* EXP as STF writes it: hex in groups of 4 bytes, '*' for don't-care
 * digits, a final " $" when EXACT_LEN. The caller frees it. */
char *pkt_expected(const StfBytes *exp, bool exact_len);

/* DATA as hex in groups of 4 bytes; the caller frees it. */
char *pkt_hex(const uint8_t *data, size_t len);

#endif
