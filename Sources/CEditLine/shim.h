// Non-variadic wrappers for libedit: Swift cannot call el_set/el_get/history,
// which take their arguments as C varargs.
#ifndef ACSH_CEDITLINE_SHIM_H
#define ACSH_CEDITLINE_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(*acsh_prompt_fn)(EditLine *);
typedef unsigned char (*acsh_command_fn)(EditLine *, int);

static inline int acsh_el_set_prompt(EditLine *el, acsh_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}

/// Text between two `esc` characters in the prompt is sent without being counted
/// (colour sequences), so the cursor column stays right.
static inline int acsh_el_set_prompt_esc(EditLine *el, acsh_prompt_fn fn, char esc) {
    return el_set(el, EL_PROMPT_ESC, fn, esc);
}

static inline int acsh_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// With 1, libedit restores the tty and re-raises around signals (SIGINT, SIGTSTP)
/// and re-reads the window size on SIGWINCH.
static inline int acsh_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int acsh_el_add_function(EditLine *el, const char *name, const char *help, acsh_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int acsh_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

static inline int acsh_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int acsh_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *acsh_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

typedef int (*acsh_getc_fn)(EditLine *, wchar_t *);

/// Replaces libedit's read of one character: ours also wakes on Ctrl-C,
/// which may be delivered to any thread of the process.
static inline int acsh_el_set_getc(EditLine *el, acsh_getc_fn fn) {
    return el_set(el, EL_GETCFN, fn);
}

static inline int acsh_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

static inline int acsh_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int acsh_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int acsh_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int acsh_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}

static inline int acsh_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}

/// The standard streams as values (Swift 6 rejects the C globals as shared mutable state).
static inline FILE *acsh_stdin(void) { return stdin; }
static inline FILE *acsh_stdout(void) { return stdout; }
static inline FILE *acsh_stderr(void) { return stderr; }

/// Non-ASCII input is dropped by libedit unless the C locale follows the environment.
static inline void acsh_setlocale_ctype(void) {
    setlocale(LC_CTYPE, "");
}

#endif
