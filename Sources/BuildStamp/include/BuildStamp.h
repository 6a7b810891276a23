#ifndef ACSH_BUILD_STAMP_H
#define ACSH_BUILD_STAMP_H

/// The git commit the binary was built from ("e42ee97 2026-12-01"; "e42ee97+changes ..." when Sources/
/// or Package.swift differed from it), or "unknown" when no script stamped the tree (a plain `swift build`).
const char *acsh_build_commit(void);

#endif
