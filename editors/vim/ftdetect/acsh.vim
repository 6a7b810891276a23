" acsh scripts (generated from acsh's own tables by scripts/gen-editors: do not edit): *.acsh, and any file (a .cs one too,
" which Vim would take for C#) whose first line runs acsh: #!/usr/bin/env acsh
autocmd BufRead,BufNewFile *.acsh setfiletype acsh
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<acsh\>' | set filetype=acsh | endif
