// PCRE2's 8-bit library (Debian libpcre2-dev), for `find /REGEX/`: the
// functions are called by their `_8` names, as the width macros are C only.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
