/* p4ctl digest list NAME; p4ctl digest watch NAME [DIGEST] [-c COUNT]:
 * the digests a v1model pipeline sends (digest<T>()), their fields, and
 * each digest as it comes, one line of named fields (a JSON object a line
 * with --json), until COUNT digests or a signal. See docs/p4ctl.1. */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "interrupt.h"


static const char *kind_name(const p4rt_digest_field_info *f)
{
    switch (f->kind) {
    case P4RT_DIGEST_BOOL: return "bool";
    case P4RT_DIGEST_ENUM: case P4RT_DIGEST_SERENUM: case P4RT_DIGEST_ERROR: return f->type_name;
    default: return f->is_signed ? "int" : "bit";
    }
}

static int list(Session *s, p4rt_pipeline *p, const char *pipeline)
{
    bool json = s->o->json;
    json_object *arr = json ? json_object_new_array() : NULL;
    size_t n = p4rt_digest_count(p);
    if (!json && !n)
        printf("pipeline %s sends no digests\n", pipeline);
    for (size_t i = 0; i < n; i++) {
        const char *name = p4rt_digest_name(p, i);
        p4rt_digest_info di;
        uint64_t lost = 0;
        int r = p4rt_digest_get_info(p, name, &di);
        if (r >= 0)
            r = p4rt_digest_lost(p, name, &lost);
        if (r < 0) {
            json_object_put(arr);
            return failed(s, pipeline, r);
        }
        json_object *o = json ? json_object_new_object() : NULL, *fields = NULL;
        if (json) {
            json_object_object_add(o, "name", json_object_new_string(di.name));
            json_object_object_add(o, "id", json_object_new_int64(di.id));
            json_object_object_add(o, "lost", json_object_new_uint64(lost));
            fields = json_object_new_array();
            json_object_object_add(o, "fields", fields);
            json_object_array_add(arr, o);
        } else {
            printf("%s (id 0x%08x, %llu lost):", di.name, di.id, (unsigned long long)lost);
        }
        for (uint32_t f = 0; f < di.nfields; f++) {
            p4rt_digest_field_info fi;
            if ((r = p4rt_digest_get_field(p, name, f, &fi)) < 0) {
                json_object_put(arr);
                return failed(s, pipeline, r);
            }
            if (json) {
                json_object *jf = json_object_new_object();
                json_object_object_add(jf, "name", json_object_new_string(fi.name));
                json_object_object_add(jf, "width", json_object_new_int64(fi.width));
                json_object_object_add(jf, "type", json_object_new_string(kind_name(&fi)));
                json_object_array_add(fields, jf);
            } else if (fi.kind == P4RT_DIGEST_BITS) {
                printf(" %s:%s<%u>", fi.name, kind_name(&fi), fi.width);
            } else {
                printf(" %s:%s", fi.name, kind_name(&fi));
            }
        }
        if (!json)
            putchar('\n');
    }
    if (json) {
        puts(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
                                                     JSON_C_TO_STRING_SPACED));
        json_object_put(arr);
    }
    return STATUS_OK;
}

typedef struct {
    bool json;
    unsigned long count, max; /* MAX 0: no limit */
} Watching;

/* Whether TEXT is a decimal number (JSON writes it as one). */
static bool is_decimal(const char *text)
{
    if (*text == '-')
        text++;
    if (!*text)
        return false;
    for (; *text; text++)
        if (*text < '0' || *text > '9')
            return false;
    return true;
}

static int on_digest(const p4rt_digest *d, void *ctx)
{
    Watching *w = ctx;
    if (w->json) {
        json_object *o = json_object_new_object(), *fields = json_object_new_object();
        json_object_object_add(o, "digest", json_object_new_string(d->digest));
        json_object_object_add(o, "fields", fields);
        for (size_t i = 0; i < d->nfields; i++) {
            const p4rt_digest_value *v = &d->fields[i];
            json_object *jv;
            if (v->kind == P4RT_DIGEST_BOOL)
                jv = json_object_new_boolean(v->value != 0);
            else if (v->kind == P4RT_DIGEST_BITS && is_decimal(v->text))
                jv = v->text[0] == '-' ? json_object_new_int64((int64_t)strtoll(v->text, NULL, 10))
                                       : json_object_new_uint64(v->value);
            else
                jv = json_object_new_string(v->text);
            json_object_object_add(fields, v->name, jv);
        }
        puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
    } else {
        fputs(d->digest, stdout);
        for (size_t i = 0; i < d->nfields; i++)
            printf(" %s=%s", d->fields[i].name, d->fields[i].text);
        putchar('\n');
    }
    fflush(stdout);
    w->count++;
    return w->max && w->count >= w->max ? 1 : 0;
}

static int watch(Session *s, p4rt_pipeline *p, const char *pipeline, const char *digest,
                 unsigned long max)
{
    Watching w = {.json = s->o->json, .max = max};
    int r;
    size_t count = p4rt_digest_count(p);
    if (!digest && !count) {
        fprintf(stderr, "p4ctl: %s%s: its program sends no digests\n", s->where, pipeline);
        return STATUS_FAIL;
    }
    for (size_t i = 0; i < (digest ? 1 : count); i++)
        if ((r = p4rt_digest_watch(p, digest ? digest : p4rt_digest_name(p, i), on_digest,
                                   &w)) < 0)
            return failed(s, pipeline, r);
    Interrupts saved;
    interrupt_catch(&saved);
    /* Scripts wait for this line: from here on digests are read. */
    fprintf(stderr, "p4ctl: watching %s%s of pipeline %s\n", digest ? "digest " : "",
            digest ? digest : "every digest", pipeline);
    r = 0;
    while (!interrupt_seen() && r >= 0 && !(w.max && w.count >= w.max))
        if ((r = p4rt_digest_poll(p, 100)) == -EINTR)
            r = 0;
    interrupt_restore(&saved);
    /* A pipeline unloaded or replaced (-ESTALE) ends the watch. */
    if (r < 0)
        return failed(s, pipeline, r);
    fprintf(stderr, "p4ctl: %lu digest%s\n", w.count, w.count == 1 ? "" : "s");
    return STATUS_OK;
}

int cmd_digest(Session *s, int argc, char **argv)
{
    int status = STATUS_OK;
    if (argc < 2)
        return usage(s, "digest needs a subcommand: list or watch");
    const char *sub = argv[1];
    bool is_watch = strcmp(sub, "watch") == 0;
    if (!is_watch && strcmp(sub, "list") != 0)
        return usage(s, "unknown digest subcommand '%s' (list or watch)", sub);
    if (is_watch ? argc != 3 && argc != 4 : argc != 3)
        return usage(s, "usage: digest %s", is_watch ? "watch NAME [DIGEST] [-c COUNT]"
                                                     : "list NAME");
    if (!is_watch && s->o->count)
        return usage(s, "-c is an option of digest watch, not of digest list");
    unsigned long max = 0; /* 0: no limit */
    if (s->o->count && (parse_number(s->o->count, UINT32_MAX, &max) < 0 || max == 0))
        return usage(s, "digest watch: -c takes a number of digests (1 or more), not '%s'",
                     s->o->count);
    p4rt_pipeline *p = session_pipeline(s, argv[2], &status);
    if (!p)
        return status;
    return is_watch ? watch(s, p, argv[2], argc == 4 ? argv[3] : NULL, max)
                    : list(s, p, argv[2]);
}
