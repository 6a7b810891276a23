#include "BuildStamp.h"

// commit.h is written by scripts/stamp-commit (gitignored) and rewritten only when the commit
// changes, so only this file recompiles then; a tree nobody stamped still builds.
#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef ACSH_COMMIT
#define ACSH_COMMIT "unknown"
#endif

const char *acsh_build_commit(void) { return ACSH_COMMIT; }
