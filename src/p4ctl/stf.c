/* STF parsing; see stf.h and ../shared/corpus/STF.md. One statement a line;
 * each line is scanned by hand, so that every error has an exact column. */
#include "stf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source_line.h"

/* The line being parsed. */
typedef struct {
    StfScript *script;
    const char *text; /* the line, without its comment */
    size_t len;
    size_t i;
    int line;
} Line;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        perror("p4ctl");
        abort();
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void stf_error(StfScript *script, StfPos pos, const char *fmt, ...)
{
    va_list ap;
    char buf[512];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    script->errors = xrealloc(script->errors, (script->nerrors + 1) * sizeof *script->errors);
    script->errors[script->nerrors].pos = pos;
    script->errors[script->nerrors].msg = xstrndup(buf, strlen(buf));
    script->nerrors++;
}

static StfPos pos_at(const Line *l, size_t i)
{
    return (StfPos){l->line, (int)i + 1};
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Characters that end a word. */
static bool is_sep(char c)
{
    return is_space(c) || c == '(' || c == ')' || c == ',';
}

static void skip_space(Line *l)
{
    while (l->i < l->len && is_space(l->text[l->i]))
        l->i++;
}

static bool at_end(Line *l)
{
    skip_space(l);
    return l->i >= l->len;
}

/* The next word (after spaces): its start and length; length 0 at the end
 * of the line or at a separator. */
static size_t next_word(Line *l, size_t *start)
{
    skip_space(l);
    *start = l->i;
    while (l->i < l->len && !is_sep(l->text[l->i]))
        l->i++;
    return l->i - *start;
}

/* Describe what stands at I for "found ..." messages. */
static void describe(const Line *l, size_t i, char *buf, size_t size)
{
    if (i >= l->len) {
        snprintf(buf, size, "end of line");
        return;
    }
    size_t n = 0;
    if (is_sep(l->text[i]))
        n = 1;
    else
        while (i + n < l->len && !is_sep(l->text[i + n]))
            n++;
    if (n > 40)
        snprintf(buf, size, "'%.37s...'", l->text + i);
    else
        snprintf(buf, size, "'%.*s'", (int)n, l->text + i);
}

static int expect_end(Line *l, const char *after)
{
    char what[64];
    if (at_end(l))
        return 0;
    describe(l, l->i, what, sizeof what);
    stf_error(l->script, pos_at(l, l->i), "unexpected %s after %s", what, after);
    return -1;
}

static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* TEXT[start..start+n): a number of a port, priority, index or count, in
 * decimal, 0x hex or 0b binary ('_' between digits). Returns 0; 1 when it
 * does not fit in 64 bits; -1 with the error recorded. */
static int parse_number(Line *l, size_t start, size_t n, uint64_t *out)
{
    const char *s = l->text + start;
    unsigned base = 10;
    size_t i = 0;
    bool overflow = false;
    *out = 0;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, i = 2;
    else if (n >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        base = 2, i = 2;
    if (i == n) {
        stf_error(l->script, pos_at(l, start + i), "missing digits after '%.2s'", s);
        return -1;
    }
    for (; i < n; i++) {
        int d = hex_nibble(s[i]);
        if (s[i] == '_' && i > 0)
            continue;
        if (d < 0 || d >= (int)base) {
            const char *name = base == 16 ? "hex" : base == 2 ? "binary" : "decimal";
            if (isprint((unsigned char)s[i]))
                stf_error(l->script, pos_at(l, start + i), "invalid %s digit '%c'", name, s[i]);
            else
                stf_error(l->script, pos_at(l, start + i), "invalid %s digit", name);
            return -1;
        }
        overflow |= *out > (UINT64_MAX - (uint64_t)d) / base;
        *out = *out * base + (uint64_t)d;
    }
    return overflow ? 1 : 0;
}

/* A number that fits in MAX. WHAT names it in messages. */
static int parse_uint(Line *l, const char *what, uint64_t max, uint64_t *out, StfPos *pos)
{
    size_t start, n = next_word(l, &start);
    char found[64];

    *pos = pos_at(l, start);
    if (n == 0) {
        describe(l, start, found, sizeof found);
        stf_error(l->script, *pos, "expected %s, found %s", what, found);
        return -1;
    }
    int r = parse_number(l, start, n, out);
    if (r < 0)
        return -1;
    if (r > 0 || *out > max) {
        stf_error(l->script, *pos, "%s %.*s is too large (at most %llu)", what, (int)n,
                  l->text + start, (unsigned long long)max);
        return -1;
    }
    return 0;
}

/* The packet bytes of `packet` (EXPECT false) or `expect` (true). */
static int parse_bytes(Line *l, StfStmt *st, bool expect)
{
    size_t cap = l->len + 2;
    StfBytes *b = &st->bytes;
    size_t first = l->len;

    b->data = xrealloc(NULL, cap / 2 + 1);
    b->care = xrealloc(NULL, cap / 2 + 1);
    memset(b->data, 0, cap / 2 + 1);
    memset(b->care, 0, cap / 2 + 1);
    for (; l->i < l->len; l->i++) {
        char c = l->text[l->i];
        int d;
        if (is_space(c))
            continue;
        if (st->exact_len) {
            stf_error(l->script, pos_at(l, l->i), "'$' must come last in an expect");
            return -1;
        }
        if (first == l->len)
            first = l->i;
        if (c == '$' && expect) {
            st->exact_len = true;
            continue;
        }
        if (c == '*' && expect) {
            b->nibbles++;
            continue;
        }
        d = hex_nibble(c);
        if (d < 0) {
            if (c == '*' || c == '$')
                stf_error(l->script, pos_at(l, l->i), "'%c' is only allowed in expect", c);
            else if (isprint((unsigned char)c))
                stf_error(l->script, pos_at(l, l->i), "invalid hex digit '%c' in packet data", c);
            else
                stf_error(l->script, pos_at(l, l->i), "invalid character in packet data");
            return -1;
        }
        size_t k = b->nibbles / 2;
        if (b->nibbles % 2 == 0) {
            b->data[k] = (uint8_t)(d << 4);
            b->care[k] = 0xf0;
        } else {
            b->data[k] |= (uint8_t)d;
            b->care[k] |= 0x0f;
        }
        b->nibbles++;
    }
    if (!expect && b->nibbles == 0) {
        stf_error(l->script, pos_at(l, l->len), "missing packet data");
        return -1;
    }
    if (!expect && b->nibbles % 2) {
        stf_error(l->script, pos_at(l, first), "packet data has an odd number of hex digits (%zu)",
                  b->nibbles);
        return -1;
    }
    if (expect && b->nibbles == 0 && !st->exact_len)
        st->any = true;
    return 0;
}

/* NAME:VALUE in TEXT[start..start+n), split at the last ':'. */
static int parse_field(Line *l, size_t start, size_t n, const char *what, StfField *f)
{
    const char *s = l->text + start;
    size_t colon = n;
    while (colon > 0 && s[colon - 1] != ':')
        colon--;
    memset(f, 0, sizeof *f);
    if (colon == 0) {
        stf_error(l->script, pos_at(l, start), "expected %s:VALUE, found '%.*s'", what, (int)n, s);
        return -1;
    }
    colon--;
    if (colon == 0) {
        stf_error(l->script, pos_at(l, start), "missing %s name before ':'", what);
        return -1;
    }
    if (colon + 1 == n) {
        stf_error(l->script, pos_at(l, start + n), "missing value after '%.*s:'", (int)colon, s);
        return -1;
    }
    f->name_pos = pos_at(l, start);
    f->value_pos = pos_at(l, start + colon + 1);
    f->name = xstrndup(s, colon);
    f->value = xstrndup(s + colon + 1, n - colon - 1);
    return 0;
}

/* ACTION(ARG:VALUE, ...) with the name already read. */
static int parse_action(Line *l, size_t name_start, size_t name_len, StfAction *a)
{
    char found[64];
    a->name = xstrndup(l->text + name_start, name_len);
    a->pos = pos_at(l, name_start);
    l->i++; /* ( */
    skip_space(l);
    if (l->i < l->len && l->text[l->i] == ')') {
        l->i++;
        return 0;
    }
    for (;;) {
        size_t start, n = next_word(l, &start);
        if (n == 0) {
            describe(l, start, found, sizeof found);
            stf_error(l->script, pos_at(l, start), "expected PARAM:VALUE, found %s", found);
            return -1;
        }
        StfField f;
        if (parse_field(l, start, n, "PARAM", &f) < 0)
            return -1;
        a->args = xrealloc(a->args, (a->nargs + 1) * sizeof *a->args);
        a->args[a->nargs++] = f;
        skip_space(l);
        if (l->i < l->len && l->text[l->i] == ',') {
            l->i++;
            continue;
        }
        if (l->i < l->len && l->text[l->i] == ')') {
            l->i++;
            return 0;
        }
        describe(l, l->i, found, sizeof found);
        stf_error(l->script, pos_at(l, l->i), "expected ',' or ')' in the arguments of '%s', found %s",
                  a->name, found);
        return -1;
    }
}

/* Whether the word TEXT[start..start+n) followed by `(` is a key name that
 * ends in "()" (such as hdr.h.isValid()), written NAME():VALUE. */
static bool call_key(const Line *l, size_t end)
{
    return end + 2 < l->len && l->text[end] == '(' && l->text[end + 1] == ')' &&
           l->text[end + 2] == ':';
}

static int parse_table_name(Line *l, StfStmt *st, const char *stmt)
{
    size_t start, n = next_word(l, &start);
    char found[64];
    if (n == 0) {
        describe(l, start, found, sizeof found);
        stf_error(l->script, pos_at(l, start), "expected a table name after '%s', found %s", stmt,
                  found);
        return -1;
    }
    st->table = xstrndup(l->text + start, n);
    st->table_pos = pos_at(l, start);
    return 0;
}

/* What may follow the action: `= ID`, ignored. */
static int parse_entry_id(Line *l)
{
    skip_space(l);
    if (l->i < l->len && l->text[l->i] == '=') {
        size_t start;
        l->i++;
        if (next_word(l, &start) == 0) {
            stf_error(l->script, pos_at(l, start), "expected an entry id after '='");
            return -1;
        }
    }
    return expect_end(l, "the action");
}

/* A key named by an expression with spaces (`h.a + h.b:5`, `h.a & MASK:1`:
 * p4info names such keys by their text): the words from START up to the
 * first that holds the ':', when no action comes first. On success *N
 * spans them all and the line is read past them. */
static bool key_with_spaces(Line *l, size_t start, size_t *n)
{
    size_t saved = l->i;
    for (;;) {
        size_t w, len = next_word(l, &w);
        if (len == 0 || (l->i < l->len && l->text[l->i] == '(' && !call_key(l, l->i)))
            break;   /* the end, or the action */
        if (memchr(l->text + w, ':', len)) {
            *n = w + len - start;
            return true;
        }
    }
    l->i = saved;
    return false;
}

static int parse_add(Line *l, StfStmt *st)
{
    char found[64];
    if (parse_table_name(l, st, "add") < 0)
        return -1;
    for (;;) {
        size_t start, n = next_word(l, &start);
        if (n == 0) {
            if (start < l->len && l->text[start] == '(')
                stf_error(l->script, pos_at(l, start), "missing action name before '('");
            else {
                describe(l, start, found, sizeof found);
                stf_error(l->script, pos_at(l, start),
                          "expected KEY:VALUE or ACTION(...), found %s", found);
            }
            return -1;
        }
        if (l->i < l->len && l->text[l->i] == '(' && !call_key(l, l->i)) {
            if (parse_action(l, start, n, &st->action) < 0)
                return -1;
            return parse_entry_id(l);
        }
        if (l->i < l->len && l->text[l->i] == '(') { /* NAME():VALUE */
            l->i += 2;
            while (l->i < l->len && !is_sep(l->text[l->i]))
                l->i++;
            n = l->i - start;
        }
        if (!memchr(l->text + start, ':', n)) {
            bool digits = true;
            for (size_t k = 0; k < n; k++)
                digits &= isdigit((unsigned char)l->text[start + k]) != 0;
            if (digits && !st->has_priority && st->nkeys == 0) {
                uint64_t prio;
                if (parse_number(l, start, n, &prio) != 0 || prio > UINT32_MAX) {
                    stf_error(l->script, pos_at(l, start), "priority %.*s is too large", (int)n,
                              l->text + start);
                    return -1;
                }
                st->has_priority = true;
                st->priority = (uint32_t)prio;
                st->priority_pos = pos_at(l, start);
                continue;
            }
            if (digits || !key_with_spaces(l, start, &n)) {   /* no name starts with a number */
                stf_error(l->script, pos_at(l, start),
                          "expected KEY:VALUE or ACTION(...), found '%.*s'", (int)n,
                          l->text + start);
                return -1;
            }
        }
        StfField f;
        if (parse_field(l, start, n, "KEY", &f) < 0)
            return -1;
        st->keys = xrealloc(st->keys, (st->nkeys + 1) * sizeof *st->keys);
        st->keys[st->nkeys++] = f;
    }
}

/* VALUE | FIELD:VALUE..., the rest of the line, into st->keys (a VALUE's
 * name NULL); WHAT names what precedes it in messages. */
static int parse_member(Line *l, StfStmt *st, const char *what)
{
    char found[64];
    for (;;) {
        size_t start, n = next_word(l, &start);
        if (n == 0) {
            if (st->nkeys)
                return expect_end(l, "the member");
            describe(l, start, found, sizeof found);
            stf_error(l->script, pos_at(l, start),
                      "expected VALUE or FIELD:VALUE after the %s, found %s", what, found);
            return -1;
        }
        StfField f;
        if (!memchr(l->text + start, ':', n)) {
            if (st->nkeys) {
                stf_error(l->script, pos_at(l, start), "expected FIELD:VALUE, found '%.*s'",
                          (int)n, l->text + start);
                return -1;
            }
            memset(&f, 0, sizeof f);
            f.value_pos = pos_at(l, start);
            f.value = xstrndup(l->text + start, n);
            st->keys = xrealloc(st->keys, sizeof *st->keys);
            st->keys[st->nkeys++] = f;
            return expect_end(l, "the member");
        }
        if (parse_field(l, start, n, "FIELD", &f) < 0)
            return -1;
        st->keys = xrealloc(st->keys, (st->nkeys + 1) * sizeof *st->keys);
        st->keys[st->nkeys++] = f;
    }
}

/* value_set_add SET VALUE | value_set_add SET FIELD:VALUE... */
static int parse_value_set_add(Line *l, StfStmt *st)
{
    if (parse_table_name(l, st, "value_set_add") < 0)
        return -1;
    return parse_member(l, st, "value set");
}

/* register_write NAME INDEX VALUE (or FIELD:VALUE... for a struct),
 * register_read NAME INDEX, register_reset NAME (BMv2's). The name goes in
 * table, as a value set's does. */
static int parse_register(Line *l, StfStmt *st, const char *stmt)
{
    uint64_t v;
    if (parse_table_name(l, st, stmt) < 0)
        return -1;
    if (st->kind == STF_REGISTER_RESET)
        return expect_end(l, "the register");
    if (parse_uint(l, "a register index", UINT32_MAX, &v, &st->index_pos) < 0)
        return -1;
    st->index = (uint32_t)v;
    if (st->kind == STF_REGISTER_READ)
        return expect_end(l, "the index");
    return parse_member(l, st, "index");
}

static int parse_setdefault(Line *l, StfStmt *st)
{
    char found[64];
    if (parse_table_name(l, st, "setdefault") < 0)
        return -1;
    size_t start, n = next_word(l, &start);
    if (n == 0 || l->i >= l->len || l->text[l->i] != '(') {
        describe(l, n ? l->i : start, found, sizeof found);
        if (n)
            stf_error(l->script, pos_at(l, l->i), "expected '(' after the action name, found %s",
                      found);
        else
            stf_error(l->script, pos_at(l, start), "expected ACTION(...), found %s", found);
        return -1;
    }
    if (parse_action(l, start, n, &st->action) < 0)
        return -1;
    return expect_end(l, "the action");
}

static int parse_check_counter(Line *l, StfStmt *st)
{
    static const struct {
        const char *text;
        StfOp op;
    } ops[] = {{"==", STF_OP_EQ}, {"!=", STF_OP_NE}, {"<=", STF_OP_LE},
               {">=", STF_OP_GE}, {"<", STF_OP_LT},  {">", STF_OP_GT}};
    char found[64];
    size_t start, n = next_word(l, &start);
    uint64_t v;
    StfPos pos;

    if (n == 0 || l->i >= l->len || l->text[l->i] != '(') {
        if (n == 0) {
            describe(l, start, found, sizeof found);
            stf_error(l->script, pos_at(l, start), "expected COUNTER(INDEX), found %s", found);
        } else {
            describe(l, l->i, found, sizeof found);
            stf_error(l->script, pos_at(l, l->i), "expected '(' after the counter name, found %s",
                      found);
        }
        return -1;
    }
    st->counter = xstrndup(l->text + start, n);
    st->counter_pos = pos_at(l, start);
    l->i++;
    if (parse_uint(l, "a counter index", UINT32_MAX, &v, &st->index_pos) < 0)
        return -1;
    st->index = (uint32_t)v;
    skip_space(l);
    if (l->i >= l->len || l->text[l->i] != ')') {
        describe(l, l->i, found, sizeof found);
        stf_error(l->script, pos_at(l, l->i), "expected ')' after the counter index, found %s",
                  found);
        return -1;
    }
    l->i++;
    n = next_word(l, &start);
    if (n == 7 && strncasecmp(l->text + start, "packets", 7) == 0) {
        st->count_kind = STF_COUNT_PACKETS;
        n = next_word(l, &start);
    } else if (n == 5 && strncasecmp(l->text + start, "bytes", 5) == 0) {
        st->count_kind = STF_COUNT_BYTES;
        n = next_word(l, &start);
    }
    size_t k;
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (n == strlen(ops[k].text) && memcmp(l->text + start, ops[k].text, n) == 0)
            break;
    if (k == sizeof ops / sizeof ops[0]) {
        describe(l, start, found, sizeof found);
        stf_error(l->script, pos_at(l, start),
                  "expected a comparison (==, !=, <, <=, >, >=), found %s", found);
        return -1;
    }
    st->op = ops[k].op;
    if (parse_uint(l, "a count", UINT64_MAX, &st->count, &pos) < 0)
        return -1;
    return expect_end(l, "the count");
}

/* mc_mgrp_create GROUP, mc_node_create RID PORT..., mc_node_associate
 * GROUP HANDLE (BMv2's numbers; their ranges are checked against the
 * program). */
static int parse_mc(Line *l, StfStmt *st)
{
    uint64_t v;
    if (st->kind == STF_MC_MGRP_CREATE || st->kind == STF_MC_NODE_ASSOCIATE) {
        if (parse_uint(l, "a multicast group", UINT32_MAX, &v, &st->group_pos) < 0)
            return -1;
        st->group = (uint32_t)v;
    }
    if (st->kind == STF_MC_NODE_ASSOCIATE) {
        if (parse_uint(l, "a node handle", UINT32_MAX, &v, &st->handle_pos) < 0)
            return -1;
        st->handle = (uint32_t)v;
    }
    if (st->kind == STF_MC_NODE_CREATE) {
        if (parse_uint(l, "a replication id", UINT32_MAX, &v, &st->rid_pos) < 0)
            return -1;
        st->rid = (uint32_t)v;
        do {
            StfPos pos;
            if (parse_uint(l, "a port number", UINT32_MAX, &v, &pos) < 0)
                return -1;
            st->ports = xrealloc(st->ports, (st->nports + 1) * sizeof *st->ports);
            st->ports_pos = xrealloc(st->ports_pos, (st->nports + 1) * sizeof *st->ports_pos);
            st->ports_pos[st->nports] = pos;
            st->ports[st->nports++] = (uint32_t)v;
        } while (!at_end(l));
        return 0;
    }
    return expect_end(l, st->kind == STF_MC_MGRP_CREATE ? "the group" : "the node handle");
}

/* mirroring_add SESSION PORT, mirroring_delete SESSION, mirroring_get
 * SESSION (BMv2's; ranges checked against the program). */
static int parse_mirroring(Line *l, StfStmt *st)
{
    uint64_t v;
    if (parse_uint(l, "a clone session", UINT32_MAX, &v, &st->session_pos) < 0)
        return -1;
    st->session = (uint32_t)v;
    if (st->kind == STF_MIRRORING_ADD_MC) {
        if (parse_uint(l, "a multicast group", UINT32_MAX, &v, &st->group_pos) < 0)
            return -1;
        st->group = (uint32_t)v;
        return expect_end(l, "the group");
    }
    if (st->kind != STF_MIRRORING_ADD)
        return expect_end(l, "the session");
    if (parse_uint(l, "a port number", UINT32_MAX, &v, &st->port_pos) < 0)
        return -1;
    st->port = (uint32_t)v;
    return expect_end(l, "the port");
}

static int parse_line(Line *l, StfStmt *st)
{
    size_t start, n = next_word(l, &start);
    const char *kw = l->text + start;
    uint64_t port;

    memset(st, 0, sizeof *st);
    st->pos = pos_at(l, start);
#define IS(word) (n == strlen(word) && strncasecmp(kw, word, n) == 0)
    if (IS("packet") || IS("expect")) {
        st->kind = IS("packet") ? STF_PACKET : STF_EXPECT;
        if (parse_uint(l, "a port number", UINT32_MAX, &port, &st->port_pos) < 0)
            return -1;
        st->port = (uint32_t)port;
        return parse_bytes(l, st, st->kind == STF_EXPECT);
    }
    if (IS("no_packet") || IS("wait")) {
        st->kind = IS("wait") ? STF_WAIT : STF_NO_PACKET;
        return expect_end(l, st->kind == STF_WAIT ? "'wait'" : "'no_packet'");
    }
    if (IS("remove")) {
        st->kind = STF_REMOVE_ALL;
        n = next_word(l, &start);
        if (n != 3 || strncasecmp(l->text + start, "all", 3) != 0) {
            char found[64];
            describe(l, start, found, sizeof found);
            stf_error(l->script, pos_at(l, start), "expected 'all' after 'remove', found %s",
                      found);
            return -1;
        }
        return expect_end(l, "'remove all'");
    }
    if (IS("add")) {
        st->kind = STF_ADD;
        return parse_add(l, st);
    }
    if (IS("value_set_add")) {
        st->kind = STF_VALUE_SET_ADD;
        return parse_value_set_add(l, st);
    }
    if (IS("register_write") || IS("register_read") || IS("register_reset")) {
        st->kind = IS("register_write")  ? STF_REGISTER_WRITE
                   : IS("register_read") ? STF_REGISTER_READ
                                         : STF_REGISTER_RESET;
        return parse_register(l, st, IS("register_write")  ? "register_write"
                                     : IS("register_read") ? "register_read"
                                                           : "register_reset");
    }
    if (IS("setdefault")) {
        st->kind = STF_SETDEFAULT;
        return parse_setdefault(l, st);
    }
    if (IS("check_counter")) {
        st->kind = STF_CHECK_COUNTER;
        return parse_check_counter(l, st);
    }
    if (IS("mc_mgrp_create") || IS("mc_node_create") || IS("mc_node_associate")) {
        st->kind = IS("mc_mgrp_create")   ? STF_MC_MGRP_CREATE
                   : IS("mc_node_create") ? STF_MC_NODE_CREATE
                                          : STF_MC_NODE_ASSOCIATE;
        return parse_mc(l, st);
    }
    if (IS("mirroring_add") || IS("mirroring_add_mc") || IS("mirroring_delete") ||
        IS("mirroring_get")) {
        st->kind = IS("mirroring_add")      ? STF_MIRRORING_ADD
                   : IS("mirroring_add_mc") ? STF_MIRRORING_ADD_MC
                   : IS("mirroring_delete") ? STF_MIRRORING_DELETE
                                            : STF_MIRRORING_GET;
        return parse_mirroring(l, st);
    }
#undef IS
    if (n == 0) {
        char found[64];
        describe(l, start, found, sizeof found);
        stf_error(l->script, st->pos, "expected a statement, found %s", found);
    } else {
        stf_error(l->script, st->pos, "unknown statement '%.*s'", (int)n, kw);
    }
    return -1;
}

static void free_field(StfField *f)
{
    free(f->name);
    free(f->value);
}

static void free_stmt(StfStmt *st)
{
    free(st->bytes.data);
    free(st->bytes.care);
    free(st->table);
    for (size_t i = 0; i < st->nkeys; i++)
        free_field(&st->keys[i]);
    free(st->keys);
    free(st->action.name);
    for (size_t i = 0; i < st->action.nargs; i++)
        free_field(&st->action.args[i]);
    free(st->action.args);
    free(st->counter);
    free(st->ports);
    free(st->ports_pos);
}

int stf_parse(const char *file, const char *text, size_t len, StfScript *script)
{
    memset(script, 0, sizeof *script);
    script->file = xstrndup(file, strlen(file));
    script->text = xstrndup(text, len);
    script->len = len;
    size_t pos = 0;
    int lineno = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        Line l = {script, text + pos, end - pos, 0, ++lineno};
        const char *hash = memchr(l.text, '#', l.len);
        if (hash)
            l.len = (size_t)(hash - l.text);
        if (!at_end(&l)) {
            l.i = 0;
            StfStmt st;
            if (parse_line(&l, &st) == 0) {
                script->stmts = xrealloc(script->stmts, (script->nstmts + 1) * sizeof *script->stmts);
                script->stmts[script->nstmts++] = st;
            } else {
                free_stmt(&st);
            }
        }
        pos = end + 1;
    }
    return script->nerrors ? -1 : 0;
}

int stf_parse_file(const char *path, StfScript *script)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    memset(script, 0, sizeof *script);
    if (!f)
        return -1;
    do {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = xrealloc(buf, cap);
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        free(buf);
        errno = e;
        return -1;
    }
    fclose(f);
    int r = stf_parse(path, buf, len, script);
    free(buf);
    return r;
}

void stf_free(StfScript *script)
{
    for (size_t i = 0; i < script->nstmts; i++)
        free_stmt(&script->stmts[i]);
    free(script->stmts);
    for (size_t i = 0; i < script->nerrors; i++)
        free(script->errors[i].msg);
    free(script->errors);
    free(script->file);
    free(script->text);
    memset(script, 0, sizeof *script);
}

void stf_print_errors(FILE *out, const StfScript *script)
{
    for (size_t i = 0; i < script->nerrors; i++) {
        const StfError *e = &script->errors[i];
        fprintf(out, "%s:%d:%d: error: %s\n", script->file, e->pos.line, e->pos.col, e->msg);
        source_line_show(out, script->text, script->len, e->pos.line, e->pos.col, e->pos.col);
    }
}

const char *stf_op_name(StfOp op)
{
    static const char *const names[] = {"==", "!=", "<", "<=", ">", ">="};
    return names[op];
}

bool stf_op_eval(StfOp op, uint64_t a, uint64_t b)
{
    switch (op) {
    case STF_OP_EQ: return a == b;
    case STF_OP_NE: return a != b;
    case STF_OP_LT: return a < b;
    case STF_OP_LE: return a <= b;
    case STF_OP_GT: return a > b;
    case STF_OP_GE: return a >= b;
    }
    return false;
}
