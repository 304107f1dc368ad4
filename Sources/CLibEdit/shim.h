// Fixed-argument wrappers around libedit's variadic el_set / el_get / history,
// which Swift cannot call directly.
#ifndef ANNOTATE_CLIBEDIT_SHIM_H
#define ANNOTATE_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stddef.h>
#include <time.h>

/* ppoll, a GNU extension that glibc declares only under _GNU_SOURCE: waits
   with a signal mask set for the wait alone, so that a signal blocked while
   its flag was looked at ends the wait instead of being lost before it. */
extern int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask);
static inline int ae_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask) {
  return ppoll(fds, nfds, timeout, mask);
}

typedef char *(*ae_prompt_fn)(EditLine *);
typedef unsigned char (*ae_editline_fn)(EditLine *, int);

static inline int ae_set_prompt_esc(EditLine *el, ae_prompt_fn fn, char esc) {
  return el_set(el, EL_PROMPT_ESC, fn, esc);
}
static inline int ae_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}
static inline int ae_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}
static inline int ae_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}
/* The completion function, added through the wide interface with static
   names: the narrow el_set(EL_ADDFN) copies both names and never frees them
   (libedit's own "XXX: The two strdup's leak"; LeakSanitizer found it). */
static inline int ae_add_complete_function(EditLine *el, ae_editline_fn fn) {
  return el_wset(el, EL_ADDFN, L"annotate-complete", L"Complete the word before the cursor", fn);
}
static inline int ae_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, (const char *)NULL);
}
static inline int ae_set_client_data(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}
static inline void *ae_client_data(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}
typedef int (*ae_getc_fn)(EditLine *, wchar_t *);
static inline int ae_set_getc(EditLine *el, ae_getc_fn fn) {
  return el_set(el, EL_GETCFN, fn);
}
static inline int ae_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

static inline int ae_history_set_size(History *h, int size) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, size);
}
static inline int ae_history_set_unique(History *h, int unique) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int ae_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}
static inline int ae_history_load(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_LOAD, path);
}
static inline int ae_history_save_fp(History *h, FILE *fp) {
  HistEvent ev;
  return history(h, &ev, H_SAVE_FP, fp);
}

#endif
