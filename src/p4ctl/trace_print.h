/* How packet traces (libp4rt's p4rt_packet_trace) look: BMv2-like lines
 * of text, or a JSON object per packet. Shared by p4ctl trace, test
 * --trace and run --trace. */
#ifndef P4CTL_TRACE_PRINT_H
#define P4CTL_TRACE_PRINT_H

#include <stdio.h>

#include "p4rt.h"

struct json_object;

/* "packet 7: in on port 1, 60 bytes", then a line per step and the
 * verdict, each after INDENT (the first line too). */
void trace_print_text(FILE *out, const p4rt_packet_trace *t, const char *indent);
/* The verdict alone: "port 2", "drop", "multicast group 5", ... */
void trace_verdict_text(const p4rt_packet_trace *t, char *buf, size_t size);
/* Why a dropped packet was dropped, as far as the trace tells it:
 * "parser: error NoMatch in state start (prog.p4:20)", "after table
 * ingress.acl: hit -> ingress.drop (prog.p4:40)" (the last table applied:
 * code after it may have dropped the packet), else the verdict
 * ("XDP_DROP"). */
void trace_drop_reason(const p4rt_packet_trace *t, char *buf, size_t size);
/* The trace as a JSON object (the caller puts it). */
struct json_object *trace_json(const p4rt_packet_trace *t);

#endif
